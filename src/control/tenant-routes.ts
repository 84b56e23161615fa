import type { FiredJob } from '../clock/scheduler.js';
import type { Deps } from '../deps.js';
import { MESSAGES } from '../errors/catalog.js';
import { simError, validationError } from '../errors/sim-error.js';
import { created, noContent, ok } from '../http/result.js';
import type { Role, Tenant, TenantSettings } from '../store/types.js';
import { sentTimestamp } from '../util/time.js';
import { selectDeliveries } from './delivery-filter.js';
import { deliveryViewer, type DeliveryView } from './delivery-view.js';
import type { ControlRoute } from './handler.js';
import { resetTenant } from './reset.js';
import { ADVANCE_UNITS, advanceClockSchema, createKeySchema, MAX_ADVANCE_SECONDS, patchTenantSchema, viewPageSchema } from './schemas.js';
import { exportTenant, importTenant, jobPayloadChecks, snapshotSchema, type TenantSnapshot } from './snapshot.js';
import { tenantView } from './tenant-view.js';

/** What `POST /_sim/clock/advance` answers: the tenant's clock after the move, and the jobs it fired. */
export interface ClockAdvanced {
  now: string;
  fired: FiredJob[];
}

/** What `GET /_sim/deliveries` answers: the matching attempts, oldest first, and how many the log has pushed out. */
export interface DeliveryList {
  deliveries: DeliveryView[];
  dropped: number;
}

/**
 * `PATCH /_sim/tenant`'s body (checked against `patchTenantSchema`) → the change, which cannot
 * fail: every module's fields are checked before any of them changes anything (a refused PATCH
 * changes nothing). `POST /_sim/seed` applies its `tenant` part with it.
 */
export function tenantPatcher(deps: Deps): (tenant: Tenant, body: Record<string, unknown>) => () => void {
  const patches = [...deps.resources.values()].flatMap((r) => (r.tenantPatch ? [r.tenantPatch] : []));
  return (tenant, body) => {
    const input = body as { settings?: Partial<TenantSettings> } & Record<string, unknown>;
    const changes = patches.map((p) => p.prepare(tenant, input));
    return () => {
      for (const change of changes) change();
      if (input.settings) {
        tenant.settings = { ...tenant.settings, ...input.settings };
        if (input.settings.rate_limits !== undefined) tenant.rateWindows.clear();
      }
    };
  };
}

/** `/_sim/tenant`, keys, the clock, the logs, export/import and reset. */
export function tenantRoutes(deps: Deps): ControlRoute[] {
  const check = { page: deps.validator.compile(viewPageSchema) };
  const patch = tenantPatcher(deps);
  const viewDelivery = deliveryViewer(deps);
  const sources = [...deps.resources.values()].flatMap((r) => Object.keys(r.deliverySources ?? {}));
  const payloadChecks = jobPayloadChecks(deps);

  return [
    {
      method: 'get',
      path: '/tenant',
      handle: ({ tenant, apiKey, query }) => {
        const page = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v]));
        const details = check.page(page);
        if (details) throw validationError(details);
        return ok(tenantView(deps, tenant, apiKey, { page: Number(page.page ?? 1), page_size: Number(page.page_size ?? 100) }));
      },
    },
    {
      method: 'patch',
      path: '/tenant',
      body: patchTenantSchema(deps),
      handle: ({ tenant, apiKey, body }) => {
        patch(tenant, body)();
        return ok(tenantView(deps, tenant, apiKey));
      },
    },
    // Frees the tenant's place for good (docs/decisions/0022: tenants are capped): a test run on a
    // shared simulator ends with it. Its keys stop working; reusing the owner key makes a new tenant.
    {
      method: 'delete',
      path: '/tenant',
      handle: ({ tenant }) => {
        if (tenant.demo) throw validationError({ tenant: [MESSAGES.demoTenantNotDeletable] });
        deps.scheduler.clear(tenant);
        deps.tenants.remove(tenant);
        return noContent();
      },
    },
    {
      method: 'post',
      path: '/tenant/keys',
      body: createKeySchema,
      handle: ({ tenant, body }) => {
        const input = body as { role: Role; profile_id?: string | null };
        const profileId = input.profile_id?.toLowerCase() ?? null;
        if (profileId !== null && deps.tenants.liveProfile(tenant, profileId) === null) throw simError('RESOURCE_014');
        const key = deps.tenants.addKey(tenant, { role: input.role, type: profileId ? 'profile' : 'organization', profileId });
        // The only place a key is shown whole: at creation, like a signing secret.
        return created({ key: key.key, role: key.role, type: key.type, profile_id: key.profileId });
      },
    },
    {
      method: 'post',
      path: '/clock/advance',
      body: advanceClockSchema,
      handle: async ({ tenant, body }) => {
        const units = body as Partial<Record<keyof typeof ADVANCE_UNITS, number>>;
        const seconds = Object.entries(ADVANCE_UNITS).reduce((sum, [unit, size]) => sum + (units[unit as keyof typeof ADVANCE_UNITS] ?? 0) * size, 0);
        if (seconds > MAX_ADVANCE_SECONDS) throw validationError({ body: [MESSAGES.clockAdvanceOverTenYears] });
        const ms = Math.round(seconds * 1000);
        // The clock stops at the end of year 9999: past it, a clear 400, never a throw later on.
        if (ms > tenant.clock.headroomMs) throw validationError({ seconds: [MESSAGES.clockPastYear9999] });
        const from = sentTimestamp(tenant.clock.now());
        // Resolves once every delivery the fired jobs made is settled (clock/scheduler.ts drain).
        const { now, fired } = await deps.scheduler.advance(tenant, ms);
        // The answer lists every fired job; the log keeps the first --clock-log-fired of each advance (issue 25 row 6).
        const kept = deps.config.clockLogFired;
        tenant.clockAdvances.push({ from, at: sentTimestamp(now), seconds, fired: fired.slice(0, kept), ...(fired.length > kept ? { fired_dropped: fired.length - kept } : {}) });
        return ok({ now: sentTimestamp(now), fired } satisfies ClockAdvanced);
      },
    },
    {
      method: 'get',
      path: '/callbacks',
      handle: ({ tenant }) => {
        // The completion callbacks, in the shape this endpoint always had; every delivery is under /deliveries.
        const callbacks = tenant.deliveries
          .toArray()
          .filter((d) => d.source === 'completion')
          .map(({ source: _source, delivery_id, ref, event_type: _event, max_attempts: _max, ...rest }) => ({ callback_id: delivery_id, profile_id: ref, ...rest }));
        return ok({ callbacks, dropped: tenant.deliveries.droppedCount });
      },
    },
    {
      method: 'get',
      path: '/deliveries',
      handle: ({ tenant, query }) => {
        const selected = selectDeliveries(tenant.deliveries.toArray(), query, sources);
        if ('errors' in selected) throw validationError(selected.errors);
        const list: DeliveryList = { deliveries: selected.deliveries.map((d) => viewDelivery(tenant, d)), dropped: tenant.deliveries.droppedCount };
        return ok(list);
      },
    },
    { method: 'get', path: '/export', handle: ({ tenant }) => ok(exportTenant(deps, tenant)) },
    {
      method: 'post',
      path: '/import',
      body: snapshotSchema(deps),
      handle: ({ tenant, apiKey, body }) => {
        const snapshot = body as unknown as TenantSnapshot;
        if (snapshot.active_scenario != null) deps.scenarios.require(snapshot.active_scenario, 'active_scenario');
        importTenant(deps, tenant, snapshot, payloadChecks);
        return ok(tenantView(deps, tenant, apiKey));
      },
    },
    {
      method: 'post',
      path: '/reset',
      handle: ({ tenant, apiKey }) => {
        resetTenant(deps, tenant);
        return ok(tenantView(deps, tenant, apiKey));
      },
    },
  ];
}
