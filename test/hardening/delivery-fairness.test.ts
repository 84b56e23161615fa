import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { Outbound } from '../../src/delivery/types.js';
import { tenantKey, testApp } from '../support/app.js';
import { startReceiver } from '../support/receiver.js';

const { deps } = testApp();
afterAll(() => deps.delivery.close());

function outbound(n: number, url: string): Outbound {
  const body = JSON.stringify({ profileId: `p-${n}`, success: true, status: 'COMPLETED', timestamp: new Date().toISOString() });
  return { source: 'completion', ref: `p-${n}`, delivery_id: `cb_${n}`, signature_id: `cb_${n}`, event_type: null, url, body, attempt: 1, max_attempts: 1, order_key: null, fault: null, scenario: null };
}

/** A receiver that reads the request and never answers. */
async function hangingReceiver(): Promise<{ url: string; server: Server }> {
  const server = createServer((req) => req.resume());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hang`, server };
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
      const started = performance.now();
      const attempt = await deps.delivery.send(quiet, outbound(9999, good.url), Date.now());
      const took = performance.now() - started;
      expect(attempt?.delivered).toBe(true);
      expect(good.received).toHaveLength(1);
      expect(took).toBeLessThan(2000);
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
});
