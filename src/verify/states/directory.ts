/**
 * Provider states of contacts and users. The phone numbers and e-mails are fixed (the contracts
 * expect their formats back), so these states are idempotent: they make sure a contact or user
 * is there, or is not, whatever earlier runs left behind. Only "the key acts as a user" needs
 * the control plane.
 */
import { createHash } from 'node:crypto';
import { INVITE, PROFILE } from '../fixtures.js';
import type { Target } from '../target.js';
import { NOTHING, text, type StateDefinition } from './types.js';

export const DIRECTORY_STATE = {
  noContactWithPhone: 'no contact has the phone number {phoneNumber}',
  contact: 'a contact {contactId} with the phone number {phoneNumber} exists',
  contactDeleted: 'a contact {contactId} with the phone number {phoneNumber} was deleted',
  noContact: 'no contact {contactId} exists',
  contactsInOrder: 'a profile {profileId} with contacts {olderPhone} and then {newerPhone}',
  profileContact: 'a profile {profileId} with its own contact {contactId} with the phone number {phoneNumber}',
  userInvited: 'a user {userId} was invited as {email}',
  noUserWithEmail: 'no user has the email {email}',
  noUser: 'no user {userId} exists',
  keyIsUser: 'the API key acts as the user {userId}',
} as const;

export const DIRECTORY_STATES: Record<(typeof DIRECTORY_STATE)[keyof typeof DIRECTORY_STATE], StateDefinition> = {
  [DIRECTORY_STATE.noContactWithPhone]: {
    setup: async ({ target }, params) => {
      const existing = await findContact(target, text(params, 'phoneNumber'));
      if (existing) await target.expect(204, 'DELETE', `/v3/contacts/${existing}`);
    },
  },
  [DIRECTORY_STATE.contact]: {
    // Made afresh, so it has every default (an earlier interaction may have opted the last one out).
    setup: async ({ target }, params) => {
      const phone = text(params, 'phoneNumber');
      const existing = await findContact(target, phone);
      if (existing) await target.expect(204, 'DELETE', `/v3/contacts/${existing}`);
      return { contactId: await ensureContact(target, phone) };
    },
  },
  [DIRECTORY_STATE.contactDeleted]: {
    setup: async ({ target }, params) => {
      const contactId = await ensureContact(target, text(params, 'phoneNumber'));
      await target.expect(204, 'DELETE', `/v3/contacts/${contactId}`);
      return { contactId };
    },
  },
  [DIRECTORY_STATE.noContact]: NOTHING,
  [DIRECTORY_STATE.contactsInOrder]: {
    // A profile of its own (a profile sees only its own contacts): its list holds exactly these two.
    setup: async ({ target }, params) => {
      const profileId = await target.createProfile(PROFILE);
      const as = { 'x-profile-id': profileId };
      for (const phone of [text(params, 'olderPhone'), text(params, 'newerPhone')]) {
        await target.expect(201, 'POST', '/v3/contacts', { phone_number: phone }, as);
      }
      return { profileId };
    },
  },
  [DIRECTORY_STATE.profileContact]: {
    // A profile of its own each time, so the number is that profile's alone.
    setup: async ({ target }, params) => {
      const profileId = await target.createProfile(PROFILE);
      const as = { 'x-profile-id': profileId };
      return { profileId, contactId: await ensureContact(target, text(params, 'phoneNumber'), as) };
    },
  },
  [DIRECTORY_STATE.userInvited]: {
    setup: async ({ target }, params) => {
      const email = text(params, 'email');
      const invited = await target.call('POST', '/v3/users', { ...INVITE, email });
      if (invited.status === 201) return { userId: idOf(invited.body, 'POST /v3/users') };
      if (invited.status !== 409) throw new Error(`POST /v3/users answered ${invited.status}, expected 201 (or 409 for a user already there)`);
      const userId = await findUser(target, email);
      if (!userId) throw new Error(`POST /v3/users answered 409 for ${email}, but no listed user has that e-mail`);
      return { userId };
    },
  },
  [DIRECTORY_STATE.noUserWithEmail]: {
    setup: async ({ target }, params) => {
      const userId = await findUser(target, text(params, 'email'));
      if (userId) await target.expect(204, 'DELETE', `/v3/users/${userId}`);
    },
  },
  [DIRECTORY_STATE.noUser]: NOTHING,
  [DIRECTORY_STATE.keyIsUser]: {
    controlPlane: 'which user an API key acts as is decided outside the API (the simulator links a user to the key in an imported snapshot)',
    setup: async ({ target }) => {
      // A fresh tenant whose owner key is linked to one admin user, through export and import.
      const key = target.useFreshTenant();
      const snapshot = (await target.controlExpect('GET', '/_sim/export')) as { collections?: Record<string, unknown[]> };
      const userId = '880e8400-e29b-41d4-a716-4466554400aa';
      const at = '2026-05-21T12:05:03.7540000+00:00';
      const self = {
        id: userId,
        email: 'self@example.com',
        name: 'Verification User',
        role: 'admin',
        status: 'active',
        invited_at: at,
        last_login_at: null,
        created_at: at,
        updated_at: null,
        api_key_sha256: createHash('sha256').update(key).digest('hex'),
      };
      await target.controlExpect('POST', '/_sim/import', { ...snapshot, collections: { ...snapshot.collections, users: [self] } });
      return { userId };
    },
  },
};

/** The id of the account's contact with `phone`, or null (`phone` filter: 404 when there is none). */
async function findContact(target: Target, phone: string, headers?: Record<string, string>): Promise<string | null> {
  const answer = await target.call('GET', `/v3/contacts?page=1&page_size=1&phone=${encodeURIComponent(phone)}`, undefined, headers);
  if (answer.status === 404) return null;
  if (answer.status !== 200) throw new Error(`GET /v3/contacts?phone=${phone} answered ${answer.status}`);
  const id = (answer.body as { data?: { contacts?: Array<{ id?: unknown }> } }).data?.contacts?.[0]?.id;
  return typeof id === 'string' ? id : null;
}

async function ensureContact(target: Target, phone: string, headers?: Record<string, string>): Promise<string> {
  const created = await target.call('POST', '/v3/contacts', { phone_number: phone }, headers);
  if (created.status === 201) return idOf(created.body, 'POST /v3/contacts');
  if (created.status !== 409) throw new Error(`POST /v3/contacts answered ${created.status}, expected 201 (or 409 for a number already there)`);
  const id = await findContact(target, phone, headers);
  if (!id) throw new Error(`POST /v3/contacts answered 409 for ${phone}, but the phone filter finds no contact`);
  return id;
}

async function findUser(target: Target, email: string): Promise<string | null> {
  const { users } = await target.data<{ users?: Array<{ id?: string; email?: string }> }>(200, 'GET', '/v3/users');
  return users?.find((u) => u.email?.toLowerCase() === email.toLowerCase())?.id ?? null;
}

function idOf(body: unknown, what: string): string {
  const id = (body as { data?: { id?: unknown } } | null)?.data?.id;
  if (typeof id !== 'string') throw new Error(`${what} answered without data.id`);
  return id;
}
