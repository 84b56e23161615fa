import type { components } from '../../generated/sent-v3.js';
import type { UserRecord } from './collection.js';

type User = components['schemas']['User'];

/** Stored user → `User`, in the key order of Sent's docs example; the key link is dropped. */
export function userToWire(u: UserRecord): User {
  return {
    id: u.id,
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
