import type { OpContext } from '../http/operation.js';

/**
 * The account a request acts as (docs/decisions/0012): the organization for an organization key,
 * the profile for a profile key or an organization key sending `x-profile-id`. Messages,
 * contacts, templates and webhooks belong to an account; events carry its id as `account_id`.
 */
export interface Account {
  id: string;
  /** Null for the organization itself. */
  profileId: string | null;
}

export function accountOf(c: Pick<OpContext, 'tenant' | 'apiKey' | 'scopedProfileId'>): Account {
  const profileId = c.apiKey.type === 'profile' ? c.apiKey.profileId : (c.scopedProfileId ?? null);
  return profileId ? { id: profileId, profileId } : { id: c.tenant.id, profileId: null };
}
