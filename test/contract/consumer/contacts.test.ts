import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { CONTACT_PHONE, EXAMPLE, NEWER_CONTACT_PHONE, OLDER_CONTACT_PHONE, PROFILE_CONTACT_PHONE } from '../../../src/verify/fixtures.js';
import { STATE } from '../../../src/verify/states/index.js';
import { contractPact, partner, sends } from './support/pact.js';
import { contact, pagination } from './support/resources.js';
import { answers, failure, fieldErrors, success, timestamp, uuid } from './support/shapes.js';

const { fromProviderState } = MatchersV3;
const pact = contractPact();
const contactPath = fromProviderState('/v3/contacts/${contactId}', `/v3/contacts/${EXAMPLE.contactId}`);
const example = `/v3/contacts/${EXAMPLE.contactId}`;
const existing = { contactId: EXAMPLE.contactId, phoneNumber: CONTACT_PHONE };
const asProfile = () => ({ 'x-profile-id': fromProviderState('${profileId}', EXAMPLE.profileId) });

describe('POST /v3/contacts', () => {
  it('creates a contact: 201 with the number in every format', async () => {
    await pact
      .addInteraction()
      .given(STATE.noContactWithPhone, { phoneNumber: CONTACT_PHONE })
      .uponReceiving('a request to create a contact')
      .withRequest('POST', '/v3/contacts', (b) => b.headers(sends()).jsonBody({ phone_number: CONTACT_PHONE }))
      .willRespondWith(201, (b) => b.headers(answers()).jsonBody(success(contact({ default_channel: 'sms' }))))
      .executeTest(async (server) => {
        expect((await partner(server.url).post('/v3/contacts', { phone_number: CONTACT_PHONE })).body.data.format_national).toBe('(415) 555-0123');
      });
  });

  it('refuses a number the account already has with 409 RESOURCE_007', async () => {
    await pact
      .addInteraction()
      .given(STATE.contact, existing)
      .uponReceiving('a request to create a contact whose number already exists')
      .withRequest('POST', '/v3/contacts', (b) => b.headers(sends()).jsonBody({ phone_number: CONTACT_PHONE }))
      .willRespondWith(409, (b) => b.headers(answers()).jsonBody(failure('RESOURCE_007', null, MESSAGES.contactExists)))
      .executeTest(async (server) => {
        expect((await partner(server.url).post('/v3/contacts', { phone_number: CONTACT_PHONE })).status).toBe(409);
      });
  });

  it('refuses an empty number: 400 "Phone number is required"', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request to create a contact with an empty phone number')
      // Not `{}`: pact-js's verifier proxy forwards an empty JSON object as no body at all.
      .withRequest('POST', '/v3/contacts', (b) => b.headers(sends()).jsonBody({ phone_number: '' }))
      .willRespondWith(400, (b) => b.headers(answers()).jsonBody(failure('VALIDATION_001', null, MESSAGES.phoneNumberRequired)))
      .executeTest(async (server) => {
        expect((await partner(server.url).post('/v3/contacts', { phone_number: '' })).body.error.message).toBe(MESSAGES.phoneNumberRequired);
      });
  });

  it('refuses a number that is not E.164 with 400 VALIDATION_002', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request to create a contact with a number that is not E.164')
      .withRequest('POST', '/v3/contacts', (b) => b.headers(sends()).jsonBody({ phone_number: '415-555-0123' }))
      .willRespondWith(400, (b) => b.headers(answers()).jsonBody(failure('VALIDATION_002', fieldErrors('phone_number'))))
      .executeTest(async (server) => {
        expect((await partner(server.url).post('/v3/contacts', { phone_number: '415-555-0123' })).body.error.code).toBe('VALIDATION_002');
      });
  });
});

describe('GET /v3/contacts', () => {
  it('lists contacts newest first', async () => {
    const listed = (phone: string) => ({ id: uuid(EXAMPLE.contactId), phone_number: phone, format_e164: phone, created_at: timestamp() });
    await pact
      .addInteraction()
      .given(STATE.contactsInOrder, { profileId: EXAMPLE.profileId, olderPhone: OLDER_CONTACT_PHONE, newerPhone: NEWER_CONTACT_PHONE })
      .uponReceiving('a request to list the contacts of an account that has two')
      .withRequest('GET', '/v3/contacts', (b) => b.headers(sends(asProfile(), false)).query({ page: '1', page_size: '20' }))
      .willRespondWith(200, (b) =>
        b.headers(answers()).jsonBody(
          success({ contacts: [listed(NEWER_CONTACT_PHONE), listed(OLDER_CONTACT_PHONE)], pagination: { ...pagination(), total_count: 2, total_pages: 1, has_more: false } }),
        ),
      )
      .executeTest(async (server) => {
        const res = await partner(server.url).call('GET', '/v3/contacts?page=1&page_size=20', undefined, { 'x-profile-id': EXAMPLE.profileId });
        expect(res.body.data.contacts.map((c: { phone_number: string }) => c.phone_number)).toEqual([NEWER_CONTACT_PHONE, OLDER_CONTACT_PHONE]);
      });
  });

  it('lists without page or page_size, as SDK ≥ 0.38 asks for the first page: page 1, 50 a page', async () => {
    const listed = (phone: string) => ({ id: uuid(EXAMPLE.contactId), phone_number: phone });
    await pact
      .addInteraction()
      .given(STATE.contactsInOrder, { profileId: EXAMPLE.profileId, olderPhone: OLDER_CONTACT_PHONE, newerPhone: NEWER_CONTACT_PHONE })
      .uponReceiving('a request to list contacts without page or page_size')
      .withRequest('GET', '/v3/contacts', (b) => b.headers(sends(asProfile(), false)))
      .willRespondWith(200, (b) =>
        b.headers(answers()).jsonBody(
          success({ contacts: [listed(NEWER_CONTACT_PHONE), listed(OLDER_CONTACT_PHONE)], pagination: { page: 1, page_size: 50, total_count: 2, total_pages: 1, has_more: false } }),
        ),
      )
      .executeTest(async (server) => {
        const res = await partner(server.url).call('GET', '/v3/contacts', undefined, { 'x-profile-id': EXAMPLE.profileId });
        expect(res.body.data.pagination).toMatchObject({ page: 1, page_size: 50, has_more: false });
      });
  });

  it('finds one contact by its exact number with the phone filter', async () => {
    await pact
      .addInteraction()
      .given(STATE.contact, existing)
      .uponReceiving('a request to find a contact by phone number')
      .withRequest('GET', '/v3/contacts', (b) => b.headers(sends({}, false)).query({ page: '1', page_size: '20', phone: CONTACT_PHONE }))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success({ contacts: [contact()], pagination: { ...pagination(), total_count: 1 } })))
      .executeTest(async (server) => {
        expect((await partner(server.url).get(`/v3/contacts?page=1&page_size=20&phone=${encodeURIComponent(CONTACT_PHONE)}`)).body.data.contacts).toHaveLength(1);
      });
  });

  it('answers 404 RESOURCE_001 when no contact has the number of the phone filter', async () => {
    await pact
      .addInteraction()
      .given(STATE.noContactWithPhone, { phoneNumber: CONTACT_PHONE })
      .uponReceiving('a request to find a contact by a phone number nobody has')
      .withRequest('GET', '/v3/contacts', (b) => b.headers(sends({}, false)).query({ page: '1', page_size: '20', phone: CONTACT_PHONE }))
      .willRespondWith(404, (b) => b.headers(answers()).jsonBody(failure('RESOURCE_001', null, MESSAGES.contactPhoneNotFound)))
      .executeTest(async (server) => {
        expect((await partner(server.url).get(`/v3/contacts?page=1&page_size=20&phone=${encodeURIComponent(CONTACT_PHONE)}`)).status).toBe(404);
      });
  });
});

describe('one contact', () => {
  it('retrieves a contact', async () => {
    await pact
      .addInteraction()
      .given(STATE.contact, existing)
      .uponReceiving('a request to retrieve a contact')
      .withRequest('GET', contactPath, (b) => b.headers(sends({}, false)))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success(contact())))
      .executeTest(async (server) => {
        expect((await partner(server.url).get(example)).body.data.phone_number).toBe(CONTACT_PHONE);
      });
  });

  it('opts a contact out with PATCH', async () => {
    await pact
      .addInteraction()
      .given(STATE.contact, existing)
      .uponReceiving('a request to opt a contact out')
      .withRequest('PATCH', contactPath, (b) => b.headers(sends()).jsonBody({ opt_out: true }))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success(contact({ opt_out: true, updated_at: timestamp() }))))
      .executeTest(async (server) => {
        expect((await partner(server.url).patch(example, { opt_out: true })).body.data.opt_out).toBe(true);
      });
  });

  it('deletes a contact: 204 with no body', async () => {
    await pact
      .addInteraction()
      .given(STATE.contact, existing)
      .uponReceiving('a request to delete a contact')
      .withRequest('DELETE', contactPath, (b) => b.headers(sends({}, false)))
      .willRespondWith(204, (b) => b.headers(answers()))
      .executeTest(async (server) => {
        expect((await partner(server.url).delete(example)).status).toBe(204);
      });
  });

  // Sent, 2026-11: a contact belongs to one account. The organization reads its profiles'
  // contacts (read-time widening) but changes only its own; a profile sees only its own.
  const ofProfile = { profileId: EXAMPLE.profileId, contactId: EXAMPLE.contactId, phoneNumber: PROFILE_CONTACT_PHONE };

  it("reads a profile's contact as the organization: 200, owned by the profile, not inherited", async () => {
    await pact
      .addInteraction()
      .given(STATE.profileContact, ofProfile)
      .uponReceiving("a request from the organization to retrieve a contact of one of its profiles")
      .withRequest('GET', contactPath, (b) => b.headers(sends({}, false)))
      .willRespondWith(200, (b) =>
        b.headers(answers()).jsonBody(success({ id: uuid(EXAMPLE.contactId), customer_id: uuid(EXAMPLE.profileId), phone_number: PROFILE_CONTACT_PHONE, is_inherited: false })),
      )
      .executeTest(async (server) => {
        expect((await partner(server.url).get(example)).body.data.phone_number).toBe(PROFILE_CONTACT_PHONE);
      });
  });

  it("refuses the organization's change of a profile's contact: 404 RESOURCE_001", async () => {
    await pact
      .addInteraction()
      .given(STATE.profileContact, ofProfile)
      .uponReceiving("a request from the organization to change a contact of one of its profiles")
      .withRequest('PATCH', contactPath, (b) => b.headers(sends()).jsonBody({ opt_out: true }))
      .willRespondWith(404, (b) => b.headers(answers()).jsonBody(failure('RESOURCE_001')))
      .executeTest(async (server) => {
        expect((await partner(server.url).patch(example, { opt_out: true })).body.error.code).toBe('RESOURCE_001');
      });
  });

  it("does not show a profile its organization's contacts: the phone filter finds nothing", async () => {
    await pact
      .addInteraction()
      .given(STATE.contact, existing)
      .given(STATE.profile, { profileId: EXAMPLE.profileId, name: 'Sales Team' })
      .uponReceiving("a request from a profile to find a number only its organization has")
      .withRequest('GET', '/v3/contacts', (b) => b.headers(sends(asProfile(), false)).query({ page: '1', page_size: '20', phone: CONTACT_PHONE }))
      .willRespondWith(404, (b) => b.headers(answers()).jsonBody(failure('RESOURCE_001', null, MESSAGES.contactPhoneNotFound)))
      .executeTest(async (server) => {
        const res = await partner(server.url).call('GET', `/v3/contacts?page=1&page_size=20&phone=${encodeURIComponent(CONTACT_PHONE)}`, undefined, { 'x-profile-id': EXAMPLE.profileId });
        expect(res.status).toBe(404);
      });
  });

  const gone = (description: string, state: string, params: Record<string, string>, method: string, body?: object) =>
    pact
      .addInteraction()
      .given(state, params)
      .uponReceiving(description)
      .withRequest(method, params.contactId === EXAMPLE.contactId ? contactPath : `/v3/contacts/${params.contactId}`, (b) => {
        b.headers(sends({}, body !== undefined));
        if (body !== undefined) b.jsonBody(body);
      })
      .willRespondWith(404, (b) => b.headers(answers()).jsonBody(failure('RESOURCE_001')))
      .executeTest(async (server) => {
        expect((await partner(server.url).call(method, `/v3/contacts/${params.contactId}`, body)).body.error.code).toBe('RESOURCE_001');
      });

  it('answers 404 RESOURCE_001 to an unknown contact', () =>
    gone('a request to retrieve an unknown contact', STATE.noContact, { contactId: EXAMPLE.unknownContactId }, 'GET'));
  it('answers 404 RESOURCE_001 to a deleted contact', () => gone('a request to retrieve a deleted contact', STATE.contactDeleted, existing, 'GET'));
  it('answers 404 RESOURCE_001 to changing an unknown contact', () =>
    gone('a request to change an unknown contact', STATE.noContact, { contactId: EXAMPLE.unknownContactId }, 'PATCH', { opt_out: true }));

  it('answers 400 to a malformed contact id', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request to retrieve a contact with a malformed id')
      .withRequest('GET', '/v3/contacts/not-a-contact-id', (b) => b.headers(sends({}, false)))
      .willRespondWith(400, (b) => b.headers(answers()).jsonBody(failure('VALIDATION_001', fieldErrors('id'), MESSAGES.invalidContactId)))
      .executeTest(async (server) => {
        expect((await partner(server.url).get('/v3/contacts/not-a-contact-id')).status).toBe(400);
      });
  });
});
