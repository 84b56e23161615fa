import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { aProfile } from '../../support/builders.js';
import { aSenderProfileIn, asProfile, channelsApp, PROVISIONING, REVIEW, stored } from './helpers.js';

/** SMS markets: the overview, add, read, list (sent-api-v3-2026-11 §2.7, docs/decisions/0073, 0078). */
describe('GET /v3/channels', () => {
  it('shows a new organization’s simulator-provided US TEN_DLC and CA LOCAL markets, its WhatsApp account and MMS markets', async () => {
    const { c, control } = channelsApp();
    const res = await c.get('/v3/channels');
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(data.customer_id).toBe((await control.tenant()).organization_id);
    expect(data.sms.map((m: { country: string; number_type: string; status: string }) => [m.country, m.number_type, m.status])).toEqual([
      ['US', 'TEN_DLC', 'ACTIVE'],
      ['CA', 'LOCAL', 'ACTIVE'],
    ]);
    expect(data.sms[0]).toMatchObject({ note: MESSAGES.seededMarketNote, reason_code: null, numbers: [{ sender_value: expect.stringMatching(/^\+1555\d{7}$/), status: 'ACTIVE', campaign_id: null }], compliance: { brand: null, campaigns: [], documents: [], requirements: [] } });
    // 2026-11-12: a market carries no sender_value of its own; its numbers do.
    expect(data.sms[0]).not.toHaveProperty('sender_value');
    // A market that registers with nobody has no brand or campaign key at all.
    expect(data.sms[1].compliance).toEqual({ fields: {}, documents: [], requirements: [] });
    expect(data.whatsapp).toMatchObject({ waba_id: expect.stringMatching(/^\d{15}$/), phone_number_id: null, status: 'ACTIVE' });
    expect(data.rcs).toBeNull();
    expect(data.mms).toEqual([
      { country: 'US', number_type: 'TEN_DLC', sender_value: data.sms[0].numbers[0].sender_value, status: 'ACTIVE' },
      { country: 'CA', number_type: 'LOCAL', sender_value: '+14165550199', status: 'ACTIVE' },
    ]);
    // Derived, not stored: a new tenant stores nothing.
    expect(await stored(control, 'sms_markets')).toEqual([]);
  });

  it('shows a profile its own channels only, with its id as customer_id (no markets of its own yet, no WhatsApp)', async () => {
    const { app, c } = channelsApp();
    const profile = await aSenderProfileIn(c);
    const res = await asProfile(app, c.key, profile.id).get('/v3/channels');
    expect(res.body.data).toEqual({ customer_id: profile.id, sms: [], whatsapp: null, rcs: null, mms: [] });
  });
});

describe('POST /v3/channels/sms', () => {
  it('adds a market PROVISIONING, reviews it on the tenant clock and makes it ACTIVE with its sender', async () => {
    const { c, control } = channelsApp();
    const res = await c.post('/v3/channels/sms', { country: 'de', number_type: 'alphanumeric', sender_value: 'ACME' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ country: 'DE', number_type: 'ALPHANUMERIC', status: 'PROVISIONING', numbers: [{ sender_value: null, status: 'PROVISIONING' }] });
    expect(res.body.data.compliance).toEqual({ fields: {}, documents: [], requirements: [] });
    await control.advance(PROVISIONING);
    const read = (await c.get('/v3/channels/sms/DE/ALPHANUMERIC')).body.data;
    expect(read).toMatchObject({ status: 'ACTIVE', numbers: [{ sender_value: 'ACME', status: 'ACTIVE' }], updated_at: expect.any(String) });
  });

  it('refuses a market held already (409), one the table does not declare (501), and changes nothing', async () => {
    const { c, control } = channelsApp();
    const held = await c.post('/v3/channels/sms', { country: 'ca', number_type: 'local' });
    expect(held.status).toBe(409);
    expect(held.body.error).toMatchObject({ code: 'RESOURCE_007', message: MESSAGES.marketHeld('CA', 'LOCAL') });
    const undeclared = await c.post('/v3/channels/sms', { country: 'FR', number_type: 'ALPHANUMERIC', sender_value: 'ACME' });
    expect(undeclared.status).toBe(501);
    expect(undeclared.body.error).toMatchObject({ code: 'BUSINESS_007', message: MESSAGES.marketNotDeclared('FR', 'ALPHANUMERIC') });
    expect(await stored(control, 'sms_markets')).toEqual([]);
  });

  it('names every failing field at once: country, type, sender id, numbers, compliance keys the market does not ask for', async () => {
    const { c, control } = channelsApp();
    const res = await c.post('/v3/channels/sms', { country: 'United Kingdom', number_type: 'LONGCODE' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual({ country: [MESSAGES.countryNotIso], number_type: [MESSAGES.typeMustBeOneOf] });
    const gb = await c.post('/v3/channels/sms', {
      country: 'GB',
      number_type: 'ALPHANUMERIC',
      sender_value: '!!',
      numbers: [{ area_code: '20' }],
      compliance: { brand: { legal_name: 'Acme' }, fields: { company_number: 'short', vat: 'GB1' }, documents: [{ key: 'passport', file_name: 'p.pdf' }] },
    });
    expect(gb.status).toBe(400);
    expect(gb.body.error.code).toBe('VALIDATION_001');
    expect(gb.body.error.details).toEqual({
      sender_value: [MESSAGES.senderValuePattern('^(?=.*[A-Za-z])[A-Za-z0-9 ]{3,11}$')],
      numbers: [MESSAGES.marketTakesNoNumbers('ALPHANUMERIC')],
      'compliance.brand': [MESSAGES.marketRegistersWithNobody('GB', 'ALPHANUMERIC')],
      'compliance.fields.company_number': [MESSAGES.requirementValue('company_number', 'must match ^[A-Z0-9]{8}$')],
      'compliance.fields.vat': [MESSAGES.notARequirement('GB', 'ALPHANUMERIC')],
      'compliance.documents[0].key': [MESSAGES.notADocument('GB', 'ALPHANUMERIC')],
    });
    const noSender = await c.post('/v3/channels/sms', { country: 'BR', number_type: 'SHORT_CODE', numbers: [{ quantity: 50 }, { area_code: 'x' }] });
    expect(noSender.body.error.details).toEqual({
      sender_value: [MESSAGES.senderValueRequired('BR', 'SHORT_CODE')],
      numbers: [MESSAGES.marketTakesNoNumbers('SHORT_CODE')],
    });
    const tooMany = await c.post('/v3/channels/sms', { country: 'AU', number_type: 'MOBILE', numbers: [{ quantity: 30 }, { quantity: 20 }, { area_code: 'x', quantity: 0 }] });
    expect(tooMany.body.error.details).toEqual({
      'numbers[2].quantity': [MESSAGES.numberQuantity(49)],
      'numbers[2].area_code': [MESSAGES.areaCodeDigits],
      numbers: [MESSAGES.numbersOverCap(49)],
    });
    expect(await stored(control, 'sms_markets')).toEqual([]);
  });

  it('refuses a US TEN_DLC market without an identity (neither stored nor sent), for a profile of its own', async () => {
    const { app, c, control } = channelsApp();
    const profile = await aSenderProfileIn(c);
    const res = await asProfile(app, c.key, profile.id).post('/v3/channels/sms', { country: 'US', number_type: 'TEN_DLC' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual({ 'compliance.brand': [MESSAGES.tenDlcNeedsIdentity] });
    expect(await stored(control, 'sms_markets')).toEqual([]);
    // Inheriting counts as an identity: the organization's brand (none yet) is then what it owes.
    const inheriting = await asProfile(app, c.key, profile.id).post('/v3/channels/sms', { country: 'US', number_type: 'TEN_DLC', compliance: { brand: { inherit: true }, campaign: { inherit: true } } });
    expect(inheriting.status).toBe(201);
    expect(inheriting.body.data).toMatchObject({ status: 'ACTION_NEEDED', reason_code: 'CHANNEL_001' });
    expect(inheriting.body.data.compliance.requirements).toEqual([
      { key: 'brand', description: MESSAGES.organizationHasNoBrand },
      { key: 'campaign', description: MESSAGES.organizationHasNoCampaign },
    ]);
  });

  it('marks a market that owes something ACTION_NEEDED with CHANNEL_001, its requirements keyed by path', async () => {
    const { c } = channelsApp();
    const res = await c.post('/v3/channels/sms', { country: 'GB', number_type: 'ALPHANUMERIC', sender_value: 'ACME', compliance: { fields: { company_name: 'Acme Trading Ltd' } } });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ status: 'ACTION_NEEDED', reason_code: 'CHANNEL_001', reason: MESSAGES.channelOwes(['fields.company_number', 'documents.letter_of_authorization']) });
    expect(res.body.data.compliance).toEqual({
      fields: { company_name: 'Acme Trading Ltd' },
      documents: [],
      requirements: [
        { key: 'fields.company_number', description: 'Companies House registration number' },
        { key: 'documents.letter_of_authorization', description: 'Letter of authorisation to use the sender id, signed by the company' },
      ],
    });
  });
});

describe('reading markets', () => {
  it('reads one market (any case, 10dlc alias), lists them oldest first, and 404s one the account does not hold', async () => {
    const { app, c } = channelsApp();
    expect((await c.post('/v3/channels/sms', { country: 'AU', number_type: 'MOBILE' })).status).toBe(201);
    expect((await c.get('/v3/channels/sms/us/10dlc')).body.data).toMatchObject({ country: 'US', number_type: 'TEN_DLC', status: 'ACTIVE' });
    expect((await c.get('/v3/channels/sms')).body.data.map((m: { country: string }) => m.country)).toEqual(['US', 'CA', 'AU']);
    const missing = await c.get('/v3/channels/sms/GB/MOBILE');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'RESOURCE_013', message: MESSAGES.marketNotHeld('GB', 'MOBILE') });
    expect((await c.get('/v3/channels/sms/GB/LONG')).body.error).toMatchObject({ code: 'VALIDATION_001', details: { type: [MESSAGES.typeMustBeOneOf] } });
    // Another account's markets are not this one's: a profile sees none of the organization's.
    const profile = (await c.post('/v3/profiles', aProfile())).body.data;
    expect((await asProfile(app, c.key, profile.id).get('/v3/channels/sms/AU/MOBILE')).status).toBe(404);
  });

  it('goes PROVISIONING → ACTIVE after the provisioning delay for a market with nothing to register, PENDING_REVIEW first otherwise', async () => {
    const { c, control } = channelsApp();
    await c.post('/v3/channels/sms', { country: 'DE', number_type: 'ALPHANUMERIC', sender_value: 'ACME' });
    await c.post('/v3/channels/sms', { country: 'AU', number_type: 'ALPHANUMERIC', sender_value: 'ACME', compliance: { fields: { company_name: 'Acme Pty Ltd', abn: '51824753556' } } });
    const status = async (path: string) => (await c.get(path)).body.data.status;
    await control.advance(PROVISIONING - 1);
    expect([await status('/v3/channels/sms/DE/ALPHANUMERIC'), await status('/v3/channels/sms/AU/ALPHANUMERIC')]).toEqual(['PROVISIONING', 'PROVISIONING']);
    await control.advance(1);
    expect([await status('/v3/channels/sms/DE/ALPHANUMERIC'), await status('/v3/channels/sms/AU/ALPHANUMERIC')]).toEqual(['ACTIVE', 'PENDING_REVIEW']);
    await control.advance(REVIEW);
    const au = (await c.get('/v3/channels/sms/AU/ALPHANUMERIC')).body.data;
    expect(au).toMatchObject({ status: 'ACTIVE', reason_code: null, reason: null, numbers: [{ sender_value: 'ACME', status: 'ACTIVE', area_code: null, campaign_id: null }] });
  });
});
