import { redactedCopy } from '../util/redact.js';
import type { JournalEntry } from './types.js';

/** Default for `JournalBodyBudget`: the newest 4 MiB of request bodies, across every tenant. */
import { DEFAULT_JOURNAL_BODY_BYTES } from '../limits.js';

export { DEFAULT_JOURNAL_BODY_BYTES };

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

/** One admitted body: `entry` is cleared once the entry has left its tenant's journal. */
interface Slot {
  entry: JournalEntry | undefined;
  bytes: number;
}

/**
 * Bounds the journal's request and response bodies for the whole process. Each tenant's journal keeps its
 * newest 500 requests, but 1,000 tenants (a test suite with a key per test) × 500 bodies of up
 * to 4 KiB would be 2 GB: past the budget, the oldest bodies are dropped (the entry stays,
 * marked `body_dropped`). Newest first, whichever tenant they belong to
 * (docs/decisions/0022: `--journal-body-budget`).
 *
 * An entry that leaves its tenant's journal (pushed out by newer ones, a reset, a deleted
 * tenant) is forgotten here too (`forget`), so the budget never keeps alive entries nobody can
 * read any more — with small bodies that was tens of thousands of them (issue 15, the soak).
 */
export class JournalBodyBudget {
  private queue: Array<Slot | undefined> = [];
  private head = 0;
  private bytes = 0;
  /** Slots in the queue whose entry was forgotten. */
  private dead = 0;
  /**
   * Each counted entry's slot, for `forget`. A Map, not a WeakMap: every entry leaves it (dropped
   * here, or forgotten as it leaves its journal), and a WeakMap's entries made every garbage
   * collection slower (~80 µs a request under load, bench/profile.mjs).
   */
  private readonly slots = new Map<JournalEntry, Slot>();

  constructor(readonly maxBytes: number = DEFAULT_JOURNAL_BODY_BYTES) {}

  /** Counts a new entry's bodies, dropping the oldest bodies while over the budget. */
  admit(entry: JournalEntry, bodyBytes: number): void {
    if (entry.body === undefined && entry.response_body === undefined) return;
    this.bytes += bodyBytes;
    const slot: Slot = { entry, bytes: bodyBytes };
    this.queue.push(slot);
    this.slots.set(entry, slot);
    while (this.bytes > this.maxBytes && this.head < this.queue.length) {
      const oldest = this.queue[this.head]!;
      this.queue[this.head++] = undefined;
      if (!oldest.entry) {
        this.dead--;
        continue;
      }
      this.bytes -= oldest.bytes;
      this.slots.delete(oldest.entry);
      delete oldest.entry.body;
      delete oldest.entry.response_body;
      oldest.entry.body_dropped = true;
      oldest.entry = undefined;
    }
    this.compact();
  }

  /** The entry left its journal: its body no longer counts, and it is not kept alive from here. */
  forget(entry: JournalEntry): void {
    const slot = this.slots.get(entry);
    if (!slot?.entry) return;
    this.slots.delete(entry);
    this.bytes -= slot.bytes;
    slot.entry = undefined;
    this.dead++;
    this.compact();
  }

  get usedBytes(): number {
    return this.bytes;
  }

  /** Entries whose bodies count now. */
  get queued(): number {
    return this.queue.length - this.head - this.dead;
  }

  /** The queue is consumed from the head and thinned by `forget`: rebuilt now and then, so it stays bounded too. */
  private compact(): void {
    const length = this.queue.length - this.head;
    if ((this.head > 1024 && this.head * 2 > this.queue.length) || (this.dead > 1024 && this.dead * 2 > length)) {
      this.queue = this.queue.slice(this.head).filter((slot) => slot?.entry !== undefined);
      this.head = 0;
      this.dead = 0;
    }
  }
}
