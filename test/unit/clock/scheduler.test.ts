import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { JobQueue, type Job } from '../../../src/clock/job-queue.js';
import { Scheduler, type JobHandler } from '../../../src/clock/scheduler.js';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { TenantRegistry, type TenantBlueprint } from '../../../src/store/tenants.js';
import type { Tenant, TenantSettings } from '../../../src/store/types.js';
import { createRandom } from '../../../src/util/random.js';
import { sentTimestamp } from '../../../src/util/time.js';

/**
 * The scheduler against a small fixture: tenants of their own, job kinds registered here, real
 * time standing still. `stop()` first: nothing fires on the real clock; only `advance` runs jobs.
 */
const NOW = Date.UTC(2026, 4, 21, 12);
const SECOND = 1000;

function fixture(options: { maxPendingPerTenant?: number } = {}) {
  const lines: string[] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => void lines.push(line) });
  const random = createRandom(11);
  const scheduler = new Scheduler({ realNow: () => NOW, logger, random, ...options });
  scheduler.stop();
  const blueprint: TenantBlueprint = {
    collections: [],
    settings: () => ({}) as TenantSettings,
    organization: () => ({}) as ReturnType<TenantBlueprint['organization']>,
  };
  const tenants = new TenantRegistry({ random, realNow: () => NOW, blueprint });
  let keys = 0;
  const tenant = (): Tenant => tenants.createTenant({ ownerKey: `sk_test_scheduler_${keys++}` });
  /** What ran, in order: `kind:payload@seconds after NOW`. */
  const ran: string[] = [];
  const record = (t: Tenant, job: Job): void => void ran.push(`${job.kind}:${String(job.payload)}@${(t.clock.now() - NOW) / SECOND}`);
  scheduler.register('note', record satisfies JobHandler);
  return { scheduler, tenant, ran, record, lines };
}

const at = (seconds: number) => NOW + seconds * SECOND;

describe('ordering and advance', () => {
  it.each([
    ['time order, whatever the order scheduled', [[3, 'c'], [1, 'a'], [2, 'b']], 5, ['a', 'b', 'c']],
    ['one instant: the order scheduled', [[1, 'x'], [1, 'y'], [1, 'z']], 1, ['x', 'y', 'z']],
    ['only what fell due', [[1, 'a'], [10, 'late']], 5, ['a']],
    ['nothing before its time', [[5, 'a']], 4.999, []],
  ] as const)('%s', async (_label, jobs, seconds, expected) => {
    const { scheduler, tenant, ran } = fixture();
    const t = tenant();
    for (const [due, payload] of jobs) scheduler.schedule(t, { kind: 'note', dueAt: at(due), payload });
    const { now, fired } = await scheduler.advance(t, seconds * SECOND);
    expect(ran.map((r) => r.split('@')[0])).toEqual(expected.map((p) => `note:${p}`));
    expect(fired.map((f) => f.kind)).toEqual(expected.map(() => 'note'));
    expect(now).toBe(at(seconds));
    expect(t.jobs.size).toBe(jobs.length - expected.length);
  });

  it('runs each job at the clock of the advance that reached it, and never twice', async () => {
    const { scheduler, tenant, ran } = fixture();
    const t = tenant();
    scheduler.schedule(t, { kind: 'note', dueAt: at(1), payload: 'a' });
    scheduler.schedule(t, { kind: 'note', dueAt: at(3), payload: 'b' });
    await scheduler.advance(t, 2 * SECOND);
    await scheduler.advance(t, 2 * SECOND);
    await scheduler.advance(t, 10 * SECOND);
    expect(ran).toEqual(['note:a@2', 'note:b@4']);
  });

  it('moves only the advanced tenant’s clock and jobs', async () => {
    const { scheduler, tenant, ran } = fixture();
    const [one, two] = [tenant(), tenant()];
    scheduler.schedule(one, { kind: 'note', dueAt: at(1), payload: 'one' });
    scheduler.schedule(two, { kind: 'note', dueAt: at(1), payload: 'two' });
    await scheduler.advance(one, SECOND);
    expect(ran).toEqual(['note:one@1']);
    expect(two.clock.now()).toBe(NOW);
    expect(two.jobs.size).toBe(1);
  });

  it('describes fired jobs with their kind, due time and the profile they concern', async () => {
    const { scheduler, tenant } = fixture();
    const t = tenant();
    const job = scheduler.schedule(t, { kind: 'note', dueAt: at(1), payload: { profile_id: 'p1' } });
    expect((await scheduler.advance(t, SECOND)).fired).toEqual([{ id: job.id, kind: 'note', profile_id: 'p1', due_at: sentTimestamp(at(1)) }]);
  });
});

describe('follow-up jobs', () => {
  it.each([
    // Jobs run in due order: `after` (due at 2 s) before the follow-up (due when the chain ran, at 5 s).
    ['due now: runs in the same advance, in its place', 0, ['chain:first@5', 'note:after@5', 'note:next@5']],
    ['due later: waits for its time', 10, ['chain:first@5', 'note:after@5']],
  ] as const)('%s', async (_label, followUpIn, expected) => {
    const { scheduler, tenant, ran, record } = fixture();
    scheduler.register('chain', (t, job) => {
      record(t, job);
      scheduler.schedule(t, { kind: 'note', dueAt: t.clock.now() + followUpIn * SECOND, payload: 'next' });
    });
    const t = tenant();
    scheduler.schedule(t, { kind: 'chain', dueAt: at(1), payload: 'first' });
    scheduler.schedule(t, { kind: 'note', dueAt: at(2), payload: 'after' });
    await scheduler.advance(t, 5 * SECOND);
    expect(ran).toEqual(expected);
  });

  it('scheduled by a handler’s outbound work (a retry) and already due run in the next batch of the same advance', async () => {
    const { scheduler, tenant, ran, record } = fixture();
    scheduler.register('send', (t, job) => {
      record(t, job);
      return Promise.resolve().then(() => void scheduler.schedule(t, { kind: 'note', dueAt: t.clock.now(), payload: 'retry', followUp: true }));
    });
    const t = tenant();
    scheduler.schedule(t, { kind: 'send', dueAt: at(1), payload: 'attempt' });
    const { fired } = await scheduler.advance(t, 2 * SECOND);
    expect(ran).toEqual(['send:attempt@2', 'note:retry@2']);
    expect(fired.map((f) => f.kind)).toEqual(['send', 'note']);
  });

  it('a failing handler is logged and the others still run', async () => {
    const { scheduler, tenant, ran, lines } = fixture();
    scheduler.register('boom', () => {
      throw new Error('handler failed');
    });
    scheduler.register('async-boom', () => Promise.reject(new Error('async handler failed')));
    const t = tenant();
    for (const [kind, due] of [['boom', 1], ['async-boom', 1], ['note', 2]] as const) scheduler.schedule(t, { kind, dueAt: at(due), payload: kind });
    await scheduler.advance(t, 3 * SECOND);
    expect(ran).toEqual(['note:note@3']);
    expect(lines.map((l) => (JSON.parse(l) as { kind: string; msg: string }).kind)).toEqual(['boom', 'async-boom']);
  });
});

describe('caps and keys', () => {
  it.each([
    ['under the cap', 2, 1, null],
    ['at the cap', 2, 2, 'BUSINESS_008'],
  ] as const)('a request %s', (_label, max, pending, code) => {
    const { scheduler, tenant } = fixture({ maxPendingPerTenant: max });
    const t = tenant();
    for (let i = 0; i < pending; i++) scheduler.schedule(t, { kind: 'note', dueAt: at(60), payload: i });
    const attempt = () => scheduler.schedule(t, { kind: 'note', dueAt: at(60), payload: 'one more' });
    if (code === null) expect(attempt).not.toThrow();
    else expect(attempt).toThrow(expect.objectContaining({ code, message: MESSAGES.pendingJobsCap(max) }));
  });

  it('never refuses follow-ups of admitted work, marked or scheduled by a running job', async () => {
    const { scheduler, tenant } = fixture({ maxPendingPerTenant: 1 });
    scheduler.register('fan-out', (t) => {
      for (let i = 0; i < 3; i++) scheduler.schedule(t, { kind: 'note', dueAt: t.clock.now() + 60 * SECOND, payload: i });
    });
    const t = tenant();
    scheduler.schedule(t, { kind: 'fan-out', dueAt: at(1), payload: null });
    scheduler.schedule(t, { kind: 'note', dueAt: at(60), payload: 'retry', followUp: true });
    await scheduler.advance(t, SECOND);
    expect(t.jobs.size).toBe(4);
    expect(() => scheduler.assertRoom(t)).toThrow(expect.objectContaining({ code: 'BUSINESS_008' }));
  });

  it('checks room for several jobs at once, before anything is scheduled', () => {
    const { scheduler, tenant } = fixture({ maxPendingPerTenant: 3 });
    const t = tenant();
    scheduler.schedule(t, { kind: 'note', dueAt: at(1), payload: 0 });
    expect(() => scheduler.assertRoom(t, 2)).not.toThrow();
    expect(() => scheduler.assertRoom(t, 3)).toThrow(expect.objectContaining({ code: 'BUSINESS_008' }));
    expect(t.jobs.size).toBe(1);
  });

  it('holds one pending job per key, and frees the key once it ran', async () => {
    const { scheduler, tenant } = fixture();
    const t = tenant();
    scheduler.schedule(t, { kind: 'note', dueAt: at(1), key: 'completion:p1', payload: 'a' });
    expect(() => scheduler.schedule(t, { kind: 'note', dueAt: at(2), key: 'completion:p1', payload: 'b' })).toThrow(/already pending/);
    await scheduler.advance(t, SECOND);
    expect(t.jobs.hasKey('completion:p1')).toBe(false);
    expect(() => scheduler.schedule(t, { kind: 'note', dueAt: at(3), key: 'completion:p1', payload: 'c' })).not.toThrow();
  });

  it('refuses a kind no module registered, and a kind registered twice', () => {
    const { scheduler, tenant, record } = fixture();
    expect(() => scheduler.schedule(tenant(), { kind: 'unknown', dueAt: at(1), payload: null })).toThrow(/no handler/);
    expect(() => scheduler.register('note', record)).toThrow(/registered twice/);
    expect(scheduler.kinds).toEqual(['note']);
  });

  it('drops a tenant’s jobs on clear, and runs imported ones put in their place', async () => {
    const { scheduler, tenant, ran } = fixture();
    const t = tenant();
    scheduler.schedule(t, { kind: 'note', dueAt: at(1), payload: 'dropped' });
    scheduler.clear(t);
    const imported = new JobQueue();
    imported.push({ id: 'job_imported', kind: 'note', due_at: at(2), key: null, payload: 'restored' } satisfies Job);
    scheduler.replace(t, imported);
    await scheduler.advance(t, 3 * SECOND);
    expect(ran).toEqual(['note:restored@3']);
  });
});
