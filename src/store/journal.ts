import type { JournalEntry } from './types.js';

declare const oneByteJsonBrand: unique symbol;

/** JSON text holding only characters up to U+00FF, flat: V8 keeps it at one byte a character. */
export type OneByteJson = string & { readonly [oneByteJsonBrand]: true };

/**
 * A journal entry as stored: its fields as one JSON string, and its redacted body apart, so the
 * process-wide body budget can drop the body of an old entry and keep the rest.
 * `body`: JSON text; `undefined` when the request had none; `null` once the budget dropped it.
 */
export interface StoredJournalEntry {
  readonly fields: OneByteJson;
  body: OneByteJson | null | undefined;
}

/** Default for `JournalBodyBudget`: the newest 4 MiB of request bodies, across every tenant. */
export const DEFAULT_JOURNAL_BODY_BYTES = 4 * 1024 * 1024;

/**
 * Bounds the journal's request bodies for the whole process. Each tenant's journal keeps its
 * newest 500 requests, but 1,000 tenants (a test suite with a key per test) × 500 bodies of up
 * to 4 KiB would be 2 GB: past the budget, the oldest bodies are dropped (the entry stays,
 * marked `body_dropped`). Newest first, whichever tenant they belong to.
 */
export class JournalBodyBudget {
  private queue: Array<StoredJournalEntry | undefined> = [];
  private head = 0;
  private bytes = 0;

  constructor(readonly maxBytes: number = DEFAULT_JOURNAL_BODY_BYTES) {}

  /** Counts a new entry's body, dropping the oldest bodies while over the budget. */
  admit(entry: StoredJournalEntry): void {
    if (!entry.body) return;
    this.bytes += entry.body.length;
    this.queue.push(entry);
    while (this.bytes > this.maxBytes && this.head < this.queue.length) {
      const oldest = this.queue[this.head]!;
      this.queue[this.head++] = undefined;
      if (oldest.body) {
        this.bytes -= oldest.body.length;
        oldest.body = null;
      }
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  get usedBytes(): number {
    return this.bytes;
  }
}

const WIDE_CHAR = /[\u0100-\uffff]/;
const WIDE_CHARS = /[\u0100-\uffff]/g;

/**
 * JSON text as a one-byte flat string: characters above U+00FF become `\uXXXX` escapes (valid
 * only inside JSON strings, where such characters can only be). A single `…` (the masked API
 * key has one) would otherwise make V8 store the whole text at two bytes a character; the
 * latin1 round trip flattens a concatenation into one string and keeps it one-byte.
 */
export function oneByteJson(json: string): OneByteJson {
  const escaped = WIDE_CHAR.test(json) ? json.replace(WIDE_CHARS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
  return Buffer.from(escaped, 'latin1').toString('latin1') as OneByteJson;
}

export function storeJournalEntry(entry: Omit<JournalEntry, 'body' | 'body_dropped'>, bodyJson: string | undefined): StoredJournalEntry {
  return { fields: oneByteJson(JSON.stringify(entry)), body: bodyJson === undefined ? undefined : oneByteJson(bodyJson) };
}

export function readJournalEntry(stored: StoredJournalEntry): JournalEntry {
  const entry = JSON.parse(stored.fields) as JournalEntry;
  if (stored.body === null) entry.body_dropped = true;
  else if (stored.body !== undefined) entry.body = JSON.parse(stored.body) as unknown;
  return entry;
}
