import type { ResourceModule } from '../module.js';
import { USER_CAP, USERS } from './collection.js';
import { userControl } from './control.js';
import { userOperations } from './routes.js';
import { seedDemoUsers, UserService } from './service.js';

declare module '../../limits.js' {
  interface ResourceLimits {
    /** `--max-users`: users per organization before invites answer `400 BUSINESS_008`. */
    maxUsersPerTenant: number;
  }
}

/** The organization's users: invitations, roles, removal (docs/decisions/0019). */
export const usersModule: ResourceModule = {
  name: 'users',
  collections: [USERS],
  limits: [USER_CAP],
  create: (deps) => {
    const service = new UserService({ random: deps.random, maxUsers: deps.config.maxUsersPerTenant });
    return {
      operations: userOperations(service),
      control: userControl(service),
      seedDemo: seedDemoUsers,
    };
  },
};
