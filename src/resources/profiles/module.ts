import { MESSAGES } from '../../errors/catalog.js';
import type { ResourceModule } from '../module.js';
import { PROFILE_CAP, PROFILES } from './collection.js';
import { ORGANIZATION_FIELDS, organizationPatch, resetOrganization, seedDemoOrganization } from './organization.js';
import { profileOperations } from './routes.js';
import { SandboxData } from './sandbox.js';
import { ProfileService } from './service.js';

declare module '../../limits.js' {
  interface ResourceLimits {
    /** `--max-profiles`: stored profiles per tenant (deleted ones count) before creates are refused. */
    maxProfilesPerTenant: number;
  }
}

/**
 * Sender profiles: create, list, read, update, soft-delete (docs/decisions/0002, 0003, 0004); and
 * the organization's brand, WABA and campaigns, which profiles inherit (docs/decisions/0027).
 */
export const profilesModule: ResourceModule = {
  name: 'profiles',
  collections: [PROFILES],
  limits: [PROFILE_CAP],
  // Sent's documented 500 on DELETE (fact sheet §5.3), for a scenario that injects one.
  internalErrors: { deleteProfile: (requestId) => MESSAGES.deleteFailed('profile', requestId) },
  organization: ORGANIZATION_FIELDS,
  create: (deps) => ({
    operations: profileOperations(
      new ProfileService({ random: deps.random, sandbox: new SandboxData(deps.random), maxProfiles: deps.config.maxProfilesPerTenant }),
    ),
    tenantPatch: organizationPatch(deps.random),
    profileLookup: (tenant, id) => {
      const profile = PROFILES.in(tenant).get(id);
      return profile && profile.deleted_at === null ? profile.id : null;
    },
    reset: (tenant) => resetOrganization(tenant, deps.random),
    seedDemo: (tenant) => seedDemoOrganization(tenant),
  }),
};
