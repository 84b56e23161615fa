import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { aBrand, aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';

const PROFILE_KEYS = [
  'id', 'organization_id', 'name', 'email', 'icon', 'description', 'short_name', 'status', 'created_at', 'updated_at',
  'allow_contact_sharing', 'allow_template_sharing', 'inherit_contacts', 'inherit_templates', 'inherit_tcr_brand',
  'inherit_tcr_campaign', 'billing_model', 'sending_phone_number_profile_id', 'sending_whatsapp_number_profile_id',
  'sending_phone_number', 'whatsapp_phone_number', 'allow_number_change_during_onboarding', 'waba_id', 'billing_contact', 'brand',
];

describe('POST /v3/profiles', () => {
  it('creates an incomplete profile with Sent’s defaults, answers 201 and GET returns the same', async () => {
    const { app } = testApp();
    const c = client(app);
    const res = await c.post('/v3/profiles', { name: 'Sales Team' });
    expect(res.status).toBe(201);
    const profile = res.body.data;
    expect(Object.keys(profile)).toEqual(PROFILE_KEYS);
    const tenant = await sim(app, c.key).tenant();
    expect(profile).toMatchObject({
      name: 'Sales Team',
      organization_id: tenant.organization_id,
      status: 'incomplete',
      allow_contact_sharing: false,
      allow_template_sharing: false,
      inherit_contacts: false,
      inherit_templates: false,
      inherit_tcr_brand: false,
      inherit_tcr_campaign: false,
      billing_model: 'profile',
      // Never inherited (Sent, 2026-11): no WhatsApp account of its own, none at all.
      waba_id: null,
      brand: null,
      billing_contact: null,
      updated_at: null,
    });
    const read = await c.get(`/v3/profiles/${profile.id}`);
    expect(read.status).toBe(200);
    expect(read.body.data).toEqual(profile);
  });

  it('maps a camelCase brand request onto the snake_case brand response and stores inherit_tcr_brand false', async () => {
    const { app } = testApp();
    const c = client(app);
    const res = await c.post('/v3/profiles', aProfile({ brand: aBrand({ compliance: { brandRelationship: 'SMALL_ACCOUNT', vertical: 'PROFESSIONAL', destinationCountries: [{ id: 'US', isMain: true }], phoneNumberPrefix: '+1' } }) }));
    expect(res.status).toBe(201);
    const { brand, inherit_tcr_brand } = res.body.data;
    expect(inherit_tcr_brand).toBe(false);
    expect(brand).toMatchObject({
      tcr_brand_id: null,
      status: null,
      submitted_to_tcr: false,
      is_inherited: false,
      contact: { name: 'John Smith', business_name: 'Acme Corp', email: 'john@acmecorp.com', phone: '+14155550100', role: null, phone_country_code: null },
      business: { legal_name: 'Acme Corporation LLC', country: 'US', entity_type: 'PRIVATE_PROFIT', tax_id: '12-3456789', tax_id_type: 'us_ein' },
      compliance: {
        brand_relationship: 'SMALL_ACCOUNT',
        vertical: 'PROFESSIONAL',
        destination_countries: [{ id: 'US', isMain: true }],
        phone_number_prefix: '+1',
      },
    });
    expect((await c.get(`/v3/profiles/${res.body.data.id}`)).body.data.brand).toEqual(brand);
  });

  it('refuses brand together with inherit_tcr_brand: true and stores nothing', async () => {
    const { app } = testApp();
    const c = client(app);
    const res = await c.post('/v3/profiles', aProfile({ brand: aBrand(), inherit_tcr_brand: true }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', details: { brand: [MESSAGES.brandWithInherit] } });
    expect((await c.get('/v3/profiles')).body.data.profiles).toEqual([]);
  });

  it('checks the brand’s required parts and enums, reporting each by path', async () => {
    const { app } = testApp();
    const res = await client(app).post('/v3/profiles', {
      name: 'x',
      brand: { contact: {}, compliance: { brandRelationship: 'HUGE_ACCOUNT', vertical: 'SPACE' }, business: { entityType: 'PIRATE' } },
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details).sort()).toEqual(
      ['brand.business.entityType', 'brand.compliance.brandRelationship', 'brand.compliance.vertical', 'brand.contact.name'].sort(),
    );
    expect(res.body.error.details['brand.compliance.vertical'][0]).toContain('PROFESSIONAL');
  });

  it('checks short_name: 3-11 letters, digits and spaces with at least one letter', async () => {
    const { app } = testApp();
    const c = client(app);
    for (const bad of ['AB', 'TWELVE CHARS', '123', 'SALES!']) {
      const res = await c.post('/v3/profiles', aProfile({ short_name: bad }));
      expect(res.status, bad).toBe(400);
      expect(Object.keys(res.body.error.details), bad).toEqual(['short_name']);
    }
    for (const good of ['SALES', 'Mkt 2', 'Support1']) {
      expect((await c.post('/v3/profiles', aProfile({ short_name: good }))).status, good).toBe(201);
    }
    expect((await c.get('/v3/profiles')).body.data.profiles).toHaveLength(3);
  });

  it('requires a name', async () => {
    const { app } = testApp();
    const res = await client(app).post('/v3/profiles', { short_name: 'SALES' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details)).toEqual(['name']);
  });
});

describe('WhatsApp Business Account on create', () => {
  it('never inherits the organization’s WABA: without one of its own the profile has no WhatsApp (issue 22)', async () => {
    const { app } = testApp();
    const c = client(app);
    const control = sim(app, c.key);
    expect((await control.tenant()).organization.whatsapp_business_account).not.toBeNull();
    const res = await c.post('/v3/profiles', aProfile());
    expect(res.status).toBe(201);
    expect(res.body.data.waba_id).toBeNull();
    expect((await c.get(`/v3/profiles/${res.body.data.id}`)).body.data.waba_id).toBeNull();
    const me = (await c.get('/v3/me').set('x-profile-id', res.body.data.id)).body.data;
    expect(me.channels.whatsapp).toEqual({ configured: false, phone_number: null, business_name: null });
  });

  it('creates the profile, without WhatsApp, when the organization has no WABA either: no 422 any more (issue 22)', async () => {
    const { app } = testApp();
    const c = client(app);
    expect((await sim(app, c.key).patchTenant({ whatsapp_business_account: false })).status).toBe(200);
    const res = await c.post('/v3/profiles', aProfile());
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ status: 'incomplete', waba_id: null });
    expect((await c.get('/v3/profiles')).body.data.profiles.map((p: { id: string }) => p.id)).toEqual([res.body.data.id]);
  });

  it('takes direct credentials, stores the access token and never returns it', async () => {
    const { app } = testApp();
    const c = client(app);
    const token = 'EAAG-canary-token-9f8e7d6c5b4a';
    const res = await c.post('/v3/profiles', aProfile({ whatsapp_business_account: { waba_id: '123456789012345', access_token: token, phone_number_id: '987' } }));
    expect(res.status).toBe(201);
    expect(res.body.data.waba_id).toBe('123456789012345');
    expect(JSON.stringify(res.body)).not.toContain(token);
    const read = await c.get(`/v3/profiles/${res.body.data.id}`);
    expect(JSON.stringify(read.body)).not.toContain(token);
    // Stored (the control plane says so) but shown nowhere, there either.
    const view = await sim(app, c.key).tenant();
    expect(view.profiles[0].simulator.whatsapp_access_token_set).toBe(true);
    expect(JSON.stringify(view)).not.toContain(token);
  });

  it('requires waba_id and access_token in direct credentials', async () => {
    const { app } = testApp();
    const res = await client(app).post('/v3/profiles', aProfile({ whatsapp_business_account: { phone_number_id: '1' } as never }));
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details).sort()).toEqual(['whatsapp_business_account.access_token', 'whatsapp_business_account.waba_id']);
  });
});
