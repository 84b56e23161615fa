import { createHash } from 'node:crypto';
import { MESSAGES } from '../../errors/catalog.js';
import type { components } from '../../generated/sent-v3.js';
import { defineLimit } from '../../limits.js';
import { defineCollection } from '../../store/collections.js';
import { maskKey } from '../../store/tenants.js';
import type { Tenant } from '../../store/types.js';
import { userToWire } from './to-wire.js';

type User = components['schemas']['User'];

/**
 * A user as stored: the wire fields plus, simulator-only, the SHA-256 of the API key that acts
 * as this user (the demo tenant's admin, developer and billing keys), so "nobody changes their
 * own role or removes themselves" can be judged (docs/decisions/0019). A hash, not the key:
 * it may travel in snapshots, which carry no keys.
 */
export interface UserRecord extends Omit<User, 'customer_id'> {
  api_key_sha256: string | null;
}

/** The hash a user is linked to its key by. */
export const keyHash = (key: string): string => createHash('sha256').update(key).digest('hex');

/** Emails are compared without case: one user per address per organization. */
export const emailKey = (email: string): string => email.toLowerCase();

/** The organization's users (the owner is implicit and never stored), by id; by email through the `email` index. */
/** Bounded memory (docs/decisions/0022): users per organization. */
export const USER_CAP = defineLimit({
  flag: 'max-users',
  key: 'maxUsersPerTenant',
  default: 1000,
  min: 1,
  max: 1_000_000,
  description: 'users per organization before invites answer 400 BUSINESS_008',
  error: { code: 'BUSINESS_008', message: MESSAGES.userCap },
});

export const USERS = defineCollection<UserRecord>({
  name: 'users',
  indexes: { email: { key: (u) => emailKey(u.email) } },
  limit: USER_CAP,
  wire: [{ component: 'User', render: (u, tenant) => userToWire(u, tenant.id) }],
  itemSchema: {
    type: 'object',
    required: ['id', 'email', 'name', 'role', 'status', 'created_at'],
    properties: {
      id: { type: 'string', minLength: 1, maxLength: 64 },
      email: { type: 'string', maxLength: 254 },
      name: { type: 'string', maxLength: 255 },
      role: { $ref: 'sent-v3#/components/schemas/UserRole' },
      status: { $ref: 'sent-v3#/components/schemas/UserStatus' },
      invited_at: { type: ['string', 'null'], maxLength: 64 },
      last_login_at: { type: ['string', 'null'], maxLength: 64 },
      created_at: { type: 'string', maxLength: 64 },
      updated_at: { type: ['string', 'null'], maxLength: 64 },
      api_key_sha256: { type: ['string', 'null'], pattern: '^[0-9a-f]{64}$' },
    },
  },
  toView: (u, tenant) => ({ ...userToWire(u, tenant.id), simulator: { api_key: linkedKey(u, tenant) } }),
});

/** The masked key a user is linked to, if it is one of the tenant's keys. */
function linkedKey(u: UserRecord, tenant: Tenant): string | null {
  if (u.api_key_sha256 === null) return null;
  for (const key of tenant.keys.keys()) if (keyHash(key) === u.api_key_sha256) return maskKey(key);
  return null;
}
