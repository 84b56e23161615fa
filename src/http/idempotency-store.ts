import { MESSAGES } from '../errors/catalog.js';
import { simError } from '../errors/sim-error.js';
import { HOUR } from '../util/time.js';
import type { Rendered } from './result.js';

/** A replayable 2xx response (docs/decisions/0007: only successes are cached). */
export interface CachedResponse extends Rendered {
  requestId: string;
  fingerprint: string;
  expiresAt: number;
}

/**
 * A 2xx answer larger than `--idempotency-max-response` (issue 25 row 2, docs/decisions/0087):
 * not kept, only that the operation ran, so a retry is refused (`409`) rather than run again.
 */
export interface OversizeRecord {
  requestId: string;
  fingerprint: string;
  expiresAt: number;
  /** The answer's size, as `responseBytes` counts it. */
  bytes: number;
}

/** How a finished request settles its key: its answer to replay, that it ran but is too large to keep, or nothing (it failed). */
export type Settled = ({ state: 'done' } & CachedResponse) | ({ state: 'oversize' } & OversizeRecord);

export type IdempotencyEntry = { state: 'pending'; fingerprint: string; done: Promise<void> } | Settled;

export const IDEMPOTENCY_TTL_MS = 24 * HOUR;

/** What one record costs beyond its body and headers: the maps, the key (≤ 255), the operation, ids. */
const ENTRY_OVERHEAD_BYTES = 1024;

/**
 * Per-tenant idempotency records, keyed by the caller's `Idempotency-Key` and then by the
 * operation it was first used on (docs/decisions/0007: the scope is tenant, key and operation).
 * Bounded in bytes (docs/decisions/0022): when the cached responses reach `maxBytes`, expired
 * records are swept, and if that frees nothing a new key is refused with Sent's
 * `503 SERVICE_001` ("idempotency store unavailable") before the operation runs — forgetting a
 * live record early instead would let a retry run the operation twice.
 */
export class IdempotencyStore {
  private map?: Map<string, Map<string, IdempotencyEntry>>;
  private bytes = 0;

  constructor(readonly maxBytes: number = Infinity) {}

  /** Bytes of cached responses held now. */
  get usedBytes(): number {
    return this.bytes;
  }

  /** Made on first use: most tenants never send an Idempotency-Key. */
  private get entries(): Map<string, Map<string, IdempotencyEntry>> {
    return (this.map ??= new Map());
  }

  get(key: string, operation: string, now: number): IdempotencyEntry | undefined {
    const byOperation = this.entries.get(key);
    const entry = byOperation?.get(operation);
    if (entry && entry.state !== 'pending' && entry.expiresAt <= now) {
      this.remove(key, operation);
      return undefined;
    }
    return entry;
  }

  /** True when the key is held (live) by an operation other than `operation`. */
  usedElsewhere(key: string, operation: string, now: number): boolean {
    const byOperation = this.entries.get(key);
    if (!byOperation) return false;
    for (const [other, entry] of byOperation) {
      if (other !== operation && (entry.state === 'pending' || entry.expiresAt > now)) return true;
    }
    return false;
  }

  /**
   * Marks a key as in flight; `settle` finishes it with a response to cache, or none.
   * A full cache (after sweeping what expired by `now`) refuses the key with `503 SERVICE_001`.
   */
  begin(key: string, operation: string, fingerprint: string, now: number = -Infinity): (settled: Settled | null) => void {
    if (this.bytes >= this.maxBytes && (this.sweep(now), this.bytes >= this.maxBytes)) {
      throw simError('SERVICE_001', { message: MESSAGES.idempotencyCacheFull(this.maxBytes) });
    }
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    this.set(key, operation, { state: 'pending', fingerprint, done });
    return (settled) => {
      if (settled) this.set(key, operation, settled);
      else this.remove(key, operation);
      resolve();
    };
  }

  /** Drops every record that has expired by `now` (run when the tenant's clock advances). */
  sweep(now: number): number {
    let removed = 0;
    for (const [key, byOperation] of this.entries) {
      for (const [operation, entry] of byOperation) {
        if (entry.state !== 'pending' && entry.expiresAt <= now) {
          byOperation.delete(operation);
          this.bytes -= sizeOf(entry);
          removed++;
        }
      }
      if (byOperation.size === 0) this.entries.delete(key);
    }
    return removed;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): number {
    let n = 0;
    for (const byOperation of this.entries.values()) n += byOperation.size;
    return n;
  }

  private set(key: string, operation: string, entry: IdempotencyEntry): void {
    let byOperation = this.entries.get(key);
    if (!byOperation) this.entries.set(key, (byOperation = new Map<string, IdempotencyEntry>()));
    const previous = byOperation.get(operation);
    if (previous) this.bytes -= sizeOf(previous);
    byOperation.set(operation, entry);
    this.bytes += sizeOf(entry);
  }

  private remove(key: string, operation: string): void {
    const byOperation = this.entries.get(key);
    const previous = byOperation?.get(operation);
    if (previous) this.bytes -= sizeOf(previous);
    byOperation?.delete(operation);
    if (byOperation?.size === 0) this.entries.delete(key);
  }
}

/** Approximate bytes one record holds: its cached body and headers (as UTF-16 text) and a fixed overhead. */
function sizeOf(entry: IdempotencyEntry): number {
  return entry.state === 'done' ? responseBytes(entry) : ENTRY_OVERHEAD_BYTES;
}

/** What caching `response` would hold, in bytes (what `--idempotency-cache-bytes` and `--idempotency-max-response` count). */
export function responseBytes(response: Pick<CachedResponse, 'body' | 'headers'>): number {
  let bytes = ENTRY_OVERHEAD_BYTES + 2 * (response.body?.length ?? 0);
  for (const [name, value] of Object.entries(response.headers)) bytes += 2 * (name.length + value.length);
  return bytes;
}
