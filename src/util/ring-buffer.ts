/** Told about every item a ring buffer takes in, and when it is emptied (the inspector's live stream). */
export interface RingObserver<T> {
  push(item: T): void;
  clear?(): void;
}

/** A bounded log: keeps the newest `capacity` items, so memory stays flat however long it runs. */
export class RingBuffer<T> {
  private items: T[] = [];
  private start = 0;
  private dropped = 0;
  /** Created on the first `observe`: most logs are never watched. */
  private observers: Set<RingObserver<T>> | null = null;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
  }

  /** Adds an item; returns the oldest one when it was pushed out to make room. */
  push(item: T): T | undefined {
    if (this.items.length < this.capacity) {
      this.items.push(item);
      this.emit(item);
      return undefined;
    }
    const evicted = this.items[this.start];
    this.items[this.start] = item;
    this.start = (this.start + 1) % this.capacity;
    this.dropped++;
    this.emit(item);
    return evicted;
  }

  /** Oldest first. */
  toArray(): T[] {
    return [...this.items.slice(this.start), ...this.items.slice(0, this.start)];
  }

  get size(): number {
    return this.items.length;
  }

  /** How many items were pushed out to make room. */
  get droppedCount(): number {
    return this.dropped;
  }

  clear(): void {
    this.items = [];
    this.start = 0;
    this.dropped = 0;
    if (this.observers) for (const o of this.observers) o.clear?.();
  }

  private emit(item: T): void {
    if (this.observers) for (const o of this.observers) o.push(item);
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
