import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { MAX_RESENDS } from '../../../src/resources/messages/collection.js';
import { aBrand, aCompletingProfile } from '../../support/builders.js';
import { statusesOf } from './helpers.js';
import { heldApp, messageWebhook } from './scheduling-helpers.js';

describe('POST /v3/messages/{id}/resend', () => {
  it('puts a DELIVERED message back to QUEUED on the same id: 202, events continue, priced again', async () => {
    const { c, control, send, message, activities } = heldApp();
    const hook = await messageWebhook(c);
    try {
      const id = (await send({})).body.data.recipients[0].message_id as string;
      await control.advance(10);
      expect((await message(id)).status).toBe('DELIVERED');
      const res = await c.post(`/v3/messages/${id}/resend`);
      expect(res.status).toBe(202);
      expect(res.body.data).toEqual({
        status: 'QUEUED',
        template_id: null,
        template_name: null,
        recipients: [{ message_id: id, to: '+14155550100', channel: 'sms', body: 'Your appointment is tomorrow at 9:00.' }],
      });
      expect(await message(id)).toMatchObject({ status: 'QUEUED', price: null });
      await control.advance(10);
      const done = await message(id);
      expect(done).toMatchObject({ status: 'DELIVERED', price: 0.0075 });
      expect(done.events.map((e) => e.status)).toEqual(['QUEUED', 'ROUTED', 'SENT', 'DELIVERED', 'QUEUED', 'ROUTED', 'SENT', 'DELIVERED']);
      // Two SENT activities, each priced: the resend is billed again.
      expect((await activities(id)).filter((a) => a.status === 'SENT').map((a) => a.price)).toEqual(['0.0075', '0.0075']);
      const lifecycle = ['message.queued', 'message.routed', 'message.sent', 'message.delivered'];
      expect(hook.namesOf(id)).toEqual([...lifecycle, ...lifecycle]);
    } finally {
      await hook.close();
    }
  });

  it('runs every policy again: a message BLOCKED for its sender is blocked again, then goes out once the sender is approved', async () => {
    const { app, c, control, events } = heldApp();
    expect((await control.patchTenant({ brand: aBrand(), campaigns: 1 })).status).toBe(200);
    // A profile that can complete (it inherits the organization's TCR brand, decision 0058); until then not an active sender.
    const profile = (await c.post('/v3/profiles', aCompletingProfile())).body.data as { id: string };
    const as = (t: request.Test) => t.set('x-api-key', c.key).set('x-profile-id', profile.id);
    const id = (await as(request(app).post('/v3/messages')).send({ to: ['+14155550100'], channel: ['sms'], text: 'Hi' })).body.data.recipients[0].message_id as string;
    const status = async () => (await as(request(app).get(`/v3/messages/${id}`))).body.data.status as string;
    await control.advance(2);
    expect(await status()).toBe('BLOCKED');
    // Resent while the profile is still not approved: blocked again (BUSINESS_029).
    expect((await as(request(app).post(`/v3/messages/${id}/resend`)).send({})).status).toBe(202);
    await control.advance(2);
    expect(await status()).toBe('BLOCKED');
    // The profile completes; the next resend goes out.
    expect((await c.post(`/v3/profiles/${profile.id}/complete`, { webHookUrl: 'http://127.0.0.1:9/hook' })).status).toBe(202);
    await control.advance(2);
    expect((await as(request(app).post(`/v3/messages/${id}/resend`)).send({})).status).toBe(202);
    await control.advance(10);
    expect(await status()).toBe('DELIVERED');
    expect(statusesOf(events, id)).toEqual(['message.queued', 'message.blocked', 'message.queued', 'message.blocked', 'message.queued', 'message.routed', 'message.sent', 'message.delivered']);
  });

  it('resends FAILED, BLOCKED and READ messages, each reaching its end again', async () => {
    const { send, c, control, message, inbound } = heldApp();
    const failed = (await send({ to: ['+14155550160'] })).body.data.recipients[0].message_id as string;
    const blocked = (await send({ channel: ['whatsapp'], text: 'No conversation yet' })).body.data.recipients[0].message_id as string;
    // A whatsapp conversation opened by the contact, to a number that reads what it gets.
    await inbound({ from: '+14155550150', text: 'Hi there', channel: 'whatsapp' });
    const read = (await send({ to: ['+14155550150'], channel: ['whatsapp'], text: 'Welcome back' })).body.data.recipients[0].message_id as string;
    await control.advance(10);
    expect([(await message(failed)).status, (await message(blocked)).status, (await message(read)).status]).toEqual(['FAILED', 'BLOCKED', 'READ']);
    for (const id of [failed, blocked, read]) expect((await c.post(`/v3/messages/${id}/resend`)).status).toBe(202);
    expect((await message(read)).status).toBe('QUEUED');
    await control.advance(10);
    // The number still fails, the conversation is still closed, the reader reads again.
    expect([(await message(failed)).status, (await message(blocked)).status, (await message(read)).status]).toEqual(['FAILED', 'BLOCKED', 'READ']);
    expect((await message(read)).events.filter((e) => e.status === 'READ')).toHaveLength(2);
  });

  it('answers 409 BUSINESS_006 for FILTERED, CANCELLED, inbound and unfinished messages, changing nothing', async () => {
    const { c, control, send, message, inSeconds, inbound, events } = heldApp();
    const filtered = (await send({ to: ['+14155550180'] })).body.data.recipients[0].message_id as string;
    const cancelled = (await send({ scheduled_at: await inSeconds(600) })).body.data.recipients[0].message_id as string;
    const scheduled = (await send({ scheduled_at: await inSeconds(600) })).body.data.recipients[0].message_id as string;
    const undelivered = (await send({ to: ['+14155550190'] })).body.data.recipients[0].message_id as string;
    expect((await c.post(`/v3/messages/${cancelled}/cancel`)).status).toBe(200);
    await control.advance(10);
    const queued = (await send({})).body.data.recipients[0].message_id as string;
    const received = (await inbound({ from: '+14155550199', text: 'Hello' })).message.id;
    expect((await message(undelivered)).status).toBe('SENT');
    for (const id of [filtered, cancelled, scheduled, undelivered, queued, received]) {
      const before = await message(id);
      const seen = events.length;
      const res = await c.post(`/v3/messages/${id}/resend`);
      expect(res.status, before.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'BUSINESS_006', message: MESSAGES.notResendable });
      expect(await message(id)).toEqual(before);
      expect(events.length).toBe(seen);
    }
  });

  it(`stops at ${MAX_RESENDS} resends of one message`, async () => {
    const { c, control, send } = heldApp();
    const id = (await send({ to: ['+14155550160'] })).body.data.recipients[0].message_id as string;
    await control.advance(10);
    for (let i = 0; i < MAX_RESENDS; i++) {
      expect((await c.post(`/v3/messages/${id}/resend`)).status).toBe(202);
      await control.advance(10);
    }
    const res = await c.post(`/v3/messages/${id}/resend`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(MESSAGES.resendCap(MAX_RESENDS));
  });

  it('honours Idempotency-Key: a replay does not resend again', async () => {
    const { c, control, send, events } = heldApp();
    const id = (await send({})).body.data.recipients[0].message_id as string;
    await control.advance(10);
    const first = await c.post(`/v3/messages/${id}/resend`).set('Idempotency-Key', 'resend-1');
    await control.advance(10);
    const replay = await c.post(`/v3/messages/${id}/resend`).set('Idempotency-Key', 'resend-1');
    expect(replay.status).toBe(202);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.data).toEqual(first.body.data);
    await control.advance(10);
    expect(statusesOf(events, id).filter((n) => n === 'message.queued')).toHaveLength(2);
  });

  it('answers a sandbox resend as the real one would, changing nothing', async () => {
    const { c, control, send, message } = heldApp();
    const id = (await send({})).body.data.recipients[0].message_id as string;
    await control.advance(10);
    const before = await message(id);
    const res = await c.post(`/v3/messages/${id}/resend`, { sandbox: true });
    expect(res.status).toBe(202);
    expect(res.headers['x-sandbox']).toBe('true');
    expect(res.body.data.recipients[0].message_id).toBe(id);
    await control.advance(10);
    expect(await message(id)).toEqual(before);
  });
});
