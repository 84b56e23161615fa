import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { aTenDlcBrand, aTenDlcCampaign } from '../../support/channel-builders.js';
import { aSenderProfileIn, asProfile, channelsApp, PROVISIONING, REVIEW } from './helpers.js';

/** `PATCH /v3/channels/sms/{country}/{type}` and what a market's compliance is (sent-api-v3-2026-11 §2.7, docs/decisions/0073). */
describe('amending a market’s compliance', () => {
  it('refuses {}, keys it does not change, and a cleared compliance — every one at once, nothing changed', async () => {
    const { c } = channelsApp();
    await c.post('/v3/channels/sms', { country: 'GB', number_type: 'ALPHANUMERIC', sender_value: 'ACME', compliance: { fields: { company_name: 'Acme Trading Ltd' } } });
    const before = (await c.get('/v3/channels/sms/GB/ALPHANUMERIC')).body.data;
    const cases: Array<[object, Record<string, string[]>]> = [
      [{}, { body: [MESSAGES.patchEmpty] }],
      [{ compliance: {} }, { body: [MESSAGES.patchEmpty] }],
      [{ compliance: null }, { compliance: [MESSAGES.complianceNotClearable] }],
      [{ sender_value: 'OTHER', numbers: [] }, { sender_value: [MESSAGES.notChangedByThisCall], numbers: [MESSAGES.notChangedByThisCall] }],
      // Any key at all, those an object inherits included (found by the fuzzer: it was a 500).
      [{ constructor: { polluted: '' }, toString: 1 }, { constructor: [MESSAGES.notChangedByThisCall], toString: [MESSAGES.notChangedByThisCall] }],
    ];
    for (const [body, details] of cases) {
      const res = await c.patch('/v3/channels/sms/GB/ALPHANUMERIC', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', details });
    }
    expect((await c.get('/v3/channels/sms/GB/ALPHANUMERIC')).body.data).toEqual(before);
    expect((await c.patch('/v3/channels/sms/GB/MOBILE', { compliance: { fields: {} } })).status).toBe(404);
  });

  it('is partial at every level: what it owes goes, an omitted key stays, null clears one; a replay changes nothing', async () => {
    const { c, control } = channelsApp();
    await c.post('/v3/channels/sms', { country: 'GB', number_type: 'ALPHANUMERIC', sender_value: 'ACME', compliance: { fields: { company_name: 'Acme Trading Ltd' } } });
    const owes = (m: { compliance: { requirements: Array<{ key: string }> } }) => m.compliance.requirements.map((r) => r.key);
    let m = (await c.patch('/v3/channels/sms/GB/ALPHANUMERIC', { compliance: { fields: { company_number: '01234567' } } })).body.data;
    expect(m).toMatchObject({ status: 'ACTION_NEEDED', reason_code: 'CHANNEL_001', compliance: { fields: { company_name: 'Acme Trading Ltd', company_number: '01234567' } } });
    expect(owes(m)).toEqual(['documents.letter_of_authorization']);
    m = (await c.patch('/v3/channels/sms/GB/ALPHANUMERIC', { compliance: { documents: [{ key: 'letter_of_authorization', file_name: 'loa.pdf' }] } })).body.data;
    expect(m).toMatchObject({ status: 'PENDING_REVIEW', reason_code: null, reason: null, compliance: { documents: [{ document_id: expect.any(String), key: 'letter_of_authorization', file_name: 'loa.pdf' }], requirements: [] } });
    // The same write again is an upsert that lands where it already is: nothing changes, nothing is filed twice.
    const replay = (await c.patch('/v3/channels/sms/GB/ALPHANUMERIC', { compliance: { documents: [{ key: 'letter_of_authorization', file_name: 'loa.pdf' }] } })).body.data;
    expect(replay).toEqual(m);
    expect(((await control.tenant()).pending_jobs as unknown[]).length).toBe(1);
    m = (await c.patch('/v3/channels/sms/GB/ALPHANUMERIC', { compliance: { fields: { company_number: null } } })).body.data;
    expect(m).toMatchObject({ status: 'ACTION_NEEDED', reason_code: 'CHANNEL_001', compliance: { fields: { company_name: 'Acme Trading Ltd' } } });
    expect(owes(m)).toEqual(['fields.company_number']);
    await control.advance(REVIEW);
    expect((await c.get('/v3/channels/sms/GB/ALPHANUMERIC')).body.data.status).toBe('ACTION_NEEDED');
  });
});

describe('a US TEN_DLC market’s identity and campaigns are the profile’s own (one record, two views)', () => {
  it('keeps an incomplete identity on the market, writes a complete one to the profile’s brand, and files it with TCR', async () => {
    const { app, c, control } = channelsApp();
    const profile = await aSenderProfileIn(c);
    const p = asProfile(app, c.key, profile.id);
    const added = await p.post('/v3/channels/sms', { country: 'US', number_type: 'TEN_DLC', compliance: { brand: { legal_name: 'Globex Corporation', tax_id: '98-7654321' }, campaign: aTenDlcCampaign() } });
    expect(added.status).toBe(201);
    expect(added.body.data).toMatchObject({ status: 'ACTION_NEEDED', reason_code: 'CHANNEL_001', compliance: { brand: { inherit: false, submitted_to_tcr: false, legal_name: 'Globex Corporation', tax_id: '98-7654321', city: null } } });
    expect(added.body.data.compliance.requirements.map((r: { key: string }) => r.key)).toEqual([
      'brand.entity_type', 'brand.country', 'brand.street', 'brand.city', 'brand.state', 'brand.postal_code', 'brand.vertical', 'brand.contact_name', 'brand.contact_email', 'brand.contact_phone',
    ]);
    // The campaign was complete: it is a campaign of the profile's, as /v3/profiles/{id}/campaigns knows them.
    const [campaign] = added.body.data.compliance.campaigns;
    expect(campaign).toMatchObject({ status: 'PENDING_REVIEW', inherit: false, description: aTenDlcCampaign().description, volume: '1500', use_cases: ['DELIVERY_NOTIFICATION'] });
    expect((await c.get(`/v3/profiles/${profile.id}`)).body.data.brand).toBeNull();

    const { legal_name: _l, tax_id: _t, ...rest } = aTenDlcBrand();
    const amended = await p.patch('/v3/channels/sms/US/TEN_DLC', { compliance: { brand: rest } });
    expect(amended.status).toBe(200);
    expect(amended.body.data).toMatchObject({ status: 'PENDING_REVIEW', compliance: { requirements: [], brand: { inherit: false, submitted_to_tcr: true, legal_name: 'Globex Corporation', city: 'Springfield' } } });
    const brand = (await c.get(`/v3/profiles/${profile.id}`)).body.data.brand;
    expect(brand).toMatchObject({ submitted_to_tcr: true, tcr_brand_id: expect.stringMatching(/^B[A-Z0-9]{6}$/), identity_status: 'UNVERIFIED', is_inherited: false });
    expect(brand.business).toMatchObject({ legal_name: 'Globex Corporation', tax_id: '98-7654321', tax_id_type: 'us_ein', url: 'https://globex.example.com', state: 'OR' });
    expect(brand.contact).toMatchObject({ name: 'Hank Scorpio', email: 'hank@globex.example.com', phone: '+15415550123' });
    const campaigns = (await c.get(`/v3/profiles/${profile.id}/campaigns`)).body.data;
    expect(campaigns).toHaveLength(1);
    expect(campaigns[0]).toMatchObject({ id: campaign.id, submittedToTCR: true, status: 'SENT_CREATED', messageFlow: aTenDlcCampaign().message_flow });

    await control.advance(REVIEW);
    const active = (await p.get('/v3/channels/sms/US/TEN_DLC')).body.data;
    expect(active).toMatchObject({ status: 'ACTIVE', numbers: [{ sender_value: expect.stringMatching(/^\+1\d{3}5550\d{3}$/), status: 'ACTIVE', campaign_id: campaign.id }] });
    expect(active.compliance.campaigns[0].status).toBe('ACTIVE');
    expect((await c.get(`/v3/profiles/${profile.id}`)).body.data.brand).toMatchObject({ status: 'ACTIVE', identity_status: 'VERIFIED' });
  });

  it('locks a filed identity, and opens it again while a correction is requested (CHANNEL_002)', async () => {
    const { app, c, control } = channelsApp();
    const profile = await aSenderProfileIn(c);
    const p = asProfile(app, c.key, profile.id);
    await p.post('/v3/channels/sms', { country: 'US', number_type: 'TEN_DLC', compliance: { brand: aTenDlcBrand(), campaign: aTenDlcCampaign() } });
    await control.advance(PROVISIONING);
    const locked = await p.patch('/v3/channels/sms/US/TEN_DLC', { compliance: { brand: { city: 'Shelbyville' } } });
    expect(locked.status).toBe(400);
    expect(locked.body.error.details).toEqual({ 'compliance.brand': [MESSAGES.brandLocked] });
    // Sending the same values again is no change, so it is not refused.
    expect((await p.patch('/v3/channels/sms/US/TEN_DLC', { compliance: { brand: { city: 'Springfield' } } })).status).toBe(200);
    const review = await c.post(`/_sim/channels/sms/US/TEN_DLC/review`, { outcome: 'ACTION_NEEDED', reason: 'The EIN does not match the legal name', account_id: profile.id });
    expect(review.status).toBe(200);
    expect(review.body).toMatchObject({ status: 'ACTION_NEEDED', reason_code: 'CHANNEL_002', reason: 'The EIN does not match the legal name' });
    const corrected = await p.patch('/v3/channels/sms/US/TEN_DLC', { compliance: { brand: { legal_name: 'Globex Corp.' } } });
    expect(corrected.status).toBe(200);
    expect(corrected.body.data).toMatchObject({ status: 'PENDING_REVIEW', reason_code: null, compliance: { brand: { legal_name: 'Globex Corp.' } } });
    expect((await c.get(`/v3/profiles/${profile.id}`)).body.data.brand.business.legal_name).toBe('Globex Corp.');
  });

  it('runs on the organization’s brand with {"inherit": true} (or null), which the organization itself cannot do', async () => {
    const { app, c, control } = channelsApp();
    await control.organization({ campaigns: 1 });
    const profile = await aSenderProfileIn(c);
    const p = asProfile(app, c.key, profile.id);
    const added = await p.post('/v3/channels/sms', { country: 'US', number_type: 'TEN_DLC', compliance: { brand: null, campaign: { inherit: true } } });
    expect(added.status).toBe(201);
    expect(added.body.data.compliance.brand).toMatchObject({ inherit: true, legal_name: 'Acme Corporation LLC' });
    expect(added.body.data.compliance.campaigns).toEqual([expect.objectContaining({ inherit: true })]);
    expect((await c.get(`/v3/profiles/${profile.id}`)).body.data).toMatchObject({ inherit_tcr_brand: true, inherit_tcr_campaign: true, brand: { is_inherited: true } });
    const org = await c.patch('/v3/channels/sms/US/TEN_DLC', { compliance: { brand: { inherit: true }, campaign: null } });
    expect(org.status).toBe(400);
    expect(org.body.error.details).toEqual({ 'compliance.brand': [MESSAGES.organizationCannotInherit], 'compliance.campaign': [MESSAGES.organizationCannotInherit] });
    const both = await p.patch('/v3/channels/sms/US/TEN_DLC', { compliance: { brand: { inherit: true, city: 'Springfield' }, campaign: { inherit: false } } });
    expect(both.body.error.details).toEqual({
      'compliance.brand.inherit': [MESSAGES.inheritWithFields('brand')],
      'compliance.campaign.inherit': [MESSAGES.inheritFalseWithoutData('campaign')],
    });
  });
});
