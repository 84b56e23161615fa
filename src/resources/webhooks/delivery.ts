import type { Logger } from 'pino';
import type { Scheduler } from '../../clock/scheduler.js';
import { NOT_SENT_BUSY, type DeliveryCore } from '../../delivery/core.js';
import { MESSAGES } from '../../errors/catalog.js';
import type { DeliveryAttempt, DeliveryFault, DeliverySource, DeliveryTarget, Outbound } from '../../delivery/types.js';
import type { SentEvent } from '../../events/bus.js';
import { eventEnvelope } from '../../events/envelope.js';
import type { ScenarioEngine } from '../../scenarios/engine.js';
import type { Tenant } from '../../store/types.js';
import type { Random } from '../../util/random.js';
import { SECOND, sentTimestamp } from '../../util/time.js';
import { accountGroup, WEBHOOK_EVENTS, WEBHOOKS, type WebhookEventRecord, type WebhookRecord } from './collection.js';
import { AUTO_DISABLE_AFTER, receives } from './rules.js';

/** Delivery sources: subscribed events, and test events (which never count in a webhook's health). */
export const WEBHOOK_SOURCE = 'webhook';
export const WEBHOOK_TEST_SOURCE = 'webhook-test';
/** The job that sends a message's held events newest first (an `events.reorder` scenario). */
export const RELEASE_JOB = 'webhook.release';
/** How long a reordering scenario holds a message's events when it names no `delay_seconds`. */
export const REORDER_WINDOW_SECONDS = 30;
/** How long a test waits for a delivery slot before it answers "not sent" (docs/decisions/0045): its caller is waiting. */
export const TEST_SLOT_WAIT_MS = 10_000;

export interface ReleaseJob {
  order_key: string;
}

/**
 * Delivery-log rows made (each with its first attempt started) in one turn of the event loop
 * before routing yields (issue 25 row 1): one event to many webhooks, or many events at once (a
 * lifecycle step of a 1,000-recipient send), never hold the other tenants' requests for long.
 */
export const ROUTE_SLICE = 500;

export interface WebhookDeliveryDeps {
  random: Random;
  delivery: DeliveryCore;
  scheduler: Scheduler;
  scenarios: ScenarioEngine;
  logger: Logger;
  maxRows: number;
  /** Bytes of rows a tenant keeps (`--max-webhook-event-bytes`). */
  maxRowBytes: number;
  /** A shared instance: the delivery log names no low-level error (docs/decisions/0046). */
  hideErrors: boolean;
}

/**
 * Sent's webhook events on their way out (docs/decisions/0016): routes each published event to
 * the webhooks that take it, writes one delivery-log row per webhook, and hands the signed
 * sending to the delivery core (per-tenant lanes, retries on the tenant clock). The core calls
 * back here at sending time (`target`: the webhook's URL, secret and timeout now) and after
 * every attempt (`settled`: the row, the webhook's health, the auto-disable).
 */
export class WebhookDelivery {
  /** Each tenant's routing still to do, in publishing order: events queue behind it once routing has yielded. */
  private readonly queued = new Map<string, Promise<void>>();
  /** Rows made in this turn of the event loop (reset by the next turn). */
  private madeThisTurn = 0;

  constructor(private readonly deps: WebhookDeliveryDeps) {}

  /**
   * The event sink: one row and one delivery per receiving webhook; returns the attempts in
   * flight. Routed at once while this turn of the event loop has made fewer than `ROUTE_SLICE`
   * rows; past that, it waits its turn behind the tenant's earlier events (so each webhook still
   * gets one message's events in order) and yields every `ROUTE_SLICE` rows.
   */
  route(tenant: Tenant, event: SentEvent): Promise<unknown> | undefined {
    const targets = this.targetsOf(tenant, event);
    if (targets.length === 0) return undefined;
    const before = this.queued.get(tenant.id);
    const sends: Promise<unknown>[] = [];
    if (!before && targets.length <= ROUTE_SLICE && this.room(targets.length)) {
      this.routeSlice(tenant, event, targets, 0, targets.length, sends);
      return sends.length === 0 ? undefined : Promise.all(sends);
    }
    const routed = (before ?? Promise.resolve()).then(() => this.routeInSlices(tenant, event, targets, sends));
    this.queued.set(tenant.id, routed);
    void routed.finally(() => {
      if (this.queued.get(tenant.id) === routed) this.queued.delete(tenant.id);
    });
    return routed.then(() => Promise.all(sends));
  }

  /**
   * Webhooks that would receive an event of `family` from `accountId` (any of its sub-types): the
   * active ones of the account and of the organization subscribed to it — what a send multiplies
   * its messages by (`--max-send-fanout`, docs/decisions/0086).
   */
  receivers(tenant: Tenant, accountId: string, family: string): number {
    return this.candidates(tenant, accountId).filter((w) => w.is_active && w.event_types.includes(family)).length;
  }

  /** The webhooks an event goes to, from its account's and the organization's (`byAccount`), never the whole store. */
  private targetsOf(tenant: Tenant, event: SentEvent): WebhookRecord[] {
    return this.candidates(tenant, event.account_id).filter((w) => receives(w, event));
  }

  private candidates(tenant: Tenant, accountId: string): WebhookRecord[] {
    const webhooks = WEBHOOKS.in(tenant);
    const own = webhooks.list('byAccount', accountGroup(null)).toArray();
    return accountId === tenant.id ? own : [...own, ...webhooks.list('byAccount', accountGroup(accountId)).toArray()];
  }

  /** Whether `rows` more fit in this turn of the event loop (counted: they will be made now). */
  private room(rows: number): boolean {
    if (this.madeThisTurn > 0 && this.madeThisTurn + rows > ROUTE_SLICE) return false;
    this.count(rows);
    return true;
  }

  /** Rows made in this turn; the next turn starts from none. */
  private count(rows: number): void {
    if (this.madeThisTurn === 0) setImmediate(() => (this.madeThisTurn = 0));
    this.madeThisTurn += rows;
  }

  private async routeInSlices(tenant: Tenant, event: SentEvent, targets: WebhookRecord[], sends: Promise<unknown>[]): Promise<void> {
    try {
      for (let from = 0; from < targets.length; from += ROUTE_SLICE) {
        await new Promise((resolve) => setImmediate(resolve));
        const to = Math.min(targets.length, from + ROUTE_SLICE);
        this.count(to - from);
        this.routeSlice(tenant, event, targets, from, to, sends);
      }
    } catch (err) {
      this.deps.logger.error({ err, tenant: tenant.id, event: event.name }, 'routing an event failed');
    }
  }

  /** Rows and first attempts for `targets[from…to)`; the release job of a reordering scenario with the first slice. */
  private routeSlice(tenant: Tenant, event: SentEvent, targets: WebhookRecord[], from: number, to: number, sends: Promise<unknown>[]): void {
    const body = eventEnvelope(event, tenant.settings.webhook_event_key);
    const faults = event.scenario ? this.deps.scenarios.get(event.scenario)?.events : undefined;
    // Only events that share an order key (one message's) can be reordered among themselves.
    const heldKey = faults?.reorder === true ? event.order_key : null;
    const held = heldKey !== null;
    const delayMs = (faults?.delay_seconds ?? 0) * SECOND;
    for (let i = from; i < to; i++) {
      const webhook = targets[i]!;
      const row = this.addRow(tenant, webhook, { event_type: event.name, body, order_key: event.order_key, scenario: event.scenario, at: event.at, held, test: false });
      if (held) continue;
      const out = this.outbound(webhook, row, WEBHOOK_SOURCE);
      if (delayMs > 0) this.deps.delivery.sendLater(tenant, out, event.at + delayMs);
      else sends.push(this.deps.delivery.send(tenant, out, event.at));
    }
    if (heldKey !== null && from === 0) {
      // Out of order: the message's events wait together, then go newest first (one job per message).
      const key = `${RELEASE_JOB}:${heldKey}`;
      const window = (faults?.delay_seconds ?? REORDER_WINDOW_SECONDS) * SECOND;
      if (!tenant.jobs.hasKey(key)) this.deps.scheduler.schedule(tenant, { kind: RELEASE_JOB, key, dueAt: event.at + window, payload: { order_key: heldKey } satisfies ReleaseJob, followUp: true });
    }
  }

  /** The release job: a message's held events, newest first (each webhook's chain keeps that order). */
  release(tenant: Tenant, { order_key: orderKey }: ReleaseJob, at: number): Promise<unknown> | undefined {
    const rows = WEBHOOK_EVENTS.in(tenant);
    const held = [...rows.values()].filter((r) => r.held && r.order_key === orderKey).reverse();
    const sends: Promise<unknown>[] = [];
    for (const row of held) {
      rows.set(row.id, { ...row, held: false });
      const webhook = WEBHOOKS.in(tenant).get(row.webhook_id);
      if (webhook) sends.push(this.deps.delivery.send(tenant, this.outbound(webhook, row, WEBHOOK_SOURCE), at));
    }
    return sends.length === 0 ? undefined : Promise.all(sends);
  }

  /** One signed sample event, now, once, no retry, no scenario fault (docs/decisions/0015). */
  test(tenant: Tenant, webhook: WebhookRecord, event: Pick<SentEvent, 'family' | 'name' | 'at' | 'payload' | 'request_id'>): Promise<DeliveryAttempt | null> {
    const body = eventEnvelope(event, tenant.settings.webhook_event_key);
    const row = this.addRow(tenant, webhook, { event_type: event.name, body, order_key: null, scenario: null, at: event.at, held: false, test: true });
    return this.deps.delivery.send(tenant, { ...this.outbound(webhook, row, WEBHOOK_TEST_SOURCE), max_attempts: 1, fault: null }, event.at, { maxWaitMs: TEST_SLOT_WAIT_MS });
  }

  /** The two delivery sources the module registers. */
  sources(): Record<string, DeliverySource> {
    const source: DeliverySource = {
      target: (tenant, out) => this.target(tenant, out),
      settled: (tenant, out, attempt, retryAt) => this.settled(tenant, out, attempt, retryAt),
      // For the inspector's "does this signature verify with the current secret?" (never shown).
      currentSecret: (tenant, ref) => WEBHOOKS.in(tenant).get(ref)?.signing_secret ?? null,
    };
    return { [WEBHOOK_SOURCE]: source, [WEBHOOK_TEST_SOURCE]: source };
  }

  /**
   * Resolved at sending time: the webhook's URL, secret and timeout now — so a retry after a
   * rotation is signed with the new secret, and the old one signs nothing. A deleted webhook
   * gets nothing; an inactive one gets nothing and its row says why.
   */
  private target(tenant: Tenant, out: Outbound): DeliveryTarget | null {
    const webhook = WEBHOOKS.in(tenant).get(out.ref);
    if (!webhook) return null;
    if (!webhook.is_active) {
      const rows = WEBHOOK_EVENTS.in(tenant);
      const row = rows.get(out.delivery_id);
      const now = sentTimestamp(tenant.clock.now());
      if (row) rows.set(row.id, { ...row, delivery_status: 'failed', error_message: 'Webhook is inactive; not sent', processing_completed_at: now });
      return null;
    }
    // A test is one attempt; an event the retries its row was given from the webhook's retry_count
    // when routed (an imported job asking for more gets no more, issue 25 row 7).
    const row = WEBHOOK_EVENTS.in(tenant).get(out.delivery_id);
    const maxAttempts = out.source === WEBHOOK_TEST_SOURCE ? 1 : (row?.max_attempts ?? webhook.retry_count + 1);
    return { url: webhook.endpoint_url, secret: webhook.signing_secret, timeoutMs: webhook.timeout_seconds * SECOND, maxAttempts };
  }

  /**
   * After each attempt: the row shows the last attempt; a failed *event* (its last attempt
   * failed) adds one to `consecutive_failures`, and the tenth in a row turns the webhook off; a
   * delivered event resets the count. Test events and events a scenario dropped leave the
   * webhook's health alone.
   */
  private settled(tenant: Tenant, out: Outbound, attempt: DeliveryAttempt, retryAt: number | null): void {
    const dropped = out.fault?.drop === true;
    const final = attempt.delivered || retryAt === null;
    const rows = WEBHOOK_EVENTS.in(tenant);
    const row = rows.get(out.delivery_id);
    if (row) {
      rows.set(row.id, {
        ...row,
        delivery_status: attempt.delivered ? 'delivered' : final ? 'failed' : 'retrying',
        delivery_attempts: dropped ? 0 : out.attempt,
        http_status_code: attempt.status_code,
        error_message: dropped ? `Dropped by scenario ${out.scenario ?? ''}`.trim() : logError(attempt, this.deps.hideErrors),
        processing_started_at: row.processing_started_at ?? attempt.at,
        processing_completed_at: final ? attempt.at : null,
      });
    }
    if (out.source === WEBHOOK_TEST_SOURCE || dropped) return;
    const webhooks = WEBHOOKS.in(tenant);
    const webhook = webhooks.get(out.ref);
    if (!webhook) return;
    const next: WebhookRecord = { ...webhook, last_delivery_attempt_at: attempt.at };
    if (attempt.delivered) {
      next.last_successful_delivery_at = attempt.at;
      next.consecutive_failures = 0;
    } else if (final) {
      next.consecutive_failures = webhook.consecutive_failures + 1;
      if (next.consecutive_failures >= AUTO_DISABLE_AFTER && webhook.is_active) {
        next.is_active = false;
        next.updated_at = attempt.at;
      }
    }
    webhooks.set(webhook.id, next);
  }

  private addRow(
    tenant: Tenant,
    webhook: WebhookRecord,
    row: Pick<WebhookEventRecord, 'event_type' | 'body' | 'order_key' | 'scenario' | 'held' | 'test'> & { at: number },
  ): WebhookEventRecord {
    const rows = WEBHOOK_EVENTS.in(tenant);
    // Bounded per tenant, in count and bytes: the oldest rows make room for the new one, each in O(1).
    const weight = row.body.length;
    for (let oldest = rows.oldest(); oldest && (rows.size >= this.deps.maxRows || rows.weight + weight > this.deps.maxRowBytes); oldest = rows.oldest()) {
      rows.delete(oldest.id);
    }
    const { at, ...fields } = row;
    const record: WebhookEventRecord = {
      id: this.deps.random.uuid(),
      webhook_id: webhook.id,
      ...fields,
      delivery_status: 'pending',
      delivery_attempts: 0,
      max_attempts: row.test ? 1 : webhook.retry_count + 1,
      http_status_code: null,
      error_message: null,
      created_at: sentTimestamp(at),
      processing_started_at: null,
      processing_completed_at: null,
    };
    rows.set(record.id, record);
    return record;
  }

  private outbound(webhook: WebhookRecord, row: WebhookEventRecord, source: string): Outbound {
    const faults = row.scenario ? this.deps.scenarios.get(row.scenario)?.events : undefined;
    const fault: DeliveryFault | null = faults ? { drop: faults.drop, duplicate: faults.duplicate, timeout_ms: faults.timeout_ms, refuse: faults.down } : null;
    return {
      source,
      ref: webhook.id,
      delivery_id: row.id,
      // x-webhook-id is the webhook's id on every delivery (docs/decisions/0016).
      signature_id: webhook.id,
      // X-Webhook-Event-ID is the delivery-log row's id: one event to one webhook, the same on
      // every retry and scenario duplicate, and what GET /v3/webhooks/{id}/events lists as `id` (docs/decisions/0062).
      event_id: row.id,
      event_type: row.event_type,
      url: webhook.endpoint_url,
      body: row.body,
      attempt: 1,
      max_attempts: row.max_attempts,
      // Per webhook: one slow receiver never holds another webhook's copy of the same message's events.
      order_key: row.order_key === null ? null : `${webhook.id}:${row.order_key}`,
      fault,
      scenario: row.scenario,
    };
  }
}

/**
 * The delivery log's `error_message` for a failed attempt (null when delivered). On a shared
 * instance it names no low-level error (a connection refused, a name not found, a status): the
 * log would map the network for anyone who can create a webhook (docs/decisions/0046).
 */
function logError(attempt: DeliveryAttempt, hidden: boolean): string | null {
  if (attempt.delivered) return null;
  if (attempt.error === NOT_SENT_BUSY) return MESSAGES.deliveryBusy;
  if (hidden) return MESSAGES.deliveryHidden;
  if (attempt.status_code !== null) {
    return attempt.status_code >= 300 && attempt.status_code < 400 ? MESSAGES.deliveryRedirect(attempt.status_code) : MESSAGES.deliveryStatus(attempt.status_code);
  }
  if (attempt.error === 'timeout') return MESSAGES.deliveryTimeout;
  return MESSAGES.deliveryUnreachable(attempt.error ?? 'unknown error');
}

/** What a test answers when its one attempt failed; `hidden` on a shared instance (docs/decisions/0046). */
export function testFailureReason(attempt: DeliveryAttempt | null, hidden: boolean): string {
  if (!attempt) return MESSAGES.testReasonInactive;
  if (attempt.error === NOT_SENT_BUSY) return MESSAGES.testReasonBusy;
  if (hidden) return MESSAGES.testReasonHidden;
  if (attempt.status_code !== null) return MESSAGES.testReasonStatus(attempt.status_code);
  if (attempt.error === 'timeout') return MESSAGES.testReasonTimeout;
  return MESSAGES.testReasonUnreachable(attempt.error ?? 'unknown error');
}
