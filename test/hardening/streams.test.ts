/**
 * Issue 25 row 4: `/_sim/stream` never timed out and any number could be opened, so 1,030
 * streams took the 1,024 connections and new clients were dropped. Now a tenant holds at most
 * `--max-streams`, all tenants together at most half of `--max-connections` (past either, `429`),
 * and a stream ends when idle or too old (docs/decisions/0031). Time is the simulator's
 * `realNow`, moved by the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/errors/catalog.js';
import { createSimulator, type Listening } from '../../src/index.js';
import { client, tenantKey, testApp } from '../support/app.js';
import { listenOnLoopback, type Listening as Served } from '../support/listen.js';
import { openStream } from '../support/stream.js';

let now = Date.UTC(2026, 10, 30, 12);
const { app } = testApp({ realNow: () => now, config: { maxStreamsPerTenant: 3, streamIdleMs: 60_000, streamLifetimeMs: 150_000 } });
let served: Served;
beforeAll(async () => {
  served = await listenOnLoopback(app);
});
afterAll(() => served.close());

type Stream = Awaited<ReturnType<typeof openStream>>;

/** Opens a stream of `key` and waits for its backlog (an open slot), or returns the refusal. */
async function open(url: string, key: string): Promise<Stream> {
  const stream = await openStream(url, { 'x-api-key': key });
  if (stream.status === 200) await stream.next('ready');
  return stream;
}

/** Opens streams until one is accepted: the server frees a slot when it sees the client's close, a moment after it. */
async function openOnceFreed(url: string, key: string): Promise<Stream> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const stream = await open(url, key);
    if (stream.status === 200) return stream;
    await stream.close();
  }
  throw new Error('no stream slot was freed');
}

describe('stream limits (issue 25 row 4)', () => {
  it('holds a tenant to --max-streams: the next one is a 429 naming the flag, another tenant still opens its own, and a closed stream frees its slot (issue 25 row 4)', async () => {
    const key = tenantKey();
    const streams = [await open(served.url, key), await open(served.url, key), await open(served.url, key)];
    try {
      expect(streams.map((s) => s.status)).toEqual([200, 200, 200]);
      const refused = await open(served.url, key);
      expect(refused.status).toBe(429);
      expect(refused.contentType).toBe('application/problem+json; charset=utf-8');
      expect(refused.problem).toMatchObject({ status: 429, code: 'BUSINESS_002', detail: MESSAGES.streamsPerTenant(3) });
      expect(refused.problem!.detail).toContain('--max-streams');

      const other = await open(served.url, tenantKey());
      expect(other.status).toBe(200);
      await other.close();

      await streams.pop()!.close();
      const again = await openOnceFreed(served.url, key);
      streams.push(again);
      // The streams still work: a request of the tenant reaches every one of them.
      await client(app, key).get('/v3/profiles');
      for (const stream of streams) expect(await stream.next('request', (r) => r.path === '/v3/profiles')).toMatchObject({ status: 200 });
    } finally {
      for (const stream of streams) await stream.close();
    }
  });

  it('ends a stream with nothing to send after --stream-idle-timeout, and one open too long after --stream-lifetime (issue 25 row 4)', async () => {
    const key = tenantKey();
    const idle = await open(served.url, key);
    now += 61_000;
    await idle.end();
    expect(idle.comments).toContain('closing: idle');

    const busy = await open(served.url, key);
    try {
      // Events keep it from going idle; its lifetime ends it all the same.
      for (const step of [50_000, 50_000, 51_000]) {
        now += step;
        expect((await client(app, key).get('/v3/profiles')).status).toBe(200);
        expect(await busy.next('request', (r) => r.path === '/v3/profiles')).toMatchObject({ status: 200 });
      }
      await busy.end();
      expect(busy.comments).toContain('closing: lifetime');
      expect(busy.comments).not.toContain('closing: idle');
    } finally {
      await busy.close();
    }
  });
});

describe('streams and connections (issue 25 row 4)', () => {
  let listening: Listening;
  const sim = createSimulator({ config: { maxConnections: 10, maxStreamsPerTenant: 10 } });
  beforeAll(async () => {
    listening = await sim.listen();
  });
  afterAll(() => sim.close());

  it('never lets streams take more than half of --max-connections: past it a 429, and every tenant’s API calls still get through (issue 25 row 4)', async () => {
    const [first, second, third] = [tenantKey(), tenantKey(), tenantKey()];
    const streams = [first, first, first, second, second];
    const opened = [];
    for (const key of streams) opened.push(await open(listening.url, key));
    try {
      expect(opened.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
      const refused = await open(listening.url, second);
      expect(refused.status).toBe(429);
      expect(refused.problem).toMatchObject({ code: 'BUSINESS_002', detail: MESSAGES.streamsTotal(5) });
      // Three calls at once, each on a connection of its own: the connections left answer them.
      const calls = await Promise.all(
        [first, second, third].map((key) => fetch(`${listening.url}/v3/me`, { headers: { 'x-api-key': key, connection: 'close' } }).then(async (r) => ({ status: r.status, body: (await r.json()) as { data: { id: string } } }))),
      );
      expect(calls.map((c) => c.status)).toEqual([200, 200, 200]);
      expect(new Set(calls.map((c) => c.body.data.id)).size).toBe(3);
    } finally {
      for (const stream of opened) await stream.close();
    }
  });
});
