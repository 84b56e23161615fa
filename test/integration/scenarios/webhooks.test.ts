import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { client, testApp } from '../../support/app.js';
import { startReceiver } from '../../support/receiver.js';
import { sim } from '../../support/sim.js';
import { aWebhook, MESSAGE_ID, publish, verified } from '../../support/webhooks.js';

const page = 'page=1&page_size=100';

/** A tenant with one webhook on a receiver that would take everything. */
async function tenantWithWebhook(overrides: Parameters<typeof aWebhook>[1] = {}) {
  const t = testApp();
  const c = client(t.app);
  const control = sim(t.app, c.key);
  const receiver = await startReceiver();
  const webhook = (await c.post('/v3/webhooks', aWebhook(receiver.url, overrides))).body.data as { id: string; signing_secret: string };
  const rows = async () => (await c.get(`/v3/webhooks/${webhook.id}/events?${page}`)).body.data.events as Array<Record<string, unknown>>;
  const read = async () => (await c.get(`/v3/webhooks/${webhook.id}`)).body.data;
  return { ...t, c, control, receiver, webhook, rows, read };
}

describe('webhook event scenarios', () => {
  it('webhook-receiver-down: every attempt fails, each event is retried, and ten failed events turn the webhook off', async () => {
    const { app, c, control, receiver, rows, read } = await tenantWithWebhook({ retry_count: 1 });
    try {
      const active = await request(app).put('/_sim/scenarios/active').set('x-api-key', c.key).send({ name: 'webhook-receiver-down' });
      expect(active.status).toBe(200);
      for (let i = 0; i < 10; i++) await publish(app, c.key, { event: 'message.delivered' });
      expect((await read()).consecutive_failures).toBe(0);
      expect((await rows()).every((r) => r.delivery_status === 'retrying')).toBe(true);
      await control.advance(60);
      expect(receiver.received).toHaveLength(0);
      const log = await rows();
      expect(log).toHaveLength(10);
      expect(log[0]).toMatchObject({ delivery_status: 'failed', delivery_attempts: 2, http_status_code: null, error_message: 'Could not reach the endpoint: ECONNREFUSED' });
      expect(await read()).toMatchObject({ is_active: false, consecutive_failures: 10 });
    } finally {
      await receiver.close();
    }
  });

  it('events-duplicated: each event arrives twice, same body and x-webhook-id, one log row', async () => {
    const { app, c, receiver, webhook, rows } = await tenantWithWebhook();
    try {
      await publish(app, c.key, { event: 'message.delivered', payload: { message_id: MESSAGE_ID } }, 'events-duplicated');
      expect(receiver.received).toHaveLength(2);
      const [a, b] = receiver.received;
      expect(a!.body).toBe(b!.body);
      expect(a!.headers['x-webhook-id']).toBe(b!.headers['x-webhook-id']);
      for (const got of receiver.received) expect(verified(webhook.signing_secret, got)).toMatchObject({ event: 'message.delivered' });
      expect(await rows()).toEqual([expect.objectContaining({ delivery_status: 'delivered', delivery_attempts: 1 })]);
    } finally {
      await receiver.close();
    }
  });

  it('events-out-of-order: a message’s events are held, then delivered newest first', async () => {
    const { app, c, control, receiver, rows } = await tenantWithWebhook();
    try {
      for (const event of ['message.queued', 'message.sent', 'message.delivered']) {
        await publish(app, c.key, { event, payload: { message_id: MESSAGE_ID } }, 'events-out-of-order');
        await control.advance(1);
      }
      expect(receiver.received).toHaveLength(0);
      expect((await rows()).map((r) => r.delivery_status)).toEqual(['pending', 'pending', 'pending']);
      await control.advance(26); // 29 s after the first event
      expect(receiver.received).toHaveLength(0);
      await control.advance(1);
      expect(receiver.received.map((r) => r.json.event)).toEqual(['message.delivered', 'message.sent', 'message.queued']);
      expect((await rows()).map((r) => r.delivery_status)).toEqual(['delivered', 'delivered', 'delivered']);
    } finally {
      await receiver.close();
    }
  });

  it('events-delayed: events arrive ten minutes of the tenant clock after they happen', async () => {
    const { app, c, control, receiver, rows } = await tenantWithWebhook();
    try {
      const { event } = await publish(app, c.key, { event: 'message.sent' }, 'events-delayed');
      expect(receiver.received).toHaveLength(0);
      expect((await rows())[0]).toMatchObject({ delivery_status: 'pending', delivery_attempts: 0, processing_started_at: null });
      await control.advance(599);
      expect(receiver.received).toHaveLength(0);
      await control.advance(1);
      expect(receiver.received.map((r) => r.json)).toEqual([event]);
      expect((await rows())[0]).toMatchObject({ delivery_status: 'delivered', delivery_attempts: 1 });
    } finally {
      await receiver.close();
    }
  });

  it('events-dropped: events are never sent nor retried; the log says so and the webhook’s health is untouched', async () => {
    const { app, c, control, receiver, rows, read } = await tenantWithWebhook();
    try {
      await publish(app, c.key, { event: 'message.delivered' }, 'events-dropped');
      await control.advance(24 * 3600);
      expect(receiver.received).toHaveLength(0);
      expect(await rows()).toEqual([
        expect.objectContaining({ delivery_status: 'failed', delivery_attempts: 0, error_message: 'Dropped by scenario events-dropped', processing_completed_at: expect.any(String) }),
      ]);
      expect(await read()).toMatchObject({ consecutive_failures: 0, last_delivery_attempt_at: null, is_active: true });
      // Without the scenario, the next event goes through.
      await publish(app, c.key, { event: 'message.delivered' });
      expect(receiver.received).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });
});
