import type { Tenant } from './types.js';

/** How a resource module declares one tenant-scoped collection of records. */
/** Method signatures on purpose: a `Collection<ProfileRecord>` is usable where any collection is listed. */
export interface CollectionOptions<T extends { id: string }> {
  /** The key in the tenant view, in snapshots and in limits (`profiles`, `messages`, …). */
  name: string;
  /**
   * JSON Schema of one record as a snapshot carries it: the fields the simulator reads, so a
   * hostile or hand-edited snapshot is refused whole before anything is replaced.
   */
  itemSchema: object;
  /** Record → snapshot item; drop secrets here (default: the record itself). */
  toSnapshot?(record: T): unknown;
  /** Snapshot item (already checked against `itemSchema`) → record of this tenant. */
  fromSnapshot?(item: unknown, tenant: Tenant): T;
  /** Record → what `GET /_sim/tenant` shows (default: the snapshot item). */
  toView?(record: T, tenant: Tenant): unknown;
}

/**
 * A tenant-scoped collection: a `Map` of plain records per tenant, keyed by id. Modules keep
 * their declarations as constants and reach a tenant's records with `in(tenant)`; everything
 * that must visit every collection (reset, export, import, the tenant view, the snapshot schema)
 * walks the registry's declarations, so none can be forgotten.
 */
export class Collection<T extends { id: string }> {
  constructor(readonly options: CollectionOptions<T>) {}

  get name(): string {
    return this.options.name;
  }

  in(tenant: Tenant): Map<string, T> {
    const map = tenant.store.get(this.options.name);
    if (!map) throw new Error(`collection ${this.options.name} is not registered`);
    return map as Map<string, T>;
  }

  toSnapshot(record: T): unknown {
    return this.options.toSnapshot ? this.options.toSnapshot(record) : record;
  }

  fromSnapshot(item: unknown, tenant: Tenant): T {
    return this.options.fromSnapshot ? this.options.fromSnapshot(item, tenant) : (item as T);
  }

  toView(record: T, tenant: Tenant): unknown {
    return this.options.toView ? this.options.toView(record, tenant) : this.toSnapshot(record);
  }
}

export function defineCollection<T extends { id: string }>(options: CollectionOptions<T>): Collection<T> {
  return new Collection(options);
}
