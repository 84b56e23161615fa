import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import { client, testApp } from '../../support/app.js';
import { closedPort } from '../../support/listen.js';
import { startReceiver } from '../../support/receiver.js';
import { sim } from '../../support/sim.js';
import { aWebhook, verified } from '../../support/webhooks.js';

const page = 'page=1&page_size=100';

describe('POST /v3/webhooks/{id}/test', () => {
  it('sends one signed sample event now and reports success', async () => {
    const { app } = testApp();
    const c = client(app);
    const receiver = await startReceiver();
    try {
      const webhook = (await c.post('/v3/webhooks', aWebhook(receiver.url))).body.data;
      const res = await c.post(`/v3/webhooks/${webhook.id}/test`, { event_type: 'message.sent' });
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ success: true, message: MESSAGES.testDelivered });
      expect(receiver.received).toHaveLength(1);
      const [got] = receiver.received;
      expect(got!.headers['x-webhook-event-type']).toBe('message.sent');
      expect(verified(webhook.signing_secret, got!)).toMatchObject({ field: 'message', event: 'message.sent', payload: { message_status: 'SENT', account_id: expect.any(String) } });

      const inbound = await c.post(`/v3/webhooks/${webhook.id}/test`, { event_type: 'message.received' });
      expect(inbound.body.data.success).toBe(true);
      expect(receiver.received[1]!.json.payload).toEqual({
        account_id: expect.any(String),
        message_id: expect.any(String),
        channel: 'sms',
        inbound_number: '+14155550100',
        outbound_number: '+14155550199',
        text: 'Hello from sent-sim',
        received_at: expect.stringMatching(/Z$/),
        updated_at: expect.stringMatching(/Z$/),
      });
      // Logged like any delivery.
      const rows = (await c.get(`/v3/webhooks/${webhook.id}/events?${page}`)).body.data.events;
      expect(rows.map((r: { event_type: string; delivery_status: string }) => [r.event_type, r.delivery_status])).toEqual([
        ['message.received', 'delivered'],
        ['message.sent', 'delivered'],
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('reports a receiver’s error status as success false, once, with no retry and no effect on health', async () => {
    const { app } = testApp();
    const c = client(app);
    const receiver = await startReceiver((_n, res) => {
      res.statusCode = 500;
      res.end();
    });
    try {
      const webhook = (await c.post('/v3/webhooks', aWebhook(receiver.url))).body.data;
      const res = await c.post(`/v3/webhooks/${webhook.id}/test`, { event_type: 'templates' });
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ success: false, message: MESSAGES.testFailed('endpoint answered HTTP 500') });
      await sim(app, c.key).advance(24 * 3600);
      expect(receiver.received).toHaveLength(1);
      const [row] = (await c.get(`/v3/webhooks/${webhook.id}/events?${page}`)).body.data.events;
      expect(row).toMatchObject({ event_type: 'templates', delivery_status: 'failed', delivery_attempts: 1, http_status_code: 500 });
      expect((await c.get(`/v3/webhooks/${webhook.id}`)).body.data).toMatchObject({ consecutive_failures: 0, last_delivery_attempt_at: null });
    } finally {
      await receiver.close();
    }
  });

  it('reports an unreachable endpoint as success false', async () => {
    const { app } = testApp();
    const c = client(app);
    const webhook = (await c.post('/v3/webhooks', aWebhook(`http://127.0.0.1:${await closedPort()}/hook`))).body.data;
    const res = await c.post(`/v3/webhooks/${webhook.id}/test`, { event_type: 'message.delivered' });
    expect(res.body.data).toEqual({ success: false, message: MESSAGES.testFailed('could not reach the endpoint (ECONNREFUSED)') });
  });

  it('refuses an inactive webhook with BUSINESS_010 and sends nothing', async () => {
    const { app } = testApp();
    const c = client(app);
    const receiver = await startReceiver();
    try {
      const webhook = (await c.post('/v3/webhooks', aWebhook(receiver.url))).body.data;
      await c.patch(`/v3/webhooks/${webhook.id}/toggle-status`, { is_active: false });
      const res = await c.post(`/v3/webhooks/${webhook.id}/test`, { event_type: 'message.sent' });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'BUSINESS_010', message: ERROR_CATALOG.BUSINESS_010.message });
      expect(receiver.received).toHaveLength(0);
      expect((await c.get(`/v3/webhooks/${webhook.id}/events?${page}`)).body.data.events).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});
