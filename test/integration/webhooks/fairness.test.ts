import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DELIVERIES_PER_TENANT } from '../../../src/delivery/core.js';
import { describe, expect, it } from 'vitest';
import { client, testApp } from '../../support/app.js';
import { startReceiver } from '../../support/receiver.js';
import { aWebhook, publish } from '../../support/webhooks.js';

/** A receiver that reads each request and never answers; `arrived(n)` resolves once n requests are hanging. */
async function hangingReceiver() {
  let count = 0;
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const server: Server = createServer((req) => {
    req.resume();
    count++;
    for (const w of waiters.filter((w) => w.n <= count)) w.resolve();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hang`,
    count: () => count,
    arrived: (n: number) => new Promise<void>((resolve) => (count >= n ? resolve() : waiters.push({ n, resolve }))),
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

describe('fairness between tenants', () => {
  it('delivers one tenant’s event at once while another tenant’s events hang on a dead receiver', async () => {
    const { app } = testApp();
    const noisy = client(app);
    const quiet = client(app);
    const dead = await hangingReceiver();
    const good = await startReceiver();
    try {
      await noisy.post('/v3/webhooks', aWebhook(dead.url, { timeout_seconds: 120 }));
      await quiet.post('/v3/webhooks', aWebhook(good.url));
      const stuck = Array.from({ length: DELIVERIES_PER_TENANT + 24 }, () => publish(app, noisy.key, { event: 'message.sent' }));
      // The noisy tenant's lane is full of attempts that will not end for two minutes.
      await dead.arrived(DELIVERIES_PER_TENANT);

      // Answered while the noisy tenant's attempts hang for two minutes: it did not wait for them.
      const delivered = await publish(app, quiet.key, { event: 'message.delivered' });
      expect(delivered.webhooks).toHaveLength(1);
      expect(good.received.map((r) => r.json.event)).toEqual(['message.delivered']);
      // Its own lane bounds the noisy tenant: a lane's worth in flight, the rest waiting their turn.
      expect(dead.count()).toBe(DELIVERIES_PER_TENANT);

      dead.close();
      await Promise.all(stuck);
    } finally {
      dead.close();
      await good.close();
    }
  });
});
