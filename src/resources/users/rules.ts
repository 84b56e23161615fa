/**
 * User rules as pure functions (docs/decisions/0019): who the caller is among the users, what
 * nobody may do to themselves, and the last active admin. No Express, no I/O.
 */
import type { components } from '../../generated/sent-v3.js';
import { MESSAGES } from '../../errors/catalog.js';
import { simError, type ErrorDetails } from '../../errors/sim-error.js';
import type { UserRecord } from './collection.js';

type UserRole = components['schemas']['UserRole'];

/** Lengths the schema leaves open; stored strings are capped (docs/decisions/0022). */
export const MAX_EMAIL_LENGTH = 254;
export const MAX_NAME_LENGTH = 255;

/** Invite rules beside the schema: lengths only (format and role are the schema's, with Sent's wording). */
export function inviteProblems(body: unknown): ErrorDetails {
  const details: ErrorDetails = {};
  if (!isObject(body)) return details;
  if (typeof body.email === 'string' && body.email.length > MAX_EMAIL_LENGTH) details.email = [MESSAGES.userEmailTooLong];
  if (typeof body.name === 'string' && body.name.length > MAX_NAME_LENGTH) details.name = [MESSAGES.userNameTooLong];
  return details;
}

/**
 * Nobody changes their own role or removes themselves: the caller's own user is the one linked
 * to the caller's key. The owner key is no listed user, so it is never refused here.
 */
export function assertNotSelf(target: UserRecord, callerKeyHash: string, message: string): void {
  if (target.api_key_sha256 !== null && target.api_key_sha256 === callerKeyHash) throw simError('VALIDATION_001', { message });
}

/**
 * The last active admin cannot be demoted or removed (rest §11: "last admin cannot be removed",
 * code UNSETTLED → `400 VALIDATION_001`). `nextRole` is null for a removal. Invited admins do not
 * count: they cannot act until they accept.
 */
export function assertKeepsAdmin(target: UserRecord, nextRole: UserRole | null, users: Iterable<UserRecord>): void {
  if (target.role !== 'admin' || target.status !== 'active' || nextRole === 'admin') return;
  for (const u of users) if (u.id !== target.id && u.role === 'admin' && u.status === 'active') return;
  throw simError('VALIDATION_001', { message: MESSAGES.userLastAdmin });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
