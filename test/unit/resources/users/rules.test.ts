import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../../src/errors/catalog.js';
import type { SimError } from '../../../../src/errors/sim-error.js';
import type { UserRecord } from '../../../../src/resources/users/collection.js';
import { assertKeepsAdmin, assertNotSelf, inviteProblems } from '../../../../src/resources/users/rules.js';

function aUser(id: string, role: UserRecord['role'], status: UserRecord['status'] = 'active', hash: string | null = null): UserRecord {
  return { id, email: `${id}@example.com`, name: id, role, status, invited_at: null, last_login_at: null, created_at: '', updated_at: null, api_key_sha256: hash };
}

const thrown = (fn: () => void): SimError | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e as SimError;
  }
};

describe('assertKeepsAdmin', () => {
  const admin = aUser('a', 'admin');
  it.each([
    ['demoting the only active admin', [admin], 'developer' as const, true],
    ['removing the only active admin', [admin], null, true],
    ['keeping the only admin an admin', [admin], 'admin' as const, false],
    ['demoting one of two active admins', [admin, aUser('b', 'admin')], 'billing' as const, false],
    ['demoting an admin when the other admin is only invited', [admin, aUser('b', 'admin', 'invited')], 'billing' as const, true],
    ['removing a developer', [aUser('d', 'developer')], null, false],
  ])('%s → refused: %s', (_, users, next, refused) => {
    const error = thrown(() => assertKeepsAdmin(users[0]!, next, users));
    expect(error?.message).toBe(refused ? MESSAGES.userLastAdmin : undefined);
    if (refused) expect(error).toMatchObject({ code: 'VALIDATION_001', status: 400 });
  });

  it('lets an invited admin go', () => {
    expect(thrown(() => assertKeepsAdmin(aUser('i', 'admin', 'invited'), null, [aUser('i', 'admin', 'invited')]))).toBeUndefined();
  });
});

describe('assertNotSelf', () => {
  it('refuses the user linked to the caller key, with the given message', () => {
    expect(thrown(() => assertNotSelf(aUser('a', 'admin', 'active', 'h1'), 'h1', MESSAGES.userRemoveSelf))).toMatchObject({ code: 'VALIDATION_001', message: MESSAGES.userRemoveSelf });
  });
  it.each([
    ['another key', 'h1', 'h2'],
    ['a user linked to no key', null, 'h2'],
  ])('lets %s through', (_, hash, caller) => {
    expect(thrown(() => assertNotSelf(aUser('a', 'admin', 'active', hash), caller, MESSAGES.userOwnRole))).toBeUndefined();
  });
});

describe('inviteProblems', () => {
  it('reports over-long email and name, and nothing for a normal invite or a non-object', () => {
    expect(inviteProblems({ email: `${'a'.repeat(250)}@x.io`, name: 'n'.repeat(256) })).toEqual({ email: [MESSAGES.userEmailTooLong], name: [MESSAGES.userNameTooLong] });
    expect(inviteProblems({ email: 'a@b.co', name: 'A' })).toEqual({});
    expect(inviteProblems([1, 2])).toEqual({});
  });
});
