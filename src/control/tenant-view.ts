import { describeJob } from '../clock/scheduler.js';
import type { Deps } from '../deps.js';
import { maskKey } from '../store/tenants.js';
import type { ApiKeyRecord, Tenant } from '../store/types.js';
import { sentTimestamp } from '../util/time.js';

export interface ViewPage {
  page: number;
  page_size: number;
}

export const DEFAULT_VIEW_PAGE: ViewPage = { page: 1, page_size: 100 };

/**
 * What `GET /_sim/tenant` shows: everything the simulator holds for the tenant — every declared
 * collection, soft-deleted profiles included — one page of each at a time, in time linear in
 * the page (each record is rendered on its own). Secrets stay out: API keys are masked,
 * WhatsApp access tokens are reduced to "set or not", and the callback signing secret is shown
 * to owner and admin keys only.
 */
export function tenantView(deps: Deps, tenant: Tenant, viewer: ApiKeyRecord, page: ViewPage = DEFAULT_VIEW_PAGE) {
  const from = (page.page - 1) * page.page_size;
  const collections: Record<string, unknown[]> = {};
  const totals: Record<string, number> = {};
  for (const c of deps.collections) {
    const records = c.in(tenant);
    totals[c.name] = records.size;
    const items: unknown[] = [];
    let i = 0;
    for (const record of records.values()) {
      if (i++ < from) continue;
      if (items.length >= page.page_size) break;
      items.push(c.toView(record, tenant));
    }
    collections[c.name] = items;
  }
  const privileged = viewer.type === 'organization' && (viewer.role === 'owner' || viewer.role === 'admin');
  return {
    organization_id: tenant.id,
    name: tenant.organization.name,
    email: tenant.organization.email,
    now: sentTimestamp(tenant.clock.now()),
    clock_offset_ms: tenant.clock.offset,
    callback_signing_secret: privileged ? tenant.callbackSigningSecret : null,
    settings: { ...tenant.settings },
    keys: [...tenant.keys.values()].map((k) => ({ key: maskKey(k.key), role: k.role, type: k.type, profile_id: k.profileId, created_at: k.createdAt })),
    // What modules keep on the organization (the profiles module's WABA and brand, docs/decisions/0027).
    organization: Object.assign({}, ...deps.modules.map((m) => m.organization?.view(tenant) ?? {})) as Record<string, unknown>,
    ...collections,
    totals: { ...totals, pending_jobs: tenant.jobs.size },
    page: { page: page.page, page_size: page.page_size },
    pending_jobs: tenant.jobs
      .list()
      .slice(from, from + page.page_size)
      .map(describeJob),
  };
}
