import pLimit, { type LimitFunction } from 'p-limit';
import type { Logger } from 'pino';
import type { Scheduler } from '../clock/scheduler.js';
import type { Tenant } from '../store/types.js';
import { sentTimestamp } from '../util/time.js';
import { describeFailure, HttpPoster } from './http-post.js';
import { deliveryHeaders } from './sign.js';
import type { DeliveryAttempt, DeliverySource, DeliveryTarget, Outbound } from './types.js';

/** The job of an attempt due later on the tenant's clock: a retry, or a delivery a scenario delayed. */
export const ATTEMPT_JOB = 'delivery.attempt';

/** Backoff between attempts (docs/decisions/0006, 0016): 1 min, doubling, capped at 60 min. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempt - 1));
}

/** Deliveries of one tenant in flight at once, unless configured (see `perTenant`). */
export const DELIVERIES_PER_TENANT = 64;

export interface DeliveryCoreOptions {
  logger: Logger;
  scheduler: Scheduler;
  userAgent: string;
  /** Real time, for `x-webhook-timestamp` (docs/decisions/0006: real, not simulated). */
  realNow: () => number;
  /**
   * Deliveries of one tenant in flight at once (default `DELIVERIES_PER_TENANT`). Measured with bench/event-drain.mjs
   * (1,000 messages, 4,000 signed events to one local receiver): 16 took 3.9–4.9 s, 64 took
   * 1.5–2.2 s on a loaded 2-core machine; the drain waits on round trips, not on CPU.
   */
  perTenant?: number;
  /** Deliveries in flight at once, all tenants together. */
  total?: number;
}

/**
 * Every outbound HTTP notification goes through here — the completion callback and Sent's
 * webhook events alike: signing with real-time headers, timeouts, retries on the tenant's clock
 * (as jobs), the delivery log, scenario faults, and fairness between tenants: each tenant has
 * its own lane of `perTenant` slots (p-limit), so one tenant's hanging receivers hold only its
 * own lane and never delay another tenant's deliveries. A total cap bounds the sockets.
 * `send` never throws: every outcome is a recorded attempt.
 */
export class DeliveryCore {
  private readonly sources = new Map<string, DeliverySource>();
  private readonly lanes = new Map<string, LimitFunction>();
  private readonly total: LimitFunction;
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly poster = new HttpPoster();
  /** Attempts started and not yet recorded: shutdown waits for them (each then records how it ended). */
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  constructor(private readonly options: DeliveryCoreOptions) {
    this.total = pLimit(options.total ?? 512);
    options.scheduler.register(ATTEMPT_JOB, (tenant, job) => this.send(tenant, job.payload as Outbound, job.due_at));
  }

  register(name: string, source: DeliverySource): void {
    if (this.sources.has(name)) throw new Error(`delivery source ${name} is registered twice`);
    this.sources.set(name, source);
  }

  /**
   * Sends one attempt now (`at` is its time on the tenant's clock). Deliveries that share an
   * order key go one after another, so the events of one message arrive in lifecycle order.
   */
  send(tenant: Tenant, out: Outbound, at: number): Promise<DeliveryAttempt | null> {
    const sent = this.ordered(tenant, out, at);
    this.inFlight.add(sent);
    void sent.finally(() => this.inFlight.delete(sent));
    return sent;
  }

  private ordered(tenant: Tenant, out: Outbound, at: number): Promise<DeliveryAttempt | null> {
    if (out.order_key === null) return this.attempt(tenant, out, at);
    const key = `${tenant.id}:${out.order_key}`;
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.attempt(tenant, out, at));
    this.chains.set(key, next);
    void next.finally(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
    return next;
  }

  /** Sends the first attempt later, at `dueAt` on the tenant's clock (a scenario's late delivery). */
  sendLater(tenant: Tenant, out: Outbound, dueAt: number): void {
    this.options.scheduler.schedule(tenant, { kind: ATTEMPT_JOB, dueAt, payload: out });
  }

  /**
   * Shutdown (docs/decisions/0021): attempts in flight are cut and recorded as aborted (in the
   * delivery log and one log line each), attempts waiting for a slot are recorded as aborted
   * without being sent, nothing new is sent. Resolves once every one is recorded.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.poster.abortAll();
    await Promise.allSettled([...this.inFlight]);
  }

  /** Attempts started and not yet recorded. */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  private async attempt(tenant: Tenant, out: Outbound, at: number): Promise<DeliveryAttempt | null> {
    const source = this.sources.get(out.source);
    const target = source?.target(tenant, out) ?? null;
    // The source has nothing to send to any more (a deleted or inactive webhook): no attempt.
    if (!source || !target) return null;
    if (out.fault?.drop) return this.finish(tenant, source, out, at, this.record(out, at, target.url, {}, { status_code: null, error: 'dropped by scenario', duration_ms: 0 }));
    // A receiver a scenario takes down fails deterministically, without a socket (a real refusal races a live receiver).
    if (out.fault?.refuse) return this.finish(tenant, source, out, at, this.record(out, at, target.url, {}, { status_code: null, error: 'ECONNREFUSED', duration_ms: 0 }));
    if (out.fault?.duplicate) {
      // Sent twice with the same x-webhook-id: receivers must be idempotent. The extra copy is logged, never retried.
      tenant.deliveries.push(await this.post(tenant, out, at, target));
    }
    return this.finish(tenant, source, out, at, await this.post(tenant, out, at, target));
  }

  private async post(tenant: Tenant, out: Outbound, at: number, target: DeliveryTarget): Promise<DeliveryAttempt> {
    const run = async (): Promise<DeliveryAttempt> => {
      // Signed at the moment of sending, with real time: a receiver's replay window accepts it
      // after any clock advance (docs/decisions/0006). Each retry is signed afresh.
      const timestamp = Math.floor(this.options.realNow() / 1000);
      const headers = deliveryHeaders({ secret: target.secret, signatureId: out.signature_id, timestamp, body: out.body, eventType: out.event_type, eventId: out.event_id, userAgent: this.options.userAgent });
      const started = performance.now();
      let status: number | null = null;
      let error: string | null = null;
      if (this.closed) error = 'aborted by shutdown';
      else {
        try {
          status = await this.poster.post(target.url, headers, out.body, out.fault?.timeout_ms ?? target.timeoutMs);
          if (status < 200 || status >= 300) error = status >= 300 && status < 400 ? `redirect ${status} not followed` : `HTTP ${status}`;
        } catch (err) {
          error = describeFailure(err);
        }
      }
      return this.record(out, at, target.url, headers, { status_code: status, error, duration_ms: Math.round(performance.now() - started) });
    };
    return this.lane(tenant.id)(() => this.total(run));
  }

  /** Logs the attempt, schedules the retry the policy allows, and tells the source. */
  private finish(tenant: Tenant, source: DeliverySource, out: Outbound, at: number, attempt: DeliveryAttempt): DeliveryAttempt {
    let retryAt: number | null = null;
    if (!attempt.delivered && out.attempt < out.max_attempts && out.fault?.drop !== true && !this.closed) {
      retryAt = at + retryDelayMs(out.attempt);
      attempt.next_attempt_at = sentTimestamp(retryAt);
      this.options.scheduler.schedule(tenant, { kind: ATTEMPT_JOB, dueAt: retryAt, payload: { ...out, attempt: out.attempt + 1 }, followUp: true });
    }
    tenant.deliveries.push(attempt);
    this.options.logger.info(
      { tenant: tenant.id, source: out.source, delivery_id: out.delivery_id, event: out.event_type ?? undefined, attempt: out.attempt, status: attempt.status_code, error: attempt.error, ms: attempt.duration_ms },
      'delivery attempt',
    );
    source.settled?.(tenant, out, attempt, retryAt);
    return attempt;
  }

  private record(out: Outbound, at: number, url: string, headers: Record<string, string>, outcome: Pick<DeliveryAttempt, 'status_code' | 'error' | 'duration_ms'>): DeliveryAttempt {
    return {
      source: out.source,
      delivery_id: out.delivery_id,
      ref: out.ref,
      event_type: out.event_type,
      url,
      attempt: out.attempt,
      max_attempts: out.max_attempts,
      at: sentTimestamp(at),
      payload: JSON.parse(out.body) as unknown,
      headers,
      ...outcome,
      delivered: outcome.error === null,
      next_attempt_at: null,
      scenario: out.scenario,
    };
  }

  /** The tenant's own lane; dropped once idle, so idle tenants cost nothing here. */
  private lane(tenantId: string): <T>(fn: () => Promise<T>) => Promise<T> {
    let lane = this.lanes.get(tenantId);
    if (!lane) {
      const created = pLimit(this.options.perTenant ?? DELIVERIES_PER_TENANT);
      this.lanes.set(tenantId, created);
      lane = created;
    }
    const limit = lane;
    return <T>(fn: () => Promise<T>) =>
      limit(fn).finally(() => {
        if (limit.activeCount === 0 && limit.pendingCount === 0 && this.lanes.get(tenantId) === limit) this.lanes.delete(tenantId);
      });
  }
}
