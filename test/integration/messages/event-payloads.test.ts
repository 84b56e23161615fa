/**
 * Issue 22: message status payloads as Sent has them in 2026-11 (decisions §14,
 * docs/decisions/0063): `body` (the rendered text, at most 3,072 characters, key always present,
 * null when not known), and `reason_code` / `reason` on `message.failed`, `message.filtered` and
 * `message.blocked` only.
 */
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import type { SentEvent } from '../../../src/events/bus.js';
import { startReceiver } from '../../support/receiver.js';
import { aWebhook, verified } from '../../support/webhooks.js';
import { importTemplate, messagingApp } from './helpers.js';

const R = MESSAGES.messageReasons;

/** The message's events, by name → payload. */
function payloads(events: SentEvent[], messageId: string): Array<[string, Record<string, unknown>]> {
  return events.filter((e) => e.payload.message_id === messageId).map((e) => [e.name, e.payload]);
}

describe('message event payloads', () => {
  it('carry the rendered body on every event, as a receiver verifies it; no reason on a message that goes through', async () => {
    const { c, control } = messagingApp();
    const receiver = await startReceiver();
    try {
      const webhook = (await c.post('/v3/webhooks', aWebhook(receiver.url, { event_types: ['message'] }))).body.data as { signing_secret: string };
      const sent = await c.post('/v3/messages', { to: ['+14155550100'], channel: ['sms'], text: 'Your table is ready.' });
      await control.advance(10);
      const bodies = receiver.received.map((r) => verified(webhook.signing_secret, r) as { event: string; payload: Record<string, unknown> });
      expect(bodies.map((b) => b.event)).toEqual(['message.queued', 'message.routed', 'message.sent', 'message.delivered']);
      for (const { payload } of bodies) {
        expect(payload).toMatchObject({ message_id: sent.body.data.recipients[0].message_id, body: 'Your table is ready.' });
        expect(payload).not.toHaveProperty('reason_code');
        expect(payload).not.toHaveProperty('reason');
      }
    } finally {
      await receiver.close();
    }
  });

  it('render a template per channel, cut a long text at 3,072 characters, and say null before an auto-detect message routes', async () => {
    const { app, c, control, events } = messagingApp();
    await importTemplate(app, c.key, { name: 'greeting' });
    const template = (await c.post('/v3/messages', { to: ['+14155550100'], channel: ['sms', 'whatsapp'], template: { name: 'greeting', parameters: { name: 'Ada' } } })).body.data.recipients as Array<{ message_id: string; body: string }>;
    const long = (await c.post('/v3/messages', { to: ['+14155550101'], channel: ['sms'], text: 'x'.repeat(4000) })).body.data.recipients[0].message_id as string;
    const auto = (await c.post('/v3/messages', { to: ['+14155550102'], text: 'Auto-detected' })).body.data.recipients[0].message_id as string;
    await control.advance(10);
    for (const r of template) {
      expect(r.body).toBe('Hi Ada, your order is confirmed.');
      expect(payloads(events, r.message_id).map(([, p]) => p.body)).toEqual(Array(4).fill(r.body));
    }
    expect(payloads(events, long).map(([, p]) => (p.body as string).length)).toEqual([3072, 3072, 3072, 3072]);
    expect(payloads(events, auto).map(([name, p]) => [name, p.channel, p.body])).toEqual([
      ['message.queued', 'auto', null],
      ['message.routed', 'sms', 'Auto-detected'],
      ['message.sent', 'sms', 'Auto-detected'],
      ['message.delivered', 'sms', 'Auto-detected'],
    ]);
  });

  it('say why a message failed, was filtered or was blocked — on that event only — with a stable code', async () => {
    const { app, c, control, events } = messagingApp();
    const draft = await importTemplate(app, c.key, { name: 'draft_greeting', status: 'DRAFT' });
    await c.put('/_sim/numbers/+14155550120', { outcome: 'failed', description: 'Handset switched off' });
    const optedOut = (await c.post('/v3/contacts', { phone_number: '+14155550121' })).body.data.id as string;
    await c.patch(`/v3/contacts/${optedOut}`, { opt_out: true });
    const send = async (body: object, headers: Record<string, string> = {}) => {
      let req = c.post('/v3/messages', body);
      for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
      const res = await req;
      expect(res.status).toBe(202);
      return res.body.data.recipients[0].message_id as string;
    };
    const cases: Array<[string, string, string, string]> = [
      [await send({ to: ['+14155550160'], channel: ['sms'], text: 'Hi' }), 'message.failed', 'DELIVERY_001', R.DELIVERY_001],
      [await send({ to: ['+14155550170'], channel: ['rcs'], text: 'Hi' }), 'message.failed', 'DELIVERY_007', R.DELIVERY_007],
      [await send({ to: ['+14155550180'], channel: ['sms'], text: 'Hi' }), 'message.filtered', 'BUSINESS_004', R.BUSINESS_004],
      [await send({ to: ['+14155550121'], channel: ['sms'], text: 'Hi' }), 'message.filtered', 'BUSINESS_004', R.BUSINESS_004],
      [await send({ to: ['+14155550122'], channel: ['sms'], template: { id: draft, parameters: { name: 'A' } } }), 'message.blocked', 'BUSINESS_005', R.BUSINESS_005],
      [await send({ to: ['+14155550123'], channel: ['whatsapp'], text: 'Hi' }), 'message.blocked', 'BUSINESS_007', R.BUSINESS_007],
      [await send({ to: ['+14155550124'], channel: ['sms'], template: { name: 'draft_greeting' } }), 'message.blocked', 'BUSINESS_005', R.BUSINESS_005],
      [await send({ to: ['+14155550120'], channel: ['sms'], text: 'Hi' }), 'message.failed', 'DELIVERY_001', 'Handset switched off'],
      // The scenario's description names its code: it becomes the event's.
      [await send({ to: ['+14155550125'], channel: ['sms'], text: 'Hi' }, { 'x-sim-scenario': 'message-blocked' }), 'message.blocked', 'BUSINESS_029', 'the sending number is not an active sender'],
    ];
    await control.advance(10);
    for (const [id, last, code, reason] of cases) {
      const all = payloads(events, id);
      const [name, payload] = all.at(-1)!;
      expect(name, code).toBe(last);
      expect(payload, code).toMatchObject({ reason_code: code, reason });
      expect(Object.keys(payload).slice(-3), code).toEqual(['reason_code', 'reason', 'updated_at']);
      for (const [earlier, p] of all.slice(0, -1)) expect(p, `${code}: ${earlier}`).not.toHaveProperty('reason_code');
    }
    // A parameter left out: FAILED at processing, nothing rendered, VALIDATION_008.
    const missing = await send({ to: ['+14155550126'], channel: ['sms'], template: { id: await importTemplate(app, c.key), parameters: {} } });
    await control.advance(10);
    expect(payloads(events, missing).at(-1)).toEqual(['message.failed', expect.objectContaining({ body: null, reason_code: 'VALIDATION_008', reason: R.VALIDATION_008 })]);
  });
});
