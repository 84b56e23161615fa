import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '../../../src/errors/catalog.js';
import { client, testApp } from '../../support/app.js';
import { createContact, listContacts } from '../../support/contacts.js';
import { sim } from '../../support/sim.js';

const SENT_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}\+00:00$/;

function setup() {
  const { app } = testApp();
  const c = client(app);
  return { app, c, control: sim(app, c.key) };
}

describe('POST /v3/contacts', () => {
  it('creates a contact with google-libphonenumber formats and reads it back', async () => {
    const { c, control } = setup();
    const res = await c.post('/v3/contacts', { phone_number: '+14155550100' });
    expect(res.status).toBe(201);
    const contact = res.body.data;
    expect(contact).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      customer_id: (await control.tenant()).organization_id,
      phone_number: '+14155550100',
      format_e164: '+14155550100',
      format_international: '+1 415-555-0100',
      format_national: '(415) 555-0100',
      format_rfc: 'tel:+1-415-555-0100',
      country_code: '1',
      region_code: 'US',
      available_channels: 'sms,whatsapp',
      default_channel: 'sms',
      opt_out: false,
      is_inherited: false,
      created_at: expect.stringMatching(SENT_TIMESTAMP),
      updated_at: null,
    });
    expect((await c.get(`/v3/contacts/${contact.id}`)).body.data).toEqual(contact);
    expect((await listContacts(c)).body.data.contacts).toEqual([contact]);
    expect((await control.tenant()).contacts).toEqual([expect.objectContaining({ id: contact.id, format_e164: '+14155550100' })]);
  });

  it('gives a landline sms only, with its own country formats', async () => {
    const { c } = setup();
    const contact = await createContact(c, '+442071838750');
    expect(contact).toMatchObject({
      format_international: '+44 20 7183 8750',
      format_national: '020 7183 8750',
      format_rfc: 'tel:+44-20-7183-8750',
      country_code: '44',
      region_code: 'GB',
      available_channels: 'sms',
    });
  });

  it('gives a mobile number whatsapp too', async () => {
    const { c } = setup();
    expect(await createContact(c, '+4915123456789')).toMatchObject({ region_code: 'DE', country_code: '49', available_channels: 'sms,whatsapp' });
  });

  it('replays a create sent again with the same Idempotency-Key instead of answering 409', async () => {
    const { c } = setup();
    const first = await c.post('/v3/contacts', { phone_number: '+14155550100' }).set('Idempotency-Key', 'contact-1');
    const again = await c.post('/v3/contacts', { phone_number: '+14155550100' }).set('Idempotency-Key', 'contact-1');
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.data).toEqual(first.body.data);
    expect((await listContacts(c)).body.data.contacts).toHaveLength(1);
  });

  it('takes the created_at of the tenant clock', async () => {
    const { c, control } = setup();
    const { now } = await control.advance(86_400 * 10);
    const contact = await createContact(c, '+14155550100');
    expect(Date.parse(contact.created_at as string)).toBeGreaterThanOrEqual(Date.parse(now) - 1);
    expect(Date.parse(contact.created_at as string)).toBeGreaterThan(Date.now() + 86_400_000 * 9);
  });
});

describe('PATCH /v3/contacts/{id}', () => {
  it('changes default_channel and opt_out, sets updated_at, and keeps the change', async () => {
    const { c, control } = setup();
    const contact = await createContact(c, '+14155550100');
    await control.advance(60);
    const res = await c.patch(`/v3/contacts/${contact.id}`, { default_channel: 'whatsapp', opt_out: true });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ ...contact, default_channel: 'whatsapp', opt_out: true, updated_at: expect.stringMatching(SENT_TIMESTAMP) });
    expect(Date.parse(res.body.data.updated_at) - Date.parse(contact.created_at as string)).toBeGreaterThanOrEqual(60_000);
    expect((await c.get(`/v3/contacts/${contact.id}`)).body.data).toEqual(res.body.data);
  });

  it('leaves a value unchanged when it is null or absent', async () => {
    const { c } = setup();
    const contact = await createContact(c, '+14155550100');
    await c.patch(`/v3/contacts/${contact.id}`, { default_channel: 'whatsapp', opt_out: true });
    const res = await c.patch(`/v3/contacts/${contact.id}`, { default_channel: null, opt_out: null });
    expect(res.body.data).toMatchObject({ default_channel: 'whatsapp', opt_out: true });
    const back = await c.patch(`/v3/contacts/${contact.id}`, { opt_out: false });
    expect(back.body.data).toMatchObject({ default_channel: 'whatsapp', opt_out: false });
    expect((await c.get(`/v3/contacts/${contact.id}`)).body.data).toMatchObject({ default_channel: 'whatsapp', opt_out: false });
  });
});

describe('DELETE /v3/contacts/{id}', () => {
  it('answers 204 with no body, and the contact is gone', async () => {
    const { c, control } = setup();
    const contact = await createContact(c, '+14155550100');
    const kept = await createContact(c, '+14155550101');
    const res = await c.delete(`/v3/contacts/${contact.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    const gone = await c.get(`/v3/contacts/${contact.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error).toMatchObject({ code: 'RESOURCE_001', message: ERROR_CATALOG.RESOURCE_001.message });
    expect((await listContacts(c)).body.data.contacts.map((x: { id: string }) => x.id)).toEqual([kept.id]);
    expect((await control.tenant()).totals.contacts).toBe(1);
  });

  it('accepts the SDK JSON body, and the number can be created again afterwards', async () => {
    const { c } = setup();
    const contact = await createContact(c, '+14155550100');
    expect((await c.delete(`/v3/contacts/${contact.id}`).send({ sandbox: false })).status).toBe(204);
    const again = await createContact(c, '+14155550100');
    expect(again.id).not.toBe(contact.id);
  });
});

describe('GET /v3/contacts', () => {
  /** Three contacts created a second apart: a US mobile-capable number, a UK landline, another US number. */
  async function three() {
    const s = setup();
    const us = await createContact(s.c, '+14155550100');
    await s.control.advance(1);
    const uk = await createContact(s.c, '+442071838750');
    await s.control.advance(1);
    const us2 = await createContact(s.c, '+12025551234');
    return { ...s, us, uk, us2 };
  }
  const ids = (res: { body: { data: { contacts: Array<{ id: string }> } } }) => res.body.data.contacts.map((x) => x.id);

  it('lists newest first with the pagination meta', async () => {
    const { c, us, uk, us2 } = await three();
    const res = await listContacts(c);
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([us2.id, uk.id, us.id]);
    expect(res.body.data.pagination).toEqual({ page: 1, page_size: 100, total_count: 3, total_pages: 1, has_more: false, cursors: null });
  });

  it('pages, and a page past the end is empty', async () => {
    const { c, us, uk, us2 } = await three();
    const first = await listContacts(c, { page_size: '2' });
    expect(ids(first)).toEqual([us2.id, uk.id]);
    expect(first.body.data.pagination).toEqual({ page: 1, page_size: 2, total_count: 3, total_pages: 2, has_more: true, cursors: null });
    const second = await listContacts(c, { page: '2', page_size: '2' });
    expect(ids(second)).toEqual([us.id]);
    expect(second.body.data.pagination.has_more).toBe(false);
    const past = await listContacts(c, { page: '3', page_size: '2' });
    expect(past.body.data).toEqual({ contacts: [], pagination: { page: 3, page_size: 2, total_count: 3, total_pages: 2, has_more: false, cursors: null } });
  });

  it('searches the national format as typed, punctuation included', async () => {
    const { c, us, us2 } = await three();
    expect(ids(await listContacts(c, { search: '555-0100' }))).toEqual([us.id]);
    expect(ids(await listContacts(c, { search: '(202)' }))).toEqual([us2.id]);
    expect(ids(await listContacts(c, { search: '5550100' }))).toEqual([]);
  });

  it('filters by channel', async () => {
    const { c, us, uk, us2 } = await three();
    expect(ids(await listContacts(c, { channel: 'whatsapp' }))).toEqual([us2.id, us.id]);
    expect(ids(await listContacts(c, { channel: 'sms' }))).toEqual([us2.id, uk.id, us.id]);
    expect(ids(await listContacts(c, { channel: 'rcs' }))).toEqual([]);
  });

  it('finds one number with phone, %2B-encoded or with the + a query string reads as a space', async () => {
    const { c, uk } = await three();
    expect(ids(await listContacts(c, { phone: '+442071838750' }))).toEqual([uk.id]);
    expect(ids(await c.get('/v3/contacts?page=1&page_size=10&phone=+442071838750'))).toEqual([uk.id]);
    const withSearch = await listContacts(c, { phone: '+442071838750', search: '(415)' });
    expect(ids(withSearch)).toEqual([]);
  });

  it('answers 404 RESOURCE_001 when phone matches no contact', async () => {
    const { c } = await three();
    const res = await listContacts(c, { phone: '+14155559999' });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'RESOURCE_001', message: 'Contact not found with the specified phone number', details: null });
  });

  it('treats empty filter values (the SDK sends null as key=) as no filter', async () => {
    const { c } = await three();
    const res = await c.get('/v3/contacts?page=1&page_size=10&search=&channel=&phone=');
    expect(res.status).toBe(200);
    expect(res.body.data.contacts).toHaveLength(3);
  });

  it('lists only the caller tenant\'s contacts', async () => {
    const { app, c } = await three();
    const other = client(app);
    await createContact(other, '+14155550100');
    expect((await listContacts(other)).body.data.contacts).toHaveLength(1);
    expect((await listContacts(c)).body.data.contacts).toHaveLength(3);
  });
});
