import { maskKey } from '../store/tenants.js';

const SECRET_KEYS = new Set(['card_number', 'cvc', 'expiry', 'access_token', 'payment_details', 'callback_signing_secret']);
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

/** Longest request body the journal keeps, as redacted JSON. */
export const JOURNAL_BODY_MAX = 4096;

/**
 * The journal's copy of a body: one `JSON.stringify` pass that replaces every secret, capped at
 * 4 KiB — a compact string, not a deep copy, so 500 entries a tenant stay small and cheap.
 * Read back with `journalBody`.
 */
export function redactedJson(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  try {
    const json = JSON.stringify(value, (key, v: unknown) => (SECRET_KEYS.has(key) ? REDACTED : v));
    return json.length > JOURNAL_BODY_MAX ? `${json.slice(0, JOURNAL_BODY_MAX)}…[truncated]` : json;
  } catch {
    return '"[unserialisable body]"';
  }
}

/** The journal body as the control plane shows it: parsed when whole, else the truncated text. */
export function journalBody(stored: string | undefined): unknown {
  if (stored === undefined) return undefined;
  try {
    return JSON.parse(stored) as unknown;
  } catch {
    return stored;
  }
}
