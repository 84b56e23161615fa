import { maskKey } from '../store/tenants.js';

// `signing_secret`: a webhook's secret, which its create and rotate answers show once (docs/decisions/0015).
const SECRET_KEYS = new Set(['card_number', 'cvc', 'expiry', 'access_token', 'payment_details', 'callback_signing_secret', 'signing_secret']);
const REDACTED = '[redacted]';

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

/**
 * Response headers worth journaling: every header the simulator set (none carries a secret), but
 * never a cookie a host app may add, each cut at 256 characters, at most 32 of them. Whole-number
 * values (`content-length`, `retry-after`, the rate-limit counters) are kept as numbers.
 */
export function journalResponseHeaders(headers: Record<string, number | string | string[] | undefined>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  let n = 0;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name === 'set-cookie') continue;
    if (n++ >= 32) break;
    const text = (Array.isArray(value) ? value.join(', ') : String(value)).slice(0, 256);
    out[name] = /^\d{1,15}$/.test(text) ? Number(text) : text;
  }
  return out;
}

/** Longest request body the journal keeps, as redacted JSON. */
export const JOURNAL_BODY_MAX = 4096;

/**
 * The journal's copy of a body, as JSON text: one `JSON.stringify` pass that replaces every
 * secret; past 4 KiB, the truncated text as a JSON string. A compact string, not a deep copy.
 */
export function redactedJson(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  try {
    const json = JSON.stringify(value, (key, v: unknown) => (SECRET_KEYS.has(key) ? REDACTED : v));
    return json.length > JOURNAL_BODY_MAX ? JSON.stringify(`${json.slice(0, JOURNAL_BODY_MAX)}…[truncated]`) : json;
  } catch {
    return '"[unserialisable body]"';
  }
}
