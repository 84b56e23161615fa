import type { Logger } from 'pino';
import type { Scheduler } from '../clock/scheduler.js';
import { MESSAGES } from '../errors/catalog.js';
import type { Tenant } from '../store/types.js';
import { sentTimestamp } from '../util/time.js';
import { FairPool, PoolBusyError } from './fair-pool.js';
import { describeFailure, HttpPoster, type Poster } from './http-post.js';
import { deliveryHeaders } from './sign.js';
import { TargetPolicy, TargetRefusedError } from './targets.js';
import type { DeliveryAttempt, DeliverySource, DeliveryTarget, Outbound } from './types.js';

/** The job of an attempt due later on the tenant's clock: a retry, or a delivery a scenario delayed. */
export const ATTEMPT_JOB = 'delivery.attempt';

/** Backoff between attempts (docs/decisions/0006, 0016): 1 min, doubling, capped at 60 min. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempt - 1));
}

/** Deliveries of one tenant in flight at once, unless configured (see `perTenant`). */
export const DELIVERIES_PER_TENANT = 64;
/** Deliveries in flight at once, all tenants together, unless configured (see `total`). */
export const DELIVERIES_TOTAL = 512;

/**
 * The longest any attempt waits for its receiver: a webhook's `timeout_seconds` maximum (120 s),
 * whatever a scenario or an imported job asks (issue 25 row 3: an imported 2^31 - 1 ms timeout
 * held a slot for ~24.8 days).
 */
export const MAX_ATTEMPT_TIMEOUT_MS = 120_000;

/** The most attempts any delivery may make: a completion callback's `callback_max_attempts` maximum (webhooks: `retry_count` + 1, at most 6). */
export const MAX_DELIVERY_ATTEMPTS = 20;

/**
 * The payload of an `ATTEMPT_JOB` (an `Outbound`), as an import must carry it (issue 25 row 7,
 * docs/decisions/0090): ten imported jobs asking for a million attempts each fired 876,040 in a
 * 10-year advance.
 */
export const ATTEMPT_JOB_PAYLOAD = {
  type: 'object',
  required: ['source', 'ref', 'delivery_id', 'signature_id', 'url', 'body', 'attempt', 'max_attempts'],
  properties: {
    source: { type: 'string', maxLength: 64 },
    ref: { type: 'string', maxLength: 255 },
    delivery_id: { type: 'string', maxLength: 255 },
    signature_id: { type: 'string', maxLength: 255 },
    event_type: { type: ['string', 'null'], maxLength: 64 },
    url: { type: 'string', maxLength: 2048 },
    body: { type: 'string', maxLength: 1_048_576 },
    attempt: { type: 'integer', minimum: 1, maximum: MAX_DELIVERY_ATTEMPTS },
    max_attempts: { type: 'integer', minimum: 1, maximum: MAX_DELIVERY_ATTEMPTS },
    order_key: { type: ['string', 'null'], maxLength: 1024 },
    fault: {
      oneOf: [
        { type: 'null' },
        { type: 'object', properties: { drop: { type: 'boolean' }, duplicate: { type: 'boolean' }, timeout_ms: { type: 'number', exclusiveMinimum: 0, maximum: MAX_ATTEMPT_TIMEOUT_MS }, refuse: { type: 'boolean' } } },
      ],
    },
    scenario: { type: ['string', 'null'], maxLength: 255 },
  },
} as const;

/** The error of an attempt that got no slot within its wait (a webhook test, docs/decisions/0045): not sent. */
export const NOT_SENT_BUSY = 'not sent: delivery slots busy';

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
  /**
   * Deliveries in flight at once, all tenants together (default `DELIVERIES_TOTAL`). A quarter of
   * them is kept for tenants holding fewer than an eighth of `perTenant` (8 of 64): with the
   * defaults, 16 tenants whose receivers hang still leave a newcomer 8 slots at once
   * (docs/decisions/0045).
   */
  total?: number;
  /** Where notifications may go (`--webhook-targets`; default `local`, docs/decisions/0046). */
  targets?: TargetPolicy;
  /** What sends the POSTs (default: `HttpPoster` over the targets' lookup; unit tests pass a fake). */
  poster?: Poster;
}

/** How one send may differ from the rest. */
export interface SendOptions {
  /** Give up, unsent, when no slot frees within this long (`NOT_SENT_BUSY`): a caller is waiting on the answer. */
  maxWaitMs?: number;
}

/**
 * Every outbound HTTP notification goes through here — the completion callback and Sent's
 * webhook events alike: signing with real-time headers, timeouts, retries on the tenant's clock
 * (as jobs), the delivery log, scenario faults, and fairness between tenants: the slots are a
 * `FairPool` (fair-pool.ts, docs/decisions/0045), so one tenant's hanging receivers hold at most
 * its share and never stop another tenant's deliveries; a total cap bounds the sockets, and no
 * attempt waits longer than `MAX_ATTEMPT_TIMEOUT_MS`. `send` never throws: every outcome is a
 * recorded attempt.
 */
export class DeliveryCore {
  private readonly sources = new Map<string, DeliverySource>();
  private readonly pool: FairPool;
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly poster: Poster;
  private readonly targets: TargetPolicy;
  /** Attempts started and not yet recorded: shutdown waits for them (each then records how it ended). */
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  constructor(private readonly options: DeliveryCoreOptions) {
    this.targets = options.targets ?? new TargetPolicy();
    this.poster = options.poster ?? new HttpPoster(this.targets.lookup);
    const total = options.total ?? DELIVERIES_TOTAL;
    const perTenant = options.perTenant ?? DELIVERIES_PER_TENANT;
    this.pool = new FairPool({ total, perTenant, guaranteed: Math.max(1, Math.floor(perTenant / 8)), reserve: Math.floor(total / 4) });
    options.scheduler.register(ATTEMPT_JOB, (tenant, job) => this.send(tenant, job.payload as Outbound, job.due_at), ATTEMPT_JOB_PAYLOAD);
  }

  register(name: string, source: DeliverySource): void {
    if (this.sources.has(name)) throw new Error(`delivery source ${name} is registered twice`);
    this.sources.set(name, source);
  }

  /**
   * Sends one attempt now (`at` is its time on the tenant's clock). Deliveries that share an
   * order key go one after another, so the events of one message arrive in lifecycle order.
   */
  send(tenant: Tenant, out: Outbound, at: number, options: SendOptions = {}): Promise<DeliveryAttempt | null> {
    const sent = this.ordered(tenant, out, at, options);
    this.inFlight.add(sent);
    void sent.finally(() => this.inFlight.delete(sent));
    return sent;
  }

  private ordered(tenant: Tenant, out: Outbound, at: number, options: SendOptions): Promise<DeliveryAttempt | null> {
    if (out.order_key === null) return this.attempt(tenant, out, at, options);
    const key = `${tenant.id}:${out.order_key}`;
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.attempt(tenant, out, at, options));
    this.chains.set(key, next);
    void next.finally(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
    return next;
  }

  /** Sends the first attempt later, at `dueAt` on the tenant's clock (a scenario's late delivery). */
  sendLater(tenant: Tenant, out: Outbound, dueAt: number): void {
    // Part of an event already admitted (routing may run after its request): never refused by the pending-jobs cap.
    this.options.scheduler.schedule(tenant, { kind: ATTEMPT_JOB, dueAt, payload: out, followUp: true });
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

  /** Why `url` may not receive notifications, in words, judged on its host (null: it may); creates and updates check it. */
  refuseTarget(url: string): string | null {
    const reason = this.targets.refuseUrl(url);
    return reason === null ? null : MESSAGES.targetReason[reason];
  }

  /**
   * Resolves once every attempt started so far is recorded, and those started meanwhile: a test
   * compares a tenant's state around a request with no background delivery landing in between.
   */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Attempts started and not yet recorded. */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  private async attempt(tenant: Tenant, out: Outbound, at: number, options: SendOptions): Promise<DeliveryAttempt | null> {
    const source = this.sources.get(out.source);
    const target = source?.target(tenant, out) ?? null;
    // The source has nothing to send to any more (a deleted or inactive webhook): no attempt.
    if (!source || !target) return null;
    // The source's policy bounds the attempts, whatever the outbound (an imported job) asks (issue 25 row 7).
    const bounded = target.maxAttempts === undefined || out.max_attempts <= target.maxAttempts ? out : { ...out, max_attempts: Math.max(1, target.maxAttempts) };
    if (bounded !== out) return this.attempt(tenant, bounded, at, options);
    if (out.fault?.drop) return this.finish(tenant, source, out, at, this.record(out, at, target.url, {}, { status_code: null, error: 'dropped by scenario', duration_ms: 0 }));
    // A receiver a scenario takes down fails deterministically, without a socket (a real refusal races a live receiver).
    if (out.fault?.refuse) return this.finish(tenant, source, out, at, this.record(out, at, target.url, {}, { status_code: null, error: 'ECONNREFUSED', duration_ms: 0 }));
    if (out.fault?.duplicate) {
      // Sent twice with the same x-webhook-id: receivers must be idempotent. The extra copy is logged, never retried.
      tenant.deliveries.push(await this.post(tenant, out, at, target, options), attemptBytes(out));
    }
    return this.finish(tenant, source, out, at, await this.post(tenant, out, at, target, options));
  }

  private async post(tenant: Tenant, out: Outbound, at: number, target: DeliveryTarget, options: SendOptions): Promise<DeliveryAttempt> {
    const run = async (): Promise<DeliveryAttempt> => {
      // Signed at the moment of sending, with real time: a receiver's replay window accepts it
      // after any clock advance (docs/decisions/0006). Each retry is signed afresh.
      const timestamp = Math.floor(this.options.realNow() / 1000);
      const headers = deliveryHeaders({ secret: target.secret, signatureId: out.signature_id, timestamp, body: out.body, eventType: out.event_type, eventId: out.event_id, userAgent: this.options.userAgent });
      const started = performance.now();
      let status: number | null = null;
      let error: string | null = null;
      // A URL that was never checked (an import, a record from before the policy) is judged here too.
      const refused = this.targets.refuseUrl(target.url);
      if (this.closed) error = 'aborted by shutdown';
      else if (refused) error = new TargetRefusedError(refused).message;
      else {
        try {
          status = await this.poster.post(target.url, headers, out.body, attemptTimeout(out, target));
          if (status < 200 || status >= 300) error = status >= 300 && status < 400 ? `redirect ${status} not followed` : `HTTP ${status}`;
        } catch (err) {
          error = describeFailure(err);
        }
      }
      return this.record(out, at, target.url, headers, { status_code: status, error, duration_ms: Math.round(performance.now() - started) });
    };
    try {
      return await this.pool.run(tenant.id, run, options.maxWaitMs);
    } catch (err) {
      if (!(err instanceof PoolBusyError)) throw err;
      return this.record(out, at, target.url, {}, { status_code: null, error: NOT_SENT_BUSY, duration_ms: options.maxWaitMs ?? 0 });
    }
  }

  /** Logs the attempt, schedules the retry the policy allows, and tells the source. */
  private finish(tenant: Tenant, source: DeliverySource, out: Outbound, at: number, attempt: DeliveryAttempt): DeliveryAttempt {
    let retryAt: number | null = null;
    if (!attempt.delivered && out.attempt < Math.min(out.max_attempts, MAX_DELIVERY_ATTEMPTS) && out.fault?.drop !== true && !this.closed) {
      retryAt = at + retryDelayMs(out.attempt);
      attempt.next_attempt_at = sentTimestamp(retryAt);
      this.options.scheduler.schedule(tenant, { kind: ATTEMPT_JOB, dueAt: retryAt, payload: { ...out, attempt: out.attempt + 1 }, followUp: true });
    }
    tenant.deliveries.push(attempt, attemptBytes(out));
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
}

/** What one logged attempt weighs against `--delivery-log-bytes`: its body (kept parsed), URL, headers and fields, estimated. */
function attemptBytes(out: Outbound): number {
  return 1024 + out.body.length + out.url.length;
}

/** The attempt's timeout: a scenario's (or an imported job's) if it names a usable one, else the target's; never past `MAX_ATTEMPT_TIMEOUT_MS`. */
export function attemptTimeout(out: Pick<Outbound, 'fault'>, target: Pick<DeliveryTarget, 'timeoutMs'>): number {
  const usable = (ms: unknown): ms is number => typeof ms === 'number' && Number.isFinite(ms) && ms > 0;
  const asked = out.fault?.timeout_ms;
  const ms = usable(asked) ? asked : usable(target.timeoutMs) ? target.timeoutMs : MAX_ATTEMPT_TIMEOUT_MS;
  return Math.min(ms, MAX_ATTEMPT_TIMEOUT_MS);
}
