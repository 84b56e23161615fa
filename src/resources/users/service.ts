import { MESSAGES } from '../../errors/catalog.js';
import { simError } from '../../errors/sim-error.js';
import { limitError } from '../../limits.js';
import type { components } from '../../generated/sent-v3.js';
import type { ApiKeyRecord, Role, Tenant } from '../../store/types.js';
import { isUuid, type Random } from '../../util/random.js';
import { HOUR, sentTimestamp } from '../../util/time.js';
import { wholeList } from '../../http/pagination.js';
import { emailKey, keyHash, USER_CAP, USERS, type UserRecord } from './collection.js';
import { assertKeepsAdmin, assertNotSelf } from './rules.js';
import { userToWire } from './to-wire.js';

type Schemas = components['schemas'];
type User = Schemas['User'];
type UserRole = Schemas['UserRole'];

/**
 * User operations, named after the spec's operationIds (docs/decisions/0019). Users belong to
 * the organization (its roles cascade to its profiles), so a profile key or `x-profile-id` sees
 * the same users; only organization keys manage them (docs/decisions/0044). A refused request
 * changes nothing; sandbox looks nothing up and
 * stores nothing (docs/decisions/0008). Users are dashboard access: nothing here touches a key.
 */
export class UserService {
  constructor(private readonly deps: { random: Random; maxUsers: number }) {}

  /** Every user in one page (`pagination`, decisions §14); `page` and `page_size` are not read. */
  listUsers(tenant: Tenant): Schemas['UserList'] {
    const users: User[] = [];
    for (const u of USERS.in(tenant).values()) users.push(userToWire(u, tenant.id));
    return { users, pagination: wholeList(users.length) };
  }

  retrieveUser(tenant: Tenant, userId: string): User {
    return userToWire(found(tenant, userId), tenant.id);
  }

  /** `201`, `status: "invited"`, `invited_at` set; the control plane accepts it (control.ts). */
  inviteUser(tenant: Tenant, body: Schemas['InviteUserRequest'], sandbox: boolean): User {
    const now = sentTimestamp(tenant.clock.now());
    const record: UserRecord = {
      id: this.deps.random.uuid(),
      email: body.email,
      name: body.name,
      role: body.role,
      status: 'invited',
      invited_at: now,
      last_login_at: null,
      created_at: now,
      updated_at: null,
      api_key_sha256: null,
    };
    if (sandbox) return userToWire(record, tenant.id);
    const users = USERS.in(tenant);
    if (users.findBy('email', emailKey(body.email))) throw simError('RESOURCE_007', { message: MESSAGES.userExists });
    if (users.size >= this.deps.maxUsers) throw limitError(USER_CAP, this.deps.maxUsers);
    users.set(record.id, record);
    return userToWire(record, tenant.id);
  }

  updateUserRole(tenant: Tenant, caller: ApiKeyRecord, userId: string, role: UserRole, sandbox: boolean): User {
    const now = sentTimestamp(tenant.clock.now());
    if (sandbox) {
      // No lookup, but an id that is no UUID names no user (the answer's `id` is a UUID): 404 as live.
      if (!isUuid(userId)) throw simError('RESOURCE_006');
      return userToWire({ ...sandboxUser(userId, tenant.clock.now()), role, updated_at: now }, tenant.id);
    }
    const users = USERS.in(tenant);
    const target = found(tenant, userId);
    assertNotSelf(target, keyHash(caller.key), MESSAGES.userOwnRole);
    assertKeepsAdmin(target, role, users.values());
    const next: UserRecord = { ...target, role, updated_at: now };
    users.set(next.id, next);
    return userToWire(next, tenant.id);
  }

  /** Removes the user's access; the key linked to it (if any) keeps working (rest §11 [NEWER]). */
  removeUser(tenant: Tenant, caller: ApiKeyRecord, userId: string, sandbox: boolean): void {
    if (sandbox) return;
    const users = USERS.in(tenant);
    const target = found(tenant, userId);
    assertNotSelf(target, keyHash(caller.key), MESSAGES.userRemoveSelf);
    assertKeepsAdmin(target, null, users.values());
    users.delete(target.id);
  }

  /** `POST /_sim/users/{id}/accept`: an invitation becomes active; an active user stays as it is. */
  acceptInvitation(tenant: Tenant, userId: string): User {
    const target = found(tenant, userId);
    if (target.status !== 'invited') return userToWire(target, tenant.id);
    const next: UserRecord = { ...target, status: 'active', updated_at: sentTimestamp(tenant.clock.now()) };
    USERS.in(tenant).set(next.id, next);
    return userToWire(next, tenant.id);
  }
}

/**
 * The demo tenant's users (docs/decisions/0019): one active user behind each of its admin,
 * developer and billing keys, with the ids of the spec's examples, invited and accepted 30 days
 * before the seed.
 */
export function seedDemoUsers(tenant: Tenant): void {
  const start = tenant.clock.now() - 30 * 24 * HOUR;
  const users = USERS.in(tenant);
  DEMO_USERS.forEach(({ id, role, name }, i) => {
    const key = [...tenant.keys.values()].find((k) => k.type === 'organization' && k.role === role);
    users.set(id, {
      id,
      email: `${role}@demo.sent-sim.test`,
      name,
      role,
      status: 'active',
      invited_at: sentTimestamp(start),
      last_login_at: null,
      created_at: sentTimestamp(start),
      updated_at: sentTimestamp(start + (30 + i) * 60_000),
      api_key_sha256: key ? keyHash(key.key) : null,
    });
  });
}

const DEMO_USERS: ReadonlyArray<{ id: string; role: Exclude<Role, 'owner'>; name: string }> = [
  { id: '880e8400-e29b-41d4-a716-446655440003', role: 'admin', name: 'Demo Admin' },
  { id: '880e8400-e29b-41d4-a716-446655440004', role: 'developer', name: 'Demo Developer' },
  { id: '880e8400-e29b-41d4-a716-446655440006', role: 'billing', name: 'Demo Billing' },
];

/** A user of the tenant, else `404 RESOURCE_006`: `userId` is a plain string, any value may be asked for. */
function found(tenant: Tenant, userId: string): UserRecord {
  const users = USERS.in(tenant);
  const user = users.get(userId) ?? users.get(userId.toLowerCase());
  if (!user) throw simError('RESOURCE_006');
  return user;
}

/** What a sandbox role change is applied to (no lookup): a sample active user with the requested id. */
function sandboxUser(id: string, now: number): UserRecord {
  const at = sentTimestamp(now - 7 * 24 * HOUR);
  return {
    id,
    email: 'sandbox.user@example.com',
    name: 'Sandbox User',
    role: 'developer',
    status: 'active',
    invited_at: at,
    last_login_at: null,
    created_at: at,
    updated_at: null,
    api_key_sha256: null,
  };
}
