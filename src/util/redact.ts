import { maskKey } from '../store/tenants.js';

const SECRET_KEYS = new Set(['card_number', 'cvc', 'expiry', 'access_token', 'payment_details', 'callback_signing_secret']);
const REDACTED = '[redacted]';

/**
 * A deep copy with every secret replaced: card data and WhatsApp tokens never reach the journal,
 * an export or a log. Depth- and size-bounded, so a hostile body cannot make it expensive.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 32) return '[too deep]';
  if (Array.isArray(value)) return value.slice(0, 1000).map((v) => redact(v, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    // Defined, not assigned: a `__proto__` key stays data instead of becoming the copy's prototype.
    const copy = SECRET_KEYS.has(key) ? REDACTED : redact(v, depth + 1);
    Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Request headers worth journaling, with the API key masked. */
export function journalHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['x-api-key', 'x-profile-id', 'idempotency-key', 'x-sim-scenario', 'content-type', 'user-agent']) {
    const value = headers[name];
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[name] = name === 'x-api-key' ? maskKey(text) : text.slice(0, 256);
  }
  return out;
}
