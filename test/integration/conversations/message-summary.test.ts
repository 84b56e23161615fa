import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '../../../src/errors/catalog.js';
import { heldApp } from '../messages/scheduling-helpers.js';

describe('GET /v3/contacts/{id}/message-summary', () => {
  it('counts the account’s messages with the contact, their time bounds, channels and per-channel scores', async () => {
    const { c, control, send, inbound, message } = heldApp();
    // +1…0160 fails after SENT on every channel. sms: one FAILED, one still QUEUED → 0 / 50.
    const failed = (await send({ to: ['+14155550160'], channel: ['sms'] })).body.data.recipients[0].message_id as string;
    await control.advance(10);
    const contactId = (await message(failed)).contact_id as string;
    // whatsapp: an inbound message (RECEIVED) and a free-text reply in the window that FAILS → 50 / 50.
    await inbound({ from: '+14155550160', text: 'hello', channel: 'whatsapp' });
    await send({ to: ['+14155550160'], channel: ['whatsapp'] });
    await control.advance(10);
    await send({ to: ['+14155550160'], channel: ['sms'] });
    // Another contact's messages do not count.
    await send({ to: ['+14155550101'] });
    const res = await c.get(`/v3/contacts/${contactId}/message-summary`);
    expect(res.status).toBe(200);
    const summary = res.body.data;
    expect(summary).toMatchObject({ contact_id: contactId, message_count: 4, first_message_at: (await message(failed)).created_at, channels_used: ['sms', 'whatsapp'] });
    expect(summary.channel_scores).toEqual([
      { channel: 'sms', success_score: 0, fail_score: 50 },
      { channel: 'whatsapp', success_score: 50, fail_score: 50 },
    ]);
    expect(summary.last_message_at > summary.first_message_at).toBe(true);
  });

  it('answers a contact without messages with zero counts and null bounds', async () => {
    const { c } = heldApp();
    const contact = (await c.post('/v3/contacts', { phone_number: '+14155550100' })).body.data.id as string;
    expect((await c.get(`/v3/contacts/${contact}/message-summary`)).body.data).toEqual({
      contact_id: contact,
      message_count: 0,
      first_message_at: null,
      last_message_at: null,
      channels_used: [],
      channel_scores: [],
    });
  });

  it('counts an auto-detect message not routed yet, on no channel', async () => {
    const { c, send, message } = heldApp();
    const id = (await send({ channel: ['sent'] })).body.data.recipients[0].message_id as string;
    const contact = (await message(id)).contact_id as string;
    expect((await c.get(`/v3/contacts/${contact}/message-summary`)).body.data).toMatchObject({ message_count: 1, channels_used: [], channel_scores: [] });
  });

  it('answers 404 RESOURCE_001 for an unknown contact or another tenant’s', async () => {
    const { c, send, message } = heldApp();
    const contact = (await message((await send({})).body.data.recipients[0].message_id)).contact_id as string;
    const other = heldApp();
    for (const res of [await other.c.get(`/v3/contacts/${contact}/message-summary`), await c.get('/v3/contacts/6ba7b810-9dad-11d1-80b4-00c04fd430c8/message-summary')]) {
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'RESOURCE_001', message: ERROR_CATALOG.RESOURCE_001.message });
    }
  });
});
