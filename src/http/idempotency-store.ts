import { HOUR } from '../util/time.js';

/** A replayable 2xx response (decisions §4: only successes are cached). */
export interface CachedResponse {
  status: number;
  headers: Record<string, string>;
  body: string | undefined;
  requestId: string;
  fingerprint: string;
  expiresAt: number;
}

type Entry =
  | { state: 'pending'; fingerprint: string; done: Promise<void> }
  | ({ state: 'done' } & CachedResponse);

export const IDEMPOTENCY_TTL_MS = 24 * HOUR;

/** Per-tenant idempotency records, keyed by the caller's `Idempotency-Key`. */
export class IdempotencyStore {
  private map?: Map<string, Entry>;

  /** Made on first use: an empty Map is ~200 B, and most tenants never send an Idempotency-Key. */
  private get entries(): Map<string, Entry> {
    return (this.map ??= new Map());
  }

  get(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry?.state === 'done' && entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Marks a key as in flight; `settle` finishes it with a response to cache, or none. */
  begin(key: string, fingerprint: string): (response: CachedResponse | null) => void {
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    this.entries.set(key, { state: 'pending', fingerprint, done });
    return (response) => {
      if (response) this.entries.set(key, { state: 'done', ...response });
      else this.entries.delete(key);
      resolve();
    };
  }

  /** Drops every record that has expired by `now` (run when the tenant's clock advances). */
  sweep(now: number): number {
    let removed = 0;
    for (const [key, entry] of this.entries) {
      if (entry.state === 'done' && entry.expiresAt <= now) {
        this.entries.delete(key);
        removed++;
      }
    }
    return removed;
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
