import { afterEach, describe, expect, it, vi } from 'vitest';
import { FairPool, PoolBusyError, type FairPoolOptions } from '../../../src/delivery/fair-pool.js';

/** A pool whose attempts hang until the test ends them; `started` lists them in the order they got a slot. */
function harness(options: FairPoolOptions) {
  const pool = new FairPool(options);
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  const results: Array<Promise<unknown>> = [];
  let n = 0;
  const submit = (tenant: string, count = 1, maxWaitMs?: number) => {
    for (let i = 0; i < count; i++) {
      const id = `${tenant}#${n++}`;
      results.push(
        pool
          .run(
            tenant,
            () =>
              new Promise<void>((resolve) => {
                started.push(id);
                finishers.set(id, resolve);
              }),
            maxWaitMs,
          )
          .catch((err: unknown) => err),
      );
    }
  };
  /** Ends the attempts `ids` and lets the pool hand out their slots. */
  const finish = async (...ids: string[]) => {
    for (const id of ids) {
      finishers.get(id)!();
      finishers.delete(id);
    }
    await new Promise((r) => setImmediate(r));
  };
  const running = (tenant: string) => [...finishers.keys()].filter((id) => id.startsWith(`${tenant}#`));
  return { pool, started, submit, finish, running, results };
}

const SMALL: FairPoolOptions = { total: 16, perTenant: 8, guaranteed: 2, reserve: 4 };

describe('FairPool', () => {
  afterEach(() => vi.useRealTimers());

  it.each([
    // [what, submissions (tenant, count) in order, in flight per tenant after]
    ['a tenant alone holds at most perTenant', [['a', 20]], { a: 8 }],
    ['two tenants split the unreserved slots', [['a', 20], ['b', 20]], { a: 8, b: 4 }],
    ['hogs leave the reserve: a third tenant still starts its guaranteed attempts', [['a', 20], ['b', 20], ['c', 20]], { a: 8, b: 4, c: 2 }],
    ['the reserve serves newcomers until the total is reached', [['a', 20], ['b', 20], ['c', 20], ['d', 20], ['e', 20]], { a: 8, b: 4, c: 2, d: 2, e: 0 }],
    ['a tenant within its share starts at once', [['a', 3], ['b', 3]], { a: 3, b: 3 }],
  ] as const)('%s', (_what, submissions, expected) => {
    const h = harness(SMALL);
    for (const [tenant, count] of submissions) h.submit(tenant, count);
    for (const [tenant, count] of Object.entries(expected)) expect(h.running(tenant), tenant).toHaveLength(count);
    expect(h.pool.activeCount).toBeLessThanOrEqual(SMALL.total);
  });

  it('hands freed slots to the waiting tenants in turn, not to the tenant that freed them', async () => {
    const h = harness({ total: 4, perTenant: 4, guaranteed: 1, reserve: 0 });
    h.submit('a', 4); // a holds the whole pool
    h.submit('a', 3);
    h.submit('b', 3);
    h.submit('c', 3);
    expect(h.started).toEqual(['a#0', 'a#1', 'a#2', 'a#3']);
    // Three tenants now: a share is 1 each. As a's attempts end, b and c get slots, a waits its turn.
    await h.finish('a#0', 'a#1', 'a#2');
    expect(h.started.slice(4)).toEqual(['b#7', 'c#10']);
    expect(h.pool.counts('a')).toEqual({ active: 1, waiting: 3 });
    await h.finish('a#3');
    expect(h.started.slice(6)).toEqual(['a#4']);
  });

  it('gives up on an attempt that waited maxWaitMs: it rejects with PoolBusyError and never runs', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const h = harness({ total: 2, perTenant: 2, guaranteed: 1, reserve: 0 });
    h.submit('a', 2);
    h.submit('a', 1, 10_000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await h.results[2]).toBeInstanceOf(PoolBusyError);
    expect(h.pool.counts('a')).toEqual({ active: 2, waiting: 0 });
    await h.finish('a#0');
    expect(h.started).toEqual(['a#0', 'a#1']);
  });

  it('forgets a tenant once it has nothing in flight or waiting', async () => {
    const h = harness(SMALL);
    h.submit('a', 9);
    await h.finish(...h.running('a'));
    expect(h.started).toHaveLength(9);
    await h.finish(...h.running('a'));
    expect(h.pool.counts('a')).toEqual({ active: 0, waiting: 0 });
    expect(h.pool.activeCount).toBe(0);
    expect(h.pool.share()).toBe(8);
  });

  it('releases the slot of an attempt that throws', async () => {
    const pool = new FairPool({ total: 1, perTenant: 1, guaranteed: 1, reserve: 0 });
    const failed = pool.run('a', () => {
      throw new Error('boom');
    });
    await expect(failed).rejects.toThrow('boom');
    await expect(pool.run('a', () => Promise.resolve('next'))).resolves.toBe('next');
  });
});
