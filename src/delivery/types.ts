import type { Tenant } from '../store/types.js';

/**
 * One outbound notification, as data (so a retry can wait on the tenant's clock as a job):
 * which source sent it, what to send, and where it stands.
 */
export interface Outbound {
  /** The registered delivery source: `completion`, `webhook`, … */
  source: string;
  /** What the source resolves at sending time (a profile id, a webhook id). */
  ref: string;
  /** The delivery's own id: one per notification, the same for every attempt. */
  delivery_id: string;
  /** `x-webhook-id`: the callback id (completion) or the webhook's id (events). */
  signature_id: string;
  /** `X-Webhook-Event-ID` (events only): the same on every attempt and duplicate of one delivery. */
  event_id?: string;
  /** `x-webhook-event-type`, when the notification is an event. */
  event_type: string | null;
  /** Where it goes, as captured when it was made (a source may resolve a newer one). */
  url: string;
  /** The exact JSON text sent. */
  body: string;
  attempt: number;
  max_attempts: number;
  /** Deliveries with the same order key are sent one after another (events of one message). */
  order_key: string | null;
  /** Misbehaviour a scenario asked for. */
  fault: DeliveryFault | null;
  scenario: string | null;
}

export interface DeliveryFault {
  /** Never sent; recorded as dropped. */
  drop?: boolean;
  /** Sent twice, same signature id. */
  duplicate?: boolean;
  /** Give up this fast (recorded as a timeout). */
  timeout_ms?: number;
  /** The receiver counts as down: not sent, recorded as a refused connection, retried like one. */
  refuse?: boolean;
}

/** Where and how a source wants an outbound sent, resolved at sending time. */
export interface DeliveryTarget {
  url: string;
  /** `whsec_` + base64: the signing secret in force now. */
  secret: string;
  timeoutMs: number;
  /** The most attempts its policy allows now (a webhook's `retry_count` + 1): an outbound asking for more gets this many. */
  maxAttempts?: number;
}

/**
 * What a resource registers to send notifications: where they go (null: nothing to send any
 * more, e.g. the webhook was deleted or turned off), and what to do with each attempt's result.
 */
export interface DeliverySource {
  target(tenant: Tenant, out: Outbound): DeliveryTarget | null;
  /** Called after every attempt; `retryAt` is when the next attempt is due (tenant clock), if any. */
  settled?(tenant: Tenant, out: Outbound, attempt: DeliveryAttempt, retryAt: number | null): void;
  /**
   * The secret that signs deliveries of `ref` now (null: none any more), with no side effect: the
   * control plane checks recorded signatures against it (`signature_verifies`) and never shows it.
   */
  currentSecret?(tenant: Tenant, ref: string): string | null;
}

/** One attempt to deliver one notification, as `GET /_sim/deliveries` lists it. */
export interface DeliveryAttempt {
  source: string;
  delivery_id: string;
  ref: string;
  event_type: string | null;
  url: string;
  attempt: number;
  max_attempts: number;
  /** Virtual time of the attempt. */
  at: string;
  /** The body sent, parsed. */
  payload: unknown;
  headers: Record<string, string>;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  delivered: boolean;
  /** When the next attempt is due, if the retry policy schedules one. */
  next_attempt_at: string | null;
  scenario: string | null;
}
