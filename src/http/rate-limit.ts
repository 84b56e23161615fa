import type { ServerResponse } from 'node:http';
import { simError } from '../errors/sim-error.js';
import type { Tenant } from '../store/types.js';

const WINDOW_MS = 60_000;

/**
 * Sent's limits a minute (docs/decisions/0009): 200 standard; 10 for the sensitive operations
 * (completion, user invitations, secret rotation); 60 for sending messages.
 */
export const RATE_LIMITS = { standard: 200, sensitive: 10, messages: 60 } as const;
export type RateTier = keyof typeof RATE_LIMITS;

/** What the `X-RateLimit-*` headers of one answer say. `reset` is in unix seconds. */
export interface RateState {
  limit: number;
  remaining: number;
  reset: number;
}

/**
 * Counts a request against its account's window in its tier, and says where the window stands
 * (decisions §14, docs/decisions/0056). Per customer account — the organization, or the profile a
 * profile key or `x-profile-id` acts as — not per key, as Sent's docs say; fixed one-minute
 * windows on the tenant's clock, kept on the tenant so tenants stay apart. Requests are counted
 * whether or not enforcement is on, so every answer's headers say something true. Enforcement
 * (`PATCH /_sim/tenant {"settings": {"rate_limits": true}}`, off by default): over the limit,
 * `429 BUSINESS_002` with `Retry-After`, and nothing counted.
 *
 * Cost (a profile GET is a bench target): one Map lookup and one small object a request, ~0.2 µs,
 * and the writer's three headers ~0.75 µs (1e6 calls each, on a loaded 2-core box). A/B of a profile
 * GET, bench/ab-cpu.mjs, 6 rounds at load ~10: before median 105 µs CPU/req (min 89), after 93
 * (min 89) — the ~1 µs is below that noise (docs/decisions/0056).
 */
export function rateLimit(tenant: Tenant, account: string, tier: RateTier): RateState {
  const limit = RATE_LIMITS[tier];
  const now = tenant.clock.now();
  const key = `${account}:${tier}`;
  let window = tenant.rateWindows.get(key);
  if (!window || now - window.start >= WINDOW_MS) {
    window = { start: now, count: 0 };
    tenant.rateWindows.set(key, window);
  }
  const reset = Math.ceil((window.start + WINDOW_MS) / 1000);
  if (window.count >= limit && tenant.settings.rate_limits) {
    throw simError('BUSINESS_002', { headers: { 'Retry-After': String(Math.max(1, reset - Math.floor(now / 1000))) } });
  }
  window.count++;
  return { limit, remaining: Math.max(0, limit - window.count), reset };
}

/** Where the account's window stands, counting nothing: the answer to a request refused before it was counted. */
export function currentRate(tenant: Tenant, account: string, tier: RateTier): RateState {
  const limit = RATE_LIMITS[tier];
  const now = tenant.clock.now();
  const window = tenant.rateWindows.get(`${account}:${tier}`);
  if (!window || now - window.start >= WINDOW_MS) return { limit, remaining: limit, reset: Math.ceil((now + WINDOW_MS) / 1000) };
  return { limit, remaining: Math.max(0, limit - window.count), reset: Math.ceil((window.start + WINDOW_MS) / 1000) };
}

/**
 * The headers of an answer given before any account is known (a `401`, a refused `Host`): the
 * standard tier's, nothing counted, a window from now in real time (docs/decisions/0056).
 */
export function anonymousRate(): RateState {
  return { limit: RATE_LIMITS.standard, remaining: RATE_LIMITS.standard, reset: Math.ceil((Date.now() + WINDOW_MS) / 1000) };
}

/**
 * `X-RateLimit-Limit`, `-Remaining`, `-Reset` (Sent's names, on every `/v3` answer). Set as
 * numbers, as `Content-Length` is: the journal keeps them as the numbers they are, never as strings
 * a client's value (a CVC of `174`) could be mistaken for.
 */
export function setRateHeaders(res: ServerResponse, rate: RateState): void {
  res.setHeader('X-RateLimit-Limit', rate.limit);
  res.setHeader('X-RateLimit-Remaining', rate.remaining);
  res.setHeader('X-RateLimit-Reset', rate.reset);
}

declare module '../store/types.js' {
  interface TenantSettings {
    /** Enforce Sent's rate limits (`429`), off by default; the headers are sent either way (docs/decisions/0009, 0056). */
    rate_limits: boolean;
  }
}
