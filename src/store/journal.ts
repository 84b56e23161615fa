import { redactedCopy } from '../util/redact.js';
import type { JournalEntry } from './types.js';

/** Default for `JournalBodyBudget`: the newest 4 MiB of request bodies, across every tenant. */
export const DEFAULT_JOURNAL_BODY_BYTES = 4 * 1024 * 1024;

/**
 * A journal entry, a plain object, with the request's body (and the response's, when given)
 * redacted: secrets replaced, past 4 KiB its truncated text. `bodyBytes` is the size of those
 * bodies as JSON text, which the process-wide budget counts.
 */
export function journalEntry(
  fields: Omit<JournalEntry, 'body' | 'body_dropped' | 'response_body'>,
  body: unknown,
  responseBody?: unknown,
): { entry: JournalEntry; bodyBytes: number } {
  const entry: JournalEntry = { ...fields };
  let bodyBytes = 0;
  const request = redactedCopy(body);
  if (request !== undefined) {
    entry.body = request.copy;
    bodyBytes += request.bytes;
  }
  const response = redactedCopy(responseBody);
  if (response !== undefined) {
    entry.response_body = response.copy;
    bodyBytes += response.bytes;
  }
  return { entry, bodyBytes };
}

/** Longest response text the journal parses to redact it; past it only its size is kept (a full profile list can be megabytes). */
export const JOURNAL_RESPONSE_PARSE_MAX = 64 * 1024;

/**
 * A response → what `journalEntry` keeps of it (undefined: no body, or not JSON): the object the
 * writer serialized when there is one, else its text parsed (a replayed idempotent answer).
 */
export function responseForJournal(text: string | undefined, json?: unknown): unknown {
  if (json !== undefined) return json;
  if (text === undefined || text === '') return undefined;
  if (text.length > JOURNAL_RESPONSE_PARSE_MAX) return `[${text.length} characters, not kept]`;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Bounds the journal's request and response bodies for the whole process. Each tenant's journal keeps its
 * newest 500 requests, but 1,000 tenants (a test suite with a key per test) × 500 bodies of up
 * to 4 KiB would be 2 GB: past the budget, the oldest bodies are dropped (the entry stays,
 * marked `body_dropped`). Newest first, whichever tenant they belong to
 * (docs/decisions/0022: `--journal-body-budget`).
 */
export class JournalBodyBudget {
  private queue: Array<{ entry: JournalEntry; bytes: number } | undefined> = [];
  private head = 0;
  private bytes = 0;

  constructor(readonly maxBytes: number = DEFAULT_JOURNAL_BODY_BYTES) {}

  /** Counts a new entry's bodies, dropping the oldest bodies while over the budget. */
  admit(entry: JournalEntry, bodyBytes: number): void {
    if (entry.body === undefined && entry.response_body === undefined) return;
    this.bytes += bodyBytes;
    this.queue.push({ entry, bytes: bodyBytes });
    while (this.bytes > this.maxBytes && this.head < this.queue.length) {
      const oldest = this.queue[this.head]!;
      this.queue[this.head++] = undefined;
      this.bytes -= oldest.bytes;
      delete oldest.entry.body;
      delete oldest.entry.response_body;
      oldest.entry.body_dropped = true;
    }
    // The queue is consumed from the head: compact it now and then, so it stays bounded too.
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  get usedBytes(): number {
    return this.bytes;
  }

  get queued(): number {
    return this.queue.length - this.head;
  }
}
