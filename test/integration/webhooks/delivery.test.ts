import { describe, expect, it } from 'vitest';
import { aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { startReceiver, type Received } from '../../support/receiver.js';
import { sim } from '../../support/sim.js';
import { aWebhook, MESSAGE_ID, publish, verified } from '../../support/webhooks.js';
import { VERSION } from '../../../src/version.js';

const page = 'page=1&page_size=100';

async function setup() {
  const t = testApp();
  const c = client(t.app);
  const control = sim(t.app, c.key);
  const receiver = await startReceiver();
  const create = async (overrides: Parameters<typeof aWebhook>[1] = {}, url = receiver.url, key = c) => {
    const res = await key.post('/v3/webhooks', aWebhook(url, overrides));
    expect(res.status).toBe(201);
    return res.body.data as { id: string; signing_secret: string };
  };
  const events = async (id: string) => (await c.get(`/v3/webhooks/${id}/events?${page}`)).body.data.events as Array<Record<string, unknown>>;
  return { ...t, c, control, receiver, create, events };
}

const names = (received: Received[]) => received.map((r) => r.json.event ?? r.json.field);

describe('webhook event delivery', () => {
  it('posts the event body with Sent’s headers, signed so that standardwebhooks verifies it', async () => {
    const { app, c, receiver, create } = await setup();
    try {
      const webhook = await create();
      const published = await publish(app, c.key, { event: 'message.delivered', payload: { message_id: MESSAGE_ID } });
      expect(published.webhooks).toEqual([webhook.id]);
      expect(receiver.received).toHaveLength(1);
      const [got] = receiver.received;
      expect(got!.headers).toMatchObject({
        'content-type': 'application/json',
        'user-agent': `sent-sim/${VERSION}`,
        'x-webhook-id': webhook.id,
        'x-webhook-event-type': 'message.delivered',
        'x-webhook-event-id': expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        'x-webhook-signature': expect.stringMatching(/^v1,[A-Za-z0-9+/]+={0,2}$/),
      });
      // Real time, so a receiver's replay window accepts it whatever the tenant clock says.
      expect(Math.abs(Number(got!.headers['x-webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
      const body = verified(webhook.signing_secret, got!);
      expect(body).toEqual({
        field: 'message',
        event: 'message.delivered',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        // The control call published it: its request id.
        request_id: published.requestId,
        payload: {
          account_id: expect.any(String),
          message_id: MESSAGE_ID,
          message_status: 'DELIVERED',
          channel: 'sms',
          outbound_number: '+14155550100',
          body: 'Your order has shipped.',
          template_id: null,
          agent_id: null,
          updated_at: expect.stringMatching(/Z$/),
        },
      });
      expect(body).toEqual(published.event);
      // Key order as Sent's typed models: field, event, timestamp, request_id, payload.
      expect(Object.keys(JSON.parse(got!.body) as object)).toEqual(['field', 'event', 'timestamp', 'request_id', 'payload']);
      // The header names the delivery-log row.
      const [row] = (await c.get(`/v3/webhooks/${webhook.id}/events?${page}`)).body.data.events as Array<{ id: string }>;
      expect(row!.id).toBe(got!.headers['x-webhook-event-id']);
    } finally {
      await receiver.close();
    }
  });

  it('posts template events without an event key, and names them templates in the header', async () => {
    const { app, c, receiver, create } = await setup();
    try {
      const webhook = await create();
      await publish(app, c.key, { event: 'templates' });
      const [got] = receiver.received;
      expect(got!.headers['x-webhook-event-type']).toBe('templates');
      const body = verified(webhook.signing_secret, got!) as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(['field', 'timestamp', 'request_id', 'payload']);
      expect(body.payload).toMatchObject({ template_name: expect.any(String), status: 'APPROVED', channel: 'whatsapp', reason: null });
    } finally {
      await receiver.close();
    }
  });

  it('puts the name under sub_type, or both keys, when the tenant asks (webhook_event_key)', async () => {
    const { app, c, control, receiver, create } = await setup();
    try {
      await create();
      expect((await control.patchTenant({ settings: { webhook_event_key: 'sub_type' } })).status).toBe(200);
      await publish(app, c.key, { event: 'message.sent' });
      await control.patchTenant({ settings: { webhook_event_key: 'both' } });
      await publish(app, c.key, { event: 'message.sent' });
      expect(receiver.received.map((r) => Object.keys(r.json))).toEqual([
        ['field', 'sub_type', 'timestamp', 'request_id', 'payload'],
        ['field', 'event', 'sub_type', 'timestamp', 'request_id', 'payload'],
      ]);
      expect(receiver.received[1]!.json).toMatchObject({ event: 'message.sent', sub_type: 'message.sent' });
      expect((await control.patchTenant({ settings: { webhook_event_key: 'value' } })).status).toBe(400);
    } finally {
      await receiver.close();
    }
  });

  it('logs one row per event with the exact body sent, newest first', async () => {
    const { app, c, control, receiver, create, events } = await setup();
    try {
      const webhook = await create();
      await publish(app, c.key, { event: 'message.queued', payload: { message_id: MESSAGE_ID } });
      await control.advance(1);
      await publish(app, c.key, { event: 'message.sent', payload: { message_id: MESSAGE_ID } });
      const rows = await events(webhook.id);
      expect(rows.map((r) => r.event_type)).toEqual(['message.sent', 'message.queued']);
      expect(rows[0]).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        event_type: 'message.sent',
        event_data: JSON.parse(receiver.received[1]!.body),
        delivery_status: 'delivered',
        delivery_attempts: 1,
        http_status_code: 200,
        response_body: null,
        error_message: null,
        created_at: expect.stringMatching(/\+00:00$/),
        processing_started_at: expect.stringMatching(/\+00:00$/),
        processing_completed_at: expect.stringMatching(/\+00:00$/),
      });
      const searched = (await c.get(`/v3/webhooks/${webhook.id}/events?${page}&search=QUEUED`)).body.data;
      expect(searched.events.map((r: { event_type: string }) => r.event_type)).toEqual(['message.queued']);
      expect(searched.pagination).toMatchObject({ total_count: 1, has_more: false, cursors: null });
      const read = (await c.get(`/v3/webhooks/${webhook.id}`)).body.data;
      expect(read).toMatchObject({ consecutive_failures: 0, last_delivery_attempt_at: rows[0]!.processing_started_at, last_successful_delivery_at: rows[0]!.processing_started_at });
    } finally {
      await receiver.close();
    }
  });

  it('keeps the newest rows when a tenant passes maxWebhookEventRows', async () => {
    const t = testApp({ config: { maxWebhookEventRows: 3 } });
    const c = client(t.app);
    const receiver = await startReceiver();
    try {
      const webhook = (await c.post('/v3/webhooks', aWebhook(receiver.url))).body.data;
      for (const event of ['message.queued', 'message.routed', 'message.sent', 'message.delivered']) await publish(t.app, c.key, { event });
      const rows = (await c.get(`/v3/webhooks/${webhook.id}/events?${page}`)).body.data.events;
      expect(rows.map((r: { event_type: string }) => r.event_type)).toEqual(['message.delivered', 'message.sent', 'message.routed']);
    } finally {
      await receiver.close();
    }
  });
});

describe('event routing', () => {
  it('sends an event to every active webhook of the account that subscribes to its family and passes its filter', async () => {
    const { app, c, receiver, create } = await setup();
    try {
      const all = await create({ display_name: 'all' });
      const templatesOnly = await create({ display_name: 'templates', event_types: ['templates'] });
      const receipts = await create({ display_name: 'receipts', event_types: ['message'], event_filters: { message: ['delivered', 'failed'] } });
      const off = await create({ display_name: 'off' });
      await c.patch(`/v3/webhooks/${off.id}/toggle-status`, { is_active: false });

      expect((await publish(app, c.key, { event: 'message.sent' })).webhooks.sort()).toEqual([all.id].sort());
      expect((await publish(app, c.key, { event: 'message.delivered' })).webhooks.sort()).toEqual([all.id, receipts.id].sort());
      expect((await publish(app, c.key, { event: 'templates' })).webhooks.sort()).toEqual([all.id, templatesOnly.id].sort());
      const byWebhook = (id: string) => receiver.received.filter((r) => r.headers['x-webhook-id'] === id).map((r) => r.json.event ?? r.json.field);
      expect(byWebhook(all.id)).toEqual(['message.sent', 'message.delivered', 'templates']);
      expect(byWebhook(receipts.id)).toEqual(['message.delivered']);
      expect(byWebhook(templatesOnly.id)).toEqual(['templates']);
      expect(byWebhook(off.id)).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it('gives the organization’s webhooks its profiles’ events, and a profile only its own', async () => {
    const { app, c, control, receiver, create } = await setup();
    try {
      const a = (await c.post('/v3/profiles', aProfile({ name: 'A' }))).body.data;
      const b = (await c.post('/v3/profiles', aProfile({ name: 'B' }))).body.data;
      const org = await create({ display_name: 'org' });
      const keyA = client(app, await control.keyFor('admin', a.id));
      const profileA = await create({ display_name: 'A' }, receiver.url, keyA);
      // An organization key acting for B (x-profile-id) registers B's webhook.
      const profileB = (await c.post('/v3/webhooks', aWebhook(receiver.url, { display_name: 'B' })).set('x-profile-id', b.id)).body.data;

      expect((await publish(app, c.key, { event: 'message.sent', account_id: a.id })).webhooks.sort()).toEqual([org.id, profileA.id].sort());
      expect((await publish(app, c.key, { event: 'message.sent', account_id: b.id })).webhooks.sort()).toEqual([org.id, profileB.id].sort());
      expect((await publish(app, c.key, { event: 'message.sent' })).webhooks).toEqual([org.id]);
      const forA = receiver.received.filter((r) => r.headers['x-webhook-id'] === profileA.id);
      expect(forA.map((r) => (r.json.payload as { account_id: string }).account_id)).toEqual([a.id]);
      // Each account lists only its own webhooks.
      expect((await keyA.get(`/v3/webhooks?${page}`)).body.data.webhooks.map((w: { id: string }) => w.id)).toEqual([profileA.id]);
      expect((await c.get(`/v3/webhooks?${page}`)).body.data.webhooks.map((w: { id: string }) => w.id)).toEqual([org.id]);
      expect((await keyA.get(`/v3/webhooks/${org.id}`)).status).toBe(404);
      expect((await c.get(`/v3/webhooks/${profileA.id}`)).status).toBe(404);
    } finally {
      await receiver.close();
    }
  });

  it('sends nothing to a deleted webhook, even an event already waiting for its retry', async () => {
    const t = testApp();
    const c = client(t.app);
    const receiver = await startReceiver((n, res) => {
      res.statusCode = n === 1 ? 500 : 200;
      res.end();
    });
    try {
      const webhook = (await c.post('/v3/webhooks', aWebhook(receiver.url))).body.data;
      await publish(t.app, c.key, { event: 'message.sent' });
      expect(receiver.received).toHaveLength(1);
      expect((await c.delete(`/v3/webhooks/${webhook.id}`)).status).toBe(204);
      await sim(t.app, c.key).advance(3600);
      expect(receiver.received).toHaveLength(1);
      expect((await sim(t.app, c.key).tenant()).totals.webhook_events).toBe(0);
    } finally {
      await receiver.close();
    }
  });

  it('sends one message’s events one after another, in the order they happened', async () => {
    const t = testApp();
    const c = client(t.app);
    // For each request: how many answers the receiver had finished when it arrived. Chained
    // sending means the k-th arrives after k answers; parallel sending would overlap them.
    let finished = 0;
    const seen: Array<{ event: unknown; finishedBefore: number }> = [];
    const receiver = await startReceiver((_n, res) => {
      const last = receiver.received.at(-1)!;
      seen.push({ event: last.json.event, finishedBefore: finished });
      res.on('finish', () => finished++);
      // Answer a few turns of the event loop later, so that overlapping requests would show.
      let turns = 20;
      const later = () => (--turns > 0 ? setImmediate(later) : res.end());
      later();
    });
    try {
      const other = await startReceiver();
      await c.post('/v3/webhooks', aWebhook(receiver.url));
      await c.post('/v3/webhooks', aWebhook(other.url));
      const lifecycle = ['message.queued', 'message.routed', 'message.sent', 'message.delivered'];
      const webhook = (await c.get('/v3/webhooks?page=1&page_size=2')).body.data.webhooks[1];
      await Promise.all(lifecycle.map((event) => publish(t.app, c.key, { event, payload: { message_id: MESSAGE_ID } })));
      // The order they were published in (the requests race each other): the log's, oldest first.
      const order = (await c.get(`/v3/webhooks/${webhook.id}/events?${page}`)).body.data.events.map((r: { event_type: string }) => r.event_type).reverse();
      expect([...order].sort()).toEqual([...lifecycle].sort());
      expect(seen).toEqual(order.map((event: string, k: number) => ({ event, finishedBefore: k })));
      // The other webhook gets the same events in the same order, on its own chain.
      expect(names(other.received)).toEqual(order);
      await other.close();
    } finally {
      await receiver.close();
    }
  });
});
