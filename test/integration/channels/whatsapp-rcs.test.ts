import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { aProfile } from '../../support/builders.js';
import { anRcsAgent } from '../../support/channel-builders.js';
import { aSenderProfileIn, asProfile, channelsApp, REVIEW, stored } from './helpers.js';

/** `POST /v3/channels/whatsapp` and `POST /v3/channels/rcs` (sent-api-v3-2026-11 §2.7, docs/decisions/0077). */
describe('POST /v3/channels/whatsapp', () => {
  it('connects a WABA to a profile: ACTIVE with a phone number id, the profile’s own on /v3/profiles too', async () => {
    const { app, c } = channelsApp();
    const profile = (await c.post('/v3/profiles', aProfile())).body.data;
    const p = asProfile(app, c.key, profile.id);
    const res = await p.post('/v3/channels/whatsapp', { waba_id: '102290129340398', phone_number_id: '106540352242922' });
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({ waba_id: '102290129340398', phone_number_id: '106540352242922', solution_id: expect.stringMatching(/^\d+$/), owner_business_id: expect.stringMatching(/^\d{15}$/), status: 'ACTIVE' });
    expect((await p.get('/v3/channels')).body.data.whatsapp).toEqual(res.body.data);
    expect((await c.get(`/v3/profiles/${profile.id}`)).body.data.waba_id).toBe('102290129340398');
    const again = await p.post('/v3/channels/whatsapp', { waba_id: '102290129340399' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'RESOURCE_007', message: MESSAGES.whatsappHeld });
  });

  it('is PROVISIONING without a phone number id; refuses what is resolved from the organization, naming each', async () => {
    const { app, c } = channelsApp();
    const profile = await aSenderProfileIn(c);
    const p = asProfile(app, c.key, profile.id);
    const refused = await p.post('/v3/channels/whatsapp', { waba_id: '102290129340398', access_token: 'EAAG…', solution_id: '1', token_expires_at: 'never' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual({
      access_token: [MESSAGES.whatsappResolvedFromOrganization],
      solution_id: [MESSAGES.whatsappResolvedFromOrganization],
      token_expires_at: [MESSAGES.whatsappResolvedFromOrganization],
    });
    expect((await p.post('/v3/channels/whatsapp', {})).body.error.details).toEqual({ waba_id: ['The waba_id field is required'] });
    expect((await p.get('/v3/channels')).body.data.whatsapp).toBeNull();
    const res = await p.post('/v3/channels/whatsapp', { waba_id: '102290129340398' });
    expect(res.body.data).toMatchObject({ phone_number_id: null, status: 'PROVISIONING' });
  });

  it('answers the organization’s account already held with 409', async () => {
    const { c } = channelsApp();
    expect((await c.post('/v3/channels/whatsapp', { waba_id: '102290129340398' })).status).toBe(409);
  });
});

describe('POST /v3/channels/rcs', () => {
  it('names every missing field at once, checks the formats of those given, and stores nothing', async () => {
    const { c, control } = channelsApp();
    const res = await c.post('/v3/channels/rcs', { display_name: 'Globex', brand_color: 'blue', brand_email: 'nope', agent_use_case: 'SPAM', official_address: { city: 'Springfield', country: 'Oregon' } });
    expect(res.status).toBe(400);
    const details = res.body.error.details as Record<string, string[]>;
    const missing = ['description', 'brand_name', 'privacy_policy_url', 'terms_and_conditions_url', 'website_url', 'logo_url', 'banner_url', 'brand_phone_number', 'customer_support_phone_number', 'customer_support_email', 'contact_name_and_title', 'company_ein', 'entity_type', 'brief_company_description', 'opt_in_process_description', 'start_message', 'help_message', 'stop_message', 'sample_messages'];
    for (const field of missing) expect(details[field], field).toEqual([MESSAGES.requiredField(field)]);
    for (const field of ['street', 'state', 'postal_code']) expect(details[`official_address.${field}`], field).toEqual([MESSAGES.requiredField(field)]);
    expect(details.agent_use_case).toEqual([MESSAGES.rcsUseCase(['VERIFICATION', 'NOTIFICATIONS', 'MARKETING', 'MULTI_USE'])]);
    expect(details.brand_color).toEqual([MESSAGES.rcsColor]);
    expect(details.brand_email).toEqual([MESSAGES.rcsEmail]);
    expect(details['official_address.country']).toEqual([MESSAGES.countryNotIso]);
    expect(details).not.toHaveProperty('display_name');
    expect(await stored(control, 'channel_accounts')).toEqual([]);
  });

  it('registers one agent per account, PENDING_REVIEW then ACTIVE with a number; a second is 409', async () => {
    const { c, control } = channelsApp();
    const res = await c.post('/v3/channels/rcs', anRcsAgent());
    expect(res.status).toBe(201);
    const { id, created_at, ...rest } = res.body.data;
    const { sandbox: _s, ...sent } = { ...anRcsAgent(), sandbox: undefined };
    expect(rest).toEqual({ ...sent, status: 'PENDING_REVIEW', phone_number: null, opt_in_screenshot_url: null });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created_at).toEqual(expect.any(String));
    expect((await c.post('/v3/channels/rcs', anRcsAgent())).status).toBe(409);
    await control.advance(REVIEW);
    expect((await c.get('/v3/channels')).body.data.rcs).toMatchObject({ id, status: 'ACTIVE', phone_number: expect.stringMatching(/^\+1\d{10}$/) });
  });

  it('sandbox validates and answers without storing', async () => {
    const { c, control } = channelsApp();
    const res = await c.post('/v3/channels/rcs', { ...anRcsAgent(), sandbox: true });
    expect(res.status).toBe(201);
    expect(res.headers['x-sandbox']).toBe('true');
    expect(await stored(control, 'channel_accounts')).toEqual([]);
    expect((await c.get('/v3/channels')).body.data.rcs).toBeNull();
  });
});
