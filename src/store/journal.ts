import { redactedJson } from '../util/redact.js';
import type { JournalEntry } from './types.js';

/** Default for `JournalBodyBudget`: the newest 4 MiB of request bodies, across every tenant. */
export const DEFAULT_JOURNAL_BODY_BYTES = 4 * 1024 * 1024;

/**
 * A journal entry, a plain object, with the request's body redacted (secrets replaced, past
 * 4 KiB its truncated text). `bodyBytes` is the size of that body as JSON text, which the
 * process-wide budget counts.
 */
export function journalEntry(fields: Omit<JournalEntry, 'body' | 'body_dropped'>, body: unknown): { entry: JournalEntry; bodyBytes: number } {
  const json = redactedJson(body);
  if (json === undefined) return { entry: { ...fields }, bodyBytes: 0 };
  return { entry: { ...fields, body: JSON.parse(json) as unknown }, bodyBytes: json.length };
}

/**
 * Bounds the journal's request bodies for the whole process. Each tenant's journal keeps its
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

  /** Counts a new entry's body, dropping the oldest bodies while over the budget. */
  admit(entry: JournalEntry, bodyBytes: number): void {
    if (entry.body === undefined) return;
    this.bytes += bodyBytes;
    this.queue.push({ entry, bytes: bodyBytes });
    while (this.bytes > this.maxBytes && this.head < this.queue.length) {
      const oldest = this.queue[this.head]!;
      this.queue[this.head++] = undefined;
      this.bytes -= oldest.bytes;
      delete oldest.entry.body;
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
