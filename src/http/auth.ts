import type { Request } from 'express';
import { MESSAGES } from '../errors/catalog.js';
import { simError } from '../errors/sim-error.js';
import type { TenantRegistry } from '../store/tenants.js';
import { isUuid } from '../util/random.js';
import { header, type Caller } from './context.js';

/**
 * Authentication and tenant (docs/decisions/0010), then the `x-profile-id` rules
 * (docs/decisions/0002). It runs before a body is read, so an unauthenticated client cannot
 * make the simulator buffer anything:
 * - no `x-api-key` → 401 AUTH_001; an unknown key → 401 AUTH_002, except unknown `sk_test_`
 *   keys, which provision a fresh tenant;
 * - a profile-scoped key that sends `x-profile-id` → 403 AUTH_004;
 * - an organization key naming a profile that is not its own (or is deleted) → 404 RESOURCE_014;
 *   otherwise the id is echoed in `X-Profile-Id` (by the writer, from the caller).
 * Two steps, so that a refusal of `x-profile-id` is still recorded under the caller's tenant.
 */
export function identify(tenants: TenantRegistry, req: Request): Omit<Caller, 'scopedProfileId'> {
  const apiKey = header(req, 'x-api-key');
  if (apiKey === undefined || apiKey.trim() === '') throw simError('AUTH_001');
  const found = tenants.resolve(apiKey);
  if (!found) throw simError('AUTH_002');
  return { tenant: found.tenant, apiKey: found.key };
}

/** The `x-profile-id` an identified caller acts for (checked), or undefined. */
export function scopedProfile(tenants: TenantRegistry, caller: Omit<Caller, 'scopedProfileId'>, req: Request): string | undefined {
  const scoped = header(req, 'x-profile-id');
  if (scoped === undefined) return undefined;
  if (caller.apiKey.type === 'profile') throw simError('AUTH_004', { message: MESSAGES.profileKeyCannotScope });
  // Live profiles are the profiles module's to know (store/tenants.ts ProfileLookup, docs/decisions/0027).
  const profileId = isUuid(scoped) ? tenants.liveProfile(caller.tenant, scoped) : null;
  if (profileId === null) throw simError('RESOURCE_014');
  return profileId;
}
