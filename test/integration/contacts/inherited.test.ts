import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { createContact, listContacts } from '../../support/contacts.js';
import { sim } from '../../support/sim.js';

/** An organization with one contact, and a profile (inheriting contacts unless said) with an admin key of its own. */
async function setup(inheritContacts = true) {
  const { app } = testApp();
  const org = client(app);
  const orgContact = await createContact(org, '+14155550100');
  const profile = (await org.post('/v3/profiles', aProfile({ inherit_contacts: inheritContacts }))).body.data;
  const profileKey = await sim(app, org.key).keyFor('admin', profile.id);
  return { app, org, orgContact, profile, p: client(app, profileKey) };
}
const ids = (res: { body: { data: { contacts: Array<{ id: string }> } } }) => res.body.data.contacts.map((x) => x.id);

describe('a profile that inherits contacts', () => {
  it("sees its organization's contacts marked is_inherited, in the list and by id", async () => {
    const { p, orgContact } = await setup();
    const list = await listContacts(p);
    expect(list.body.data.contacts).toEqual([{ ...orgContact, is_inherited: true }]);
    expect((await p.get(`/v3/contacts/${orgContact.id}`)).body.data).toEqual({ ...orgContact, is_inherited: true });
    expect((await listContacts(p, { phone: '+14155550100' })).body.data.contacts).toEqual([{ ...orgContact, is_inherited: true }]);
  });

  it('may not update an inherited contact: 400 VALIDATION_001, and the contact is unchanged', async () => {
    const { org, p, orgContact } = await setup();
    const res = await p.patch(`/v3/contacts/${orgContact.id}`, { opt_out: true });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', message: MESSAGES.contactReadOnly, details: null });
    expect((await org.get(`/v3/contacts/${orgContact.id}`)).body.data).toEqual(orgContact);
  });

  it('may not delete an inherited contact: the same 400, and the contact stays', async () => {
    const { org, p, orgContact } = await setup();
    const res = await p.delete(`/v3/contacts/${orgContact.id}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', message: MESSAGES.contactReadOnly });
    expect((await org.get(`/v3/contacts/${orgContact.id}`)).status).toBe(200);
  });

  it('keeps contacts of its own, which it may change and delete and the organization does not see', async () => {
    const { org, p, orgContact } = await setup();
    const own = await createContact(p, '+14155550101');
    expect(own.is_inherited).toBe(false);
    expect(new Set(ids(await listContacts(p)))).toEqual(new Set([own.id, orgContact.id]));
    expect(ids(await listContacts(org))).toEqual([orgContact.id]);
    expect((await org.get(`/v3/contacts/${own.id}`)).status).toBe(404);
    const patched = await p.patch(`/v3/contacts/${own.id}`, { default_channel: 'whatsapp' });
    expect(patched.body.data).toMatchObject({ id: own.id, default_channel: 'whatsapp', is_inherited: false });
    expect((await p.delete(`/v3/contacts/${own.id}`)).status).toBe(204);
    expect(ids(await listContacts(p))).toEqual([orgContact.id]);
  });

  it("may create a number its organization has; its own contact then hides the inherited one", async () => {
    const { org, p, orgContact } = await setup();
    const own = await createContact(p, '+14155550100');
    expect(own.id).not.toBe(orgContact.id);
    expect((await listContacts(p)).body.data.contacts).toEqual([own]);
    expect((await listContacts(p, { phone: '+14155550100' })).body.data.contacts).toEqual([own]);
    expect((await listContacts(org)).body.data.contacts).toEqual([orgContact]);
    const again = await p.post('/v3/contacts', { phone_number: '+14155550100' });
    expect(again.status).toBe(409);
  });

  it('is the account an organization key acts as with x-profile-id', async () => {
    const { org, profile, orgContact } = await setup();
    const scoped = { 'x-profile-id': profile.id };
    const own = await createContact(org, '+14155550199', scoped);
    const list = await listContacts(org, {}, scoped);
    expect(list.headers['x-profile-id']).toBe(profile.id);
    expect(new Set(list.body.data.contacts.map((x: { id: string; is_inherited: boolean }) => `${x.id}:${x.is_inherited}`))).toEqual(
      new Set([`${own.id}:false`, `${orgContact.id}:true`]),
    );
    const readOnly = await org.patch(`/v3/contacts/${orgContact.id}`, { opt_out: true }).set('x-profile-id', profile.id);
    expect(readOnly.body.error).toMatchObject({ code: 'VALIDATION_001', message: MESSAGES.contactReadOnly });
    expect(ids(await listContacts(org))).toEqual([orgContact.id]);
  });
});

describe('a profile that does not inherit contacts', () => {
  it("sees none of its organization's contacts", async () => {
    const { p, orgContact } = await setup(false);
    expect((await listContacts(p)).body.data.contacts).toEqual([]);
    expect((await p.get(`/v3/contacts/${orgContact.id}`)).status).toBe(404);
    const byPhone = await listContacts(p, { phone: '+14155550100' });
    expect(byPhone.status).toBe(404);
    expect(byPhone.body.error.message).toBe(MESSAGES.contactPhoneNotFound);
    expect((await p.patch(`/v3/contacts/${orgContact.id}`, { opt_out: true })).status).toBe(404);
  });

  it('starts seeing them when inherit_contacts is turned on', async () => {
    const { org, p, profile, orgContact } = await setup(false);
    expect((await org.patch(`/v3/profiles/${profile.id}`, { inherit_contacts: true })).status).toBe(200);
    expect((await listContacts(p)).body.data.contacts).toEqual([{ ...orgContact, is_inherited: true }]);
  });
});
