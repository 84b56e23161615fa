import { WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { client, testApp } from '../../support/app.js';
import { closedPort } from '../../support/listen.js';
import { startReceiver } from '../../support/receiver.js';
import { sim } from '../../support/sim.js';
import { aWebhook, publish, verified } from '../../support/webhooks.js';

const page = 'page=1&page_size=100';

/** A tenant with one webhook whose receiver answers `status(n)` to its n-th request. */
async function failing(status: (n: number) => number, overrides: Parameters<typeof aWebhook>[1] = {}) {
  const t = testApp();
  const c = client(t.app);
  const control = sim(t.app, c.key);
  const receiver = await startReceiver((n, res) => {
    res.statusCode = status(n);
    res.end();
  });
  const webhook = (await c.post('/v3/webhooks', aWebhook(receiver.url, overrides))).body.data as { id: string; signing_secret: string };
  const read = async () => (await c.get(`/v3/webhooks/${webhook.id}`)).body.data;
  const rows = async () => (await c.get(`/v3/webhooks/${webhook.id}/events?${page}`)).body.data.events as Array<Record<string, unknown>>;
  return { ...t, c, control, receiver, webhook, read, rows };
}

describe('retries', () => {
  it('retries a failed event after 1, 2 and 4 minutes of the tenant clock, then gives up', async () => {
    const { app, c, control, receiver, webhook, read, rows } = await failing(() => 503);
    try {
      await publish(app, c.key, { event: 'message.delivered' });
      expect(receiver.received).toHaveLength(1);
      expect(await rows()).toEqual([
        expect.objectContaining({ delivery_status: 'retrying', delivery_attempts: 1, http_status_code: 503, error_message: 'Endpoint answered 503', processing_completed_at: null }),
      ]);
      await control.advance(59);
      expect(receiver.received).toHaveLength(1);
      await control.advance(1);
      expect(receiver.received).toHaveLength(2);
      await control.advance(119);
      expect(receiver.received).toHaveLength(2);
      await control.advance(1);
      expect(receiver.received).toHaveLength(3);
      await control.advance(240);
      expect(receiver.received).toHaveLength(4);
      await control.advance(3600);
      expect(receiver.received).toHaveLength(4); // retry_count 3: four attempts in all
      const [row] = await rows();
      expect(row).toMatchObject({ delivery_status: 'failed', delivery_attempts: 4, http_status_code: 503, processing_completed_at: expect.any(String) });
      // Every attempt is the same body, the same x-webhook-id, and verifies on its own.
      for (const got of receiver.received) expect(verified(webhook.signing_secret, got)).toEqual(row!.event_data);
      expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
      expect(await read()).toMatchObject({ consecutive_failures: 1, is_active: true, last_successful_delivery_at: null, last_delivery_attempt_at: expect.any(String) });
    } finally {
      await receiver.close();
    }
  });

  it('marks the row delivered when a retry succeeds, and the success resets the failure count', async () => {
    const { app, c, control, receiver, read, rows } = await failing((n) => (n <= 3 ? 500 : 200), { retry_count: 1 });
    try {
      await publish(app, c.key, { event: 'message.sent' });
      await control.advance(60);
      expect((await read()).consecutive_failures).toBe(1);
      await publish(app, c.key, { event: 'message.delivered' }); // 3rd request fails, 4th (its retry) succeeds
      await control.advance(60);
      expect(receiver.received).toHaveLength(4);
      const [latest, first] = await rows();
      expect(first).toMatchObject({ event_type: 'message.sent', delivery_status: 'failed', delivery_attempts: 2 });
      expect(latest).toMatchObject({ event_type: 'message.delivered', delivery_status: 'delivered', delivery_attempts: 2, http_status_code: 200, error_message: null });
      expect(await read()).toMatchObject({ consecutive_failures: 0, last_successful_delivery_at: latest!.processing_completed_at });
    } finally {
      await receiver.close();
    }
  });

  it('records redirects (not followed) and unreachable endpoints as failed attempts', async () => {
    const { app, c, receiver, rows } = await failing(() => 302, { retry_count: 1 });
    try {
      await publish(app, c.key, { event: 'message.sent' });
      expect((await rows())[0]).toMatchObject({ http_status_code: 302, error_message: 'Endpoint answered 302; redirects are not followed', delivery_status: 'retrying' });
      const port = await closedPort();
      const webhook = (await c.post('/v3/webhooks', aWebhook(`http://127.0.0.1:${port}/hook`))).body.data;
      await publish(app, c.key, { event: 'message.sent' });
      const [row] = (await c.get(`/v3/webhooks/${webhook.id}/events?${page}`)).body.data.events;
      expect(row).toMatchObject({ http_status_code: null, error_message: 'Could not reach the endpoint: ECONNREFUSED', delivery_status: 'retrying' });
    } finally {
      await receiver.close();
    }
  });

  it('signs a retry made after a rotation with the new secret only', async () => {
    const { app, c, control, receiver, webhook } = await failing((n) => (n === 1 ? 500 : 200));
    try {
      await publish(app, c.key, { event: 'message.delivered' });
      const rotated = (await c.post(`/v3/webhooks/${webhook.id}/rotate-secret`)).body.data.signing_secret as string;
      await control.advance(60);
      const [first, retry] = receiver.received;
      expect(verified(webhook.signing_secret, first!)).toBeTruthy();
      expect(verified(rotated, retry!)).toEqual(JSON.parse(first!.body));
      expect(() => verified(webhook.signing_secret, retry!)).toThrow(WebhookVerificationError);
    } finally {
      await receiver.close();
    }
  });

  it('sends nothing more for an event whose webhook was turned off before its retry, and says so in the log', async () => {
    const { app, c, control, receiver, webhook, read, rows } = await failing(() => 500);
    try {
      await publish(app, c.key, { event: 'message.sent' });
      await c.patch(`/v3/webhooks/${webhook.id}/toggle-status`, { is_active: false });
      await control.advance(3600);
      expect(receiver.received).toHaveLength(1);
      expect((await rows())[0]).toMatchObject({ delivery_status: 'failed', delivery_attempts: 1, error_message: 'Webhook is inactive; not sent', processing_completed_at: expect.any(String) });
      // Turned off by hand: the event's last attempt never happened, so it is not counted.
      expect((await read()).consecutive_failures).toBe(0);
    } finally {
      await receiver.close();
    }
  });
});

describe('auto-disable', () => {
  it('turns a webhook off after ten failed events in a row; re-enabling starts the count afresh', async () => {
    let up = false;
    const { app, c, control, receiver, webhook, read } = await failing(() => (up ? 200 : 500), { retry_count: 1 });
    try {
      for (let i = 0; i < 9; i++) await publish(app, c.key, { event: 'message.sent' });
      await control.advance(60);
      expect(await read()).toMatchObject({ consecutive_failures: 9, is_active: true });
      await publish(app, c.key, { event: 'message.failed' });
      await control.advance(60);
      const disabled = await read();
      expect(disabled).toMatchObject({ consecutive_failures: 10, is_active: false, updated_at: expect.any(String) });
      expect(receiver.received).toHaveLength(20);

      // Inactive: receives nothing more.
      expect((await publish(app, c.key, { event: 'message.sent' })).webhooks).toEqual([]);
      expect(receiver.received).toHaveLength(20);

      up = true;
      const enabled = await c.patch(`/v3/webhooks/${webhook.id}/toggle-status`, { is_active: true });
      expect(enabled.body.data).toMatchObject({ is_active: true, consecutive_failures: 0 });
      expect((await publish(app, c.key, { event: 'message.sent' })).webhooks).toEqual([webhook.id]);
      expect(await read()).toMatchObject({ is_active: true, consecutive_failures: 0, last_successful_delivery_at: expect.any(String) });
    } finally {
      await receiver.close();
    }
  });

  it('counts failed events, not attempts: retries of one event add one', async () => {
    const { app, c, control, receiver, read } = await failing(() => 500, { retry_count: 5 });
    try {
      await publish(app, c.key, { event: 'message.sent' });
      await control.advance(24 * 3600);
      expect(receiver.received).toHaveLength(6);
      expect(await read()).toMatchObject({ consecutive_failures: 1, is_active: true });
    } finally {
      await receiver.close();
    }
  });
});
