import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import { eventTimestamp, sentTimestamp } from '../../../src/util/time.js';
import { importTemplate, statusesOf } from './helpers.js';
import { eventOf, heldApp, messageWebhook, ms } from './scheduling-helpers.js';

const HOUR = 3600;

describe('scheduled sends (scheduled_at)', () => {
  it('answers 202 echoing scheduled_at in UTC, holds the message SCHEDULED and releases it exactly then', async () => {
    const { c, control, send, message, activities, inSeconds, now } = heldApp();
    const hook = await messageWebhook(c);
    try {
      const t0 = await now();
      const res = await send({ scheduled_at: await inSeconds(HOUR, '+02:00') });
      expect(res.status).toBe(202);
      const releaseAt = t0 + HOUR * 1000;
      expect(res.body.data).toMatchObject({ status: 'QUEUED', scheduled_at: sentTimestamp(releaseAt), recipients: [{ to: '+14155550100', channel: 'sms' }] });
      const id = res.body.data.recipients[0].message_id as string;

      // Held at once: the detail carries scheduled_at, the activities a SCHEDULED entry with it.
      const held = await message(id);
      expect(held).toMatchObject({ status: 'SCHEDULED', scheduled_at: sentTimestamp(releaseAt), price: null });
      expect(held.events.map((e) => e.status)).toEqual(['QUEUED', 'SCHEDULED']);
      const [scheduled, queued] = await activities(id);
      expect(scheduled).toMatchObject({ status: 'SCHEDULED', scheduled_at: sentTimestamp(releaseAt), description: MESSAGES.messageScheduled(eventTimestamp(releaseAt)) });
      expect(queued).not.toHaveProperty('scheduled_at');

      await control.advance(0);
      expect(hook.namesOf(id)).toEqual(['message.queued', 'message.scheduled']);
      const event = eventOf(hook.events(), id, 'message.scheduled')!;
      expect(event.payload).toMatchObject({ message_status: 'SCHEDULED', scheduled_at: eventTimestamp(releaseAt), schedule_reason: 'requested' });
      expect(eventOf(hook.events(), id, 'message.queued')!.payload).not.toHaveProperty('scheduled_at');

      // One millisecond before: still held, nothing else went out.
      await control.advance(HOUR - 0.001);
      expect((await message(id)).status).toBe('SCHEDULED');
      expect(hook.namesOf(id)).toEqual(['message.queued', 'message.scheduled']);
      await control.advance(0.001);
      const [processed] = await activities(id);
      expect(processed).toMatchObject({ status: 'PROCESSED' });
      expect(ms(processed!.timestamp)).toBe(releaseAt);

      await control.advance(10);
      const done = await message(id);
      expect(done).toMatchObject({ status: 'DELIVERED', price: 0.0075, scheduled_at: sentTimestamp(releaseAt) });
      expect(done.events.map((e) => [e.status, ms(e.timestamp) - releaseAt])).toEqual([
        ['QUEUED', -HOUR * 1000],
        ['SCHEDULED', -HOUR * 1000],
        // Released (PROCESSED) at the instant itself, then the usual steps.
        ['ROUTED', 1000],
        ['SENT', 2000],
        ['DELIVERED', 4000],
      ]);
      expect(hook.namesOf(id)).toEqual(['message.queued', 'message.scheduled', 'message.routed', 'message.sent', 'message.delivered']);
      for (const e of hook.events().filter((x) => x.event !== 'message.scheduled')) expect(e.payload).not.toHaveProperty('schedule_reason');
    } finally {
      await hook.close();
    }
  });

  it('gives an immediate send no scheduled_at key, on the answer, the detail or any activity', async () => {
    const { send, message, activities, control } = heldApp();
    const res = await send({});
    expect(res.body.data).not.toHaveProperty('scheduled_at');
    const id = res.body.data.recipients[0].message_id as string;
    await control.advance(10);
    expect(await message(id)).not.toHaveProperty('scheduled_at');
    for (const a of await activities(id)) expect(a).not.toHaveProperty('scheduled_at');
  });

  it('holds every message of a multi-recipient send and releases the batch together', async () => {
    const { c, control, inSeconds, message, events } = heldApp();
    const res = await c.post('/v3/messages', { to: ['+14155550100', '+14155550101'], channel: ['sms', 'whatsapp'], text: 'Hi', scheduled_at: await inSeconds(120) });
    const ids = res.body.data.recipients.map((r: { message_id: string }) => r.message_id) as string[];
    expect(ids).toHaveLength(4);
    for (const id of ids) expect((await message(id)).status).toBe('SCHEDULED');
    await control.advance(0);
    const fired = await control.advance(120);
    // One job holds the batch's release, not one per message; it is the only job due then.
    expect(fired.fired.map((j) => j.kind)).toEqual(['message-release']);
    await control.advance(10);
    // Free text on whatsapp with no open conversation is BLOCKED at release, sms delivered.
    expect(await Promise.all(ids.map(async (id) => (await message(id)).status))).toEqual(['DELIVERED', 'BLOCKED', 'DELIVERED', 'BLOCKED']);
    for (const id of ids) expect(statusesOf(events, id).slice(0, 2)).toEqual(['message.queued', 'message.scheduled']);
  });

  it('checks consent and template approval at release, not at acceptance', async () => {
    const { app, c, control, inSeconds, message } = heldApp();
    const templateId = await importTemplate(app, c.key, { status: 'APPROVED' });
    const at = await inSeconds(600);
    const optedOut = (await c.post('/v3/messages', { to: ['+14155550111'], channel: ['sms'], text: 'Hi', scheduled_at: at })).body.data.recipients[0].message_id as string;
    const templated = (await c.post('/v3/messages', { to: ['+14155550112'], channel: ['sms'], template: { id: templateId, parameters: { name: 'Ann' } }, scheduled_at: at })).body.data.recipients[0].message_id as string;
    // Between acceptance and release: the contact opts out, the template is deleted.
    const contact = (await message(optedOut)).contact_id as string;
    expect((await c.patch(`/v3/contacts/${contact}`, { opt_out: true })).status).toBe(200);
    expect((await c.delete(`/v3/templates/${templateId}`)).status).toBe(204);
    await control.advance(610);
    expect(await message(optedOut)).toMatchObject({ status: 'FILTERED', price: null });
    expect(await message(templated)).toMatchObject({ status: 'BLOCKED', price: null });
  });

  it.each([
    ['no offset', (t: number) => new Date(t + 3_600_000).toISOString().slice(0, 19), MESSAGES.scheduledAtNoOffset],
    ['not a date-time', () => 'tomorrow at nine', MESSAGES.scheduledAtFormat],
    ['not a calendar date', () => '2026-02-30T09:00:00Z', MESSAGES.scheduledAtFormat],
    ['59 s ahead', (t: number) => new Date(t + 59_000).toISOString(), MESSAGES.scheduledAtTooSoon(sentTimestamp(0)).split(' (')[0]],
    ['in the past', (t: number) => new Date(t - 1000).toISOString(), MESSAGES.scheduledAtTooSoon(sentTimestamp(0)).split(' (')[0]],
    ['30 days and a second ahead', (t: number) => new Date(t + 30 * 86_400_000 + 1000).toISOString(), MESSAGES.scheduledAtTooLate(sentTimestamp(0)).split(' (')[0]],
  ])('refuses a scheduled_at with %s: 400 VALIDATION_001, nothing stored, no event', async (_name, value, message) => {
    const { send, control, events, now } = heldApp();
    const res = await send({ scheduled_at: value(await now()) });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', message: ERROR_CATALOG.VALIDATION_001.message });
    expect(res.body.error.details.scheduled_at[0]).toContain(message);
    await control.advance(3600);
    expect((await control.tenant()).totals).toMatchObject({ messages: 0, contacts: 0, pending_jobs: 0 });
    expect(events).toEqual([]);
  });

  it('accepts the edges: 60 s and 30 days ahead', async () => {
    const { send, inSeconds } = heldApp();
    expect((await send({ scheduled_at: await inSeconds(60) })).status).toBe(202);
    expect((await send({ scheduled_at: await inSeconds(30 * 86_400, '-05:00') })).status).toBe(202);
  });

  it('reports scheduled_at beside every other failing field', async () => {
    const { c } = heldApp();
    const res = await c.post('/v3/messages', { to: ['+1'], text: 'Hi', scheduled_at: '2026-01-01T00:00:00' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details).sort()).toEqual(['scheduled_at', 'to[0]']);
  });

  it('answers 429 LIMIT_001 past --max-scheduled, storing nothing of the refused send', async () => {
    const { c, send, inSeconds, control, message } = heldApp({ config: { maxScheduledPerTenant: 3 } });
    const first = await c.post('/v3/messages', { to: ['+14155550100', '+14155550101'], text: 'Hi', scheduled_at: await inSeconds(300) });
    expect(first.status).toBe(202);
    const refused = await c.post('/v3/messages', { to: ['+14155550102', '+14155550103'], text: 'Hi', scheduled_at: await inSeconds(300) });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'LIMIT_001', message: MESSAGES.scheduledCap(3) });
    expect((await control.tenant()).totals).toMatchObject({ messages: 2 });
    // Immediate sends are not held, so not counted; a released message frees its place.
    expect((await send({ to: ['+14155550104'] })).status).toBe(202);
    expect((await send({ to: ['+14155550105'], scheduled_at: await inSeconds(300) })).status).toBe(202);
    const id = first.body.data.recipients[0].message_id as string;
    await control.advance(301);
    expect((await message(id)).status).not.toBe('SCHEDULED');
    expect((await c.post('/v3/messages', { to: ['+14155550102', '+14155550103'], text: 'Hi', scheduled_at: await inSeconds(300) })).status).toBe(202);
  });

  it('answers a sandbox scheduled send with scheduled_at, storing nothing', async () => {
    const { send, inSeconds, control } = heldApp();
    const at = await inSeconds(3600);
    const res = await send({ scheduled_at: at, sandbox: true });
    expect(res.status).toBe(202);
    expect(res.body.data.scheduled_at).toBe(sentTimestamp(Date.parse(at)));
    expect(res.body.data.recipients[0].message_id).toMatch(/^msg_test_\d{10}$/);
    expect((await control.tenant()).totals).toMatchObject({ messages: 0, pending_jobs: 0 });
  });
});

describe('scheduled messages in snapshots', () => {
  it('survive an export and import, pending release included, and go out at their instant', async () => {
    const { c, control, send, message, inSeconds, now } = heldApp();
    const t0 = await now();
    const held = (await send({ scheduled_at: await inSeconds(600) })).body.data.recipients[0].message_id as string;
    const cancelled = (await send({ to: ['+14155550101'], scheduled_at: await inSeconds(600) })).body.data.recipients[0].message_id as string;
    const mms = (await c.post('/v3/messages', { to: ['+14155550102'], channel: ['mms'], text: 'Receipt', media_urls: ['https://cdn.example.com/r.jpg'] })).body.data.recipients[0].message_id as string;
    expect((await c.post(`/v3/messages/${cancelled}/cancel`)).status).toBe(200);
    await control.advance(10);
    const snapshot = await control.export();
    expect((await control.reset()).status).toBe(200);
    expect((await c.get(`/v3/messages/${held}`)).status).toBe(404);
    const res = await control.import(snapshot);
    expect(res.status, res.text).toBe(200);
    expect(await message(held)).toMatchObject({ status: 'SCHEDULED', scheduled_at: sentTimestamp(t0 + 600_000) });
    expect((await message(mms)).message_body).toMatchObject({ media: [{ url: 'https://cdn.example.com/r.jpg' }] });
    await control.advance(600);
    expect((await message(held)).status).toBe('DELIVERED');
    expect((await message(cancelled)).status).toBe('CANCELLED');
  });
  it('refuses an imported MMS body past what a send can make (11 attachments, a long subject, a long URL), and changes nothing', async () => {
    const { c, control } = heldApp();
    const id = (await c.post('/v3/messages', { to: ['+14155550102'], channel: ['mms'], text: 'Receipt', media_urls: ['https://cdn.example.com/r.jpg'] })).body.data.recipients[0].message_id as string;
    const snapshot = await control.export();
    const before = JSON.stringify(snapshot.collections);
    const withBody = (body: Record<string, unknown>) => ({
      ...snapshot,
      collections: { ...snapshot.collections, messages: (snapshot.collections.messages as Array<Record<string, unknown>>).map((m) => (m.id === id ? { ...m, message_body: { ...(m.message_body as object), ...body } } : m)) },
    });
    const url = 'https://cdn.example.com/r.jpg';
    for (const [body, field] of [
      [{ media: Array.from({ length: 11 }, () => ({ mediaType: null, url })) }, 'message_body.media'],
      [{ subject: 'x'.repeat(256) }, 'message_body.subject'],
      [{ media: [{ mediaType: null, url: `https://cdn.example.com/${'a'.repeat(2048)}` }] }, 'message_body.media[0].url'],
    ] as const) {
      const res = await control.import(withBody(body));
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.errors)).toContain(field);
      expect(JSON.stringify((await control.export()).collections)).toBe(before);
    }
  });
});
