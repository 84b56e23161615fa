import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { eventTimestamp, sentTimestamp } from '../../../src/util/time.js';
import { statusesOf } from './helpers.js';
import { eventOf, heldApp, messageWebhook, ms } from './scheduling-helpers.js';

describe('POST /v3/messages/{id}/cancel', () => {
  it('cancels a SCHEDULED message: 200 with the message CANCELLED, one message.cancelled, never sent', async () => {
    const { c, control, send, message, activities, inSeconds, now } = heldApp();
    const hook = await messageWebhook(c);
    try {
      const releaseAt = (await now()) + 600_000;
      const id = (await send({ scheduled_at: await inSeconds(600) })).body.data.recipients[0].message_id as string;
      await control.advance(30);
      const res = await c.post(`/v3/messages/${id}/cancel`);
      expect(res.status).toBe(200);
      const body = res.body.data;
      expect(body).toMatchObject({ id, status: 'CANCELLED', scheduled_at: sentTimestamp(releaseAt), price: null, active_contact_price: null, channel: 'sms' });
      // The events as they stood immediately before the cancel.
      expect(body.events.map((e: { status: string }) => e.status)).toEqual(['QUEUED', 'SCHEDULED']);

      // A read shows the cancellation itself; the activities too.
      const read = await message(id);
      expect(read.events.map((e) => e.status)).toEqual(['QUEUED', 'SCHEDULED', 'CANCELLED']);
      expect(read).toMatchObject({ status: 'CANCELLED', scheduled_at: sentTimestamp(releaseAt) });
      const [cancelled] = await activities(id);
      expect(cancelled).toMatchObject({ status: 'CANCELLED', description: MESSAGES.messageCancelled });
      expect(cancelled).not.toHaveProperty('scheduled_at');

      await control.advance(0);
      const event = eventOf(hook.events(), id, 'message.cancelled')!;
      expect(event.payload).toMatchObject({ message_status: 'CANCELLED', scheduled_at: eventTimestamp(releaseAt) });
      expect(event.payload).not.toHaveProperty('schedule_reason');

      // Past the release and well beyond: nothing goes out, nothing is priced.
      await control.advance(3600);
      expect(hook.namesOf(id)).toEqual(['message.queued', 'message.scheduled', 'message.cancelled']);
      expect(await message(id)).toMatchObject({ status: 'CANCELLED', price: null });
    } finally {
      await hook.close();
    }
  });

  it('answers a repeat cancel 200 with the same body, and emits no second event', async () => {
    const { c, control, send, inSeconds, events } = heldApp();
    const id = (await send({ scheduled_at: await inSeconds(600) })).body.data.recipients[0].message_id as string;
    const first = await c.post(`/v3/messages/${id}/cancel`);
    await control.advance(60);
    const again = await c.post(`/v3/messages/${id}/cancel`);
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual(first.body.data);
    await control.advance(3600);
    expect(statusesOf(events, id)).toEqual(['message.queued', 'message.scheduled', 'message.cancelled']);
  });

  it('cancels right after the 202, before its queued events went out, and keeps their order', async () => {
    const { c, control, send, inSeconds, events } = heldApp();
    const id = (await send({ scheduled_at: await inSeconds(120) })).body.data.recipients[0].message_id as string;
    expect((await c.post(`/v3/messages/${id}/cancel`)).status).toBe(200);
    await control.advance(600);
    expect(statusesOf(events, id)).toEqual(['message.queued', 'message.scheduled', 'message.cancelled']);
  });

  it('answers 409 BUSINESS_006 for every status but SCHEDULED, and changes nothing', async () => {
    const { c, control, send, message, events, inSeconds, inbound: heldInbound } = heldApp();
    const queued = (await send({})).body.data.recipients[0].message_id as string;
    // The test app runs due jobs only when the clock is advanced: let message.queued go out first.
    await control.advance(0);
    const check = async (id: string) => {
      const before = await message(id);
      const seen = events.length;
      const res = await c.post(`/v3/messages/${id}/cancel`);
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'BUSINESS_006', message: MESSAGES.notScheduled, details: null });
      expect(await message(id)).toEqual(before);
      await control.advance(0);
      expect(events.length).toBe(seen);
    };
    await check(queued); // QUEUED
    await control.advance(2);
    await check(queued); // ROUTED
    await control.advance(5);
    await check(queued); // DELIVERED
    const failed = (await send({ to: ['+14155550160'] })).body.data.recipients[0].message_id as string;
    const filtered = (await send({ to: ['+14155550180'] })).body.data.recipients[0].message_id as string;
    const released = (await send({ scheduled_at: await inSeconds(60) })).body.data.recipients[0].message_id as string;
    await control.advance(70);
    expect((await message(released)).status).toBe('DELIVERED');
    for (const id of [failed, filtered, released]) await check(id);
    const inbound = (await heldInbound({ from: '+14155550199', text: 'Hello' })).message.id;
    await check(inbound);
  });

  it('answers 404 RESOURCE_003 for an unknown or another account’s message, 400 for a malformed id', async () => {
    const { c, send, inSeconds } = heldApp();
    const id = (await send({ scheduled_at: await inSeconds(600) })).body.data.recipients[0].message_id as string;
    const other = heldApp();
    const res = await other.c.post(`/v3/messages/${id}/cancel`);
    expect(res.status).toBe(404);
    expect((await c.post('/v3/messages/7ba7b820-9dad-11d1-80b4-00c04fd430c8/cancel')).body.error.code).toBe('RESOURCE_003');
    const bad = await c.post('/v3/messages/msg_test_1234567890/cancel');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_001', message: 'Invalid message ID format.' });
  });

  it('honours Idempotency-Key: a replay answers the first 200 and cancels nothing twice', async () => {
    const { c, control, send, inSeconds, events } = heldApp();
    const id = (await send({ scheduled_at: await inSeconds(600) })).body.data.recipients[0].message_id as string;
    const first = await c.post(`/v3/messages/${id}/cancel`).set('Idempotency-Key', 'cancel-1');
    const replay = await c.post(`/v3/messages/${id}/cancel`).set('Idempotency-Key', 'cancel-1');
    expect(replay.status).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.data).toEqual(first.body.data);
    await control.advance(0);
    expect(statusesOf(events, id).filter((n) => n === 'message.cancelled')).toHaveLength(1);
  });

  it('answers a sandbox cancel as the real one would, changing nothing', async () => {
    const { c, control, send, message, inSeconds, events } = heldApp();
    const id = (await send({ scheduled_at: await inSeconds(120) })).body.data.recipients[0].message_id as string;
    const res = await c.post(`/v3/messages/${id}/cancel`, { sandbox: true });
    expect(res.status).toBe(200);
    expect(res.headers['x-sandbox']).toBe('true');
    expect(res.body.data.status).toBe('CANCELLED');
    expect((await message(id)).status).toBe('SCHEDULED');
    await control.advance(130);
    expect(statusesOf(events, id)).not.toContain('message.cancelled');
    expect((await message(id)).status).not.toBe('CANCELLED');
  });

  it('refuses a billing key (403 AUTH_004) and lets a developer key cancel', async () => {
    const { app, control, send, inSeconds } = heldApp();
    const id = (await send({ scheduled_at: await inSeconds(600) })).body.data.recipients[0].message_id as string;
    const billing = await control.keyFor('billing');
    const refused = await request(app).post(`/v3/messages/${id}/cancel`).set('x-api-key', billing).send({});
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('AUTH_004');
    const developer = await control.keyFor('developer');
    expect((await request(app).post(`/v3/messages/${id}/cancel`).set('x-api-key', developer).send({})).status).toBe(200);
  });

  it('cancels a message held by quiet hours', async () => {
    const { c, control, send, message, quietNow } = heldApp();
    const { end } = await quietNow();
    const id = (await send({})).body.data.recipients[0].message_id as string;
    await control.advance(1);
    const held = await message(id);
    expect(held.status).toBe('SCHEDULED');
    const res = await c.post(`/v3/messages/${id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body.data.scheduled_at).toBe(held.scheduled_at);
    expect(ms(held.scheduled_at as string)).toBe(end);
    await control.advance(86_400);
    expect((await message(id)).status).toBe('CANCELLED');
  });
});
