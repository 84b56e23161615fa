import type { OutgoingHttpHeaders } from 'node:http';
import { journalResponseHeaders, mayHoldSecret, redactedCopy } from '../util/redact.js';
import type { JournalEntry } from './types.js';

/** Default for `JournalBodyBudget`: the newest 4 MiB of request bodies, across every tenant. */
import { DEFAULT_JOURNAL_BODY_BYTES } from '../limits.js';

export { DEFAULT_JOURNAL_BODY_BYTES };

/** Longest body text the journal keeps as it came (parsed and redacted when read); longer ones are redacted at once. */
export const JOURNAL_TEXT_MAX = 4096;

/** Longest response text the journal parses to redact it; past it only its size is kept (a full profile list can be megabytes). */
export const JOURNAL_RESPONSE_PARSE_MAX = 64 * 1024;

/** A body as given to the journal: its text, its parsed value, or both. */
export interface BodyInput {
  readonly text?: string;
  readonly value?: unknown;
}

/** The fields of an entry that are plain values, kept as they are. */
export type JournalFields = Omit<JournalEntry, 'body' | 'body_dropped' | 'response_body' | 'response_headers'>;

/** A body as the journal holds it: the text itself (nothing secret can be in it), or a redacted copy. */
type Kept = { readonly text: string } | { readonly copy: unknown };

/**
 * One entry of a tenant's request journal, as stored (issue 21). The request's facts are plain
 * fields (what `/_sim/requests` filters on); its bodies are held by reference — the very text
 * the client sent and the very text the simulator answered — when they are at most 4 KiB and
 * free of secret-bearing keys, else redacted at once, as before (no card data is ever held).
 * Reading it (`toJSON`: `GET /_sim/requests`, the inspector stream) parses and redacts then: most
 * entries are never read, and copying every answer cost ~30 µs a request, mostly in GC.
 */
export class StoredJournalEntry implements JournalFields {
  readonly request_id: string;
  readonly at: string;
  readonly method: string;
  readonly path: string;
  readonly operation: string | null;
  readonly status: number;
  readonly error_code: string | null;
  readonly duration_ms: number;
  readonly scenario: string | null;
  readonly sandbox: boolean;
  readonly headers: Record<string, string>;
  /** The response headers as sent (Node's own copy), formatted when read. */
  private readonly responseHeaders: OutgoingHttpHeaders;
  private request: Kept | undefined;
  private response: Kept | undefined;
  /** The bodies were dropped to keep the process-wide journal body budget. */
  body_dropped?: true;

  constructor(fields: JournalFields, responseHeaders: OutgoingHttpHeaders, request: Kept | undefined, response: Kept | undefined) {
    this.request_id = fields.request_id;
    this.at = fields.at;
    this.method = fields.method;
    this.path = fields.path;
    this.operation = fields.operation;
    this.status = fields.status;
    this.error_code = fields.error_code;
    this.duration_ms = fields.duration_ms;
    this.scenario = fields.scenario;
    this.sandbox = fields.sandbox;
    this.headers = fields.headers;
    this.responseHeaders = responseHeaders;
    this.request = request;
    this.response = response;
  }

  get hasBodies(): boolean {
    return this.request !== undefined || this.response !== undefined;
  }

  /** The journal body budget let the bodies go. */
  dropBodies(): void {
    this.request = undefined;
    this.response = undefined;
    this.body_dropped = true;
  }

  /** The entry as `GET /_sim/requests` and the inspector stream show it: secrets redacted, API keys masked. */
  toJSON(): JournalEntry {
    const view: JournalEntry = {
      request_id: this.request_id,
      at: this.at,
      method: this.method,
      path: this.path,
      operation: this.operation,
      status: this.status,
      error_code: this.error_code,
      duration_ms: this.duration_ms,
      scenario: this.scenario,
      sandbox: this.sandbox,
      headers: this.headers,
      response_headers: journalResponseHeaders(this.responseHeaders),
    };
    if (this.request) view.body = shown(this.request);
    if (this.response) view.response_body = shown(this.response);
    if (this.body_dropped) view.body_dropped = true;
    return view;
  }
}

/**
 * A journal entry with the request's body and, when given, the response's: `bodyBytes` is their
 * size as text, which the process-wide budget counts. A response of the control plane is not
 * kept (it shows keys and secrets once): pass none.
 */
export function journalEntry(
  fields: JournalFields,
  request: BodyInput | undefined,
  response?: BodyInput,
  responseHeaders: OutgoingHttpHeaders = {},
): { entry: StoredJournalEntry; bodyBytes: number } {
  const kept = { request: keep(request), response: keep(response) };
  const entry = new StoredJournalEntry(fields, responseHeaders, kept.request?.kept, kept.response?.kept);
  return { entry, bodyBytes: (kept.request?.bytes ?? 0) + (kept.response?.bytes ?? 0) };
}

/** What the journal holds of a body, and its size as text. */
function keep(body: BodyInput | undefined): { kept: Kept; bytes: number } | undefined {
  if (body === undefined) return undefined;
  const { text } = body;
  // By reference: the text is kept as it is, redacted when read (it cannot hold a secret now).
  if (text !== undefined && text !== '' && text.length <= JOURNAL_TEXT_MAX && !mayHoldSecret(text)) return { kept: { text }, bytes: text.length };
  const value = body.value !== undefined ? body.value : parsed(text);
  const copy = redactedCopy(value);
  return copy === undefined ? undefined : { kept: { copy: copy.copy }, bytes: copy.bytes };
}

/** A response text's JSON (a replayed or error answer); past 64 KiB only its size; undefined when not JSON. */
function parsed(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  if (text.length > JOURNAL_RESPONSE_PARSE_MAX) return `[${text.length} characters, not kept]`;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function shown(kept: Kept): unknown {
  return 'copy' in kept ? kept.copy : redactedCopy(parsed(kept.text))?.copy;
}

/** The share of an entry that is not its bodies: its fields, headers and path (an estimate, in characters). */
export function entryMetaBytes(entry: StoredJournalEntry): number {
  let bytes = ENTRY_OVERHEAD_BYTES + entry.path.length;
  for (const [name, value] of Object.entries(entry.headers)) bytes += name.length + value.length;
  return bytes;
}

/** What one entry costs besides its path, headers and bodies: the object, its fields, the response headers it points to. */
const ENTRY_OVERHEAD_BYTES = 512;

/** Where an admitted entry lives, so the process-wide bound can take it out of its tenant's journal. */
export interface JournalHolder {
  /** Drops the holder's oldest entry (which is this one: both are oldest first). */
  shift(): unknown;
}

/** One admitted entry: `entry` is cleared once the entry has left its tenant's journal. */
interface Slot {
  entry: StoredJournalEntry | undefined;
  /** Its bodies' bytes while it keeps them (0 once dropped). */
  bytes: number;
  meta: number;
  journal: JournalHolder | null;
}

/**
 * Bounds the journals of the whole process (docs/decisions/0022, 0088). Each tenant's journal
 * keeps its newest 500 requests and `--journal-bytes` of them, but 1,000 tenants (a test suite
 * with a key per test) × 500 entries would still be gigabytes. Two bounds, newest first,
 * whichever tenant an entry belongs to:
 * - `--journal-body-budget` (bodies): past it, the oldest bodies are dropped (the entry stays,
 *   marked `body_dropped`);
 * - `--journal-total-bytes` (whole entries, bodies included): past it, the oldest entries leave
 *   their journals, as if their tenant's journal had pushed them out.
 *
 * An entry that leaves its tenant's journal (pushed out by newer ones, a reset, a deleted
 * tenant) is forgotten here too (`forget`), so the budget never keeps alive entries nobody can
 * read any more — with small bodies that was tens of thousands of them (issue 15, the soak).
 */
export class JournalBodyBudget {
  private queue: Array<Slot | undefined> = [];
  /** The oldest slot that may still keep bodies, and the oldest that may still be in a journal. */
  private bodyHead = 0;
  private entryHead = 0;
  private bytes = 0;
  private total = 0;
  /** Set while `admit` takes entries out of their journals (each one comes back through `forget`). */
  private evicting = false;
  /**
   * Each counted entry's slot, for `forget`. A Map, not a WeakMap: every entry leaves it (dropped
   * here, or forgotten as it leaves its journal), and a WeakMap's entries made every garbage
   * collection slower (~80 µs a request under load, bench/profile.mjs).
   */
  private readonly slots = new Map<StoredJournalEntry, Slot>();

  constructor(
    readonly maxBytes: number = DEFAULT_JOURNAL_BODY_BYTES,
    readonly maxTotalBytes: number = Infinity,
  ) {}

  /**
   * Counts a new entry (before its journal holds it), dropping the oldest bodies while over the
   * body budget and the oldest entries of any journal while over the total.
   */
  admit(entry: StoredJournalEntry, bodyBytes: number, journal: JournalHolder | null = null, metaBytes = entryMetaBytes(entry)): void {
    const slot: Slot = { entry, bytes: entry.hasBodies ? bodyBytes : 0, meta: metaBytes, journal };
    this.bytes += slot.bytes;
    this.total += slot.bytes + slot.meta;
    this.queue.push(slot);
    this.slots.set(entry, slot);
    while (this.bytes > this.maxBytes && this.bodyHead < this.queue.length) {
      const oldest = this.queue[this.bodyHead++];
      if (!oldest?.entry || oldest.bytes === 0) continue;
      this.bytes -= oldest.bytes;
      this.total -= oldest.bytes;
      oldest.bytes = 0;
      oldest.entry.dropBodies();
    }
    // The new entry itself always stays: it is not in its journal yet.
    this.evicting = true;
    while (this.total > this.maxTotalBytes && this.entryHead < this.queue.length - 1) {
      const oldest = this.queue[this.entryHead++];
      if (!oldest?.entry) continue;
      const gone = oldest.entry;
      oldest.journal?.shift();
      // Its journal told `forget`; a journal-less entry (a unit test's) is forgotten here.
      if (this.slots.get(gone) === oldest) this.forget(gone);
    }
    this.evicting = false;
    this.compact();
  }

  /** The entry left its journal: it no longer counts, and it is not kept alive from here. */
  forget(entry: StoredJournalEntry): void {
    const slot = this.slots.get(entry);
    if (!slot?.entry) return;
    this.slots.delete(entry);
    this.bytes -= slot.bytes;
    this.total -= slot.bytes + slot.meta;
    slot.entry = undefined;
    if (!this.evicting) this.compact();
  }

  /** Bytes of bodies counted now. */
  get usedBytes(): number {
    return this.bytes;
  }

  /** Bytes of whole entries counted now (bodies included). */
  get totalBytes(): number {
    return this.total;
  }

  /** Entries counted now (those still in a journal). */
  get queued(): number {
    return this.slots.size;
  }

  /** The queue is consumed from its heads and thinned by `forget`: rebuilt once most of it is gone, so it stays bounded too. */
  private compact(): void {
    if (this.queue.length - this.slots.size <= this.slots.size + 1024) return;
    const live: Slot[] = [];
    let bodyHead = 0;
    for (let i = this.entryHead; i < this.queue.length; i++) {
      const slot = this.queue[i];
      if (!slot?.entry) continue;
      if (i < this.bodyHead) bodyHead++;
      live.push(slot);
    }
    this.queue = live;
    this.bodyHead = bodyHead;
    this.entryHead = 0;
  }
}
