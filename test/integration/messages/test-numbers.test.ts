import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { messagingApp, statusesOf } from './helpers.js';

type App = ReturnType<typeof messagingApp>;

async function lifecycle({ c, control, events }: App, to: string, channel = 'rcs') {
  const id = (await c.post('/v3/messages', { to: [to], channel: [channel], text: 'Hi' })).body.data.recipients[0].message_id as string;
  await control.advance(15);
  const detail = (await c.get(`/v3/messages/${id}`)).body.data;
  return { events: statusesOf(events, id), detail, last: detail.events.at(-1) };
}

describe('simulator-only test numbers (+1 NPA 555-01xx)', () => {
  it('0150 is delivered, then READ on rcs/whatsapp', async () => {
    const { events, detail } = await lifecycle(messagingApp(), '+14155550150');
    expect(events).toEqual(['message.queued', 'message.routed', 'message.sent', 'message.delivered', 'message.read']);
    expect(detail.status).toBe('READ');
  });

  it('0160 fails after SENT ("Carrier rejected the message") and keeps its price', async () => {
    const { events, detail, last } = await lifecycle(messagingApp(), '+12025550160', 'sms');
    expect(events).toEqual(['message.queued', 'message.routed', 'message.sent', 'message.failed']);
    expect(detail).toMatchObject({ status: 'FAILED', price: 0.0075 });
    expect(last.description).toBe(MESSAGES.carrierRejected);
  });

  it('0170 fails before ROUTED (ERR_ROUTE_DENIED), unpriced', async () => {
    const { events, detail, last } = await lifecycle(messagingApp(), '+14155550170', 'sms');
    expect(events).toEqual(['message.queued', 'message.failed']);
    expect(detail).toMatchObject({ status: 'FAILED', price: null });
    expect(last.description).toBe(MESSAGES.routeDenied);
  });

  it('0180 is FILTERED as if opted out', async () => {
    const { events, last } = await lifecycle(messagingApp(), '+14155550180', 'sms');
    expect(events).toEqual(['message.queued', 'message.filtered']);
    expect(last.description).toBe(MESSAGES.consentBlocked);
  });

  it('0190 stays SENT: no receipt ever', async () => {
    const t = messagingApp();
    const { events, detail } = await lifecycle(t, '+14155550190', 'sms');
    await t.control.advance(7 * 24 * 3600);
    expect(events).toEqual(['message.queued', 'message.routed', 'message.sent']);
    expect(detail.status).toBe('SENT');
  });

  it('other 555-01xx numbers are delivered', async () => {
    const { detail } = await lifecycle(messagingApp(), '+14155550155', 'sms');
    expect(detail.status).toBe('DELIVERED');
  });
});

describe('/_sim/numbers/{e164}', () => {
  it('sets an outcome for any number, shows it, and clears it', async () => {
    const t = messagingApp();
    const number = '+447911123456';
    // A message needs a sender (decisions §15): the organization holds US and CA markets only, and
    // google-libphonenumber places +44 7911 in Guernsey.
    expect((await t.c.post('/_sim/channels/sms', { country: 'GG', number_type: 'MOBILE' })).status).toBe(201);
    expect((await t.c.get(`/_sim/numbers/${number}`)).body).toEqual({ number, outcome: 'delivered', description: null, source: 'default', created_at: null });
    const put = await t.c.put(`/_sim/numbers/${number}`, { outcome: 'failed', description: 'Handset unreachable' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ number, outcome: 'failed', description: 'Handset unreachable', source: 'rule' });
    expect((await t.c.get(`/_sim/numbers/${number}`)).body).toEqual(put.body);
    expect((await t.c.get('/_sim/numbers')).body.numbers).toEqual([put.body]);

    const failed = await lifecycle(t, number, 'sms');
    expect(failed.events.at(-1)).toBe('message.failed');
    expect(failed.last.description).toBe('Handset unreachable');

    expect((await t.c.delete(`/_sim/numbers/${number}`)).status).toBe(204);
    expect((await t.c.get(`/_sim/numbers/${number}`)).body.source).toBe('default');
    expect((await lifecycle(t, number, 'sms')).detail.status).toBe('DELIVERED');
  });

  it('overrides a magic number, and each outcome applies', async () => {
    const t = messagingApp();
    expect((await t.c.get('/_sim/numbers/+14155550160')).body).toMatchObject({ outcome: 'failed', source: 'magic' });
    const expected: Record<string, string> = { delivered: 'DELIVERED', read: 'READ', failed: 'FAILED', route_denied: 'FAILED', filtered: 'FILTERED', undelivered: 'SENT' };
    for (const [i, [outcome, status]] of Object.entries(expected).entries()) {
      const number = `+1415555016${i}`;
      expect((await t.c.put(`/_sim/numbers/${number}`, { outcome })).status).toBe(200);
      expect([outcome, (await lifecycle(t, number)).detail.status]).toEqual([outcome, status]);
    }
  });

  it('accepts a %2B-encoded number in the path', async () => {
    const t = messagingApp();
    expect((await t.c.put('/_sim/numbers/%2B14155550100', { outcome: 'undelivered' })).body.number).toBe('+14155550100');
  });

  it('refuses a number that is not E.164 or an unknown outcome, as problem+json, and changes nothing', async () => {
    const t = messagingApp();
    const bad = await t.c.put('/_sim/numbers/4155550100', { outcome: 'failed' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body).toMatchObject({ code: 'VALIDATION_002', errors: { e164: [MESSAGES.recipientNotE164] } });
    const unknown = await t.c.put('/_sim/numbers/+14155550100', { outcome: 'exploded' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toHaveProperty('outcome');
    expect((await t.c.get('/_sim/numbers')).body.numbers).toEqual([]);
  });

  it('lets developer keys read but not set outcomes', async () => {
    const t = messagingApp();
    const dev = await t.control.keyFor('developer');
    expect((await request(t.app).get('/_sim/numbers/+14155550100').set('x-api-key', dev)).status).toBe(200);
    expect((await request(t.app).put('/_sim/numbers/+14155550100').set('x-api-key', dev).send({ outcome: 'failed' })).status).toBe(403);
    expect((await t.c.get('/_sim/numbers')).body.numbers).toEqual([]);
  });

  it('are reset, exported and imported with the tenant', async () => {
    const t = messagingApp();
    await t.c.put('/_sim/numbers/+14155550100', { outcome: 'failed' });
    const snapshot = await t.control.export();
    expect(snapshot.collections.number_outcomes).toEqual([expect.objectContaining({ id: '+14155550100', outcome: 'failed' })]);
    expect((await t.control.reset()).status).toBe(200);
    expect((await t.c.get('/_sim/numbers')).body.numbers).toEqual([]);
    expect((await t.control.import(snapshot)).status).toBe(200);
    expect((await t.c.get('/_sim/numbers/+14155550100')).body.outcome).toBe('failed');
  });
});
