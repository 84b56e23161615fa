// Issue 22: /v3/profiles as Sent serves it, deprecated, in 2026-11 (reference §2.9, decisions
// §14): inheritance defaults false, the sharing and contact/template inheritance flags and the
// sending_*_profile_id fields are accepted, ignored and read false / null (in /v3/me too), and
// the brand has no expected_messaging_volume and a null primary_use_case.
import { describe, expect, it } from 'vitest';
import { aBrand, aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';

const IGNORED = {
  allow_contact_sharing: true,
  allow_template_sharing: true,
  inherit_contacts: true,
  inherit_templates: true,
};
const READ_AS = { allow_contact_sharing: false, allow_template_sharing: false, inherit_contacts: false, inherit_templates: false };

describe('deprecated /v3/profiles fields', () => {
  it('accepts the sharing and inheritance flags on create and PATCH, and reads them false everywhere', async () => {
    const { app } = testApp();
    const c = client(app);
    const created = await c.post('/v3/profiles', aProfile(IGNORED));
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject(READ_AS);
    const id = created.body.data.id as string;
    const patched = await c.patch(`/v3/profiles/${id}`, IGNORED);
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject(READ_AS);
    expect((await c.get(`/v3/profiles/${id}`)).body.data).toMatchObject(READ_AS);
    expect((await c.get('/v3/profiles')).body.data.profiles[0]).toMatchObject(READ_AS);
    // /v3/me says the same, for the organization's list and for the profile itself.
    const org = (await c.get('/v3/me')).body.data;
    expect(org.profiles[0].settings).toMatchObject(READ_AS);
    const asProfile = (await c.get('/v3/me').set('x-profile-id', id)).body.data;
    expect(asProfile.settings).toMatchObject({ ...READ_AS, inherit_tcr_brand: false, inherit_tcr_campaign: false });
  });

  it('defaults inherit_tcr_brand and inherit_tcr_campaign to false, and still sets them when sent', async () => {
    const { app } = testApp();
    const c = client(app);
    expect((await c.post('/v3/profiles', { name: 'Plain' })).body.data).toMatchObject({ inherit_tcr_brand: false, inherit_tcr_campaign: false });
    const inheriting = (await c.post('/v3/profiles', { name: 'Inheriting', inherit_tcr_brand: true, inherit_tcr_campaign: true })).body.data;
    expect(inheriting).toMatchObject({ inherit_tcr_brand: true, inherit_tcr_campaign: true });
    const off = await c.patch(`/v3/profiles/${inheriting.id}`, { inherit_tcr_campaign: false });
    expect(off.body.data).toMatchObject({ inherit_tcr_brand: true, inherit_tcr_campaign: false });
  });

  it('accepts sending_*_profile_id on PATCH (200), ignores it and reads it null', async () => {
    const { app } = testApp();
    const c = client(app);
    const lender = (await c.post('/v3/profiles', aProfile({ name: 'Lender' }))).body.data;
    await c.patch(`/v3/profiles/${lender.id}`, { sending_phone_number: '+14155550123' });
    const borrower = (await c.post('/v3/profiles', aProfile({ name: 'Borrower' }))).body.data;
    const res = await c.patch(`/v3/profiles/${borrower.id}`, { sending_phone_number_profile_id: lender.id, sending_whatsapp_number_profile_id: lender.id });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ sending_phone_number_profile_id: null, sending_whatsapp_number_profile_id: null, sending_phone_number: null });
    expect((await c.get(`/v3/profiles/${borrower.id}`)).body.data).toEqual(res.body.data);
    // It borrows nothing: /v3/me shows no SMS number for it.
    const me = (await c.get('/v3/me').set('x-profile-id', borrower.id)).body.data;
    expect(me.channels.sms).toEqual({ configured: false, phone_number: null });
  });

  it('drops expected_messaging_volume from the brand and reads primary_use_case null, whatever the request sent', async () => {
    const { app } = testApp();
    const c = client(app);
    const brand = aBrand({ compliance: { brandRelationship: 'SMALL_ACCOUNT', vertical: 'PROFESSIONAL', expectedMessagingVolume: '1000', primaryUseCase: 'Reminders' } as never });
    const res = await c.post('/v3/profiles', aProfile({ brand }));
    expect(res.status).toBe(201);
    const compliance = res.body.data.brand.compliance;
    expect(compliance).not.toHaveProperty('expected_messaging_volume');
    expect(compliance).toMatchObject({ vertical: 'PROFESSIONAL', brand_relationship: 'SMALL_ACCOUNT', primary_use_case: null });
    expect((await c.get(`/v3/profiles/${res.body.data.id}`)).body.data.brand.compliance).toEqual(compliance);
  });

  it('reads an older snapshot’s inherited WABA and shared flags as Sent reads them today', async () => {
    const { app } = testApp();
    const c = client(app);
    const control = sim(app, c.key);
    const created = (await c.post('/v3/profiles', aProfile())).body.data;
    const snapshot = await control.export();
    const [stored] = snapshot.collections.profiles!;
    Object.assign(stored!, { inherit_contacts: true, allow_template_sharing: true, sending_phone_number_profile_id: created.id, whatsapp: { waba_id: '1', access_token: null, phone_number_id: null, inherited: true } });
    expect((await control.import(snapshot)).status).toBe(200);
    const read = (await c.get(`/v3/profiles/${created.id}`)).body.data;
    expect(read).toMatchObject({ ...READ_AS, sending_phone_number_profile_id: null, waba_id: null });
  });
});
