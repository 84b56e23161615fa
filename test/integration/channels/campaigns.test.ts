import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { aTenDlcBrand, aTenDlcCampaign } from '../../support/channel-builders.js';
import { aSenderProfileIn, asProfile, channelsApp, PROVISIONING, REVIEW } from './helpers.js';

/** US TEN_DLC campaigns: list, add, change, with every 400/409 of sent-api-v3-2026-11 §2.7 (docs/decisions/0076). */
async function profileWithMarket(filed: boolean) {
  const app = channelsApp();
  const profile = await aSenderProfileIn(app.c);
  const p = asProfile(app.app, app.c.key, profile.id);
  expect((await p.post('/v3/channels/sms', { country: 'US', number_type: 'TEN_DLC', compliance: { brand: aTenDlcBrand(), campaign: aTenDlcCampaign() } })).status).toBe(201);
  if (filed) await app.control.advance(PROVISIONING);
  return { ...app, p, profile };
}

describe('listing and adding campaigns', () => {
  it('404s without a US TEN_DLC market; lists the market’s campaigns oldest first with their status and inherit', async () => {
    const { app, c } = channelsApp();
    const profile = await aSenderProfileIn(c);
    const none = await asProfile(app, c.key, profile.id).get('/v3/channels/sms/US/TEN_DLC/campaigns');
    expect(none.status).toBe(404);
    expect(none.body.error).toMatchObject({ code: 'RESOURCE_013', message: MESSAGES.marketNotHeld('US', 'TEN_DLC') });
    const { p } = await profileWithMarket(false);
    const list = (await p.get('/v3/channels/sms/US/TEN_DLC/campaigns')).body.data;
    expect(list).toEqual([expect.objectContaining({ id: expect.any(String), status: 'PENDING_REVIEW', inherit: false, name: 'Order updates', volume: '1500', reason: null })]);
  });

  it('names every missing or invalid field at once, and stores nothing', async () => {
    const { p } = await profileWithMarket(true);
    const res = await p.post('/v3/channels/sms/US/TEN_DLC/campaigns', { name: 'Half a campaign', use_cases: ['SWEEPSTAKES'], volume: 'lots', id: 'ignored', inherit: true });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual({
      description: [MESSAGES.requirementMissing('description')],
      message_flow: [MESSAGES.requirementMissing('message_flow')],
      use_cases: [expect.stringMatching(/^use_cases must be one of: MARKETING, /)],
      sample_messages: [MESSAGES.requirementMissing('sample_messages')],
      volume: [MESSAGES.requirementValue('volume', 'must match ^[0-9]{1,9}$')],
    });
    expect((await p.get('/v3/channels/sms/US/TEN_DLC/campaigns')).body.data).toHaveLength(1);
  });

  it('needs the identity registered and submitted to TCR', async () => {
    const notFiled = await profileWithMarket(false);
    const early = await notFiled.p.post('/v3/channels/sms/US/TEN_DLC/campaigns', aTenDlcCampaign());
    expect(early.status).toBe(400);
    expect(early.body.error.details).toEqual({ brand: [MESSAGES.identityNotSubmitted] });
    const { app, c } = channelsApp();
    const profile = await aSenderProfileIn(c);
    const p = asProfile(app, c.key, profile.id);
    await p.post('/v3/channels/sms', { country: 'US', number_type: 'TEN_DLC', compliance: { brand: { inherit: true } } });
    const noBrand = await p.post('/v3/channels/sms/US/TEN_DLC/campaigns', aTenDlcCampaign());
    expect(noBrand.body.error.details).toEqual({ brand: [MESSAGES.identityNotRegistered] });
  });

  it('adds a campaign of the account’s own (201), filed on the clock, then approved; /v3/profiles sees the same record', async () => {
    const { c, p, profile, control } = await profileWithMarket(true);
    const res = await p.post('/v3/channels/sms/US/TEN_DLC/campaigns', aTenDlcCampaign({ name: 'Reminders', description: 'Appointment reminders for Globex customers', volume: '250' }));
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ status: 'PENDING_REVIEW', inherit: false, name: 'Reminders', volume: '250', created_at: expect.any(String) });
    const id = res.body.data.id;
    const onProfile = async () => ((await c.get(`/v3/profiles/${profile.id}/campaigns`)).body.data as Array<{ id: string; name: string; submittedToTCR: boolean; status: string | null }>).find((x) => x.id === id)!;
    expect(await onProfile()).toMatchObject({ name: 'Reminders', description: 'Appointment reminders for Globex customers', submittedToTCR: false });
    await control.advance(PROVISIONING);
    expect(await onProfile()).toMatchObject({ submittedToTCR: true, status: 'SENT_CREATED' });
    await control.advance(REVIEW);
    expect(await onProfile()).toMatchObject({ status: 'ACTIVE' });
    expect((await p.get('/v3/channels/sms/US/TEN_DLC/campaigns')).body.data.map((x: { name: string; status: string }) => [x.name, x.status])).toEqual([
      ['Order updates', 'ACTIVE'],
      ['Reminders', 'ACTIVE'],
    ]);
  });
});

describe('changing a campaign', () => {
  it('is allowed until it is filed (answering the market), refused once filed (409), and again allowed while a correction is asked', async () => {
    const { c, p, control } = await profileWithMarket(true);
    const added = (await p.post('/v3/channels/sms/US/TEN_DLC/campaigns', aTenDlcCampaign({ name: 'Reminders' }))).body.data;
    const changed = await p.patch(`/v3/channels/sms/US/TEN_DLC/campaigns/${added.id}`, { message_flow: 'Customers text JOIN to 555-0100.' });
    expect(changed.status).toBe(200);
    expect(changed.body.data).toMatchObject({ country: 'US', number_type: 'TEN_DLC' });
    expect(changed.body.data.compliance.campaigns.find((x: { id: string }) => x.id === added.id)).toMatchObject({ message_flow: 'Customers text JOIN to 555-0100.', name: 'Reminders', description: aTenDlcCampaign().description });
    await control.advance(PROVISIONING);
    const filed = await p.patch(`/v3/channels/sms/US/TEN_DLC/campaigns/${added.id}`, { description: 'Something else' });
    expect(filed.status).toBe(409);
    expect(filed.body.error).toMatchObject({ code: 'BUSINESS_006', message: MESSAGES.campaignFiled });
    await c.post(`/_sim/channels/campaigns/${added.id}/review`, { outcome: 'ACTION_NEEDED', reason: 'Sample messages do not name the brand' });
    const listed = (await p.get('/v3/channels/sms/US/TEN_DLC/campaigns')).body.data.find((x: { id: string }) => x.id === added.id);
    expect(listed).toMatchObject({ status: 'ACTION_NEEDED', reason: 'Sample messages do not name the brand' });
    // A registered campaign keeps its tier: 1500 a day is low-volume, 5000 standard.
    const tier = await p.patch(`/v3/channels/sms/US/TEN_DLC/campaigns/${added.id}`, { volume: '5000' });
    expect(tier.status).toBe(409);
    expect(tier.body.error.message).toBe(MESSAGES.volumeTierFixed);
    const fixed = await p.patch(`/v3/channels/sms/US/TEN_DLC/campaigns/${added.id}`, { sample_messages: ['Globex: your appointment is tomorrow at 9. Reply STOP to opt out.'], volume: '1900' });
    expect(fixed.status).toBe(200);
    expect(fixed.body.data.compliance.campaigns.find((x: { id: string }) => x.id === added.id)).toMatchObject({ status: 'PENDING_REVIEW', reason: null, volume: '1900' });
    await control.advance(REVIEW);
    expect((await p.get('/v3/channels/sms/US/TEN_DLC/campaigns')).body.data.find((x: { id: string }) => x.id === added.id).status).toBe('ACTIVE');
  });

  it('gives a market approved while its only campaign owed a correction its number once the corrected campaign is approved', async () => {
    const { c, p, control } = await profileWithMarket(true);
    const [own] = (await p.get('/v3/channels/sms/US/TEN_DLC/campaigns')).body.data as Array<{ id: string }>;
    await c.post(`/_sim/channels/campaigns/${own!.id}/review`, { outcome: 'ACTION_NEEDED' });
    await control.advance(REVIEW);
    const approved = (await p.get('/v3/channels/sms/US/TEN_DLC')).body.data;
    expect(approved).toMatchObject({ status: 'PROVISIONING', reason: MESSAGES.marketAwaitsNumbers, numbers: [{ status: 'PROVISIONING', campaign_id: null }] });
    expect((await p.patch(`/v3/channels/sms/US/TEN_DLC/campaigns/${own!.id}`, { description: 'Order confirmations for Globex customers' })).status).toBe(200);
    await control.advance(REVIEW);
    // Before the fix the market's own request kept no campaign, so no approval ever claimed it.
    expect((await p.get('/v3/channels/sms/US/TEN_DLC')).body.data).toMatchObject({ status: 'ACTIVE', reason: null, numbers: [{ status: 'ACTIVE', campaign_id: own!.id, sender_value: expect.stringMatching(/^\+1\d{10}$/) }] });
  });

  it('refuses "inherit": true (400), an unknown campaign (404), an inherited one and one out of service (409) — changing nothing', async () => {
    const { app, c, p, control } = await profileWithMarket(true);
    const [own] = (await p.get('/v3/channels/sms/US/TEN_DLC/campaigns')).body.data;
    const inherit = await p.patch(`/v3/channels/sms/US/TEN_DLC/campaigns/${own.id}`, { inherit: true, description: 'x' });
    expect(inherit.status).toBe(400);
    expect(inherit.body.error.details).toEqual({ inherit: [MESSAGES.campaignInheritRefused] });
    const empty = await p.patch(`/v3/channels/sms/US/TEN_DLC/campaigns/${own.id}`, {});
    expect(empty.body.error.details).toEqual({ body: [MESSAGES.patchEmpty] });
    const cleared = await p.patch(`/v3/channels/sms/US/TEN_DLC/campaigns/${own.id}`, { message_flow: null });
    expect(cleared.body.error.details).toEqual({ message_flow: [MESSAGES.requirementNotClearable('message_flow')] });
    expect((await p.patch('/v3/channels/sms/US/TEN_DLC/campaigns/7ba7b820-9dad-11d1-80b4-00c04fd430c8', { description: 'x' })).body.error.code).toBe('RESOURCE_010');
    expect((await p.patch('/v3/channels/sms/US/TEN_DLC/campaigns/not-a-uuid', { description: 'x' })).body.error).toMatchObject({ code: 'VALIDATION_001', message: MESSAGES.invalidTenDlcCampaignId });
    await c.post(`/_sim/channels/campaigns/${own.id}/review`, { outcome: 'DECLINED' });
    const declined = await p.patch(`/v3/channels/sms/US/TEN_DLC/campaigns/${own.id}`, { description: 'x' });
    expect(declined.status).toBe(409);
    expect(declined.body.error.message).toBe(MESSAGES.campaignOutOfService);

    const [orgCampaign] = (await control.organization({ campaigns: 1 })).campaigns;
    const inheritor = await aSenderProfileIn(c);
    const q = asProfile(app, c.key, inheritor.id);
    await q.post('/v3/channels/sms', { country: 'US', number_type: 'TEN_DLC', compliance: { brand: { inherit: true }, campaign: { inherit: true } } });
    const theirs = await q.patch(`/v3/channels/sms/US/TEN_DLC/campaigns/${orgCampaign!.id}`, { description: 'x' });
    expect(theirs.status).toBe(409);
    expect(theirs.body.error).toMatchObject({ code: 'BUSINESS_006', message: MESSAGES.campaignInherited });
    expect((await c.get(`/_sim/tenant`)).body.campaigns.find((x: { id: string }) => x.id === orgCampaign!.id).description).not.toBe('x');
  });
});
