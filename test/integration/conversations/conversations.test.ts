import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import { approvedProfile } from '../messages/helpers.js';
import { heldApp } from '../messages/scheduling-helpers.js';

type Page = { messages: Array<{ id: string; contact_id: string; direction: string; channel: string; status: string }>; pagination: Record<string, unknown> };

describe('GET /v3/conversations and /v3/conversations/{id}', () => {
  it('lists every message of the account, newest first, in the message detail shape, 50 a page by default', async () => {
    const { c, control, send, inbound, message } = heldApp();
    const first = (await send({ to: ['+14155550100'] })).body.data.recipients[0].message_id as string;
    await control.advance(10);
    const reply = (await inbound({ from: '+14155550100', text: 'Thanks!' })).message.id;
    await control.advance(1);
    const other = (await send({ to: ['+14155550101'], channel: ['sms', 'whatsapp'] })).body.data.recipients.map((r: { message_id: string }) => r.message_id) as string[];
    const res = await c.get('/v3/conversations');
    expect(res.status).toBe(200);
    const page = res.body.data as Page;
    // The two of the last send share a creation time: by id then.
    expect(page.messages.map((m) => m.id)).toEqual([...[...other].sort(), reply, first]);
    expect(page.pagination).toEqual({ page: 1, page_size: 50, total_count: 4, total_pages: 1, has_more: false, cursors: null });
    expect(page.messages[page.messages.length - 1]).toEqual(await message(first));
  });

  it('pages with page and page_size, and ends with has_more: false', async () => {
    const { c } = heldApp();
    await c.post('/v3/messages', { to: ['+14155550100', '+14155550101', '+14155550102'], channel: ['sms'], text: 'Hi' });
    const one = (await c.get('/v3/conversations?page=2&page_size=2')).body.data as Page;
    expect(one.messages).toHaveLength(1);
    expect(one.pagination).toMatchObject({ page: 2, page_size: 2, total_count: 3, total_pages: 2, has_more: false });
    expect((await c.get('/v3/conversations?page=3&page_size=2')).body.data.messages).toEqual([]);
  });

  it('answers page 0 with 400 VALIDATION_005 and page_size 101 with 400 VALIDATION_001', async () => {
    const { c } = heldApp();
    const page0 = await c.get('/v3/conversations?page=0');
    expect(page0.status).toBe(400);
    expect(page0.body.error).toMatchObject({ code: 'VALIDATION_005', message: MESSAGES.pageTooSmall });
    const big = await c.get('/v3/conversations/6ba7b810-9dad-11d1-80b4-00c04fd430c8?page_size=101');
    expect(big.status).toBe(400);
    expect(big.body.error).toMatchObject({ code: 'VALIDATION_001', details: { page_size: [MESSAGES.pageSizeRange] } });
  });

  it('lists one contact’s messages on every channel, both directions, by the contact’s id', async () => {
    const { c, control, send, inbound, message } = heldApp();
    const sms = (await send({ to: ['+14155550100'] })).body.data.recipients[0].message_id as string;
    await control.advance(1);
    const fromThem = (await inbound({ from: '+14155550100', text: 'Hi!', channel: 'whatsapp' })).message.id;
    await control.advance(1);
    const wa = (await send({ to: ['+14155550100'], channel: ['whatsapp'] })).body.data.recipients[0].message_id as string;
    await send({ to: ['+14155550101'] });
    const contactId = (await message(sms)).contact_id as string;
    const page = (await c.get(`/v3/conversations/${contactId}`)).body.data as Page;
    expect(page.messages.map((m) => [m.id, m.direction])).toEqual([
      [wa, 'outbound'],
      [fromThem, 'inbound'],
      [sms, 'outbound'],
    ]);
    expect(page.messages.every((m) => m.contact_id === contactId)).toBe(true);
    expect(page.pagination).toMatchObject({ total_count: 3 });
  });

  it('answers an empty page for a contact without messages, 404 RESOURCE_001 for an unknown one, 400 for a malformed id', async () => {
    const { c } = heldApp();
    const contact = (await c.post('/v3/contacts', { phone_number: '+14155550100' })).body.data.id as string;
    expect((await c.get(`/v3/conversations/${contact}`)).body.data).toMatchObject({ messages: [], pagination: { total_count: 0, has_more: false } });
    const unknown = await c.get('/v3/conversations/6ba7b810-9dad-11d1-80b4-00c04fd430c8');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'RESOURCE_001', message: ERROR_CATALOG.RESOURCE_001.message });
    const bad = await c.get('/v3/conversations/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_001', message: MESSAGES.invalidContactId });
  });

  it('shows an account only its own messages; another tenant’s contact is not found', async () => {
    const { app, c, send, message } = heldApp();
    const profileId = await approvedProfile(app, c.key);
    const orgMessage = (await send({ to: ['+14155550100'] })).body.data.recipients[0].message_id as string;
    const asProfile = (path: string) => request(app).get(path).set('x-api-key', c.key).set('x-profile-id', profileId);
    const profileSend = await request(app).post('/v3/messages').set('x-api-key', c.key).set('x-profile-id', profileId).send({ to: ['+14155550100'], channel: ['sms'], text: 'From the profile' });
    const profileMessage = profileSend.body.data.recipients[0].message_id as string;
    expect((await c.get('/v3/conversations')).body.data.messages.map((m: { id: string }) => m.id)).toEqual([orgMessage]);
    expect((await asProfile('/v3/conversations')).body.data.messages.map((m: { id: string }) => m.id)).toEqual([profileMessage]);
    // The profile's contact is its own; the organization sees the contact (read-time widening) but none of the profile's messages.
    const profileContact = (await asProfile(`/v3/messages/${profileMessage}`)).body.data.contact_id as string;
    expect((await c.get(`/v3/conversations/${profileContact}`)).body.data.messages).toEqual([]);
    const orgContact = (await message(orgMessage)).contact_id as string;
    expect((await asProfile(`/v3/conversations/${orgContact}`)).status).toBe(404);
    const other = heldApp();
    expect((await other.c.get(`/v3/conversations/${orgContact}`)).status).toBe(404);
  });
});
