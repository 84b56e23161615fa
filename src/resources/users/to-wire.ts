import type { components } from '../../generated/sent-v3.js';
import type { UserRecord } from './collection.js';

type User = components['schemas']['User'];

/**
 * Stored user → `User`, in the key order of Sent's docs example; the key link is dropped.
 * `customer_id` is the organization's id: users are dashboard access to the organization, whose
 * roles cascade to its profiles (docs/decisions/0044, 0055).
 */
export function userToWire(u: UserRecord, organizationId: string): User {
  return {
    id: u.id,
    customer_id: organizationId,
    email: u.email,
    name: u.name,
    role: u.role,
    status: u.status,
    invited_at: u.invited_at,
    last_login_at: u.last_login_at,
    created_at: u.created_at,
    updated_at: u.updated_at,
  };
}
