import { MESSAGES } from '../errors/catalog.js';
import { simError } from '../errors/sim-error.js';
import type { ApiKeyRecord } from '../store/types.js';

/**
 * What an operation needs from the caller's key (docs/decisions/0002, 0019):
 * - `read`: any role; a profile key only for its own profile (a path `profileId`);
 * - `write`: owner or admin organization keys (profile keys and developer/billing: 403);
 * - `complete`: owner or admin; a profile key for its own profile;
 * - `send`: owner, admin or developer; a profile key sends as its profile;
 * - `manage`: owner or admin, organization or profile key (users, webhooks of a profile);
 * - `admin`: owner or admin organization keys (users are the organization's dashboard access: a
 *   profile key manages none of them, docs/decisions/0044), refused with the users pages' wording
 *   ("You do not have admin access to this organization or profile", docs/decisions/0019).
 */
export type Access = 'read' | 'write' | 'complete' | 'send' | 'manage' | 'admin';

const PRIVILEGED = new Set(['owner', 'admin']);

export function checkAccess(apiKey: ApiKeyRecord, access: Access, pathProfileId: string | undefined): void {
  const privileged = PRIVILEGED.has(apiKey.role);
  switch (access) {
    case 'read':
      break;
    case 'send':
      if (!privileged && apiKey.role !== 'developer') throw simError('AUTH_004');
      break;
    case 'write':
      if (!privileged || apiKey.type === 'profile') throw simError('AUTH_004');
      break;
    case 'complete':
    case 'manage':
      if (!privileged) throw simError('AUTH_004');
      break;
    case 'admin':
      if (!privileged || apiKey.type === 'profile') throw simError('AUTH_004', { message: MESSAGES.notAdmin });
      break;
  }
  // A profile key sees only its own profile.
  if (apiKey.type === 'profile' && pathProfileId !== undefined && pathProfileId.toLowerCase() !== apiKey.profileId) {
    throw simError('RESOURCE_014');
  }
}
