import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Scheduler } from '../../../src/clock/scheduler.js';
import { TenantRegistry, type TenantBlueprint } from '../../../src/store/tenants.js';
import type { TenantSettings } from '../../../src/store/types.js';
import { createRandom } from '../../../src/util/random.js';

/** A scheduler with one job kind that counts its runs, and a tenant of its own. */
function setup(realTime: boolean | undefined) {
  const random = createRandom(7);
  const realNow = () => Date.now();
  const scheduler = new Scheduler({ realNow, logger: pino({ level: 'silent' }), random, realTime });
  const runs: string[] = [];
  scheduler.register('count', (_tenant, job) => void runs.push(job.id));
  const tenants = new TenantRegistry({ random, realNow, blueprint: { collections: [], settings: () => ({}) as TenantSettings, organization: () => ({}) as ReturnType<TenantBlueprint['organization']> } });
  const tenant = tenants.createTenant({ ownerKey: 'sk_test_scheduler_unit' });
  return { scheduler, tenant, runs };
}

describe('Scheduler and real time', () => {
  // Fake timers: the scheduler's one timer and Date.now() move only when the test moves them.
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it.each([
    ['on by default (the CLI, the library)', undefined, 1],
    ['on when asked', true, 1],
    ['off in test apps: nothing runs until the clock is advanced (issue 25 row 16)', false, 0],
  ])('runs a job when real time reaches it: %s', async (_label, realTime, expected) => {
    const { scheduler, tenant, runs } = setup(realTime);
    scheduler.schedule(tenant, { kind: 'count', dueAt: tenant.clock.now() + 1000, payload: null });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toHaveLength(expected);
    // Advancing the tenant's clock runs what is due, timer or not, and only once.
    await scheduler.advance(tenant, 0);
    expect(runs).toHaveLength(1);
    scheduler.stop();
  });
});
