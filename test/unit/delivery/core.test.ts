import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Scheduler } from '../../../src/clock/scheduler.js';
import { attemptTimeout, DeliveryCore, MAX_ATTEMPT_TIMEOUT_MS, NOT_SENT_BUSY, retryDelayMs } from '../../../src/delivery/core.js';
import type { Poster } from '../../../src/delivery/http-post.js';
import { verifySignature } from '../../../src/delivery/sign.js';
import type { DeliveryAttempt, DeliveryFault, Outbound } from '../../../src/delivery/types.js';
import { TenantRegistry, type TenantBlueprint } from '../../../src/store/tenants.js';
import type { TenantSettings } from '../../../src/store/types.js';
import { createRandom } from '../../../src/util/random.js';

const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const START = Date.UTC(2026, 10, 2, 9);

interface Post {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Ends the POST with a status, or fails it with an error. */
  answer(result: number | Error): void;
}

/** An error as Node's HTTP client raises it (`code`), or by name (a timeout, an abort). */
const failure = (code: string, name = 'Error') => Object.assign(new Error(code), { code: name === 'Error' ? code : undefined, name });

/**
 * A delivery core over a fake poster: every POST waits until the test answers it (or `auto`
 * answers it at once). No socket, no real timer; the scheduler runs jobs only on `advance`.
 */
function setup(options: { auto?: (n: number) => number | Error; perTenant?: number; total?: number; timeoutMs?: number } = {}) {
  const random = createRandom(3);
  const realNow = () => START;
  const logger = pino({ level: 'silent' });
  const scheduler = new Scheduler({ realNow, logger, random, realTime: false });
  const posts: Post[] = [];
  const pending = new Set<(err: Error) => void>();
  const poster: Poster = {
    post: (url, headers, body, timeoutMs) =>
      new Promise<number>((resolve, reject) => {
        const fail = (err: Error) => (pending.delete(fail), reject(err));
        const answer = (result: number | Error) => (pending.delete(fail), result instanceof Error ? reject(result) : resolve(result));
        pending.add(fail);
        posts.push({ url, headers, body, timeoutMs, answer });
        if (options.auto) answer(options.auto(posts.length));
      }),
    abortAll: () => {
      for (const fail of [...pending]) fail(failure('aborted by shutdown', 'AbortError'));
    },
  };
  const core = new DeliveryCore({ logger, scheduler, userAgent: 'sent-sim/unit', realNow, poster, perTenant: options.perTenant, total: options.total });
  const settled: Array<{ attempt: DeliveryAttempt; retryAt: number | null }> = [];
  core.register('unit', {
    target: (_tenant, out) => ({ url: out.url, secret: SECRET, timeoutMs: options.timeoutMs ?? 30_000 }),
    settled: (_tenant, _out, attempt, retryAt) => void settled.push({ attempt, retryAt }),
  });
  const tenants = new TenantRegistry({ random, realNow, blueprint: { collections: [], settings: () => ({}) as TenantSettings, organization: () => ({}) as ReturnType<TenantBlueprint['organization']> } });
  const tenant = (key = 'sk_test_core_unit_a') => tenants.resolve(key)!.tenant;
  return { core, scheduler, posts, settled, tenant };
}

let n = 0;
function outbound(overrides: Partial<Outbound> = {}): Outbound {
  const id = `d${n++}`;
  return { source: 'unit', ref: 'ref', delivery_id: id, signature_id: 'sig_1', event_type: 'message.sent', url: 'http://receiver.test/hook', body: `{"id":"${id}"}`, attempt: 1, max_attempts: 3, order_key: null, fault: null, scenario: null, ...overrides };
}

/** Lets settled promises run their callbacks. */
const tick = () => new Promise((r) => setImmediate(r));

describe('DeliveryCore', () => {
  afterEach(() => vi.useRealTimers());

  it.each<[string, DeliveryFault | null, number | Error, { posts: number; errors: Array<string | null>; retryIn: number | null }]>([
    ['a 2xx is delivered', null, 204, { posts: 1, errors: [null], retryIn: null }],
    ['a 5xx is retried a minute later', null, 500, { posts: 1, errors: ['HTTP 500'], retryIn: 60_000 }],
    ['a redirect is not followed', null, 302, { posts: 1, errors: ['redirect 302 not followed'], retryIn: 60_000 }],
    ['a refused connection is retried', null, failure('ECONNREFUSED'), { posts: 1, errors: ['ECONNREFUSED'], retryIn: 60_000 }],
    ['a timeout is retried', null, failure('timeout', 'TimeoutError'), { posts: 1, errors: ['timeout'], retryIn: 60_000 }],
    ['drop: never sent, never retried', { drop: true }, 200, { posts: 0, errors: ['dropped by scenario'], retryIn: null }],
    ['refuse: not sent, recorded and retried as a refusal', { refuse: true }, 200, { posts: 0, errors: ['ECONNREFUSED'], retryIn: 60_000 }],
    ['duplicate: sent twice with one signature id, the copy logged, not retried', { duplicate: true }, 200, { posts: 2, errors: [null, null], retryIn: null }],
  ])('%s', async (_what, fault, answer, expected) => {
    const { core, posts, settled, tenant } = setup({ auto: () => answer });
    const t = tenant();
    await core.send(t, outbound({ fault }), START);
    expect(posts).toHaveLength(expected.posts);
    expect(new Set(posts.map((p) => p.headers['x-webhook-id']))).toEqual(new Set(expected.posts ? ['sig_1'] : []));
    expect(t.deliveries.toArray().map((a) => a.error)).toEqual(expected.errors);
    expect(settled).toHaveLength(1);
    expect(settled[0]!.retryAt).toBe(expected.retryIn === null ? null : START + expected.retryIn);
  });

  it('signs every POST afresh for standard-webhooks receivers', async () => {
    const { core, posts, tenant } = setup({ auto: () => 200 });
    await core.send(tenant(), outbound(), START);
    const [post] = posts;
    expect(post!.headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': 'sent-sim/unit', 'x-webhook-event-type': 'message.sent' });
    expect(verifySignature(SECRET, post!.headers, post!.body)).toBe(true);
  });

  it.each([
    [1, 60_000],
    [2, 120_000],
    [3, 240_000],
    [6, 1_920_000],
    [7, 3_600_000],
    [20, 3_600_000],
  ])('waits %i → %i ms before the next attempt (1 min, doubling, capped at 60 min)', (attempt, ms) => {
    expect(retryDelayMs(attempt)).toBe(ms);
  });

  it('runs the retries as jobs on the tenant clock, then stops at max_attempts', async () => {
    const { core, scheduler, posts, tenant } = setup({ auto: () => 503 });
    const t = tenant();
    await core.send(t, outbound({ max_attempts: 3 }), START);
    expect(posts).toHaveLength(1);
    await scheduler.advance(t, 59_999);
    expect(posts).toHaveLength(1);
    await scheduler.advance(t, 1);
    await scheduler.advance(t, 120_000);
    await scheduler.advance(t, 3_600_000);
    expect(t.deliveries.toArray().map((a) => [a.attempt, Date.parse(a.at.replace(/(\.\d{3})\d+/, '$1')) - START, a.next_attempt_at !== null])).toEqual([
      [1, 0, true],
      [2, 60_000, true],
      [3, 180_000, false],
    ]);
    expect(t.jobs.size).toBe(0);
  });

  it.each([
    ['the target’s timeout', undefined, 30_000, 30_000],
    ['a scenario’s shorter timeout', 5, 30_000, 5],
    ['an imported 2^31 - 1 ms timeout, capped at 120 s (issue 25 row 3)', 2 ** 31 - 1, 30_000, MAX_ATTEMPT_TIMEOUT_MS],
    ['an unusable timeout: the target’s', -1, 30_000, 30_000],
    ['a target past 120 s: capped', undefined, 600_000, MAX_ATTEMPT_TIMEOUT_MS],
  ])('times an attempt out after %s', async (_what, faultMs, targetMs, expected) => {
    expect(attemptTimeout({ fault: faultMs === undefined ? null : { timeout_ms: faultMs } }, { timeoutMs: targetMs })).toBe(expected);
    const { core, posts, tenant } = setup({ auto: () => 200, timeoutMs: targetMs });
    await core.send(tenant(), outbound({ fault: faultMs === undefined ? null : { timeout_ms: faultMs } }), START);
    expect(posts[0]!.timeoutMs).toBe(expected);
  });

  it('sends deliveries that share an order key one after another, others alongside', async () => {
    const { core, posts, tenant } = setup();
    const t = tenant();
    const sent = [outbound({ order_key: 'm1' }), outbound({ order_key: 'm1' }), outbound({ order_key: 'm2' }), outbound({ order_key: 'm1' })].map((o) => core.send(t, o, START));
    await tick();
    const bodies = () => posts.map((p) => JSON.parse(p.body).id as string);
    const [a, b, c, d] = ['d', 'd', 'd', 'd'].map((_, i) => `d${n - 4 + i}`);
    expect(bodies()).toEqual([a, c]);
    posts[0]!.answer(200);
    await tick();
    expect(bodies()).toEqual([a, c, b]);
    posts[2]!.answer(500);
    await tick();
    expect(bodies()).toEqual([a, c, b, d]);
    posts[1]!.answer(200);
    posts[3]!.answer(200);
    await Promise.all(sent);
  });

  it('keeps nine tenants’ hanging receivers from holding a tenth tenant’s delivery (issue 25 row 3)', async () => {
    // The defaults scaled down by 8: 40 slots, 8 a tenant, the last 10 kept for tenants holding none.
    const { core, posts, tenant } = setup({ perTenant: 8, total: 40 });
    for (let hog = 0; hog < 9; hog++) {
      const t = tenant(`sk_test_core_hog_${hog}`);
      for (let i = 0; i < 20; i++) void core.send(t, outbound({ url: `http://hog-${hog}.test/` }), START);
    }
    await tick();
    // The hogs hold the unreserved 30 slots and one reserved slot each; 45 of their sends wait.
    expect(posts).toHaveLength(35);
    const delivered = core.send(tenant('sk_test_core_quiet'), outbound({ url: 'http://quiet.test/' }), START);
    await tick();
    const quiet = posts.find((p) => p.url === 'http://quiet.test/');
    expect(quiet).toBeDefined();
    quiet!.answer(200);
    expect((await delivered)?.delivered).toBe(true);
    await core.close();
  });

  it('gives up, unsent, on a send that found no slot within maxWaitMs (a webhook test)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { core, posts, tenant } = setup({ perTenant: 2, total: 2 });
    const t = tenant();
    for (let i = 0; i < 2; i++) void core.send(t, outbound(), START);
    const test = core.send(t, outbound({ max_attempts: 1 }), START, { maxWaitMs: 10_000 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await test).toMatchObject({ delivered: false, error: NOT_SENT_BUSY, status_code: null });
    expect(posts).toHaveLength(2);
    vi.useRealTimers();
    await core.close();
  });

  it('settles once every attempt started is recorded, those chained behind them included', async () => {
    const { core, posts, tenant } = setup();
    const t = tenant();
    for (let i = 0; i < 3; i++) void core.send(t, outbound({ order_key: 'm1' }), START);
    let settled = false;
    const done = core.settled().then(() => (settled = true));
    for (let i = 0; i < 3; i++) {
      await tick();
      expect(settled).toBe(false);
      posts[i]!.answer(200);
    }
    await done;
    expect(t.deliveries.toArray().map((a) => a.delivered)).toEqual([true, true, true]);
  });

  it('on close, records attempts in flight and those waiting as aborted, sends nothing more and retries nothing', async () => {
    const { core, posts, tenant } = setup({ perTenant: 2, total: 2 });
    const t = tenant();
    const sent = Array.from({ length: 5 }, () => core.send(t, outbound(), START));
    await tick();
    expect(core.inFlightCount).toBe(5);
    await core.close();
    const attempts = await Promise.all(sent);
    expect(posts).toHaveLength(2);
    expect(attempts.map((a) => a?.error)).toEqual(Array(5).fill('aborted by shutdown'));
    expect(attempts.every((a) => a?.next_attempt_at === null)).toBe(true);
    expect(await core.send(t, outbound(), START)).toMatchObject({ error: 'aborted by shutdown' });
    expect(posts).toHaveLength(2);
    expect(core.inFlightCount).toBe(0);
  });
});
