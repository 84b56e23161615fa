import { simError } from '../errors/sim-error.js';
import type { BrandRecord, ProfileRecord, Tenant } from './types.js';

/** A profile that exists and is not soft-deleted, else `404 RESOURCE_014` (decisions §2). */
export function liveProfile(tenant: Tenant, profileId: string): ProfileRecord {
  const profile = tenant.profiles.get(profileId.toLowerCase());
  if (!profile || profile.deleted_at !== null) throw simError('RESOURCE_014');
  return profile;
}

/** The brand a profile works under: its own, else the organization's when it inherits. */
export function effectiveBrand(profile: ProfileRecord, tenant: Tenant): BrandRecord | null {
  if (profile.brand) return profile.brand;
  return profile.inherit_tcr_brand ? tenant.organization.brand : null;
}
