import { simError } from '../errors/sim-error.js';
import type { Tenant } from '../store/types.js';
import { authed, ctx, type SimResponse } from './context.js';

const WINDOW_MS = 60_000;
/** Decisions §4 / fact sheet §8: 200/min standard, 10/min for completion, per key. */
export const RATE_LIMITS = { standard: 200, sensitive: 10 } as const;
const SENSITIVE = new Set(['completeProfile']);

/** Per-key fixed windows on the tenant's clock; kept on the tenant so tenants stay apart. */
export type RateWindows = Map<string, { start: number; count: number }>;

/**
 * Rate limits, off by default (decisions §4); a tenant turns them on with
 * `PATCH /_sim/tenant {"settings": {"rate_limits": true}}`. Over the limit:
 * `429 BUSINESS_002` with `Retry-After` and `X-RateLimit-*` on the 429 only.
 */
export function rateLimit(res: SimResponse): void {
  const { tenant, apiKey } = authed(res);
  if (!tenant.settings.rateLimits) return;
  const tier = SENSITIVE.has(ctx(res).operationId ?? '') ? 'sensitive' : 'standard';
  const limit = RATE_LIMITS[tier];
  const now = tenant.clock.now();
  const key = `${apiKey.key}:${tier}`;
  const window = windowFor(tenant, key, now);
  if (window.count >= limit) {
    const reset = window.start + WINDOW_MS;
    throw simError('BUSINESS_002', {
      headers: {
        'Retry-After': String(Math.max(1, Math.ceil((reset - now) / 1000))),
        'X-RateLimit-Limit': String(limit),
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': String(Math.ceil(reset / 1000)),
      },
    });
  }
  window.count++;
}

function windowFor(tenant: Tenant, key: string, now: number) {
  let window = tenant.rateWindows.get(key);
  if (!window || now - window.start >= WINDOW_MS) {
    window = { start: now, count: 0 };
    tenant.rateWindows.set(key, window);
  }
  return window;
}
