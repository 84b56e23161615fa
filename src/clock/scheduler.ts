import type { Logger } from 'pino';
import { MESSAGES } from '../errors/catalog.js';
import { simError } from '../errors/sim-error.js';
import type { Tenant } from '../store/types.js';
import type { Random } from '../util/random.js';
import { MinHeap } from '../util/min-heap.js';
import { sentTimestamp } from '../util/time.js';
import type { Job, JobQueue } from './job-queue.js';

/** Runs one job at its due time; a returned promise is outbound I/O the clock waits for. */
export type JobHandler = (tenant: Tenant, job: Job) => void | Promise<unknown>;

/**
 * A kind of job and the JSON Schema of its payload (issue 25 row 7, docs/decisions/0090): an
 * import checks every job's payload against its kind's before anything is swapped in, so a
 * hand-edited job can never make its handler do what no request could (an imported delivery
 * asking for a million attempts fired 876,040 in a 10-year advance). Resource modules declare
 * theirs (`ResourceModule.jobKinds`); the delivery core its own.
 */
export interface JobKindDecl {
  kind: string;
  payload: object;
}

export function defineJobKind(decl: JobKindDecl): JobKindDecl {
  return decl;
}

export interface FiredJob {
  id: string;
  kind: string;
  /** The profile the job concerns, when it concerns one. */
  profile_id: string | null;
  due_at: string;
}

/** What a module asks for: the job without its id, due after `delayMs` or at `dueAt` (tenant clock). */
export interface JobRequest {
  kind: string;
  dueAt: number;
  key?: string | null;
  payload: unknown;
  /**
   * Scheduled by work already admitted (a delivery retry), not by a request: never refused by
   * the pending-jobs cap. Jobs scheduled while a job handler runs count as follow-ups too.
   */
  followUp?: boolean;
}

/** Jobs run between two turns of the event loop during a drain, so a huge drain never stalls other tenants. */
const DRAIN_SLICE = 500;

const MAX_TIMER_MS = 2 ** 31 - 1;

/** A tenant's earliest job, in real time; stale once the tenant's `stamp` moved on. */
interface DueEntry {
  realDue: number;
  tenant: Tenant;
  stamp: number;
}

/**
 * The one scheduler of every tenant's jobs. Each tenant keeps its jobs in a heap of its own
 * (clock/job-queue.ts); the scheduler keeps the tenants in one priority queue by the real time
 * their earliest job falls due, so finding the next job of all tenants never scans them.
 * Jobs run when real time reaches them (one shared, unref'd timer for the earliest of all) or
 * when `clock/advance` moves a tenant's clock past them. A job leaves its queue before it runs,
 * so two drains never run it twice. Handlers are registered per kind by the resource modules.
 */
export class Scheduler {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly payloads = new Map<string, object>();
  private readonly due = new MinHeap<DueEntry>((a, b) => a.realDue < b.realDue);
  private readonly stamps = new Map<Tenant, number>();
  private nextStamp = 0;
  private timer: NodeJS.Timeout | null = null;
  private timerDue = Infinity;
  private stopped = false;
  /** Set while a job handler runs: what it schedules is a follow-up (see `JobRequest.followUp`). */
  private inJob = false;

  constructor(
    private readonly options: {
      realNow: () => number;
      logger: Logger;
      random: Random;
      maxPendingPerTenant?: number;
      /**
       * Whether jobs also run when real time reaches them (default true). Test apps turn it off,
       * so a job runs only when the test advances the clock, never because the machine was slow.
       */
      realTime?: boolean;
    },
  ) {}

  /** A kind's handler, with the schema of its payload: a kind without one cannot be imported. */
  register(kind: string, handler: JobHandler, payload?: object): void {
    if (this.handlers.has(kind)) throw new Error(`job kind ${kind} is registered twice`);
    this.handlers.set(kind, handler);
    if (payload) this.payloads.set(kind, payload);
  }

  get kinds(): string[] {
    return [...this.handlers.keys()];
  }

  /** The JSON Schema a job of `kind` carries as its payload (what an import is checked against). */
  payloadSchema(kind: string): object | undefined {
    return this.payloads.get(kind);
  }

  /**
   * Refuses, before anything changes, a request that would take the tenant past its pending-jobs
   * cap (docs/decisions/0022): `400 BUSINESS_008`. Services that change state before they
   * schedule call this first, with the number of jobs they will add.
   */
  assertRoom(tenant: Tenant, count = 1): void {
    const max = this.options.maxPendingPerTenant ?? Infinity;
    if (!this.inJob && tenant.jobs.size + count > max) throw simError('BUSINESS_008', { message: MESSAGES.pendingJobsCap(max) });
  }

  schedule(tenant: Tenant, request: JobRequest): Job {
    if (!this.handlers.has(request.kind)) throw new Error(`no handler for job kind ${request.kind}`);
    if (!request.followUp) this.assertRoom(tenant);
    const job: Job = { id: `job_${this.options.random.string(12)}`, kind: request.kind, due_at: request.dueAt, key: request.key ?? null, payload: request.payload };
    const before = tenant.jobs.peek();
    tenant.jobs.push(job);
    if (tenant.jobs.peek() !== before) this.track(tenant);
    return job;
  }

  /** Puts an import's pending jobs in place of the tenant's (built and checked before: this cannot fail). */
  replace(tenant: Tenant, jobs: JobQueue): void {
    tenant.jobs = jobs;
    this.track(tenant);
  }

  /** Moves the tenant's clock forward, then runs everything that fell due, in time order. */
  async advance(tenant: Tenant, ms: number): Promise<{ now: number; fired: FiredJob[] }> {
    tenant.clock.advance(ms);
    const fired = await this.drain(tenant);
    return { now: tenant.clock.now(), fired };
  }

  /**
   * Runs due jobs batch by batch: the state changes of a batch happen synchronously in time
   * order (jobs a job schedules that are already due run in the same batch, in their place);
   * the batch's deliveries then complete together; jobs those deliveries scheduled (retries)
   * that are already due run in the next batch.
   */
  async drain(tenant: Tenant): Promise<FiredJob[]> {
    const fired: FiredJob[] = [];
    for (;;) {
      const now = tenant.clock.now();
      const pending: Promise<unknown>[] = [];
      let job: Job | undefined;
      let ran = 0;
      while ((job = tenant.jobs.popDue(now))) {
        fired.push(describeJob(job));
        const result = this.run(tenant, job);
        if (result) pending.push(result);
        // Other requests get a turn now and then (jobs still run in order; this tenant's own
        // requests may see the drain half done, as they would while callbacks are in flight).
        if (++ran % DRAIN_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      if (pending.length === 0) break;
      await Promise.allSettled(pending);
    }
    tenant.idempotency.sweep(tenant.clock.now());
    this.track(tenant);
    return fired;
  }

  /** Drops a tenant's pending jobs (reset, import). */
  clear(tenant: Tenant): void {
    tenant.jobs.clear();
    this.track(tenant);
  }

  /** Forgets a tenant that is gone. */
  forget(tenant: Tenant): void {
    tenant.jobs.clear();
    this.stamps.delete(tenant);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private run(tenant: Tenant, job: Job): Promise<unknown> | undefined {
    const handler = this.handlers.get(job.kind);
    this.inJob = true;
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      const result = handler(tenant, job);
      return result?.catch((err: unknown) => this.options.logger.error({ err, job: job.id, kind: job.kind }, 'job failed'));
    } catch (err) {
      this.options.logger.error({ err, job: job.id, kind: job.kind }, 'job failed');
      return undefined;
    } finally {
      this.inJob = false;
    }
  }

  /** Re-files the tenant in the priority queue under its (new) earliest job. */
  private track(tenant: Tenant): void {
    const next = tenant.jobs.peek();
    if (!next) {
      this.stamps.delete(tenant);
    } else {
      const stamp = ++this.nextStamp;
      this.stamps.set(tenant, stamp);
      this.due.push({ realDue: next.due_at - tenant.clock.offset, tenant, stamp });
      // Stale entries are dropped as they surface; rebuild now and then so they cannot pile up.
      if (this.due.size > 4 * this.stamps.size + 1024) this.compact();
    }
    this.arm();
  }

  private compact(): void {
    const live = this.due.values().filter((e) => this.stamps.get(e.tenant) === e.stamp);
    this.due.clear();
    for (const e of live) this.due.push(e);
  }

  private live(entry: DueEntry | undefined): boolean {
    return entry !== undefined && this.stamps.get(entry.tenant) === entry.stamp;
  }

  /** Points the one timer at the earliest job of all tenants, in real time. */
  private arm(): void {
    if (this.stopped || this.options.realTime === false) return;
    while (this.due.size > 0 && !this.live(this.due.peek())) this.due.pop();
    const earliest = this.due.peek()?.realDue ?? Infinity;
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
    const now = this.options.realNow();
    const ready = new Set<Tenant>();
    for (let top = this.due.peek(); top && top.realDue <= now; top = this.due.peek()) {
      this.due.pop();
      if (this.live(top)) {
        this.stamps.delete(top.tenant);
        ready.add(top.tenant);
      }
    }
    for (const tenant of ready) this.drain(tenant).catch((err: unknown) => this.options.logger.error({ err }, 'drain failed'));
    this.arm();
  }
}

/** A job as `clock/advance` and the tenant view list it. */
export function describeJob(job: Job): FiredJob {
  const payload = job.payload as { profile_id?: unknown } | null;
  const profileId = typeof payload?.profile_id === 'string' ? payload.profile_id : null;
  return { id: job.id, kind: job.kind, profile_id: profileId, due_at: sentTimestamp(job.due_at) };
}
