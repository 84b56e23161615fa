/**
 * Issue 25 row 4 (the `/test` half): 1,100 concurrent `POST /v3/webhooks/{id}/test` calls to a
 * hanging receiver each held a connection until the receiver's timeout, and together they took
 * the whole connection cap: other tenants' new connections were dropped. Now a tenant runs at
 * most `--max-webhook-tests` tests at once; past that `429 BUSINESS_002`, whose answer closes its
 * connection, so the flood holds a handful of connections.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MESSAGES } from '../../src/errors/catalog.js';
import { simulatorFromDeps } from '../../src/simulator.js';
import { client, tenantKey, testApp } from '../support/app.js';
import { closedPort } from '../support/listen.js';
import { aWebhook } from '../support/webhooks.js';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const done of cleanup.splice(0).reverse()) await done();
});

/** A receiver that reads every request and never answers. */
async function hangingReceiver(): Promise<string> {
  const server: Server = createServer((req) => req.resume());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hang`;
}

/** One request on a connection of its own; resolves with the status, the body and the `connection` header (0 when dropped). */
function call(base: string, method: string, path: string, key: string, body?: object) {
  return new Promise<{ status: number; body: Record<string, never> | null; connection: string | undefined }>((resolve) => {
    const payload = body ? JSON.stringify(body) : undefined;
    const req = httpRequest(`${base}${path}`, { method, agent: false, headers: { 'x-api-key': key, ...(payload ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString() || 'null') as Record<string, never>, connection: res.headers.connection }));
    });
    req.on('error', () => resolve({ status: 0, body: null, connection: undefined }));
    req.end(payload);
  });
}

describe('a flood of webhook tests', () => {
  it('runs 10 of one tenant’s tests at once, answers the rest 429 at once, and keeps serving other tenants within the connection cap (issue 25 row 4)', async () => {
    const { deps } = testApp({ config: { maxConnections: 40, shutdownGraceMs: 0 } });
    const sim = simulatorFromDeps(deps);
    const { url: base } = await sim.listen();
    cleanup.push(() => sim.close());
    const key = tenantKey();
    const hook = (await client(sim.app, key).post('/v3/webhooks', aWebhook(await hangingReceiver(), { timeout_seconds: 120 }))).body.data;

    // 100 tests, 40 at a time: as many connections as the cap allows.
    const answers: Array<Awaited<ReturnType<typeof call>>> = [];
    let next = 0;
    const workers = Array.from({ length: 40 }, async () => {
      while (next < 100) {
        next++;
        answers.push(await call(base, 'POST', `/v3/webhooks/${hook.id}/test`, key, { event_type: 'message.sent' }));
      }
    });
    void Promise.all(workers);
    await vi.waitFor(() => expect(answers.length).toBeGreaterThanOrEqual(90), { timeout: 30_000, interval: 50 });

    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(90);
    expect(refused[0]!.body).toMatchObject({ success: false, error: { code: 'BUSINESS_002', message: MESSAGES.webhookTestsBusy(10) } });
    expect(refused.every((a) => a.connection === 'close')).toBe(true);
    // Ten tests hang on the receiver, each holding its connection: another tenant is still served.
    const other = await call(base, 'GET', '/v3/me', tenantKey());
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ success: true });
    // The tests in flight are counted per tenant: another tenant's test of its own is not refused.
    const otherKey = tenantKey();
    const otherHook = (await client(sim.app, otherKey).post('/v3/webhooks', aWebhook(`http://127.0.0.1:${await closedPort()}/hook`))).body.data;
    const otherTest = await call(base, 'POST', `/v3/webhooks/${otherHook.id}/test`, otherKey, { event_type: 'message.sent' });
    expect(otherTest.status).toBe(200);
    expect(otherTest.body).toMatchObject({ data: { success: false } });
  });
});
