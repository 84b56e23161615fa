import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import { client, testApp } from '../../support/app.js';
import { createContact, listContacts } from '../../support/contacts.js';
import { sim } from '../../support/sim.js';

const UNKNOWN_ID = '3f1c2a9e-5b7d-4c8e-9f0a-1b2c3d4e5f60';

function setup(config: Parameters<typeof testApp>[0] = {}) {
  const { app } = testApp(config);
  const c = client(app);
  const stored = async () => (await sim(app, c.key).tenant()).totals.contacts as number;
  return { app, c, stored };
}

describe('creating a contact refuses', () => {
  it.each([
    ['no phone_number', {}],
    ['an empty phone_number', { phone_number: '' }],
  ])('%s with 400 VALIDATION_001 "Phone number is required" and stores nothing', async (_, body) => {
    const { c, stored } = setup();
    const res = await c.post('/v3/contacts', body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', message: MESSAGES.phoneNumberRequired, details: null });
    expect(await stored()).toBe(0);
  });

  it.each(['4155550100', '+1 415 555 0100', '+0123456789', '+1415', '+1415555010012345', ' +14155550100', 'tel:+14155550100'])(
    'a number that is not E.164 (%j) with 400 VALIDATION_002 naming phone_number',
    async (phone) => {
      const { c, stored } = setup();
      const res = await c.post('/v3/contacts', { phone_number: phone });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_002', message: ERROR_CATALOG.VALIDATION_002.message, details: { phone_number: [MESSAGES.phoneNumberNotE164] } });
      expect(await stored()).toBe(0);
    },
  );

  it.each([14155550100, null])('a phone_number of the wrong type (%j) with 400 VALIDATION_001', async (phone) => {
    const { c, stored } = setup();
    const res = await c.post('/v3/contacts', { phone_number: phone });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', details: { phone_number: ['The phone_number field must be of type string'] } });
    expect(await stored()).toBe(0);
  });

  it('lists a phone problem together with a schema problem', async () => {
    const { c } = setup();
    const res = await c.post('/v3/contacts', { phone_number: '4155550100', sandbox: 'yes' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_001');
    expect(res.body.error.details).toEqual({ sandbox: ['The sandbox field must be of type boolean'], phone_number: [MESSAGES.phoneNumberNotE164] });
  });

  it('a number the account already has with 409 RESOURCE_007, keeping the first', async () => {
    const { c } = setup();
    const first = await createContact(c, '+14155550100');
    const res = await c.post('/v3/contacts', { phone_number: '+14155550100' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'RESOURCE_007', message: MESSAGES.contactExists, details: null });
    expect((await listContacts(c)).body.data.contacts).toEqual([first]);
  });

  it('past maxContactsPerTenant with 400 BUSINESS_008', async () => {
    const { c, stored } = setup({ config: { maxContactsPerTenant: 2 } });
    await createContact(c, '+14155550100');
    await createContact(c, '+14155550101');
    const res = await c.post('/v3/contacts', { phone_number: '+14155550102' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'BUSINESS_008', message: MESSAGES.contactCap(2) });
    expect(await stored()).toBe(2);
  });
});

describe('creating a contact accepts', () => {
  it('an E.164 number no country has, shown as typed (numbers are checked by syntax only)', async () => {
    const { c } = setup();
    const contact = await createContact(c, '+99912345678');
    expect(contact).toMatchObject({ format_e164: '+99912345678', format_international: '+99912345678', format_rfc: 'tel:+99912345678', region_code: '', available_channels: 'sms' });
    expect((await c.get(`/v3/contacts/${contact.id}`)).body.data).toEqual(contact);
  });

  it('a fictional number libphonenumber calls invalid, with the region of its calling code', async () => {
    const { c } = setup();
    expect(await createContact(c, '+15555555555')).toMatchObject({ format_national: '(555) 555-5555', region_code: 'US', available_channels: 'sms' });
  });
});

describe('contact ids', () => {
  it.each([
    ['GET', (c: ReturnType<typeof client>, p: string) => c.get(p)],
    ['PATCH', (c: ReturnType<typeof client>, p: string) => c.patch(p, { opt_out: true })],
    ['DELETE', (c: ReturnType<typeof client>, p: string) => c.delete(p)],
  ])('an unknown id answers %s with 404 RESOURCE_001 "Contact not found"', async (_, call) => {
    const { c } = setup();
    const res = await call(c, `/v3/contacts/${UNKNOWN_ID}`);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'RESOURCE_001', message: ERROR_CATALOG.RESOURCE_001.message });
  });

  it('a malformed id answers 400 VALIDATION_001 "Invalid contact ID format."', async () => {
    const { c } = setup();
    const res = await c.get('/v3/contacts/not-a-uuid');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', message: MESSAGES.invalidContactId });
  });

  it('an upper-case id finds the contact', async () => {
    const { c } = setup();
    const contact = await createContact(c, '+14155550100');
    expect((await c.get(`/v3/contacts/${contact.id.toUpperCase()}`)).body.data).toEqual(contact);
  });

  it("another tenant's contact is not found, and stays as it was", async () => {
    const { app, c } = setup();
    const contact = await createContact(c, '+14155550100');
    const other = client(app);
    expect((await other.get(`/v3/contacts/${contact.id}`)).status).toBe(404);
    expect((await other.patch(`/v3/contacts/${contact.id}`, { opt_out: true })).status).toBe(404);
    expect((await other.delete(`/v3/contacts/${contact.id}`)).status).toBe(404);
    expect((await c.get(`/v3/contacts/${contact.id}`)).body.data).toEqual(contact);
  });
});

describe('updating a contact refuses', () => {
  it('a default_channel other than sms or whatsapp, changing nothing', async () => {
    const { c } = setup();
    const contact = await createContact(c, '+14155550100');
    const res = await c.patch(`/v3/contacts/${contact.id}`, { default_channel: 'rcs', opt_out: true });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', details: { default_channel: ['The default_channel field must be one of: sms, whatsapp'] } });
    expect((await c.get(`/v3/contacts/${contact.id}`)).body.data).toEqual(contact);
  });

  it('an opt_out that is not a boolean', async () => {
    const { c } = setup();
    const contact = await createContact(c, '+14155550100');
    const res = await c.patch(`/v3/contacts/${contact.id}`, { opt_out: 'yes' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details)).toEqual(['opt_out']);
    expect((await c.get(`/v3/contacts/${contact.id}`)).body.data.opt_out).toBe(false);
  });
});

describe('listing contacts refuses', () => {
  it.each([
    ['page=0&page_size=10', 'VALIDATION_005', { page: [MESSAGES.pageTooSmall] }],
    ['page=-1', 'VALIDATION_005', { page: [MESSAGES.pageTooSmall] }],
    ['page=1.5', 'VALIDATION_005', { page: [MESSAGES.pageTooSmall] }],
    ['page_size=abc', 'VALIDATION_001', { page_size: [MESSAGES.pageSizeRange] }],
    ['page=1&page_size=0', 'VALIDATION_001', { page_size: [MESSAGES.pageSizeRange] }],
    ['page=1&page_size=101', 'VALIDATION_001', { page_size: [MESSAGES.pageSizeRange] }],
  ])('%s with 400 %s', async (query, code, details) => {
    const { c } = setup();
    const res = await c.get(`/v3/contacts?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code, details });
  });
});
