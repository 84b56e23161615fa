import type { Router } from 'express';
import type { Deps } from '../deps.js';
import { MESSAGES } from '../errors/catalog.js';
import { simError, validationError } from '../errors/sim-error.js';
import { authed } from '../http/context.js';
import { created, noContent, ok } from '../http/result.js';
import type { Role, TenantSettings } from '../store/types.js';
import { sentTimestamp } from '../util/time.js';
import { deliveryViewer } from './delivery-view.js';
import { resetTenant } from './reset.js';
import { handle, type BodyReader } from './handler.js';
import { advanceClockSchema, createKeySchema, patchTenantSchema, viewPageSchema } from './schemas.js';
import { exportTenant, importTenant, jobPayloadChecks, snapshotSchema, type TenantSnapshot } from './snapshot.js';
import { tenantView, type ViewPage } from './tenant-view.js';

/** `/_sim/tenant`, keys, the clock, the logs, export/import and reset. */
export function mountTenantRoutes(router: Router, deps: Deps, body: BodyReader): void {
  const check = {
    patchTenant: deps.validator.compile(patchTenantSchema(deps)),
    createKey: deps.validator.compile(createKeySchema),
    advance: deps.validator.compile(advanceClockSchema),
    snapshot: deps.validator.compile(snapshotSchema(deps)),
    page: deps.validator.compile(viewPageSchema),
  };
  const payloadChecks = jobPayloadChecks(deps);
  const patches = [...deps.resources.values()].flatMap((r) => (r.tenantPatch ? [r.tenantPatch] : []));
  const viewDelivery = deliveryViewer(deps);
  const view = (res: Parameters<typeof authed>[0], page?: ViewPage) => {
    const { tenant, apiKey } = authed(res);
    return ok(tenantView(deps, tenant, apiKey, page));
  };

  router.get(
    '/tenant',
    handle((req, res) => {
      const query = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v]));
      const details = check.page(query);
      if (details) throw validationError(details);
      return view(res, { page: Number(query.page ?? 1), page_size: Number(query.page_size ?? 100) });
    }),
  );

  router.patch(
    '/tenant',
    handle((req, res) => {
      const { tenant } = authed(res);
      const input = body(req, check.patchTenant) as { settings?: Partial<TenantSettings> } & Record<string, unknown>;
      // Every module's fields are checked before any of them changes anything (a refused PATCH changes nothing).
      const changes = patches.map((p) => p.prepare(tenant, input));
      for (const change of changes) change();
      if (input.settings) {
        tenant.settings = { ...tenant.settings, ...input.settings };
        if (input.settings.rate_limits !== undefined) tenant.rateWindows.clear();
      }
      return view(res);
    }),
  );

  // Frees the tenant's place for good (docs/decisions/0022: tenants are capped): a test run on a
  // shared simulator ends with it. Its keys stop working; reusing the owner key makes a new tenant.
  router.delete(
    '/tenant',
    handle((_req, res) => {
      const { tenant } = authed(res);
      if (tenant.demo) throw validationError({ tenant: [MESSAGES.demoTenantNotDeletable] });
      deps.scheduler.clear(tenant);
      deps.tenants.remove(tenant);
      return noContent();
    }),
  );

  router.post(
    '/tenant/keys',
    handle((req, res) => {
      const { tenant } = authed(res);
      const input = body(req, check.createKey) as { role: Role; profile_id?: string | null };
      const profileId = input.profile_id?.toLowerCase() ?? null;
      if (profileId !== null && deps.tenants.liveProfile(tenant, profileId) === null) throw simError('RESOURCE_014');
      const key = deps.tenants.addKey(tenant, { role: input.role, type: profileId ? 'profile' : 'organization', profileId });
      // The only place a key is shown whole: at creation, like a signing secret.
      return created({ key: key.key, role: key.role, type: key.type, profile_id: key.profileId });
    }),
  );

  router.post(
    '/clock/advance',
    handle(async (req, res) => {
      const { tenant } = authed(res);
      const { seconds } = body(req, check.advance) as { seconds: number };
      const ms = Math.round(seconds * 1000);
      // The clock stops at the end of year 9999: past it, a clear 400, never a throw later on.
      if (ms > tenant.clock.headroomMs) throw validationError({ seconds: [MESSAGES.clockPastYear9999] });
      const from = sentTimestamp(tenant.clock.now());
      const { now, fired } = await deps.scheduler.advance(tenant, ms);
      // The answer lists every fired job; the log keeps the first --clock-log-fired of each advance (issue 25 row 6).
      const kept = deps.config.clockLogFired;
      tenant.clockAdvances.push({ from, at: sentTimestamp(now), seconds, fired: fired.slice(0, kept), ...(fired.length > kept ? { fired_dropped: fired.length - kept } : {}) });
      return ok({ now: sentTimestamp(now), fired });
    }),
  );

  router.get(
    '/callbacks',
    handle((_req, res) => {
      const { tenant } = authed(res);
      // The completion callbacks, in the shape this endpoint always had; every delivery is under /deliveries.
      const callbacks = tenant.deliveries
        .toArray()
        .filter((d) => d.source === 'completion')
        .map(({ source: _source, delivery_id, ref, event_type: _event, max_attempts: _max, ...rest }) => ({ callback_id: delivery_id, profile_id: ref, ...rest }));
      return ok({ callbacks, dropped: tenant.deliveries.droppedCount });
    }),
  );

  router.get(
    '/deliveries',
    handle((_req, res) => {
      const { tenant } = authed(res);
      return ok({ deliveries: tenant.deliveries.toArray().map((d) => viewDelivery(tenant, d)), dropped: tenant.deliveries.droppedCount });
    }),
  );

  router.get(
    '/export',
    handle((_req, res) => ok(exportTenant(deps, authed(res).tenant))),
  );

  router.post(
    '/import',
    handle((req, res) => {
      const { tenant } = authed(res);
      const snapshot = body(req, check.snapshot) as unknown as TenantSnapshot;
      if (snapshot.active_scenario != null) deps.scenarios.require(snapshot.active_scenario, 'active_scenario');
      importTenant(deps, tenant, snapshot, payloadChecks);
      return view(res);
    }),
  );

  router.post(
    '/reset',
    handle((_req, res) => {
      resetTenant(deps, authed(res).tenant);
      return view(res);
    }),
  );
}
