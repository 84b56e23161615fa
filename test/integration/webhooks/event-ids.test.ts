/**
 * Issue 22: every delivery carries `X-Webhook-Event-ID` (decisions §14, docs/decisions/0062) — a
 * UUID naming one event's delivery to one webhook: the same on every retry and on a scenario's
 * duplicate, different for every other event, and the delivery log's row `id`.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { client, testApp } from '../../support/app.js';
import { startReceiver, type Received } from '../../support/receiver.js';
import { sim } from '../../support/sim.js';
import { aWebhook, MESSAGE_ID, publish, verified } from '../../support/webhooks.js';

const page = 'page=1&page_size=100';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const eventId = (r: Received) => r.headers['x-webhook-event-id'] as string;

/** A tenant whose receiver answers `status(n)` to its n-th request, with one webhook on it. */
async function setup(status: (n: number) => number = () => 200, overrides: Parameters<typeof aWebhook>[1] = {}) {
  const t = testApp();
  const c = client(t.app);
  const receiver = await startReceiver((n, res) => {
    res.statusCode = status(n);
    res.end();
  });
  const webhook = (await c.post('/v3/webhooks', aWebhook(receiver.url, overrides))).body.data as { id: string; signing_secret: string };
  const rows = async (id = webhook.id) => (await c.get(`/v3/webhooks/${id}/events?${page}`)).body.data.events as Array<{ id: string; event_type: string; delivery_attempts: number; delivery_status: string }>;
  return { ...t, c, control: sim(t.app, c.key), receiver, webhook, rows };
}

describe('X-Webhook-Event-ID', () => {
  it('is the same on every retry of one event (the clock advanced through the retry schedule), and the delivery log lists it', async () => {
    const { app, c, control, receiver, webhook, rows } = await setup((n) => (n <= 3 ? 503 : 200));
    try {
      await publish(app, c.key, { event: 'message.failed', payload: { message_id: MESSAGE_ID } });
      await control.advance(60); // second attempt, 1 min later
      await control.advance(120); // third, 2 min after that
      await control.advance(240); // fourth, 4 min after that: delivered
      expect(receiver.received).toHaveLength(4);
      const ids = receiver.received.map(eventId);
      expect(ids[0]).toMatch(UUID);
      expect(new Set(ids)).toEqual(new Set([ids[0]]));
      // Each attempt is signed afresh over the same body: standardwebhooks verifies every one.
      for (const r of receiver.received) expect(verified(webhook.signing_secret, r)).toMatchObject({ event: 'message.failed' });
      const [row] = await rows();
      expect(row).toMatchObject({ id: ids[0], delivery_status: 'delivered', delivery_attempts: 4 });
      // The control plane's delivery log shows it on every attempt: the header, and the delivery id.
      const deliveries = (await request(app).get('/_sim/deliveries').set('x-api-key', c.key)).body.deliveries as Array<{ delivery_id: string; attempt: number; headers: Record<string, string> }>;
      const attempts = deliveries.filter((d) => d.delivery_id === row!.id);
      expect(attempts.map((d) => d.attempt)).toEqual([1, 2, 3, 4]);
      expect(attempts.every((d) => d.headers['x-webhook-event-id'] === ids[0])).toBe(true);
    } finally {
      await receiver.close();
    }
  });

  it('differs for every event, one message’s lifecycle included, and for the same event at two webhooks', async () => {
    const { c, control, receiver, webhook, rows } = await setup();
    try {
      const second = (await c.post('/v3/webhooks', aWebhook(receiver.url, { event_types: ['message'] }))).body.data as { id: string };
      const sent = await c.post('/v3/messages', { to: ['+14155550100'], channel: ['sms'], text: 'Your table is ready.' });
      expect(sent.status).toBe(202);
      await control.advance(10);
      const events = (id: string) => receiver.received.filter((r) => r.headers['x-webhook-id'] === id);
      expect(events(webhook.id).map((r) => r.json.event)).toEqual(['message.queued', 'message.routed', 'message.sent', 'message.delivered']);
      const ids = receiver.received.map(eventId);
      expect(ids).toHaveLength(8);
      expect(new Set(ids).size).toBe(8);
      expect(ids.every((id) => UUID.test(id))).toBe(true);
      // Each webhook's log lists its own ids, newest first.
      expect((await rows()).map((r) => r.id)).toEqual(events(webhook.id).map(eventId).reverse());
      expect((await rows(second.id)).map((r) => r.id)).toEqual(events(second.id).map(eventId).reverse());
    } finally {
      await receiver.close();
    }
  });

  it('is the same on both copies of an event a scenario duplicates, and new on each test event', async () => {
    const { app, c, receiver, webhook, rows } = await setup();
    try {
      await publish(app, c.key, { event: 'message.delivered' }, 'events-duplicated');
      expect(receiver.received).toHaveLength(2);
      expect(eventId(receiver.received[0]!)).toBe(eventId(receiver.received[1]!));
      expect(receiver.received[0]!.body).toBe(receiver.received[1]!.body);
      expect((await rows()).map((r) => r.id)).toEqual([eventId(receiver.received[0]!)]);

      for (let i = 0; i < 2; i++) expect((await c.post(`/v3/webhooks/${webhook.id}/test`, { event_type: 'contact.opt_out' })).body.data.success).toBe(true);
      const tests = receiver.received.slice(2).map(eventId);
      expect(tests).toHaveLength(2);
      expect(new Set([...tests, eventId(receiver.received[0]!)]).size).toBe(3);
    } finally {
      await receiver.close();
    }
  });

  it('survives an export and import: a retry after the import carries the id the log shows', async () => {
    const { app, c, control, receiver, rows } = await setup((n) => (n === 1 ? 500 : 200));
    try {
      await publish(app, c.key, { event: 'message.sent' });
      const [row] = await rows();
      expect(row!.delivery_status).toBe('retrying');
      const snapshot = await control.export();
      expect((await control.import(snapshot)).status).toBe(200);
      await control.advance(60);
      expect(receiver.received.map(eventId)).toEqual([row!.id, row!.id]);
    } finally {
      await receiver.close();
    }
  });
});
