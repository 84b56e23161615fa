import type { Deps } from '../deps.js';
import { MESSAGES } from '../errors/catalog.js';
import type { Check } from '../http/validation.js';
import { validationError } from '../errors/sim-error.js';
import { JobQueue, type Job } from '../clock/job-queue.js';
import { MAX_CLOCK_MS } from '../clock/tenant-clock.js';
import type { OrganizationRecord, Tenant, TenantSettings } from '../store/types.js';
import { parseSentTimestamp, sentTimestamp } from '../util/time.js';

export const SNAPSHOT_FORMAT = 'sent-sim-tenant/2';

/** A tenant's state as JSON, to reproduce a run elsewhere. Secrets and keys are not in it. */
export interface TenantSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  exported_at: string;
  /** The exporting organization: records of its own account are the importing organization's. */
  organization_id?: string;
  clock_offset_ms: number;
  /** Its name and email, and the fields modules keep on it (the profiles module's `waba` and `brand`). */
  organization: { name: string; email: string } & Record<string, unknown>;
  settings: TenantSettings;
  active_scenario: string | null;
  /** Every declared collection, by name (registry.ts). */
  collections: Record<string, unknown[]>;
  /** Pending jobs, with their due time on the tenant's clock. */
  jobs: Array<{ id: string; kind: string; due_at: string; key: string | null; payload: unknown }>;
}

/** Snapshot items per collection and jobs at most (a snapshot is read whole into memory). */
export const SNAPSHOT_MAX_ITEMS = 200_000;

/**
 * The JSON Schema an import is checked against, whole, before anything is replaced: built from
 * the declared collections, organization fields, settings and job kinds, so a new collection is
 * covered by itself.
 */
export function snapshotSchema(deps: Deps): object {
  const organization = deps.modules.reduce<Record<string, object>>((all, m) => ({ ...all, ...m.organization?.snapshot.schema }), {});
  return {
    type: 'object',
    required: ['format', 'clock_offset_ms', 'organization', 'settings', 'collections'],
    properties: {
      format: { const: SNAPSHOT_FORMAT },
      organization_id: { type: 'string', maxLength: 64 },
      clock_offset_ms: { type: 'number', minimum: 0, maximum: MAX_CLOCK_MS - Date.now() },
      organization: {
        type: 'object',
        required: ['name', 'email', ...Object.keys(organization)],
        properties: {
          name: { type: 'string', maxLength: 255 },
          email: { type: 'string', maxLength: 255 },
          ...organization,
        },
      },
      settings: {
        type: 'object',
        properties: Object.fromEntries(Object.entries(deps.settings).map(([name, d]) => [name, d.schema])),
        additionalProperties: false,
      },
      active_scenario: { type: ['string', 'null'] },
      collections: {
        type: 'object',
        properties: Object.fromEntries(
          deps.collections.map((c) => [c.name, { type: 'array', maxItems: Math.min(SNAPSHOT_MAX_ITEMS, c.maxPerTenant(deps.config)), items: c.options.itemSchema }]),
        ),
        additionalProperties: false,
      },
      jobs: {
        type: 'array',
        maxItems: Math.min(SNAPSHOT_MAX_ITEMS, deps.config.maxPendingJobsPerTenant),
        items: {
          type: 'object',
          required: ['id', 'kind', 'due_at', 'payload'],
          properties: {
            id: { type: 'string', maxLength: 64 },
            kind: { enum: deps.scheduler.kinds },
            due_at: { type: 'string', format: 'date-time' },
            key: { type: ['string', 'null'], maxLength: 255 },
          },
        },
      },
    },
  };
}

/** Export: every declared collection through its `toSnapshot` (which drops secrets), settings, pending jobs. */
export function exportTenant(deps: Deps, tenant: Tenant): TenantSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    exported_at: sentTimestamp(tenant.clock.now()),
    organization_id: tenant.id,
    clock_offset_ms: tenant.clock.offset,
    organization: Object.assign(
      { name: tenant.organization.name, email: tenant.organization.email },
      ...deps.modules.map((m) => m.organization?.snapshot.toSnapshot(tenant) ?? {}),
    ) as TenantSnapshot['organization'],
    settings: { ...tenant.settings },
    active_scenario: tenant.activeScenario,
    collections: Object.fromEntries(deps.collections.map((c) => [c.name, [...c.in(tenant).values()].map((r) => c.toSnapshot(r))])),
    jobs: tenant.jobs.list().map((j) => ({ id: j.id, kind: j.kind, due_at: sentTimestamp(j.due_at), key: j.key, payload: j.payload })),
  };
}

/**
 * Import replaces the tenant's data with the snapshot's (keys, secret and organization id stay
 * the caller's). Everything is built first and swapped in last, so a snapshot that fails
 * part-way changes nothing. Records keep their ids, so requests recorded against the original
 * run replay against the copy.
 */
export function importTenant(deps: Deps, tenant: Tenant, snapshot: TenantSnapshot, payloadChecks: JobPayloadChecks = jobPayloadChecks(deps)): void {
  const store: Tenant['store'] = new Map();
  const account = (id: string) => (id === snapshot.organization_id ? tenant.id : id);
  for (const c of deps.collections) {
    const records = c.create();
    (snapshot.collections[c.name] ?? []).forEach((item, index) => {
      // Its indexes and lists are keyed from its fields as it is stored: a record they cannot key is as unusable as one that cannot be read.
      try {
        const record = c.fromSnapshot(item, tenant, account);
        records.set(record.id, record);
      } catch {
        throw validationError({ [`collections.${c.name}[${index}]`]: [MESSAGES.snapshotUnusable(c.name, index)] });
      }
    });
    store.set(c.name, records);
  }
  const jobs = importedJobs(snapshot, payloadChecks);
  const organization = deps.modules.reduce<Partial<OrganizationRecord>>((all, m) => ({ ...all, ...m.organization?.snapshot.fromSnapshot(snapshot.organization) }), {});
  assertRenders(deps, { ...tenant, store, organization: { ...tenant.organization, ...organization } });

  // Nothing above touched the tenant; from here on nothing can fail.
  tenant.store = store;
  tenant.organization.name = snapshot.organization.name;
  tenant.organization.email = snapshot.organization.email;
  Object.assign(tenant.organization, organization);
  tenant.settings = { ...tenant.settings, ...snapshot.settings };
  tenant.activeScenario = snapshot.active_scenario ?? null;
  tenant.scenarioCalls.clear();
  if (snapshot.clock_offset_ms > tenant.clock.offset) tenant.clock.advance(Math.min(snapshot.clock_offset_ms - tenant.clock.offset, tenant.clock.headroomMs));
  deps.scheduler.replace(tenant, jobs);
}

/** Each job kind's payload check, compiled once (mountTenantRoutes keeps them); a kind with no schema has none. */
export type JobPayloadChecks = ReadonlyMap<string, Check>;

export function jobPayloadChecks(deps: Deps): JobPayloadChecks {
  const checks = new Map<string, Check>();
  for (const kind of deps.scheduler.kinds) {
    const schema = deps.scheduler.payloadSchema(kind);
    if (schema) checks.set(kind, deps.validator.compile(schema));
  }
  return checks;
}

/**
 * A snapshot's pending jobs as the queue that will replace the tenant's (issue 25 row 7,
 * docs/decisions/0090): each payload checked against its kind's schema, due times readable,
 * ids and keys unique — every problem a `400` naming the job, before anything is swapped in (a
 * duplicate key used to fail after the swap: a `500`, the tenant half replaced).
 */
function importedJobs(snapshot: TenantSnapshot, checks: JobPayloadChecks): JobQueue {
  const queue = new JobQueue();
  const ids = new Set<string>();
  const keys = new Set<string>();
  (snapshot.jobs ?? []).forEach((j, index) => {
    const where = `jobs[${index}]`;
    const check = checks.get(j.kind);
    const problems = check ? check(j.payload) : { '': [MESSAGES.snapshotJobKindNotImportable] };
    if (problems) throw validationError(Object.fromEntries(Object.entries(problems).map(([field, messages]) => [field ? `${where}.payload.${field}` : `${where}.payload`, messages])));
    const dueAt = parseSentTimestamp(j.due_at);
    if (!Number.isFinite(dueAt) || dueAt < 0 || dueAt > MAX_CLOCK_MS) throw validationError({ [`${where}.due_at`]: [MESSAGES.snapshotJobDueAt] });
    if (ids.has(j.id)) throw validationError({ [`${where}.id`]: [MESSAGES.snapshotJobDuplicate('id')] });
    const key = j.key ?? null;
    if (key !== null && keys.has(key)) throw validationError({ [`${where}.key`]: [MESSAGES.snapshotJobDuplicate('key')] });
    ids.add(j.id);
    if (key !== null) keys.add(key);
    queue.push({ id: j.id, kind: j.kind, due_at: dueAt, key, payload: j.payload } satisfies Job);
  });
  return queue;
}

/**
 * Every imported record must render the way the API and the tenant view will render it, before
 * anything is swapped in (issue 15 row 7): a record that passed its schema but cannot be shown
 * is a `400` naming it, never a tenant whose every read answers 500 until a reset.
 */
function assertRenders(deps: Deps, candidate: Tenant): void {
  for (const c of deps.collections) {
    let index = 0;
    for (const record of c.in(candidate).values()) {
      const where = `collections.${c.name}[${index}]`;
      try {
        JSON.stringify(c.toView(record, candidate));
      } catch {
        throw validationError({ [where]: [MESSAGES.snapshotUnusable(c.name, index)] });
      }
      for (const rendering of c.options.wire ?? []) {
        const problems = deps.validator.validateComponent(rendering.component, rendering.render(record, candidate));
        if (problems) throw validationError(Object.fromEntries(Object.entries(problems).map(([field, messages]) => [field ? `${where}.${field}` : where, messages])));
      }
      index++;
    }
  }
}
