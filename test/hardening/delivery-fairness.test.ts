import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Outbound } from '../../src/delivery/types.js';
import { MESSAGES } from '../../src/errors/catalog.js';
import { client, tenantKey, testApp } from '../support/app.js';
import { startReceiver } from '../support/receiver.js';
import { aWebhook } from '../support/webhooks.js';

const { deps } = testApp();
afterAll(() => deps.delivery.close());

function outbound(n: number, url: string): Outbound {
  const body = JSON.stringify({ profileId: `p-${n}`, success: true, status: 'COMPLETED', timestamp: new Date().toISOString() });
  return { source: 'completion', ref: `p-${n}`, delivery_id: `cb_${n}`, signature_id: `cb_${n}`, event_type: null, url, body, attempt: 1, max_attempts: 1, order_key: null, fault: null, scenario: null };
}

/** A receiver that reads the request and never answers; `count()` is how many requests hang on it. */
async function hangingReceiver(): Promise<{ url: string; server: Server; count: () => number }> {
  let count = 0;
  const server = createServer((req) => {
    count++;
    req.resume();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hang`, server, count: () => count };
}

describe('delivery fairness between tenants', () => {
  // Regression: one shared 128-slot queue let a tenant with 640 callbacks to a dead receiver hold
  // another tenant's single callback for 49 s (issue 12).
  it('delivers one tenant’s callback at once while another tenant has 640 hanging on a dead receiver', async () => {
    const hanging = await hangingReceiver();
    const good = await startReceiver();
    const noisy = deps.tenants.resolve(tenantKey())!.tenant;
    const quiet = deps.tenants.resolve(tenantKey())!.tenant;
    try {
      const stuck = Array.from({ length: 640 }, (_, n) => deps.delivery.send(noisy, outbound(n, hanging.url), Date.now()));
      // Delivered while the noisy tenant's 640 still hang: no wall-clock bound needed to show it
      // did not wait for them (they end only at close, below).
      const attempt = await deps.delivery.send(quiet, outbound(9999, good.url), Date.now());
      expect(attempt?.delivered).toBe(true);
      expect(good.received).toHaveLength(1);
      // The noisy tenant's deliveries are still waiting on their dead receiver.
      expect(noisy.deliveries.size).toBe(0);
      await deps.delivery.close();
      const ended = await Promise.all(stuck);
      expect(new Set(ended.map((a) => a?.error))).toEqual(new Set(['aborted by shutdown']));
    } finally {
      hanging.server.closeAllConnections();
      hanging.server.close();
      await good.close();
    }
  });
  // Issue 25 row 3: the global 512 slots went first come, first served, 64 a tenant: nine tenants
  // whose receivers hang held all of them, and a tenth tenant's /test was unanswered after 90 s.
  it('answers a tenth tenant’s webhook test while nine tenants’ receivers hang (issue 25 row 3)', async () => {
    const { app, deps: own } = testApp();
    const hanging = await hangingReceiver();
    const good = await startReceiver();
    try {
      const hogs = Array.from({ length: 9 }, () => own.tenants.resolve(tenantKey())!.tenant);
      const stuck = hogs.flatMap((t) => Array.from({ length: 70 }, (_, n) => own.delivery.send(t, outbound(n, hanging.url), Date.now())));
      // Six tenants fill the 384 unreserved slots (64 each); the other three get 8 each of the reserve.
      await vi.waitFor(() => expect(hanging.count()).toBe(408), { timeout: 15_000, interval: 20 });
      const tenth = client(app);
      const hook = (await tenth.post('/v3/webhooks', aWebhook(good.url))).body.data;
      const test = await tenth.post(`/v3/webhooks/${hook.id}/test`, { event_type: 'message.sent' });
      expect(test.body.data).toEqual({ success: true, message: MESSAGES.testDelivered });
      expect(good.received.map((r) => r.json.event)).toEqual(['message.sent']);
      // The nine still hang; none got more than its share.
      expect(hanging.count()).toBe(408);
      await own.delivery.close();
      expect(new Set((await Promise.all(stuck)).map((a) => a?.error))).toEqual(new Set(['aborted by shutdown']));
    } finally {
      await own.delivery.close();
      hanging.server.closeAllConnections();
      hanging.server.close();
      await good.close();
    }
  });
});
