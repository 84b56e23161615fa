import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { aTenDlcBrand, aTenDlcCampaign } from '../../support/channel-builders.js';
import { aSenderProfileIn, asProfile, channelsApp, PROVISIONING, REVIEW } from './helpers.js';

type NumberView = { sender_value: string | null; area_code: string | null; status: string; campaign_id: string | null };

/** A market's numbers: list, add, replace (sent-api-v3-2026-11 §2.7, docs/decisions/0077). */
describe('LOCAL numbers', () => {
  it('are claimed from the fictional inventory at once on an approved market; an area code it does not cover stays PROVISIONING', async () => {
    const { c } = channelsApp();
    const res = await c.post('/v3/channels/sms/CA/local/numbers', { numbers: [{ area_code: '416', quantity: 2 }, { area_code: '907' }] });
    expect(res.status).toBe(200);
    expect(res.body.data.numbers).toEqual([
      { sender_value: '+14165550199', area_code: '416', status: 'ACTIVE', campaign_id: null },
      { sender_value: '+14165550100', area_code: '416', status: 'ACTIVE', campaign_id: null },
      { sender_value: '+14165550101', area_code: '416', status: 'ACTIVE', campaign_id: null },
      { sender_value: null, area_code: '907', status: 'PROVISIONING', campaign_id: null },
    ]);
    expect((await c.get('/v3/channels/SMS/ca/LOCAL/numbers')).body.data).toEqual(res.body.data.numbers);
  });

  it('hold at most 49 per market, and refuse a campaign_id', async () => {
    const { c } = channelsApp();
    const over = await c.post('/v3/channels/sms/CA/LOCAL/numbers', { numbers: [{ quantity: 40 }, { quantity: 9 }] });
    expect(over.status).toBe(400);
    expect(over.body.error.details).toEqual({ numbers: [MESSAGES.numbersOverCap(49)] });
    const campaign = await c.post('/v3/channels/sms/CA/LOCAL/numbers', { numbers: [{}], campaign_id: '7ba7b820-9dad-11d1-80b4-00c04fd430c8' });
    expect(campaign.body.error.details).toEqual({ campaign_id: [MESSAGES.campaignIdNotTaken('LOCAL')] });
    expect((await c.get('/v3/channels/sms/CA/LOCAL/numbers')).body.data).toHaveLength(1);
    expect((await c.post('/v3/channels/sms/CA/LOCAL/numbers', { numbers: [{ quantity: 48 }] })).status).toBe(200);
  });

  it('are replaced by a list that keeps a place for each one assigned, else 400 naming how many it leaves out', async () => {
    const { c } = channelsApp();
    await c.post('/v3/channels/sms/CA/LOCAL/numbers', { numbers: [{ area_code: '416', quantity: 2 }, { area_code: '907', quantity: 3 }] });
    const short = await c.patch('/v3/channels/sms/CA/LOCAL/numbers', { numbers: [{ area_code: '416', quantity: 1 }] });
    expect(short.status).toBe(400);
    expect(short.body.error.details).toEqual({ numbers: [MESSAGES.numbersLeaveOut(2)] });
    expect((await c.get('/v3/channels/sms/CA/LOCAL/numbers')).body.data).toHaveLength(6);
    // Lowering a count still unfilled (907) is fine; an area code left open takes any held number.
    const res = await c.patch('/v3/channels/sms/CA/LOCAL/numbers', { numbers: [{ area_code: '416', quantity: 2 }, { quantity: 1 }, { area_code: '604' }] });
    expect(res.status).toBe(200);
    expect(res.body.data.numbers.map((n: NumberView) => [n.area_code, n.status])).toEqual([
      ['416', 'ACTIVE'],
      ['416', 'ACTIVE'],
      ['416', 'ACTIVE'],
      ['604', 'ACTIVE'],
    ]);
  });
});

describe('refusals', () => {
  it('501 for a channel other than sms, 404 for a market not held, 400 for sender types that take no numbers', async () => {
    const { c } = channelsApp();
    const whatsapp = await c.post('/v3/channels/whatsapp/US/TEN_DLC/numbers', { numbers: [{}] });
    expect(whatsapp.status).toBe(501);
    expect(whatsapp.body.error).toMatchObject({ code: 'BUSINESS_007', message: MESSAGES.numbersOnlySms('whatsapp') });
    expect((await c.get('/v3/channels/rcs/US/TEN_DLC/numbers')).status).toBe(501);
    expect((await c.patch('/v3/channels/mms/US/TEN_DLC/numbers', { numbers: [{}] })).status).toBe(501);
    const missing = await c.post('/v3/channels/sms/GB/MOBILE/numbers', { numbers: [{}] });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('RESOURCE_013');
    await c.post('/v3/channels/sms', { country: 'DE', number_type: 'ALPHANUMERIC', sender_value: 'ACME' });
    const alpha = await c.post('/v3/channels/sms/DE/ALPHANUMERIC/numbers', { numbers: [{}] });
    expect(alpha.status).toBe(400);
    expect(alpha.body.error.details).toEqual({ numbers: [MESSAGES.marketTakesNoNumbers('ALPHANUMERIC')] });
    const bad = await c.post('/v3/channels/sms/CA/LOCAL/numbers', { numbers: [{ quantity: 0, area_code: 'abc' }], campaign_id: 'nope' });
    expect(bad.body.error.details).toEqual({
      'numbers[0].quantity': [MESSAGES.numberQuantity(49)],
      'numbers[0].area_code': [MESSAGES.areaCodeDigits],
      campaign_id: [MESSAGES.invalidTenDlcCampaignId],
    });
  });
});

/** A profile with an ACTIVE US TEN_DLC market of its own, on its own identity and campaign (its one number assigned). */
async function tenDlcProfile() {
  const app = channelsApp();
  const profile = await aSenderProfileIn(app.c);
  const p = asProfile(app.app, app.c.key, profile.id);
  expect((await p.post('/v3/channels/sms', { country: 'US', number_type: 'TEN_DLC', compliance: { brand: aTenDlcBrand(), campaign: aTenDlcCampaign() } })).status).toBe(201);
  await app.control.advance(PROVISIONING + REVIEW);
  const market = (await p.get('/v3/channels/sms/US/TEN_DLC')).body.data;
  expect(market.status).toBe('ACTIVE');
  return { ...app, p, profile, campaignId: market.compliance.campaigns[0].id as string };
}

describe('US TEN_DLC numbers', () => {
  it('need a campaign_id naming one of the account’s campaigns in service; go to that campaign, claimed once it is approved', async () => {
    const { p, campaignId } = await tenDlcProfile();
    const none = await p.post('/v3/channels/sms/US/ten_dlc/numbers', { numbers: [{ area_code: '212' }] });
    expect(none.status).toBe(400);
    expect(none.body.error.details).toEqual({ campaign_id: [MESSAGES.campaignIdRequired([campaignId])] });
    const unknown = await p.post('/v3/channels/sms/US/10dlc/numbers', { numbers: [{}], campaign_id: '7ba7b820-9dad-11d1-80b4-00c04fd430c8' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'RESOURCE_010', message: MESSAGES.tenDlcCampaignNotFound });
    const added = await p.post('/v3/channels/sms/US/TEN_DLC/numbers', { numbers: [{ area_code: '212', quantity: 2 }], campaign_id: campaignId });
    expect(added.status).toBe(200);
    expect(added.body.data.numbers.filter((n: NumberView) => n.area_code === '212')).toEqual([
      { sender_value: '+12125550100', area_code: '212', status: 'ACTIVE', campaign_id: campaignId },
      { sender_value: '+12125550101', area_code: '212', status: 'ACTIVE', campaign_id: campaignId },
    ]);
    expect((await p.get(`/v3/channels/sms/US/TEN_DLC/numbers?campaign_id=${campaignId}`)).body.data).toHaveLength(3);
    expect((await p.get('/v3/channels/sms/US/TEN_DLC/numbers?campaign_id=7ba7b820-9dad-11d1-80b4-00c04fd430c8')).body.data).toEqual([]);
  });

  it('count 49 per campaign; an out-of-service campaign is 409, an inherited one 400', async () => {
    const { c, app, p, campaignId, control } = await tenDlcProfile();
    const over = await p.post('/v3/channels/sms/US/TEN_DLC/numbers', { numbers: [{ quantity: 49 }], campaign_id: campaignId });
    expect(over.status).toBe(400);
    expect(over.body.error.details).toEqual({ numbers: [MESSAGES.numbersOverCap(49)] });
    expect((await c.post(`/_sim/channels/campaigns/${campaignId}/review`, { outcome: 'INACTIVE' })).body).toMatchObject({ id: campaignId, status: 'INACTIVE' });
    const out = await p.post('/v3/channels/sms/US/TEN_DLC/numbers', { numbers: [{}], campaign_id: campaignId });
    expect(out.status).toBe(409);
    expect(out.body.error).toMatchObject({ code: 'BUSINESS_006', message: MESSAGES.campaignOutOfService });
    // A profile running on the organization's campaign may not put numbers on it.
    const [orgCampaign] = (await control.organization({ campaigns: 1 })).campaigns;
    const inheritor = await aSenderProfileIn(c);
    const q = asProfile(app, c.key, inheritor.id);
    await q.post('/v3/channels/sms', { country: 'US', number_type: 'TEN_DLC', compliance: { brand: { inherit: true }, campaign: { inherit: true } } });
    const inherited = await q.post('/v3/channels/sms/US/TEN_DLC/numbers', { numbers: [{}], campaign_id: orgCampaign!.id });
    expect(inherited.status).toBe(400);
    expect(inherited.body.error.details).toEqual({ campaign_id: [MESSAGES.campaignInheritedNumbers] });
  });

  it('on a campaign not yet approved stay PROVISIONING, replacing its default request, until the carriers approve it', async () => {
    const { p, control } = await tenDlcProfile();
    const second = await p.post('/v3/channels/sms/US/TEN_DLC/campaigns', aTenDlcCampaign({ name: 'Reminders', use_cases: ['ACCOUNT_NOTIFICATION'] }));
    expect(second.status).toBe(201);
    const id = second.body.data.id as string;
    const numbers = async () => ((await p.get(`/v3/channels/sms/US/TEN_DLC/numbers?campaign_id=${id}`)).body.data as NumberView[]).map((n) => [n.area_code, n.status]);
    expect(await numbers()).toEqual([[null, 'PROVISIONING']]);
    await p.post('/v3/channels/sms/US/TEN_DLC/numbers', { numbers: [{ area_code: '312', quantity: 2 }], campaign_id: id });
    expect(await numbers()).toEqual([['312', 'PROVISIONING'], ['312', 'PROVISIONING']]);
    await control.advance(PROVISIONING + REVIEW);
    expect(await numbers()).toEqual([['312', 'ACTIVE'], ['312', 'ACTIVE']]);
  });
});
