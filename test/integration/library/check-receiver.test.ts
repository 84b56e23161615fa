/**
 * Issue 26: `sim.checkReceiver` on what `createSimulator()` returns. A receiver that verifies the
 * simulator's own webhook deliveries passes the check with the same secret: the check signs as
 * the simulator signs.
 */
import { afterAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createSimulator } from '../../../src/index.js';
import { tenantKey } from '../../support/app.js';
import { aWebhook } from '../../support/webhooks.js';
import { correctReceiver } from '../../support/webhook-receivers.js';

const sim = createSimulator();
afterAll(() => sim.close());

describe('sim.checkReceiver', () => {
  it('passes a receiver that verifies the simulator’s own deliveries, with the same secret', async () => {
    const key = tenantKey();
    const api = (method: 'post' | 'put', path: string, body: object) => request(sim.app)[method](path).set('x-api-key', key).send(body);
    // The secret comes with the webhook; the receiver, made with it, then takes the webhook's deliveries.
    const webhook = (await api('post', '/v3/webhooks', aWebhook('http://127.0.0.1:9/placeholder'))).body.data;
    const receiver = await correctReceiver(webhook.signing_secret);
    try {
      expect((await api('put', `/v3/webhooks/${webhook.id}`, aWebhook(receiver.url))).status).toBe(200);
      expect((await api('post', '/v3/messages', { to: ['+14155550123'], channel: ['sms'], text: 'Hello' })).status).toBe(202);
      expect((await api('post', '/_sim/clock/advance', { seconds: 5 })).status).toBe(200);
      expect([...receiver.handled.values()].map((e) => e.event)).toEqual(['message.queued', 'message.routed', 'message.sent', 'message.delivered']);
      const simulated = receiver.requests;

      const report = await sim.checkReceiver({ url: receiver.url, secret: webhook.signing_secret, events: ['message'] });
      expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
      expect(report.passed).toBe(true);
      expect(receiver.requests - simulated).toBe(report.checks.reduce((n, c) => n + c.deliveries.length, 0));
      // The check touches no tenant: the webhook's log still holds the four simulated events only.
      const log = (await request(sim.app).get(`/v3/webhooks/${webhook.id}/events?page=1&page_size=100`).set('x-api-key', key)).body.data;
      expect(log.events).toHaveLength(4);
    } finally {
      await receiver.close();
    }
  });
});
