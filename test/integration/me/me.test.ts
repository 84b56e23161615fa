import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '../../../src/errors/catalog.js';
import { aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';

const NO_CHANNEL = { configured: false, phone_number: null };

function setup() {
  const { app } = testApp();
  const c = client(app);
  return { app, c, control: sim(app, c.key) };
}

describe('GET /v3/me with an organization key', () => {
  it('answers type organization with its live profiles, each with the key\'s role and settings', async () => {
    const { c, control } = setup();
    const sales = (await c.post('/v3/profiles', aProfile({ name: 'Sales Team', inherit_templates: true, inherit_tcr_brand: true }))).body.data;
    const gone = (await c.post('/v3/profiles', aProfile({ name: 'Gone' }))).body.data;
    expect((await c.delete(`/v3/profiles/${gone.id}`)).status).toBe(204);
    const tenant = await control.tenant();
    const res = await c.get('/v3/me');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      id: tenant.organization_id,
      type: 'organization',
      name: tenant.name,
      email: tenant.email,
      icon: null,
      description: null,
      created_at: expect.any(String),
      organization_id: null,
      short_name: null,
      status: null,
      settings: null,
      channels: { sms: { configured: true, phone_number: expect.stringMatching(/^\+1555\d{7}$/) }, whatsapp: { configured: true, phone_number: null, business_name: tenant.name }, rcs: NO_CHANNEL },
      profiles: [
        {
          id: sales.id,
          name: 'Sales Team',
          short_name: 'SALES',
          description: sales.description,
          icon: null,
          created_at: sales.created_at,
          role: 'owner',
          status: 'incomplete',
          // Contacts and templates are never inherited now (issue 22): those flags read false.
          settings: {
            allow_contact_sharing: false,
            allow_template_sharing: false,
            billing_model: 'profile',
            inherit_contacts: false,
            inherit_templates: false,
            inherit_tcr_brand: true,
            inherit_tcr_campaign: false,
          },
        },
      ],
    });
  });

  it('names as the organization\'s sms number the number its messages come from', async () => {
    const { app } = testApp();
    const c = client(app);
    const me = (await c.get('/v3/me')).body.data;
    const sent = (await c.post('/v3/messages', { to: ['+14155550133'], channel: ['sms'], text: 'Which number?' })).body.data;
    await sim(app, c.key).advance(10);
    const activities = (await c.get(`/v3/messages/${sent.recipients[0].message_id}/activities`)).body.data.activities as Array<{ status: string; from: string | null }>;
    expect(activities.find((a) => a.status === 'SENT')?.from).toBe(me.channels.sms.phone_number);
  });

  it("gives each profile the calling key's role", async () => {
    const { app, c, control } = setup();
    await c.post('/v3/profiles', aProfile());
    const billing = client(app, await control.keyFor('billing'));
    const res = await billing.get('/v3/me');
    expect(res.status).toBe(200);
    expect(res.body.data.profiles.map((p: { role: string }) => p.role)).toEqual(['billing']);
  });

  it('reports whatsapp not configured once the organization has no WABA', async () => {
    const { c, control } = setup();
    expect((await control.patchTenant({ whatsapp_business_account: false })).status).toBe(200);
    expect((await c.get('/v3/me')).body.data.channels.whatsapp).toEqual({ configured: false, phone_number: null, business_name: null });
  });
});

describe('GET /v3/me for a profile', () => {
  async function withProfile(overrides: Parameters<typeof aProfile>[0] = {}) {
    const s = setup();
    const profile = (await s.c.post('/v3/profiles', aProfile(overrides))).body.data;
    const key = client(s.app, await s.control.keyFor('developer', profile.id));
    return { ...s, profile, key };
  }

  it('answers type profile with organization_id, short_name, status and settings, and no profiles', async () => {
    const { key, profile, control } = await withProfile({ description: 'Sales department sender profile' });
    const tenant = await control.tenant();
    const res = await key.get('/v3/me');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      id: profile.id,
      type: 'profile',
      name: 'Sales Team',
      email: tenant.email,
      icon: null,
      description: 'Sales department sender profile',
      created_at: profile.created_at,
      organization_id: tenant.organization_id,
      short_name: 'SALES',
      status: 'incomplete',
      settings: {
        allow_contact_sharing: false,
        allow_template_sharing: false,
        billing_model: 'profile',
        inherit_contacts: false,
        inherit_templates: false,
        inherit_tcr_brand: false,
        inherit_tcr_campaign: false,
      },
      // No WhatsApp account of its own, and none is inherited (issue 22).
      channels: { sms: NO_CHANNEL, whatsapp: { configured: false, phone_number: null, business_name: null }, rcs: NO_CHANNEL },
      profiles: [],
    });
  });

  it('is what an organization key gets with x-profile-id, which is echoed', async () => {
    const { c, key, profile } = await withProfile();
    const scoped = await c.get('/v3/me').set('x-profile-id', profile.id);
    expect(scoped.headers['x-profile-id']).toBe(profile.id);
    expect(scoped.body.data).toEqual((await key.get('/v3/me')).body.data);
  });

  it('shows the sending numbers set on the profile', async () => {
    const { c, key, profile } = await withProfile({ whatsapp_business_account: { waba_id: '123456789012345', access_token: 'EAAG-secret' } });
    const patched = await c.patch(`/v3/profiles/${profile.id}`, { sending_phone_number: '+14155550100', whatsapp_phone_number: '+14155550101' });
    expect(patched.status).toBe(200);
    expect((await key.get('/v3/me')).body.data.channels).toMatchObject({
      sms: { configured: true, phone_number: '+14155550100' },
      whatsapp: { configured: true, phone_number: '+14155550101' },
      rcs: NO_CHANNEL,
    });
  });

  it('borrows no number through sending_phone_number_profile_id, which is ignored now (issue 22)', async () => {
    const { c, key, profile } = await withProfile();
    const other = (await c.post('/v3/profiles', aProfile({ name: 'Numbers' }))).body.data;
    await c.patch(`/v3/profiles/${other.id}`, { sending_phone_number: '+14155550150', whatsapp_phone_number: '+14155550151' });
    expect((await c.patch(`/v3/profiles/${profile.id}`, { sending_phone_number_profile_id: other.id, sending_whatsapp_number_profile_id: other.id })).status).toBe(200);
    expect((await key.get('/v3/me')).body.data.channels).toEqual({
      sms: NO_CHANNEL,
      whatsapp: { configured: false, phone_number: null, business_name: null },
      rcs: NO_CHANNEL,
    });
  });

  it('names its own WABA after the profile, whatever the organization has; without one, no WhatsApp', async () => {
    const own = await withProfile({ name: 'Own WABA', whatsapp_business_account: { waba_id: '123456789012345', access_token: 'EAAG-secret' } });
    expect((await own.key.get('/v3/me')).body.data.channels.whatsapp).toEqual({ configured: true, phone_number: null, business_name: 'Own WABA' });
    expect((await own.control.patchTenant({ whatsapp_business_account: false })).status).toBe(200);
    expect((await own.key.get('/v3/me')).body.data.channels.whatsapp.configured).toBe(true);

    const none = await withProfile();
    expect((await none.control.tenant()).organization.whatsapp_business_account).not.toBeNull();
    expect((await none.key.get('/v3/me')).body.data.channels.whatsapp).toEqual({ configured: false, phone_number: null, business_name: null });
  });

  it('follows the profile: status and name changes show at once', async () => {
    const { c, key, profile } = await withProfile();
    await c.patch(`/v3/profiles/${profile.id}`, { name: 'Renamed', short_name: 'RENAMED' });
    expect((await key.get('/v3/me')).body.data).toMatchObject({ name: 'Renamed', short_name: 'RENAMED' });
  });

  it('answers 404 RESOURCE_014 once the profile is deleted', async () => {
    const { c, key, profile } = await withProfile();
    await c.delete(`/v3/profiles/${profile.id}`);
    const res = await key.get('/v3/me');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'RESOURCE_014', message: ERROR_CATALOG.RESOURCE_014.message });
    expect((await c.get('/v3/me').set('x-profile-id', profile.id)).status).toBe(404);
  });
});
