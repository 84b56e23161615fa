import { simError } from '../errors/sim-error.js';
import type { ApiKeyRecord, Tenant } from '../store/types.js';

const WINDOW_MS = 60_000;

/**
 * Sent's per-key limits a minute (docs/decisions/0009): 200 standard; 10 for the sensitive
 * operations (completion, user invitations, secret rotation); 60 for sending messages.
 */
export const RATE_LIMITS = { standard: 200, sensitive: 10, messages: 60 } as const;
export type RateTier = keyof typeof RATE_LIMITS;

/**
 * Rate limits, off by default; a tenant turns them on with
 * `PATCH /_sim/tenant {"settings": {"rate_limits": true}}`. Over the limit:
 * `429 BUSINESS_002` with `Retry-After` and `X-RateLimit-*` on the 429 only.
 * Fixed windows on the tenant's clock, kept on the tenant so tenants stay apart.
 */
export function rateLimit(tenant: Tenant, apiKey: ApiKeyRecord, tier: RateTier): void {
  if (!tenant.settings.rate_limits) return;
  const limit = RATE_LIMITS[tier];
  const now = tenant.clock.now();
  const key = `${apiKey.key}:${tier}`;
  let window = tenant.rateWindows.get(key);
  if (!window || now - window.start >= WINDOW_MS) {
    window = { start: now, count: 0 };
    tenant.rateWindows.set(key, window);
  }
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

declare module '../store/types.js' {
  interface TenantSettings {
    /** Sent's rate limits, off by default (docs/decisions/0009). */
    rate_limits: boolean;
  }
}
