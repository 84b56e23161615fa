import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { aBillingContact, aBrand, aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { aCampaignRequest } from '../../support/campaign-builders.js';
import { profileSubmittedToTcr } from '../../support/sim.js';

async function withProfile(body = aProfile({ icon: 'https://example.com/i.png', inherit_tcr_campaign: true })) {
  const t = testApp();
  const c = client(t.app);
  const created = await c.post('/v3/profiles', body);
  expect(created.status).toBe(201);
  return { ...t, c, profile: created.body.data };
}

describe('PATCH /v3/profiles/{id}', () => {
  it('changes only the fields sent and stamps updated_at', async () => {
    const { c, profile } = await withProfile();
    const res = await c.patch(`/v3/profiles/${profile.id}`, { name: 'Sales Team - Updated', billing_model: 'organization' });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ ...profile, name: 'Sales Team - Updated', billing_model: 'organization', updated_at: expect.any(String) });
    expect((await c.get(`/v3/profiles/${profile.id}`)).body.data).toEqual(res.body.data);
  });

  it('treats null as "no change" for booleans, name and billing, and as "clear" for nullable strings', async () => {
    const { c, profile } = await withProfile();
    const res = await c.patch(`/v3/profiles/${profile.id}`, {
      name: null,
      icon: null,
      short_name: null,
      inherit_tcr_campaign: null,
      billing_model: null,
      billing_contact: null,
      brand: null,
    });
    expect(res.status).toBe(200);
    const after = (await c.get(`/v3/profiles/${profile.id}`)).body.data;
    expect(after).toMatchObject({
      name: profile.name,
      inherit_tcr_campaign: true,
      billing_model: profile.billing_model,
      icon: null,
      short_name: null,
      description: profile.description,
    });
  });

  it('applies nothing when any field fails (atomic)', async () => {
    const { c, profile } = await withProfile();
    const res = await c.patch(`/v3/profiles/${profile.id}`, { name: 'Renamed', description: 'new', short_name: 'X' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details)).toEqual(['short_name']);
    expect((await c.get(`/v3/profiles/${profile.id}`)).body.data).toEqual(profile);
  });

  it('creates the brand through PATCH and later updates it in place', async () => {
    const { c, profile } = await withProfile();
    const first = await c.patch(`/v3/profiles/${profile.id}`, { brand: aBrand() });
    expect(first.status).toBe(200);
    expect(first.body.data.inherit_tcr_brand).toBe(false);
    const brandId = first.body.data.brand.id;
    const second = await c.patch(`/v3/profiles/${profile.id}`, {
      brand: aBrand({ contact: { name: 'Jane Roe' }, compliance: { brandRelationship: 'KEY_ACCOUNT', vertical: 'RETAIL' } }),
    });
    expect(second.status).toBe(200);
    expect(second.body.data.brand).toMatchObject({ id: brandId, contact: { name: 'Jane Roe' }, compliance: { vertical: 'RETAIL' } });
    expect(second.body.data.brand.updated_at).not.toBeNull();
    expect((await c.get(`/v3/profiles/${profile.id}`)).body.data.brand).toEqual(second.body.data.brand);
  });

  it('refuses brand with inherit_tcr_brand: true and changes nothing', async () => {
    const { c, profile } = await withProfile();
    const res = await c.patch(`/v3/profiles/${profile.id}`, { name: 'Other', brand: aBrand(), inherit_tcr_brand: true });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual({ brand: [MESSAGES.brandWithInherit] });
    expect((await c.get(`/v3/profiles/${profile.id}`)).body.data).toEqual(profile);
  });

  it('refuses the whole request once the brand is submitted to TCR, applying nothing', async () => {
    const { app, c } = await withProfile();
    // Completion submits a TCR application's own brand (docs/decisions/0005), which locks it.
    const { profile } = await profileSubmittedToTcr(app, c.key, aCampaignRequest());
    const before = (await c.get(`/v3/profiles/${profile.id}`)).body.data;
    const res = await c.patch(`/v3/profiles/${profile.id}`, {
      name: 'Should not apply',
      brand: aBrand({ contact: { name: 'Changed' } }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', details: { brand: [MESSAGES.brandLocked] } });
    expect((await c.get(`/v3/profiles/${profile.id}`)).body.data).toEqual(before);
    // Fields other than brand still change.
    const ok = await c.patch(`/v3/profiles/${profile.id}`, { name: 'Renamed' });
    expect(ok.status).toBe(200);
    expect(ok.body.data.brand).toEqual(before.brand);
  });

  it('answers 404 RESOURCE_014 for an unknown profile', async () => {
    const { c } = await withProfile();
    const res = await c.patch('/v3/profiles/7d5c1b1e-8a1f-4b7e-9a56-0d2f1b7e4c11', { name: 'x' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('RESOURCE_014');
  });

  it('ignores whatsapp_business_account, which PATCH does not take', async () => {
    const { c, profile } = await withProfile();
    const res = await c.patch(`/v3/profiles/${profile.id}`, { whatsapp_business_account: { waba_id: '1', access_token: 't' } });
    expect(res.status).toBe(200);
    expect(res.body.data.waba_id).toBe(profile.waba_id);
  });

  it('requires a billing contact when switching to profile billing without one', async () => {
    const { c, profile } = await withProfile(aProfile({ billing_model: 'organization' }));
    const res = await c.patch(`/v3/profiles/${profile.id}`, { billing_model: 'profile' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual({ billing_contact: [MESSAGES.billingContactRequired] });
    expect((await c.get(`/v3/profiles/${profile.id}`)).body.data.billing_model).toBe('organization');
    const ok = await c.patch(`/v3/profiles/${profile.id}`, { billing_model: 'profile', billing_contact: aBillingContact() });
    expect(ok.status).toBe(200);
    expect(ok.body.data.billing_contact).toEqual({ ...aBillingContact(), phone: null, address: null });
  });
});
