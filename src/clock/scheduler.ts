import type { Logger } from 'pino';
import type { Tenant } from '../store/types.js';
import type { Random } from '../util/random.js';
import { sentTimestamp } from '../util/time.js';
import type { Job } from './job-queue.js';

export interface FiredJob {
  id: string;
  kind: Job['kind'];
  profile_id: string | null;
  due_at: string;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Runs every tenant's jobs when they fall due, either because real time reached them (one
 * shared, unref'd timer for the earliest job of all tenants — never a timer per job, so a
 * reset cannot leave one behind) or because `clock/advance` moved a tenant's clock past them.
 * A job is removed from its queue before it runs, so two concurrent drains never run it twice.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private timerDue = Infinity;
  private readonly active = new Set<Tenant>();
  private stopped = false;

  constructor(
    private readonly options: { realNow: () => number; logger: Logger; random: Random },
  ) {}

  schedule(tenant: Tenant, job: Omit<Job, 'id'>): Job {
    const full: Job = { ...job, id: `job_${this.options.random.string(12)}` };
    tenant.jobs.push(full);
    this.active.add(tenant);
    this.arm();
    return full;
  }

  /** Moves the tenant's clock forward, then runs everything that fell due, in time order. */
  async advance(tenant: Tenant, ms: number): Promise<{ now: number; fired: FiredJob[] }> {
    tenant.clock.advance(ms);
    const fired = await this.drain(tenant);
    return { now: tenant.clock.now(), fired };
  }

  /**
   * Runs due jobs batch by batch: the state changes of a batch happen synchronously in time
   * order; the batch's deliveries then complete together; jobs those deliveries scheduled
   * (retries) that are already due run in the next batch.
   */
  async drain(tenant: Tenant): Promise<FiredJob[]> {
    const fired: FiredJob[] = [];
    for (;;) {
      const now = tenant.clock.now();
      const pending: Promise<unknown>[] = [];
      let job: Job | undefined;
      while ((job = tenant.jobs.popDue(now))) {
        fired.push({ id: job.id, kind: job.kind, profile_id: job.profileId ?? null, due_at: sentTimestamp(job.dueAt) });
        try {
          const result = job.run(job.dueAt);
          if (result) pending.push(result);
        } catch (err) {
          this.options.logger.error({ err, job: job.id, kind: job.kind }, 'job failed');
        }
      }
      if (pending.length === 0) break;
      await Promise.allSettled(pending);
    }
    tenant.idempotency.sweep(tenant.clock.now());
    if (tenant.jobs.size === 0) this.active.delete(tenant);
    this.arm();
    return fired;
  }

  /** Drops a tenant's pending jobs (reset). */
  clear(tenant: Tenant): void {
    tenant.jobs.clear();
    this.active.delete(tenant);
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Points the one timer at the earliest job across tenants, in real time. */
  private arm(): void {
    if (this.stopped) return;
    let earliest = Infinity;
    for (const tenant of this.active) {
      const next = tenant.jobs.peek();
      if (next) earliest = Math.min(earliest, next.dueAt - tenant.clock.offset);
    }
    if (earliest === this.timerDue && this.timer) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerDue = earliest;
    if (earliest === Infinity) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, earliest - this.options.realNow()));
    this.timer = setTimeout(() => this.wake(), delay);
    this.timer.unref();
  }

  private wake(): void {
    this.timer = null;
    this.timerDue = Infinity;
    for (const tenant of [...this.active]) {
      const next = tenant.jobs.peek();
      if (next && next.dueAt <= tenant.clock.now()) {
        this.drain(tenant).catch((err: unknown) => this.options.logger.error({ err }, 'drain failed'));
      }
    }
    this.arm();
  }
}
