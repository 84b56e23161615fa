/**
 * Issue 25 row 1: every event went to every webhook of the account in one synchronous loop, and
 * evicting the oldest delivery-log row walked the Map (~17 µs a row): 1,000 webhooks and one send
 * to 1,000 numbers held another tenant's `GET /v3/me` 110 s and ended in a heap out-of-memory
 * abort. Now an account holds `--max-webhooks-per-account`, a send is refused past
 * `--max-send-fanout` (recipients × channels × webhooks), routing reads the event's accounts
 * through an index and yields every `ROUTE_SLICE` rows, and rows leave oldest first in O(1).
 */
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/errors/catalog.js';
import type { SentEvent } from '../../src/events/bus.js';
import { ROUTE_SLICE } from '../../src/resources/webhooks/delivery.js';
import { client, stillClock, testApp } from '../support/app.js';
import { aProfile } from '../support/builders.js';
import { startReceiver } from '../support/receiver.js';
import { sim } from '../support/sim.js';
import { aWebhook, publish } from '../support/webhooks.js';

// Nothing listens on port 9: routing is what these tests look at, not delivery.
const NOWHERE = 'http://127.0.0.1:9/hook';

describe('webhook fan-out (issue 25 row 1)', () => {
  it('holds an account to --max-webhooks-per-account: the next create is a 400 naming the flag, nothing stored; a profile still has its own (issue 25 row 1)', async () => {
    const { app } = testApp({ config: { maxWebhooksPerAccount: 3 } });
    const c = client(app);
    for (let i = 0; i < 3; i++) expect((await c.post('/v3/webhooks', aWebhook(NOWHERE, { display_name: `W${i}` }))).status).toBe(201);
    const refused = await c.post('/v3/webhooks', aWebhook(NOWHERE, { display_name: 'One too many' }));
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'BUSINESS_008', message: MESSAGES.webhookAccountCap(3) });
    expect(refused.body.error.message).toContain('--max-webhooks-per-account');
    const listed = (await c.get('/v3/webhooks?page=1&page_size=100')).body.data.webhooks as Array<{ display_name: string }>;
    expect(listed.map((w) => w.display_name).sort()).toEqual(['W0', 'W1', 'W2']);

    const profile = (await c.post('/v3/profiles', aProfile())).body.data;
    const asProfile = (await c.post(`/v3/webhooks`, aWebhook(NOWHERE)).set('x-profile-id', profile.id)).status;
    expect(asProfile).toBe(201);
  });

  it('refuses a send whose recipients × channels × webhooks taking message events pass --max-send-fanout, storing nothing (issue 25 row 1)', async () => {
    const { app } = testApp({ config: { maxSendFanout: 20 } });
    const c = client(app);
    // Five webhooks take message events; a sixth takes templates only and does not count.
    for (let i = 0; i < 5; i++) await c.post('/v3/webhooks', aWebhook(NOWHERE, { event_types: ['message'] }));
    await c.post('/v3/webhooks', aWebhook(NOWHERE, { event_types: ['templates'] }));
    const numbers = (n: number) => Array.from({ length: n }, (_, i) => `+1415555${String(1000 + i)}`);

    const refused = await c.post('/v3/messages', { to: numbers(5), channel: ['sms'], text: 'Hello' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'BUSINESS_008', message: MESSAGES.sendFanoutCap(20, { recipients: 5, channels: 1, webhooks: 5 }) });
    expect((await sim(app, c.key).tenant()).totals).toMatchObject({ messages: 0, contacts: 0, pending_jobs: 0 });

    // Four numbers are 20 deliveries of each event: accepted.
    const sent = await c.post('/v3/messages', { to: numbers(4), channel: ['sms'], text: 'Hello' });
    expect(sent.status).toBe(202);
    expect((await sim(app, c.key).tenant()).totals.messages).toBe(4);
  });

  it('routes an event to more than ROUTE_SLICE webhooks across turns of the event loop, each webhook still getting one message’s events in order (issue 25 row 1)', async () => {
    const count = ROUTE_SLICE + 100;
    const { app, deps } = testApp({ realNow: stillClock(), config: { maxWebhooksPerAccount: count, maxWebhooksPerTenant: count } });
    const receiver = await startReceiver();
    try {
      const c = client(app);
      const tenant = deps.tenants.resolve(c.key)!.tenant;
      for (let i = 0; i < count; i++) expect((await c.post('/v3/webhooks', aWebhook(receiver.url, { event_types: ['message'] }))).status).toBe(201);
      const rows = () => (deps.collections.find((col) => col.name === 'webhook_events')!.in(tenant).size);
      const event = (name: string): SentEvent => ({
        account_id: tenant.id,
        family: 'message',
        name,
        at: tenant.clock.now(),
        payload: { message_id: 'm-1' },
        order_key: 'm-1',
        scenario: null,
      });
      const first = deps.events.publish(tenant, event('message.queued'));
      const second = deps.events.publish(tenant, event('message.sent'));
      // Nothing was routed in this turn: both wait their turn, in publishing order.
      expect(rows()).toBe(0);
      await Promise.all([first, second]);
      expect(rows()).toBe(2 * count);
      expect(receiver.received).toHaveLength(2 * count);
      const byWebhook = new Map<string, string[]>();
      for (const r of receiver.received) {
        const id = String(r.headers['x-webhook-id']);
        byWebhook.set(id, [...(byWebhook.get(id) ?? []), String(r.json.event)]);
      }
      expect(byWebhook.size).toBe(count);
      for (const events of byWebhook.values()) expect(events).toEqual(['message.queued', 'message.sent']);

      // The next turn starts afresh: another tenant's event to one webhook is routed at once.
      await new Promise((resolve) => setImmediate(resolve));
      const small = client(app);
      await small.post('/v3/webhooks', aWebhook(receiver.url, { event_types: ['message'] }));
      const smallTenant = deps.tenants.resolve(small.key)!.tenant;
      const routed = deps.events.publish(smallTenant, { ...event('message.queued'), account_id: smallTenant.id, at: smallTenant.clock.now() });
      expect(deps.collections.find((col) => col.name === 'webhook_events')!.in(smallTenant).size).toBe(1);
      await routed;
    } finally {
      await receiver.close();
    }
  });

  it('keeps the newest --max-webhook-events rows, and within --max-webhook-event-bytes, the oldest leaving first (issue 25 rows 1 and 6)', async () => {
    const { app } = testApp({ config: { maxWebhookEventRows: 5, maxWebhookEventBytes: 6_000 } });
    const c = client(app);
    const id = (await c.post('/v3/webhooks', aWebhook(NOWHERE, { event_types: ['message'] }))).body.data.id;
    for (let i = 0; i < 8; i++) await publish(app, c.key, { event: 'message.sent', payload: { n: i } });
    const seen = async () => ((await c.get(`/v3/webhooks/${id}/events?page=1&page_size=100`)).body.data.events as Array<{ event_data: { payload: { n: number } } }>).map((r) => r.event_data.payload.n);
    expect(await seen()).toEqual([7, 6, 5, 4, 3]);
    // Bodies of ~2 KB: three fit in 6,000 bytes with their rows' overhead.
    for (let i = 8; i < 12; i++) await publish(app, c.key, { event: 'message.sent', payload: { n: i, pad: 'x'.repeat(1500) } });
    const kept = await seen();
    expect(kept.length).toBeLessThan(5);
    expect(kept).toEqual([11, 10, 9, 8].slice(0, kept.length));
  });
});

