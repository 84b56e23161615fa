// Issue 22 (Sent 2026-11, decisions §14): a contact belongs to one account. A profile sees only
// its own (no contact is inherited, `is_inherited` is always false); the organization lists and
// reads its own and its profiles' contacts (read-time widening) and changes only its own.
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import { aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { createContact, listContacts } from '../../support/contacts.js';
import { sim } from '../../support/sim.js';

/** An organization with one contact, and a profile with an admin key of its own. */
async function setup(profileBody: Record<string, unknown> = {}) {
  const { app } = testApp();
  const org = client(app);
  const orgContact = await createContact(org, '+14155550100');
  const profile = (await org.post('/v3/profiles', aProfile(profileBody))).body.data;
  const profileKey = await sim(app, org.key).keyFor('admin', profile.id);
  return { app, org, orgContact, profile, p: client(app, profileKey) };
}
const ids = (res: { body: { data: { contacts: Array<{ id: string }> } } }) => res.body.data.contacts.map((x) => x.id);

describe('a profile', () => {
  it("sees none of its organization's contacts, even when it asks to inherit them", async () => {
    const { p, orgContact } = await setup({ inherit_contacts: true });
    expect((await listContacts(p)).body.data.contacts).toEqual([]);
    const byId = await p.get(`/v3/contacts/${orgContact.id}`);
    expect(byId.status).toBe(404);
    expect(byId.body.error).toMatchObject({ code: 'RESOURCE_001', message: ERROR_CATALOG.RESOURCE_001.message });
    const byPhone = await listContacts(p, { phone: '+14155550100' });
    expect(byPhone.status).toBe(404);
    expect(byPhone.body.error.message).toBe(MESSAGES.contactPhoneNotFound);
    for (const res of [await p.patch(`/v3/contacts/${orgContact.id}`, { opt_out: true }), await p.delete(`/v3/contacts/${orgContact.id}`)]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('RESOURCE_001');
    }
  });

  it('owns its contacts: customer_id is the profile, is_inherited false, and it changes and deletes them', async () => {
    const { p, profile } = await setup();
    const own = await createContact(p, '+14155550101');
    expect(own).toMatchObject({ customer_id: profile.id, is_inherited: false });
    expect(ids(await listContacts(p))).toEqual([own.id]);
    const patched = await p.patch(`/v3/contacts/${own.id}`, { default_channel: 'whatsapp' });
    expect(patched.body.data).toMatchObject({ id: own.id, customer_id: profile.id, default_channel: 'whatsapp', is_inherited: false });
    expect((await p.get(`/v3/contacts/${own.id}`)).body.data).toEqual(patched.body.data);
    expect((await p.delete(`/v3/contacts/${own.id}`)).status).toBe(204);
    expect(ids(await listContacts(p))).toEqual([]);
  });

  it('may hold a number its organization holds too: two contacts, one per account', async () => {
    const { org, p, profile, orgContact } = await setup();
    const own = await createContact(p, '+14155550100');
    expect(own.id).not.toBe(orgContact.id);
    expect((await listContacts(p, { phone: '+14155550100' })).body.data.contacts).toEqual([own]);
    expect((await p.post('/v3/contacts', { phone_number: '+14155550100' })).status).toBe(409);
    // The organization reads both, newest first, each with its owner.
    const both = (await listContacts(org, { phone: '+14155550100' })).body.data.contacts;
    expect(both.map((x: { id: string; customer_id: string }) => [x.id, x.customer_id])).toEqual([
      [own.id, profile.id],
      [orgContact.id, orgContact.customer_id],
    ]);
  });

  it('is the account an organization key acts as with x-profile-id', async () => {
    const { org, profile, orgContact } = await setup();
    const scoped = { 'x-profile-id': profile.id };
    const own = await createContact(org, '+14155550199', scoped);
    expect(own.customer_id).toBe(profile.id);
    const list = await listContacts(org, {}, scoped);
    expect(list.headers['x-profile-id']).toBe(profile.id);
    expect(ids(list)).toEqual([own.id]);
    expect((await org.patch(`/v3/contacts/${orgContact.id}`, { opt_out: true }).set('x-profile-id', profile.id)).status).toBe(404);
    expect((await org.get(`/v3/contacts/${orgContact.id}`)).body.data.opt_out).toBe(false);
  });
});

describe('the organization', () => {
  it("lists and reads its own and its profiles' contacts, newest first, each with its customer_id", async () => {
    const { org, p, profile, orgContact } = await setup();
    const own = await createContact(p, '+14155550101');
    const tenant = orgContact.customer_id;
    const list = await listContacts(org);
    expect(ids(list)).toEqual([own.id, orgContact.id]);
    expect(list.body.data.contacts.map((x: { customer_id: string; is_inherited: boolean }) => [x.customer_id, x.is_inherited])).toEqual([
      [profile.id, false],
      [tenant, false],
    ]);
    expect(list.body.data.pagination).toMatchObject({ total_count: 2, has_more: false });
    expect((await org.get(`/v3/contacts/${own.id}`)).body.data).toEqual(own);
    // The channel filter and the search read the widened list too.
    expect(ids(await listContacts(org, { channel: 'sms' }))).toEqual([own.id, orgContact.id]);
    expect(ids(await listContacts(org, { search: '555-0101' }))).toEqual([own.id]);
  });

  it("may not change a profile's contact: 404 RESOURCE_001 on PATCH and DELETE, and the contact is unchanged", async () => {
    const { org, p } = await setup();
    const own = await createContact(p, '+14155550101');
    for (const res of [await org.patch(`/v3/contacts/${own.id}`, { opt_out: true }), await org.delete(`/v3/contacts/${own.id}`)]) {
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'RESOURCE_001', message: ERROR_CATALOG.RESOURCE_001.message });
    }
    expect((await p.get(`/v3/contacts/${own.id}`)).body.data).toEqual(own);
    expect((await org.get(`/v3/contacts/${own.id}`)).body.data).toEqual(own);
  });

  it("still reads a deleted profile's contacts (they stay in the organization)", async () => {
    const { org, p, profile, orgContact } = await setup();
    const own = await createContact(p, '+14155550101');
    expect((await org.delete(`/v3/profiles/${profile.id}`)).status).toBe(204);
    expect(ids(await listContacts(org))).toEqual([own.id, orgContact.id]);
  });
});
