import { maskKey } from '../store/tenants.js';

// `signing_secret`: a webhook's secret, which its create and rotate answers show once (docs/decisions/0015).
const SECRET_KEYS = new Set(['card_number', 'cvc', 'expiry', 'access_token', 'payment_details', 'callback_signing_secret', 'signing_secret', 'api_key']);
const REDACTED = '[redacted]';
/** A secret-bearing key as JSON text, or any backslash-u escape (which could spell one). */
const SECRET_TEXT = new RegExp(`"(?:${[...SECRET_KEYS].join('|')})"|\\\\u`);

/**
 * Whether a JSON text may hold a secret: it names a secret-bearing key, or has a backslash-u
 * escape that could spell one. Such a text is never kept as it is (store/journal.ts).
 */
export function mayHoldSecret(text: string): boolean {
  return SECRET_TEXT.test(text);
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

/** Nesting the journal copies; deeper parts are replaced (bodies that deep are refused before this). */
const COPY_MAX_DEPTH = 32;

/**
 * The journal's copy of a body: a plain deep copy with every secret replaced, and its size as
 * JSON text (approximately: strings, keys and punctuation), in one pass. Past 4 KiB, the
 * truncated redacted text instead (`redactedJson`). One pass instead of stringify, parse and
 * copy: measured with `bench/profile.mjs create`, the journal's old passes over the request and
 * the response were ~185 µs of a ~1 ms create.
 */
export function redactedCopy(value: unknown): { copy: unknown; bytes: number } | undefined {
  if (value === undefined || value === null) return undefined;
  // `bytes` is the length of the copy's JSON text (exact unless strings need escapes).
  let bytes = 0;
  const copy = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') {
      bytes += v.length + 2;
      return v;
    }
    if (typeof v !== 'object' || v === null) {
      bytes += String(v).length;
      return v;
    }
    if (depth >= COPY_MAX_DEPTH) {
      bytes += 12;
      return '[too deep]';
    }
    if (Array.isArray(v)) {
      bytes += 2 + Math.max(0, v.length - 1);
      return v.map((item) => copy(item, depth + 1));
    }
    const out: Record<string, unknown> = {};
    const entries = Object.entries(v);
    bytes += 2 + Math.max(0, entries.length - 1);
    for (const [key, item] of entries) {
      bytes += key.length + 3;
      let kept: unknown;
      if (SECRET_KEYS.has(key)) {
        kept = REDACTED;
        bytes += REDACTED.length + 2;
      } else kept = copy(item, depth + 1);
      // A "__proto__" key is kept as data, never as the copy's prototype. Plain assignment for the
      // others: defineProperty on every key cost ~60 µs of a profile GET (bench/profile.mjs).
      if (key === '__proto__') Object.defineProperty(out, key, { value: kept, enumerable: true, writable: true, configurable: true });
      else out[key] = kept;
    }
    return out;
  };
  const result = copy(value, 0);
  if (bytes <= JOURNAL_BODY_MAX) return { copy: result, bytes };
  const text = redactedJson(value)!;
  return { copy: JSON.parse(text) as unknown, bytes: text.length };
}

/**
 * A body as redacted JSON text: one `JSON.stringify` pass that replaces every secret; past 4 KiB,
 * the truncated text as a JSON string.
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
