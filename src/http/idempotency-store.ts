import { HOUR } from '../util/time.js';
import type { Rendered } from './result.js';

/** A replayable 2xx response (docs/decisions/0007: only successes are cached). */
export interface CachedResponse extends Rendered {
  requestId: string;
  fingerprint: string;
  expiresAt: number;
}

export type IdempotencyEntry =
  | { state: 'pending'; fingerprint: string; done: Promise<void> }
  | ({ state: 'done' } & CachedResponse);

export const IDEMPOTENCY_TTL_MS = 24 * HOUR;

/**
 * Per-tenant idempotency records, keyed by the caller's `Idempotency-Key` and then by the
 * operation it was first used on (docs/decisions/0007: the scope is tenant, key and operation).
 */
export class IdempotencyStore {
  private map?: Map<string, Map<string, IdempotencyEntry>>;

  /** Made on first use: most tenants never send an Idempotency-Key. */
  private get entries(): Map<string, Map<string, IdempotencyEntry>> {
    return (this.map ??= new Map());
  }

  get(key: string, operation: string, now: number): IdempotencyEntry | undefined {
    const byOperation = this.entries.get(key);
    const entry = byOperation?.get(operation);
    if (entry?.state === 'done' && entry.expiresAt <= now) {
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

  /** Marks a key as in flight; `settle` finishes it with a response to cache, or none. */
  begin(key: string, operation: string, fingerprint: string): (response: CachedResponse | null) => void {
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    this.set(key, operation, { state: 'pending', fingerprint, done });
    return (response) => {
      if (response) this.set(key, operation, { state: 'done', ...response });
      else this.remove(key, operation);
      resolve();
    };
  }

  /** Drops every record that has expired by `now` (run when the tenant's clock advances). */
  sweep(now: number): number {
    let removed = 0;
    for (const [key, byOperation] of this.entries) {
      for (const [operation, entry] of byOperation) {
        if (entry.state === 'done' && entry.expiresAt <= now) {
          byOperation.delete(operation);
          removed++;
        }
      }
      if (byOperation.size === 0) this.entries.delete(key);
    }
    return removed;
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    let n = 0;
    for (const byOperation of this.entries.values()) n += byOperation.size;
    return n;
  }

  private set(key: string, operation: string, entry: IdempotencyEntry): void {
    let byOperation = this.entries.get(key);
    if (!byOperation) this.entries.set(key, (byOperation = new Map<string, IdempotencyEntry>()));
    byOperation.set(operation, entry);
  }

  private remove(key: string, operation: string): void {
    const byOperation = this.entries.get(key);
    byOperation?.delete(operation);
    if (byOperation?.size === 0) this.entries.delete(key);
  }
}
