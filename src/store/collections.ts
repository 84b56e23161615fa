import type { SimConfig } from '../deps.js';
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
   * The most records a tenant may hold (docs/decisions/0022), from the configuration: an import
   * carrying more is refused whole. Creates enforce it in the resource's service.
   */
  maxPerTenant?(config: SimConfig): number;
  /**
   * How the API renders a record, each with the spec component it must match: an import checks
   * every record's renderings against the spec before anything is swapped in, so an imported
   * record always reads back as the API describes it (issue 15 row 7). For collections whose
   * `itemSchema` does not already hold every wire field to the spec.
   */
  wire?: ReadonlyArray<WireRendering<T>>;
}

/** One rendering of a record through the API, and the spec component (`components.schemas`) it must match. */
export interface WireRendering<T> {
  component: string;
  render(record: T): unknown;
}

/** The key of a record in one index (method syntax, for the same reason as above). */
export interface IndexKey<T> {
  key(record: T): string;
}

/**
 * A tenant's records of one collection: a `Map` by id (insertion order is creation order), plus
 * the declared indexes, which every write keeps in step.
 */
export class Records<T extends { id: string }> {
  private readonly byId = new Map<string, T>();
  private readonly indexes = new Map<string, { index: IndexKey<T>; ids: Map<string, string> }>();

  constructor(indexes: Record<string, IndexKey<T>> = {}) {
    for (const [name, index] of Object.entries(indexes)) this.indexes.set(name, { index, ids: new Map() });
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The record whose `index` key is `key`, if any. */
  findBy(index: string, key: string): T | undefined {
    const found = this.indexes.get(index);
    if (!found) throw new Error(`no index ${index}`);
    const id = found.ids.get(key);
    return id === undefined ? undefined : this.byId.get(id);
  }

  set(id: string, record: T): this {
    const previous = this.byId.get(id);
    for (const { index, ids } of this.indexes.values()) {
      if (previous) ids.delete(index.key(previous));
      ids.set(index.key(record), id);
    }
    this.byId.set(id, record);
    return this;
  }

  delete(id: string): boolean {
    const previous = this.byId.get(id);
    if (!previous) return false;
    for (const { index, ids } of this.indexes.values()) ids.delete(index.key(previous));
    return this.byId.delete(id);
  }

  clear(): void {
    this.byId.clear();
    for (const { ids } of this.indexes.values()) ids.clear();
  }

  values(): IterableIterator<T> {
    return this.byId.values();
  }

  keys(): IterableIterator<string> {
    return this.byId.keys();
  }

  entries(): IterableIterator<[string, T]> {
    return this.byId.entries();
  }

  [Symbol.iterator](): IterableIterator<[string, T]> {
    return this.byId.entries();
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
    return new Records<T>(this.options.indexes);
  }

  in(tenant: Tenant): Records<T> {
    const records = tenant.store.get(this.options.name);
    if (!records) throw new Error(`collection ${this.options.name} is not registered`);
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

  maxPerTenant(config: SimConfig): number {
    return this.options.maxPerTenant ? this.options.maxPerTenant(config) : Infinity;
  }
}

export function defineCollection<T extends { id: string }>(options: CollectionOptions<T>): Collection<T> {
  return new Collection(options);
}
