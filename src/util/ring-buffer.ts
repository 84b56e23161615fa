/** Told about every item a ring buffer takes in, and when it is emptied (the inspector's live stream). */
export interface RingObserver<T> {
  /** `seq` is the item's place in the log (`at(seq)` reads it while it is kept). */
  push(item: T, seq: number): void;
  clear?(): void;
}

export interface RingOptions<T> {
  /**
   * Bytes the log may hold, by the weights `push` is given (issue 25 row 6): past it the oldest
   * items go, the newest one always stays. Default: no byte bound (the count bounds it).
   */
  maxBytes?: number;
  /** Told about every item that leaves the log, pushed out or dropped by `shift` (not by `clear`). */
  onEvict?(item: T): void;
}

/**
 * A bounded log: keeps the newest `capacity` items, and at most `maxBytes` of them by weight, so
 * memory stays flat however long it runs. Every item gets a sequence number that never repeats
 * (`seq`), so a reader that walks the log at its own pace (the inspector's stream) can tell which
 * items it missed when they were pushed out before it got to them.
 */
export class RingBuffer<T> {
  private items: Array<T | undefined>;
  private weights: number[] | null;
  private start = 0;
  private length = 0;
  private dropped = 0;
  private bytes = 0;
  /** The sequence number of the oldest item kept, and of the next one pushed. */
  private first = 0;
  private next = 0;
  /** Created on the first `observe`: most logs are never watched. */
  private observers: Set<RingObserver<T>> | null = null;

  constructor(
    readonly capacity: number,
    private readonly options: RingOptions<T> = {},
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    // Grown as items come: most logs (one per tenant) never fill.
    this.items = [];
    this.weights = options.maxBytes === undefined ? null : [];
  }

  /** Adds an item (of `bytes`, counted against `maxBytes`), pushing out the oldest ones to make room. */
  push(item: T, bytes = 0): void {
    if (this.length === this.capacity) this.evictOldest();
    const max = this.options.maxBytes ?? Infinity;
    while (this.length > 0 && this.bytes + bytes > max) this.evictOldest();
    const at = (this.start + this.length) % this.capacity;
    this.items[at] = item;
    if (this.weights) this.weights[at] = bytes;
    this.bytes += bytes;
    this.length++;
    const seq = this.next++;
    if (this.observers) for (const o of this.observers) o.push(item, seq);
  }

  /** Drops the oldest item (a process-wide budget making room); undefined when empty. */
  shift(): T | undefined {
    if (this.length === 0) return undefined;
    const item = this.items[this.start];
    this.evictOldest();
    return item;
  }

  /** The item numbered `seq`, while it is kept. */
  at(seq: number): T | undefined {
    if (seq < this.first || seq >= this.next) return undefined;
    return this.items[(this.start + (seq - this.first)) % this.capacity];
  }

  /** The sequence number of the oldest item kept (`nextSeq` when empty). */
  get firstSeq(): number {
    return this.first;
  }

  /** The sequence number the next pushed item will get. */
  get nextSeq(): number {
    return this.next;
  }

  /** Oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.items[(this.start + i) % this.capacity]!);
    return out;
  }

  get size(): number {
    return this.length;
  }

  /** The weight of the items kept (0 without a byte bound). */
  get usedBytes(): number {
    return this.bytes;
  }

  /** How many items were pushed out to make room. */
  get droppedCount(): number {
    return this.dropped;
  }

  clear(): void {
    this.items = [];
    if (this.weights) this.weights = [];
    this.start = 0;
    this.length = 0;
    this.dropped = 0;
    this.bytes = 0;
    this.first = this.next;
    if (this.observers) for (const o of this.observers) o.clear?.();
  }

  private evictOldest(): void {
    const item = this.items[this.start] as T;
    this.items[this.start] = undefined;
    if (this.weights) this.bytes -= this.weights[this.start] ?? 0;
    this.start = (this.start + 1) % this.capacity;
    this.length--;
    this.first++;
    this.dropped++;
    this.options.onEvict?.(item);
  }

  /** Watches the log from now on; the returned function stops watching. */
  observe(observer: RingObserver<T>): () => void {
    this.observers ??= new Set();
    this.observers.add(observer);
    return () => {
      this.observers?.delete(observer);
      if (this.observers?.size === 0) this.observers = null;
    };
  }
}
