/**
 * The ids of one group of records (a contact list index: one account's contacts, say) kept in
 * list order, so a page is read without sorting the store (issue 25 row 13). The ids are stored
 * last-listed first: records made in list order (the newest contact goes first) are appended.
 * An insert far from the end (an import in another order) is appended unsorted, and the group
 * is sorted once on its next read instead of moving up to every id for each insert.
 */
/** The list order (method syntax: a `SortedIds<ContactRecord>` is usable where any is listed). */
export interface ListOrder<T> {
  /** Negative when `a` is listed before `b`; never 0 for two different records. */
  order(a: T, b: T): number;
}

export class SortedIds<T> {
  /** Ids, last-listed first (`ids[ids.length - 1]` is listed first). */
  private ids: string[] = [];
  private sorted = true;

  /** `resolve` finds a record by id (the collection's own Map); `list` gives the order. */
  constructor(
    private readonly resolve: (id: string) => T | undefined,
    private readonly list: ListOrder<T>,
  ) {}

  get size(): number {
    return this.ids.length;
  }

  add(id: string, record: T): void {
    if (!this.sorted) {
      this.ids.push(id);
      return;
    }
    const at = this.position(record);
    if (at >= this.ids.length - NEAR_END) this.ids.splice(at, 0, id);
    else {
      this.ids.push(id);
      this.sorted = false;
    }
  }

  /** Removes `id`, stored for `record` (the version it was added with). */
  remove(id: string, record: T): void {
    this.sort();
    let at = this.position(record) - 1;
    while (at >= 0 && this.ids[at] !== id) at--;
    if (at >= 0) this.ids.splice(at, 1);
  }

  /** The records listed `from` (0: first) up to `to`, in list order. */
  slice(from: number, to: number): T[] {
    this.sort();
    const out: T[] = [];
    for (let i = this.ids.length - 1 - from; i >= 0 && i > this.ids.length - 1 - to; i--) out.push(this.resolve(this.ids[i]!)!);
    return out;
  }

  /** Every record, in list order. */
  *values(): IterableIterator<T> {
    this.sort();
    for (let i = this.ids.length - 1; i >= 0; i--) yield this.resolve(this.ids[i]!)!;
  }

  /** Where `record` goes: after every id listed after it, i.e. the first index whose record is listed before it. */
  private position(record: T): number {
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.list.order(record, this.resolve(this.ids[mid]!)!) > 0) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private sort(): void {
    if (this.sorted) return;
    this.ids.sort((a, b) => this.list.order(this.resolve(b)!, this.resolve(a)!));
    this.sorted = true;
  }
}

/** An insert this close to the end moves few ids; further in, the group is sorted on its next read. */
const NEAR_END = 64;
