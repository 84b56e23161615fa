import { describe, expect, it } from 'vitest';
import { client, tenantKey } from '../../support/app.js';
import { aSenderProfile, aTenDlcBrand, aTenDlcCampaign } from '../../support/channel-builders.js';
import { sim } from '../../support/sim.js';
import { verified } from '../../support/webhooks.js';
import { asProfile, channelReceiver, channelsApp, PROVISIONING, REVIEW } from './helpers.js';

const DE = { country: 'DE', number_type: 'ALPHANUMERIC', sender_value: 'ACME' };
const idOf = (res: { headers: Record<string, string> }) => res.headers['x-request-id'];

/**
 * The envelope's `request_id` on `channel.*` events (docs/decisions/0060, 0092): the
 * `X-Request-Id` of the API or `/_sim` call that started the chain — the steps the review clock
 * takes later included, after an export and import too — never the clock advance's; `null`
 * when no call did (a control verdict given in process).
 */
describe('request_id of channel events', () => {
  it('is the sender-profile create’s on every step of the markets it adds, however much later the clock takes them', async () => {
    const { c, control } = channelsApp();
    const events = await channelReceiver(c);
    try {
      const created = await c.post('/v3/sender-profiles', aSenderProfile({ channels: { sms: [DE] } }));
      expect(created.status, created.text).toBe(201);
      const first = await c.post('/_sim/clock/advance', { seconds: PROVISIONING });
      expect(first.status).toBe(200);
      await control.advance(REVIEW);
      // DE ALPHANUMERIC registers with nobody: PROVISIONING, then its verdict.
      expect(events.bodies().map((b) => [b.event, b.payload.account_id, b.payload.status, b.request_id])).toEqual([
        ['channel.submitted', created.body.data.id, 'PROVISIONING', idOf(created)],
        ['channel.activated', created.body.data.id, 'ACTIVE', idOf(created)],
      ]);
      // Not the clock advance's: it only let the review run.
      expect(idOf(first)).not.toBe(idOf(created));
    } finally {
      await events.close();
    }
  });

  it('is the numbers call’s when numbers given to an approved market make it send', async () => {
    const { app, c, control, deps } = channelsApp();
    const events = await channelReceiver(c);
    try {
      const profile = (await c.post('/v3/sender-profiles', aSenderProfile())).body.data.id as string;
      const p = asProfile(app, c.key, profile);
      // 907 is not in the fictional inventory: the market passes review with nothing to send from.
      const added = await p.post('/v3/channels/sms', { country: 'CA', number_type: 'LOCAL', numbers: [{ area_code: '907' }] });
      expect(added.status, added.text).toBe(201);
      await control.advance(PROVISIONING);
      expect((await p.get('/v3/channels/sms/CA/LOCAL')).body.data.status).toBe('PROVISIONING');
      const numbers = await p.post('/v3/channels/sms/CA/LOCAL/numbers', { numbers: [{ area_code: '416' }] });
      expect(numbers.status, numbers.text).toBe(200);
      expect(numbers.body.data.status).toBe('ACTIVE');
      // Its event goes out after the answer.
      await deps.delivery.settled();
      expect(events.bodies().map((b) => [b.event, b.payload.status, b.request_id])).toEqual([
        ['channel.submitted', 'PROVISIONING', idOf(added)],
        ['channel.submitted', 'PROVISIONING', idOf(added)],
        ['channel.activated', 'ACTIVE', idOf(numbers)],
      ]);
    } finally {
      await events.close();
    }
  });

  it('is the campaign correction’s on the channel.activated its approval brings, a review day later', async () => {
    const { app, c, control } = channelsApp();
    const events = await channelReceiver(c);
    try {
      const profile = (await c.post('/v3/sender-profiles', aSenderProfile())).body.data.id as string;
      const p = asProfile(app, c.key, profile);
      const added = await p.post('/v3/channels/sms', { country: 'US', number_type: 'TEN_DLC', compliance: { brand: aTenDlcBrand(), campaign: aTenDlcCampaign() } });
      expect(added.status, added.text).toBe(201);
      await control.advance(PROVISIONING);
      const [campaign] = (await p.get('/v3/channels/sms/US/TEN_DLC/campaigns')).body.data as Array<{ id: string }>;
      // The carriers ask for a correction before the market is approved: it passes with no campaign to send on.
      const asked = await c.post(`/_sim/channels/campaigns/${campaign!.id}/review`, { outcome: 'ACTION_NEEDED', reason: 'Sample messages do not name the brand' });
      expect(asked.status).toBe(200);
      await control.advance(REVIEW);
      expect((await p.get('/v3/channels/sms/US/TEN_DLC')).body.data.status).toBe('PROVISIONING');
      const fixed = await p.patch(`/v3/channels/sms/US/TEN_DLC/campaigns/${campaign!.id}`, { sample_messages: ['Globex: your order 1042 has shipped. Reply STOP to opt out.'] });
      expect(fixed.status, fixed.text).toBe(200);
      await control.advance(REVIEW);
      expect(events.bodies().map((b) => [b.event, b.payload.status, b.request_id])).toEqual([
        ['channel.submitted', 'PROVISIONING', idOf(added)],
        ['channel.submitted', 'PENDING_REVIEW', idOf(added)],
        ['channel.submitted', 'PROVISIONING', idOf(added)],
        ['channel.activated', 'ACTIVE', idOf(fixed)],
      ]);
    } finally {
      await events.close();
    }
  });

  it('survives an export and an import into another tenant: the copy’s pending review still names the add', async () => {
    const { app, c, control } = channelsApp();
    const events = await channelReceiver(c);
    try {
      const added = await c.post('/v3/channels/sms', DE);
      expect(added.status, added.text).toBe(201);
      const snapshot = await control.export();
      const market = snapshot.collections.sms_markets!.find((m) => m.country === 'DE') as { review: { request_id: string | null } };
      expect(market.review.request_id).toBe(idOf(added));
      // The delivery log holds the add's channel.submitted: a channel row imports (it is a WebhookEventBody).
      expect(snapshot.collections.webhook_events!.map((r) => r.event_type)).toEqual(['channel.submitted']);

      const other = client(app, tenantKey());
      const copy = sim(app, other.key);
      expect((await copy.import(snapshot)).status).toBe(200);
      // An import gives every webhook a secret nobody has seen: rotate to learn one.
      const secret = (await other.post(`/v3/webhooks/${events.webhook.id}/rotate-secret`, {})).body.data.signing_secret as string;
      await copy.advance(PROVISIONING + REVIEW);
      const copyOrg = (await copy.tenant()).organization_id as string;
      const copies = events.receiver.received.filter((r) => (r.json.payload as { account_id?: string }).account_id === copyOrg).map((r) => verified(secret, r) as { event: string; request_id: string | null });
      // The add's own channel.submitted went out before the export; the copy's verdict is its to send.
      expect(copies.map((b) => [b.event, b.request_id])).toEqual([['channel.activated', idOf(added)]]);
    } finally {
      await events.close();
    }
  });

  it('is null on the steps of a review imported from a snapshot made before reviews kept it', async () => {
    const { app, c, control } = channelsApp();
    expect((await c.post('/v3/channels/sms', DE)).status).toBe(201);
    const snapshot = await control.export();
    const market = snapshot.collections.sms_markets!.find((m) => m.country === 'DE') as { review: Record<string, unknown> };
    delete market.review.request_id;
    const other = client(app, tenantKey());
    const copy = sim(app, other.key);
    expect((await copy.import(snapshot)).status).toBe(200);
    const events = await channelReceiver(other);
    try {
      await copy.advance(PROVISIONING);
      expect(events.bodies().map((b) => [b.event, b.request_id])).toEqual([['channel.activated', null]]);
    } finally {
      await events.close();
    }
  });

  it('is null on a control verdict given in process (no request), the HTTP door’s own id otherwise', async () => {
    const { c, deps } = channelsApp();
    const events = await channelReceiver(c);
    try {
      await c.post('/v3/channels/sms', DE);
      await deps.control.call(c.key, 'post', '/channels/sms/:country/:type/review', { params: { country: 'DE', type: 'ALPHANUMERIC' }, body: { outcome: 'ACTIVE' } });
      const off = await c.post('/_sim/channels/sms/DE/ALPHANUMERIC/review', { outcome: 'INACTIVE' });
      expect(off.status).toBe(200);
      expect(events.bodies().map((b) => [b.event, b.request_id])).toEqual([
        ['channel.submitted', expect.stringMatching(/^req_/)],
        ['channel.activated', null],
        ['channel.deactivated', idOf(off)],
      ]);
    } finally {
      await events.close();
    }
  });
});
