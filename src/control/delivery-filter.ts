import { MESSAGES } from '../errors/catalog.js';
import type { ErrorDetails } from '../errors/sim-error.js';
import type { DeliveryAttempt } from '../delivery/types.js';
import { parseSentTimestamp } from '../util/time.js';
import { limitValue, MAX_LIMIT, sinceTime } from './request-filter.js';

/**
 * Filters of the delivery log (`GET /_sim/deliveries`, in process `deliveries(filter)`;
 * docs/decisions/0083), combined with AND. Pure, like the request filters beside it.
 */
export interface DeliveryFilter {
  /** A delivery source: `webhook` (events), `webhook-test` (`POST /v3/webhooks/{id}/test`) or `completion` (completion callbacks). */
  source?: string;
  /** An event name (`message.delivered`), or a glob with `*` (`message.*`). */
  event_type?: string;
  /** What the delivery is about: a webhook's id (events) or a profile's id (callbacks). */
  ref?: string;
  /** Attempts that got a 2xx (`true`) or did not (`false`). */
  delivered?: boolean | string;
  /** An ISO date-time with a zone: attempts at or after it, on the tenant's clock. */
  since?: string;
  /** The newest this many matches (they stay oldest first). */
  limit?: number | string;
}

export const DELIVERY_FILTERS = ['source', 'event_type', 'ref', 'delivered', 'since', 'limit'] as const;

/** The attempts that match, oldest first, the newest `limit` of them; or every bad filter named at once. */
export function selectDeliveries<T extends DeliveryAttempt>(
  attempts: readonly T[],
  input: Record<string, unknown>,
  sources: readonly string[],
): { deliveries: T[] } | { errors: ErrorDetails } {
  const errors: ErrorDetails = {};
  const tests: Array<(a: DeliveryAttempt) => boolean> = [];
  let limit: number | null = null;
  for (const [name, raw] of Object.entries(input)) {
    if (raw === undefined) continue;
    if (!(DELIVERY_FILTERS as readonly string[]).includes(name)) {
      errors[name] = [MESSAGES.requestFilterUnknown(DELIVERY_FILTERS)];
      continue;
    }
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
      errors[name] = [MESSAGES.requestFilterOnce];
      continue;
    }
    const value = String(raw).trim();
    const problem = addTest(name, value, tests, sources);
    if (name === 'limit') limit = limitValue(value);
    if (problem) errors[name] = [problem];
  }
  if (Object.keys(errors).length > 0) return { errors };
  const matched = attempts.filter((a) => tests.every((t) => t(a)));
  return { deliveries: limit !== null && matched.length > limit ? matched.slice(-limit) : matched };
}

/** Adds the test of one filter; returns why its value is refused, if it is. */
function addTest(name: string, value: string, tests: Array<(a: DeliveryAttempt) => boolean>, sources: readonly string[]): string | null {
  switch (name) {
    case 'source':
      if (!sources.includes(value)) return MESSAGES.deliveryFilterSource(sources);
      tests.push((a) => a.source === value);
      return null;
    case 'event_type': {
      if (!/^[a-z_]+(\.[a-z_*]+)*$|^\*$/.test(value)) return MESSAGES.deliveryFilterEventType;
      const pattern = new RegExp(`^${value.replace(/\./g, '\\.').replace(/\*/g, '.*')}$`);
      tests.push((a) => a.event_type !== null && pattern.test(a.event_type));
      return null;
    }
    case 'ref':
      if (value === '' || value.length > 64) return MESSAGES.deliveryFilterRef;
      tests.push((a) => a.ref === value.toLowerCase() || a.ref === value);
      return null;
    case 'delivered':
      if (value !== 'true' && value !== 'false') return MESSAGES.deliveryFilterDelivered;
      tests.push((a) => a.delivered === (value === 'true'));
      return null;
    case 'since': {
      const at = sinceTime(value);
      if (at === null) return MESSAGES.deliveryFilterSince;
      tests.push((a) => parseSentTimestamp(a.at) >= at);
      return null;
    }
    default:
      return limitValue(value) === null ? MESSAGES.requestFilterLimit(MAX_LIMIT) : null;
  }
}
