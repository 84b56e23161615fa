import type { JobHandler, JobKindDecl } from '../clock/scheduler.js';
import type { ControlRoute } from '../control/handler.js';
import type { Deps } from '../deps.js';
import type { DeliverySource } from '../delivery/types.js';
import type { EventFamily } from '../events/families.js';
import type { OperationDef } from '../http/operation.js';
import type { LimitDecl } from '../limits.js';
import type { ScenarioBlock } from '../scenarios/blocks.js';
import type { Collection } from '../store/collections.js';
import type { ProfileLookup } from '../store/tenants.js';
import type { OrganizationRecord, Tenant, TenantSettings } from '../store/types.js';
import type { Random } from '../util/random.js';

/** A per-tenant setting: its default and the JSON Schema `PATCH /_sim/tenant` checks it with. */
export interface SettingDecl {
  default: number | boolean | string | null;
  schema: object;
}

/**
 * Fields a module keeps on the organization itself, outside its collections (the profiles
 * module's WABA and brand; docs/decisions/0027). It adds them to `OrganizationRecord` by
 * declaration merging; new tenants, `GET /_sim/tenant` and snapshots derive from this.
 */
export interface OrganizationFields {
  /** The fields of a new tenant's organization. */
  initial(random: Random): Partial<OrganizationRecord>;
  /** What `GET /_sim/tenant` shows of them under `organization`. */
  view(tenant: Tenant): Record<string, unknown>;
  snapshot: {
    /** The JSON Schema of each field under a snapshot's `organization` (each one required). */
    schema: Record<string, object>;
    toSnapshot(tenant: Tenant): Record<string, unknown>;
    /** The snapshot's `organization` (already checked) → the fields; swapped in only once all of an import is ready. */
    fromSnapshot(organization: Record<string, unknown>): Partial<OrganizationRecord>;
  };
}

/**
 * Fields of `PATCH /_sim/tenant` a module owns (the organization's brand…): their JSON Schemas,
 * checked with the rest of the body, and how they apply. `prepare` throws before anything changes
 * (a refused request changes nothing) and returns the change, which cannot fail.
 */
export interface TenantPatch {
  schema: Record<string, object>;
  prepare(tenant: Tenant, body: Record<string, unknown>): () => void;
}

/**
 * What a resource declares. Adding a resource is a folder under `src/resources/` and one line
 * in `src/registry.ts` (docs/adding-a-resource.md); reset, export/import, the tenant view, the
 * snapshot schema, settings, limits and their flags, scenario blocks, event families, job
 * handlers, delivery sources and control-plane routes are all derived from these declarations.
 */
export interface ResourceModule {
  name: string;
  /** Tenant-scoped collections of records (store/collections.ts). */
  collections?: readonly Collection<{ id: string }>[];
  /**
   * Its caps (docs/decisions/0024): the `serve` flag, the library option, the default and the
   * error past each. A collection it bounds names the same declaration (`defineCollection({limit})`).
   */
  limits?: readonly LimitDecl[];
  /** Per-tenant settings, keyed by their snake_case name (as `GET /_sim/tenant` shows them). */
  settings?: { [K in keyof TenantSettings]?: SettingDecl };
  /**
   * The top-level blocks of scenario files it reads (`completion`, `messages`…,
   * docs/decisions/0025): each with the JSON Schema start-up checks it against.
   */
  scenarioBlocks?: readonly ScenarioBlock[];
  /**
   * Sent's own wording of a `500 INTERNAL_001` on some of its operations (by operationId), for a
   * scenario that injects one without a message (e.g. "Failed to delete profile…").
   */
  internalErrors?: Readonly<Record<string, (requestId: string) => string>>;
  /**
   * The families of events it publishes (`message` with its sub-types, `templates`;
   * docs/decisions/0026): the webhooks module routes, lists and validates exactly these, and the
   * event bus refuses any other.
   */
  events?: readonly EventFamily[];
  /** Fields it keeps on the organization itself (docs/decisions/0027). */
  organization?: OrganizationFields;
  /**
   * The kinds of job it schedules, each with its payload's JSON Schema (docs/decisions/0090): an
   * import checks every job against it. Every kind its instance's `jobs` handles is declared here.
   */
  jobKinds?: readonly JobKindDecl[];
  /** Builds the resource's services once, with the app's dependencies. */
  create(deps: Deps): ResourceInstance;
}

export interface ResourceInstance {
  /** Handlers by spec operationId. */
  operations?: Record<string, OperationDef>;
  /** Job handlers by job kind (jobs are data: `{kind, due_at, payload}`). */
  jobs?: Record<string, JobHandler>;
  /** Outbound notification kinds this resource sends through the delivery core. */
  deliverySources?: Record<string, DeliverySource>;
  /** Simulator-only routes under `/_sim` (e.g. `/_sim/numbers/{e164}`), all in one shape (control/handler.ts). */
  control?: readonly ControlRoute[];
  /** `PATCH /_sim/tenant` fields it owns (docs/decisions/0027). */
  tenantPatch?: TenantPatch;
  /** How the core finds a live profile by id (`x-profile-id`, a key's `profile_id`): the profiles module's. */
  profileLookup?: ProfileLookup;
  /** The demo tenant's data of this resource (docs/decisions/0010); run in registry order. */
  seedDemo?: (tenant: Tenant) => void;
  /** Resource state outside collections that a reset must restore (e.g. the organization's brand). */
  reset?: (tenant: Tenant) => void;
}
