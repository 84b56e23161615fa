import type { components } from '../../generated/sent-v3.js';
import type { OperationDef } from '../../http/operation.js';
import { created, noContent, ok } from '../../http/result.js';
import { inviteProblems } from './rules.js';
import type { UserService } from './service.js';

type Schemas = components['schemas'];

/**
 * User operations: parse → call the service → return. Any role reads; invite, role changes and
 * removals need an owner or admin organization key (`admin` access: Sent's wording). Users are the
 * organization's dashboard access, so a profile key — even an admin one — manages none of them
 * (issue 25 row 15, docs/decisions/0044).
 */
export function userOperations(service: UserService): Record<string, OperationDef> {
  return {
    listUsers: {
      access: 'read',
      handle: (c) => ok(service.listUsers(c.tenant)),
    },
    retrieveUser: {
      access: 'read',
      handle: (c) => ok(service.retrieveUser(c.tenant, c.params.userId!)),
    },
    inviteUser: {
      access: 'admin',
      rateTier: 'sensitive',
      check: (c) => inviteProblems(c.body),
      handle: (c) => created(service.inviteUser(c.tenant, c.body as Schemas['InviteUserRequest'], c.sandbox)),
    },
    updateUserRole: {
      access: 'admin',
      handle: (c) => ok(service.updateUserRole(c.tenant, c.apiKey, c.params.userId!, (c.body as Schemas['UpdateUserRoleRequest']).role, c.sandbox)),
    },
    removeUser: {
      access: 'admin',
      handle: (c) => {
        service.removeUser(c.tenant, c.apiKey, c.params.userId!, c.sandbox);
        return noContent();
      },
    },
  };
}
