import { maskKey } from '../store/tenants.js';
import type { JournalEntry, PackedJournalEntry } from '../store/types.js';

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

const WIDE_CHAR = /[\u0100-\uffff]/;
const WIDE_CHARS = /[\u0100-\uffff]/g;

/**
 * One journal entry as one flat string of JSON, the redacted body embedded as JSON (not as an
 * escaped string). Characters above U+00FF are written as `\uXXXX` escapes, so the entry is a
 * one-byte string: a single `…` (the masked API key has one) would otherwise make V8 store
 * the whole entry at two bytes a character (measured: 2.7 KB instead of 1.3 KB for a 1 KB
 * body). The latin1 round trip both flattens the concatenation and keeps it one-byte.
 * Read back with `unpackJournalEntry`.
 */
export function packJournalEntry(entry: Omit<JournalEntry, 'body'>, bodyJson: string | undefined): PackedJournalEntry {
  const head = JSON.stringify(entry);
  let json = bodyJson === undefined ? head : `${head.slice(0, -1)},"body":${bodyJson}}`;
  if (WIDE_CHAR.test(json)) json = json.replace(WIDE_CHARS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return Buffer.from(json, 'latin1').toString('latin1') as PackedJournalEntry;
}

export function unpackJournalEntry(packed: PackedJournalEntry): JournalEntry {
  return JSON.parse(packed) as JournalEntry;
}
