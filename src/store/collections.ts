import type { LimitDecl, ResourceLimits } from '../limits.js';
import { SortedList, type ListOrder } from './sorted-list.js';
import type { Tenant } from './types.js';

/**
 * How a resource module declares one tenant-scoped collection of records.
 * Method signatures on purpose: a `Collection<ProfileRecord>` is usable where any collection is listed.
 */
export interface CollectionOptions<T extends { id: string }> {
  /** The key in the tenant view, in snapshots and in limits (`profiles`, `messages`, …). */
  name: string;
  /**
   * JSON Schema of one record as a snapshot carries it: the fields the simulator reads, so a
   * hostile or hand-edited snapshot is refused whole before anything is replaced.
   */
  itemSchema: object;
  /**
   * Lookups other than by id, each a function from a record to its key (unique per tenant):
   * e.g. a contact by `account|e164`. Kept up to date by `Records` on every set, delete and clear.
   */
  indexes?: Record<string, IndexKey<T>>;
  /**
   * Records kept in list order, by group (issue 25 row 13): a list request reads one group's
   * page without filtering and sorting the whole store. Kept up to date by `Records` too.
   */
  lists?: Record<string, ListIndex<T>>;
  /**
   * Records that leave oldest first (a log: the webhook delivery log): `Records.oldest()` finds
   * the oldest in O(1) however many were deleted before it, and `weigh` (an estimate in bytes)
   * is summed in `Records.weight`, so the module can bound the log in bytes (issue 25 rows 1, 6).
   */
  log?: { weigh(record: T): number };
  /** Record → snapshot item; drop secrets here (default: the record itself). */
  toSnapshot?(record: T): unknown;
  /**
   * Snapshot item (already checked against `itemSchema`) → record of this tenant. `account` maps
   * an account id of the exported tenant to this one's: the exporting organization's id becomes
   * this organization's (profiles keep their ids).
   */
  fromSnapshot?(item: unknown, tenant: Tenant, account: (id: string) => string): T;
  /** Record → what `GET /_sim/tenant` shows (default: the snapshot item). */
  toView?(record: T, tenant: Tenant): unknown;
  /**
   * The module's declared cap on the records a tenant may hold (docs/decisions/0022, 0024): an
   * import carrying more than its configured value is refused whole. Creates enforce it in the
   * resource's service.
   */
  limit?: LimitDecl;
  /**
   * How the API renders a record, each with the spec component it must match: an import checks
   * every record's renderings against the spec before anything is swapped in, so an imported
   * record always reads back as the API describes it (issue 15 row 7). For collections whose
   * `itemSchema` does not already hold every wire field to the spec.
   */
  wire?: ReadonlyArray<WireRendering<T>>;
}

/**
 * One rendering of a record through the API, and the spec component (`components.schemas`) it
 * must match. `tenant` is the tenant the record would belong to (an owner's `customer_id` may be
 * the organization's id, which the record does not keep).
 */
export interface WireRendering<T> {
  component: string;
  render(record: T, tenant: Tenant): unknown;
}

/** The key of a record in one index (method syntax, for the same reason as above). */
export interface IndexKey<T> {
  key(record: T): string;
}

/** A list index: the groups a record is listed in (each a key), and the order within a group. */
export interface ListIndex<T> extends ListOrder<T> {
  groups(record: T): string[];
}

/** One group of a list index, in list order. */
export interface ListedGroup<T> {
  readonly size: number;
  slice(from: number, to: number): T[];
  toArray(): T[];
}

const EMPTY_GROUP: ListedGroup<never> = { size: 0, slice: () => [], toArray: () => [] };

/** Read in place of a collection's Map while it has none yet; never written. */
const NONE: ReadonlyMap<string, never> = new Map<string, never>();

/**
 * A tenant's records of one collection: a `Map` by id (insertion order is creation order), plus
 * the declared indexes, which every write keeps in step. The Maps are made on the first write:
 * most tenants (one per test key) never store most kinds of record, and nine collections' empty
 * Maps were most of an idle tenant's ~7 KB (bench: 10,000 idle tenants).
 */
export class Records<T extends { id: string }> {
  private byId: Map<string, T> | null = null;
  /** Index name → (index key → id); made with `byId`. */
  private ids: Map<string, Map<string, string>> | null = null;
  /** List name → (group key → records in list order); a group is made on its first record. */
  private listed: Map<string, Map<string, SortedList<T>>> | null = null;

  /** For a log (`CollectionOptions.log`): ids in insertion order from `head` on (deleted ones are skipped), and the summed weight. */
  private order: string[] | null = null;
  private head = 0;
  private weighed = 0;

  constructor(
    private readonly indexes: Record<string, IndexKey<T>> = {},
    private readonly lists: Record<string, ListIndex<T>> = {},
    private readonly log?: { weigh(record: T): number },
  ) {}

  get size(): number {
    return this.byId?.size ?? 0;
  }

  /** The summed `weigh` of a log's records (0 for other collections). */
  get weight(): number {
    return this.weighed;
  }

  /**
   * A log's oldest record, in O(1) amortised: a Map's first key is found by walking past every
   * entry deleted before it (~17 µs a row once 10,000 had gone, issue 25 row 1).
   */
  oldest(): T | undefined {
    if (!this.order) return this.byId?.values().next().value;
    while (this.head < this.order.length) {
      const record = this.byId?.get(this.order[this.head]!);
      if (record) return record;
      this.head++;
    }
    return undefined;
  }

  get(id: string): T | undefined {
    return this.byId?.get(id);
  }

  has(id: string): boolean {
    return this.byId?.has(id) ?? false;
  }

  /** The record whose `index` key is `key`, if any. */
  findBy(index: string, key: string): T | undefined {
    if (!Object.hasOwn(this.indexes, index)) throw new Error(`no index ${index}`);
    const id = this.ids?.get(index)?.get(key);
    return id === undefined ? undefined : this.byId?.get(id);
  }

  set(id: string, record: T): this {
    this.byId ??= new Map();
    this.ids ??= new Map(Object.keys(this.indexes).map((name) => [name, new Map()]));
    const previous = this.byId.get(id);
    for (const [name, index] of Object.entries(this.indexes)) {
      const ids = this.ids.get(name)!;
      if (previous) ids.delete(index.key(previous));
      ids.set(index.key(record), id);
    }
    for (const [name, list] of Object.entries(this.lists)) {
      if (previous && sameListing(list, previous, record)) {
        // A change that moves nothing (a contact's PATCH): the new version takes the old one's place.
        for (const group of list.groups(record)) this.group(name, group)?.replace(previous, record);
        continue;
      }
      if (previous) for (const group of list.groups(previous)) this.group(name, group)?.remove(previous);
      for (const group of list.groups(record)) this.group(name, group, list)!.add(record);
    }
    if (this.log) {
      this.weighed += this.log.weigh(record) - (previous ? this.log.weigh(previous) : 0);
      if (!previous) this.remember(id);
    }
    this.byId.set(id, record);
    return this;
  }

  /** A new log record's id, last in line; the line is rebuilt once most of it is deleted records. */
  private remember(id: string): void {
    this.order ??= [];
    this.order.push(id);
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
    if (this.order.length - this.head > 2 * this.size + 1024) {
      this.order = this.order.slice(this.head).filter((kept) => this.byId?.has(kept) || kept === id);
      this.head = 0;
    }
  }

  delete(id: string): boolean {
    const previous = this.byId?.get(id);
    if (!previous) return false;
    for (const [name, index] of Object.entries(this.indexes)) this.ids?.get(name)?.delete(index.key(previous));
    for (const [name, list] of Object.entries(this.lists)) for (const group of list.groups(previous)) this.group(name, group)?.remove(previous);
    if (this.log) this.weighed -= this.log.weigh(previous);
    return this.byId!.delete(id);
  }

  clear(): void {
    this.byId = null;
    this.ids = null;
    this.listed = null;
    this.order = null;
    this.head = 0;
    this.weighed = 0;
  }

  /** One group of a list index, in list order (empty when no record is in it). */
  list(name: string, group: string): ListedGroup<T> {
    if (!Object.hasOwn(this.lists, name)) throw new Error(`no list ${name}`);
    return this.group(name, group) ?? EMPTY_GROUP;
  }

  /** A group's records; made when `list` is given (a record is being added). */
  private group(name: string, group: string, list?: ListIndex<T>): SortedList<T> | undefined {
    this.listed ??= new Map<string, Map<string, SortedList<T>>>();
    let groups = this.listed.get(name);
    if (!groups && list) this.listed.set(name, (groups = new Map<string, SortedList<T>>()));
    let records = groups?.get(group);
    if (!records && list && groups) groups.set(group, (records = new SortedList<T>(list)));
    return records;
  }

  values(): IterableIterator<T> {
    return (this.byId ?? NONE).values();
  }

  keys(): IterableIterator<string> {
    return (this.byId ?? NONE).keys();
  }

  entries(): IterableIterator<[string, T]> {
    return (this.byId ?? NONE).entries();
  }

  [Symbol.iterator](): IterableIterator<[string, T]> {
    return this.entries();
  }
}

/**
 * A tenant-scoped collection. Modules keep their declarations as constants and reach a tenant's
 * records with `in(tenant)`; everything that must visit every collection (reset, export, import,
 * the tenant view, the snapshot schema) walks the registry's declarations, so none can be forgotten.
 */
export class Collection<T extends { id: string }> {
  constructor(readonly options: CollectionOptions<T>) {}

  get name(): string {
    return this.options.name;
  }

  /** A new, empty set of records (a new tenant, an import). */
  create(): Records<T> {
    return new Records<T>(this.options.indexes, this.options.lists, this.options.log);
  }

  /**
   * The tenant's records of this collection, made on first use: most tenants (one per test key)
   * touch a few of the 12 collections. Measured (bench/capacity.mjs, 10,000 idle tenants): 6.91 →
   * 5.01 KB RSS a tenant, 67.5 → 48.9 MiB in all (target ≤ 60 MiB).
   */
  in(tenant: Tenant): Records<T> {
    let records = tenant.store.get(this.options.name);
    if (!records) {
      records = this.create();
      tenant.store.set(this.options.name, records);
    }
    return records as unknown as Records<T>;
  }

  toSnapshot(record: T): unknown {
    return this.options.toSnapshot ? this.options.toSnapshot(record) : record;
  }

  fromSnapshot(item: unknown, tenant: Tenant, account: (id: string) => string = (id) => id): T {
    return this.options.fromSnapshot ? this.options.fromSnapshot(item, tenant, account) : (item as T);
  }

  toView(record: T, tenant: Tenant): unknown {
    return this.options.toView ? this.options.toView(record, tenant) : this.toSnapshot(record);
  }

  maxPerTenant(config: ResourceLimits): number {
    return this.options.limit ? config[this.options.limit.key] : Infinity;
  }
}

export function defineCollection<T extends { id: string }>(options: CollectionOptions<T>): Collection<T> {
  return new Collection(options);
}

/** Whether a new version of a record stays where it was in a list: same groups, same place. */
function sameListing<T>(list: ListIndex<T>, previous: T, next: T): boolean {
  const [before, after] = [list.groups(previous), list.groups(next)];
  return list.order(previous, next) === 0 && before.length === after.length && before.every((g, i) => g === after[i]);
}
