import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Deps } from '../deps.js';
import type { components } from '../generated/sent-v3.js';
import { authed } from '../http/context.js';
import { authenticateMiddleware } from '../http/auth.js';
import { simError, validationError } from '../errors/sim-error.js';
import { brandFromRequest } from '../resources/profiles/brand.js';
import { campaignFromRequest } from '../resources/campaigns/records.js';
import { SandboxData } from '../resources/profiles/sandbox.js';
import type { Role, Tenant } from '../store/types.js';
import { DEFAULT_TENANT_SETTINGS, newWabaId } from '../store/tenants.js';
import { MESSAGES } from '../errors/catalog.js';
import { sentTimestamp } from '../util/time.js';
import { readJournalEntry } from '../store/journal.js';
import { advanceClockSchema, createKeySchema, patchTenantSchema, snapshotSchema } from './schemas.js';
import { mountScenarioRoutes } from './scenario-routes.js';
import { exportTenant, importTenant, type TenantSnapshot } from './snapshot.js';
import { tenantView } from './tenant-view.js';
import { organizationCampaignData } from './org-campaigns.js';

/**
 * The `/_sim` control plane (decisions §5): inspection and levers beside the vendor API,
 * authenticated by the caller's `x-api-key` and acting on that key's tenant only.
 * Errors are `application/problem+json` (rendered by the one error handler).
 */
export function controlRouter(deps: Deps): Router {
  const router = Router();
  const check = {
    patchTenant: deps.validator.compile(patchTenantSchema),
    createKey: deps.validator.compile(createKeySchema),
    advance: deps.validator.compile(advanceClockSchema),
    snapshot: deps.validator.compile(snapshotSchema),
  };
  const sample = new SandboxData(deps.random);
  const body: BodyReader = (req, validate) => {
    const value: unknown = req.body ?? {};
    const details = validate(value);
    if (details) throw validationError(details);
    return value as Record<string, unknown>;
  };

  router.use(adminToken(deps.config.adminToken), authenticateMiddleware(deps.tenants));
  mountScenarioRoutes(router, deps, body);

  router.get('/tenant', (_req, res) => {
    res.json(tenantView(authed(res).tenant));
  });

  router.patch('/tenant', (req, res) => {
    const { tenant } = authed(res);
    const input = body(req, check.patchTenant) as {
      whatsapp_business_account?: boolean;
      brand?: components['schemas']['BrandData'] | null;
      campaigns?: number;
      settings?: { processing_delay_seconds?: number; tcr_review_delay_seconds?: number; callback_max_attempts?: number; rate_limits?: boolean };
    };
    const now = sentTimestamp(tenant.clock.now());
    // Checked before anything changes: campaigns need the brand the organization will have afterwards.
    const brandAfter = input.brand === undefined ? tenant.organization.brand : input.brand;
    if ((input.campaigns ?? 0) > 0 && !brandAfter) throw validationError({ campaigns: [MESSAGES.organizationCampaignsNeedBrand] });
    if (input.whatsapp_business_account !== undefined) {
      tenant.organization.waba = input.whatsapp_business_account
        ? (tenant.organization.waba ?? { waba_id: newWabaId(deps.random) })
        : null;
    }
    if (input.brand !== undefined) {
      tenant.organization.brand = input.brand
        ? brandFromRequest(input.brand, { id: deps.random.uuid(), now }, tenant.organization.brand)
        : null;
      if (!input.brand) dropOrganizationCampaigns(tenant);
    }
    if (input.campaigns !== undefined) {
      dropOrganizationCampaigns(tenant);
      const owner = { profileId: null, brandId: tenant.organization.brand?.id ?? null, customerId: tenant.id };
      for (let i = 0; i < input.campaigns; i++) {
        const c = campaignFromRequest(organizationCampaignData(sample, i), owner, { random: deps.random, now });
        tenant.campaigns.set(c.id, c);
      }
    }
    const s = input.settings;
    if (s?.processing_delay_seconds !== undefined) tenant.settings.processingDelayMs = s.processing_delay_seconds * 1000;
    if (s?.tcr_review_delay_seconds !== undefined) tenant.settings.tcrReviewDelayMs = s.tcr_review_delay_seconds * 1000;
    if (s?.callback_max_attempts !== undefined) tenant.settings.callbackMaxAttempts = s.callback_max_attempts;
    if (s?.rate_limits !== undefined) {
      tenant.settings.rateLimits = s.rate_limits;
      tenant.rateWindows.clear();
    }
    res.json(tenantView(tenant));
  });

  router.post('/tenant/keys', (req, res) => {
    const { tenant, apiKey } = authed(res);
    if (apiKey.type !== 'organization' || (apiKey.role !== 'owner' && apiKey.role !== 'admin')) throw simError('AUTH_004');
    const input = body(req, check.createKey) as { role: Role; profile_id?: string | null };
    const profileId = input.profile_id?.toLowerCase() ?? null;
    if (profileId !== null) {
      const profile = tenant.profiles.get(profileId);
      if (!profile || profile.deleted_at !== null) throw simError('RESOURCE_014');
    }
    const key = deps.tenants.addKey(tenant, { role: input.role, type: profileId ? 'profile' : 'organization', profileId });
    // The only place a key is shown whole: at creation, like a signing secret.
    res.status(201).json({ key: key.key, role: key.role, type: key.type, profile_id: key.profileId });
  });

  router.post('/clock/advance', async (req, res) => {
    const { tenant } = authed(res);
    const { seconds } = body(req, check.advance) as { seconds: number };
    const { now, fired } = await deps.scheduler.advance(tenant, Math.round(seconds * 1000));
    res.json({ now: sentTimestamp(now), fired });
  });

  router.get('/callbacks', (_req, res) => {
    const { tenant } = authed(res);
    res.json({ callbacks: tenant.deliveries.toArray(), dropped: tenant.deliveries.droppedCount });
  });

  router.get('/requests', (_req, res) => {
    const { tenant } = authed(res);
    const requests = tenant.journal.toArray().map(readJournalEntry);
    res.json({ requests, dropped: tenant.journal.droppedCount });
  });

  router.get('/export', (_req, res) => {
    res.json(exportTenant(authed(res).tenant));
  });

  router.post('/import', (req, res) => {
    const { tenant } = authed(res);
    const snapshot = body(req, check.snapshot) as unknown as TenantSnapshot;
    if (snapshot.active_scenario != null) deps.scenarios.require(snapshot.active_scenario, 'active_scenario');
    deps.scheduler.clear(tenant);
    importTenant(tenant, snapshot);
    res.json(tenantView(tenant));
  });

  router.post('/reset', (_req: Request, res: Response) => {
    const { tenant } = authed(res);
    resetTenant(deps, tenant);
    res.json(tenantView(tenant));
  });

  return router;
}

export type BodyReader = (req: Request, validate: (v: unknown) => Record<string, string[]> | null) => Record<string, unknown>;

/** `--admin-token`: when set, every `/_sim` call must carry it (shared or CI use). */
function adminToken(token: string | null) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (token === null) return next();
    const given = req.headers['x-sim-admin-token'] ?? req.headers.authorization?.replace(/^Bearer\s+/i, '');
    if (given !== token) throw simError('AUTH_004', { message: MESSAGES.adminTokenRequired });
    next();
  };
}

function dropOrganizationCampaigns(tenant: Tenant): void {
  for (const [id, c] of tenant.campaigns) if (c.profileId === null) tenant.campaigns.delete(id);
}

/** Back to a fresh tenant: keys and the signing secret stay, everything else goes. */
export function resetTenant(deps: Deps, tenant: Tenant): void {
  deps.scheduler.clear(tenant);
  tenant.profiles.clear();
  tenant.campaigns.clear();
  tenant.deliveries.clear();
  tenant.idempotency.clear();
  tenant.journal.clear();
  tenant.activeScenario = null;
  tenant.scenarioCalls.clear();
  tenant.rateWindows.clear();
  tenant.settings = { ...DEFAULT_TENANT_SETTINGS };
  tenant.organization.brand = null;
  tenant.organization.waba ??= { waba_id: newWabaId(deps.random) };
}
