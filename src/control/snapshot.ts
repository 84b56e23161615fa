import type { components } from '../generated/sent-v3.js';
import { brandFromWire, brandToWire } from '../resources/profiles/brand.js';
import type { BrandRecord, CampaignRecord, ProfileRecord, Tenant, TenantSettings } from '../store/types.js';
import { sentTimestamp } from '../util/time.js';

type ProfileBrand = components['schemas']['ProfileBrand'];

/** A profile in a snapshot: the stored record, with its brand in the wire shape (`ProfileBrand`). */
export type SnapshotProfile = Omit<ProfileRecord, 'brand'> & { brand: ProfileBrand | null };

export const SNAPSHOT_FORMAT = 'sent-sim-tenant/1';

/** A tenant's state as JSON, to reproduce a failing run elsewhere. Secrets are not in it. */
export interface TenantSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  exported_at: string;
  clock_offset_ms: number;
  organization: { name: string; email: string; waba: { waba_id: string } | null; brand: ProfileBrand | null };
  settings: TenantSettings;
  active_scenario: string | null;
  profiles: SnapshotProfile[];
  campaigns: CampaignRecord[];
}

/**
 * Export: WhatsApp access tokens become null (the profile then carries no token), API keys
 * and the callback signing secret stay behind, and of a card only last4 and brand ever existed.
 */
export function exportTenant(tenant: Tenant): TenantSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    exported_at: sentTimestamp(tenant.clock.now()),
    clock_offset_ms: tenant.clock.offset,
    organization: {
      name: tenant.organization.name,
      email: tenant.organization.email,
      waba: tenant.organization.waba,
      brand: wireBrand(tenant.organization.brand),
    },
    settings: { ...tenant.settings },
    active_scenario: tenant.activeScenario,
    profiles: [...tenant.profiles.values()].map((p) => ({
      ...p,
      brand: wireBrand(p.brand),
      whatsapp: p.whatsapp ? { ...p.whatsapp, access_token: null } : null,
    })),
    campaigns: [...tenant.campaigns.values()],
  };
}

/**
 * Import replaces the tenant's data with the snapshot's (keys, secret and organization id stay
 * the caller's). Pending jobs are not part of a snapshot. Profiles keep their ids, so requests
 * recorded against the original run replay against the copy.
 */
export function importTenant(tenant: Tenant, snapshot: TenantSnapshot): void {
  tenant.profiles.clear();
  tenant.campaigns.clear();
  for (const p of snapshot.profiles) tenant.profiles.set(p.id, { ...p, organization_id: tenant.id, brand: storedBrand(p.brand) });
  for (const c of snapshot.campaigns) tenant.campaigns.set(c.id, { ...c, customerId: tenant.id });
  tenant.organization.name = snapshot.organization.name;
  tenant.organization.email = snapshot.organization.email;
  tenant.organization.waba = snapshot.organization.waba;
  tenant.organization.brand = storedBrand(snapshot.organization.brand);
  tenant.settings = { ...snapshot.settings, rateLimits: snapshot.settings.rateLimits ?? false };
  tenant.activeScenario = snapshot.active_scenario;
  tenant.scenarioCalls.clear();
  if (snapshot.clock_offset_ms > tenant.clock.offset) tenant.clock.advance(snapshot.clock_offset_ms - tenant.clock.offset);
}

/** Brands travel in the wire shape, as `GET /_sim/tenant` shows them (`is_inherited: false`). */
function wireBrand(brand: BrandRecord | null): ProfileBrand | null {
  return brand ? brandToWire(brand) : null;
}

function storedBrand(brand: ProfileBrand | null): BrandRecord | null {
  return brand ? brandFromWire(brand) : null;
}
