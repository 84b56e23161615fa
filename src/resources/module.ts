import type { Router } from 'express';
import type { JobHandler } from '../clock/scheduler.js';
import type { Deps } from '../deps.js';
import type { DeliverySource } from '../delivery/types.js';
import type { OperationDef } from '../http/operation.js';
import type { EventFamily } from '../events/families.js';
import type { LimitDecl } from '../limits.js';
import type { ScenarioBlock } from '../scenarios/blocks.js';
import type { Collection } from '../store/collections.js';
import type { Tenant, TenantSettings } from '../store/types.js';

/** A per-tenant setting: its default and the JSON Schema `PATCH /_sim/tenant` checks it with. */
export interface SettingDecl {
  default: number | boolean | string;
  schema: object;
}

/**
 * What a resource declares. Adding a resource is a folder under `src/resources/` and one line
 * in `src/registry.ts`; reset, export/import, the tenant view, the snapshot schema, settings,
 * job handlers and delivery sources are all derived from these declarations.
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
  /** Simulator-only routes under `/_sim` (e.g. `/_sim/numbers/{e164}`). */
  control?: (router: Router) => void;
  /** The demo tenant's data of this resource (docs/decisions/0010). */
  seedDemo?: (tenant: Tenant) => void;
  /** Resource state outside collections that a reset must restore (e.g. the organization's brand). */
  reset?: (tenant: Tenant) => void;
}
