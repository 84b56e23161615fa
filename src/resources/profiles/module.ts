import { MESSAGES } from '../../errors/catalog.js';
import type { ResourceModule } from '../module.js';
import { PROFILE_CAP, PROFILES } from './collection.js';
import { profileOperations } from './routes.js';
import { SandboxData } from './sandbox.js';
import { ProfileService } from './service.js';

/** Sender profiles: create, list, read, update, soft-delete (docs/decisions/0002, 0003, 0004). */
export const profilesModule: ResourceModule = {
  name: 'profiles',
  collections: [PROFILES],
  limits: [PROFILE_CAP],
  // Sent's documented 500 on DELETE (fact sheet §5.3), for a scenario that injects one.
  internalErrors: { deleteProfile: (requestId) => MESSAGES.deleteFailed('profile', requestId) },
  create: (deps) => ({
    operations: profileOperations(
      new ProfileService({ random: deps.random, sandbox: new SandboxData(deps.random), maxProfiles: deps.config.maxProfilesPerTenant }),
    ),
  }),
};
