import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { aProfile } from '../../support/builders.js';
import { approvedProfile, importTemplate, messagingApp, statusesOf } from './helpers.js';

type App = ReturnType<typeof messagingApp>;

/** Sends one message, runs the lifecycle and returns its detail and event names. */
async function outcome({ c, control, events }: App, body: object, profileId?: string) {
  const req = c.post('/v3/messages', body);
  const res = await (profileId ? req.set('x-profile-id', profileId) : req);
  expect(res.status).toBe(202);
  const id = res.body.data.recipients[0].message_id as string;
  await control.advance(10);
  const get = c.get(`/v3/messages/${id}`);
  const detail = (await (profileId ? get.set('x-profile-id', profileId) : get)).body.data;
  return { id, detail, events: statusesOf(events, id), last: detail.events.at(-1) };
}

describe('send-time gating (the request is still 202)', () => {
  it('filters a message to an opted-out contact at +1 s, unpriced', async () => {
    const t = messagingApp();
    expect((await t.c.post('/_sim/inbound', { from: '+14155550100', text: 'STOP' })).status).toBe(201);
    const { detail, events, last } = await outcome(t, { to: ['+14155550100'], channel: ['sms'], text: 'Hi' });
    expect(detail).toMatchObject({ status: 'FILTERED', price: null, active_contact_price: null });
    expect(last).toMatchObject({ status: 'FILTERED', description: MESSAGES.consentBlocked });
    expect(events).toEqual(['message.queued', 'message.filtered']);
    const [queued, filtered] = detail.events.map((e: { timestamp: string }) => Date.parse(e.timestamp.slice(0, 23)));
    expect(filtered - queued).toBe(1000);
  });

  it('blocks every message of a profile that is not approved (BUSINESS_029)', async () => {
    const t = messagingApp();
    const profile = (await t.c.post('/v3/profiles', aProfile())).body.data;
    expect(profile.status).toBe('incomplete');
    const { detail, events, last } = await outcome(t, { to: ['+14155550100'], channel: ['sms'], text: 'Hi' }, profile.id);
    expect(detail).toMatchObject({ status: 'BLOCKED', price: null, customer_id: profile.id });
    expect(last.description).toBe(MESSAGES.senderNotActive);
    expect(last.description).toContain('BUSINESS_029');
    expect(events).toEqual(['message.queued', 'message.blocked']);
  });

  it('delivers the sends of an approved profile', async () => {
    const t = messagingApp();
    const profileId = await approvedProfile(t.app, t.c.key);
    const { detail } = await outcome(t, { to: ['+14155550100'], channel: ['sms'], text: 'Hi' }, profileId);
    expect(detail.status).toBe('DELIVERED');
  });

  it('blocks a template on a channel whose leg is not APPROVED (BUSINESS_005): DRAFT, REJECTED, PAUSED anywhere, PENDING on whatsapp', async () => {
    const t = messagingApp();
    const cases: Array<[string, string, string]> = [
      ['DRAFT', 'sms', 'BLOCKED'],
      ['REJECTED', 'sms', 'BLOCKED'],
      ['PAUSED', 'rcs', 'BLOCKED'],
      ['PENDING', 'whatsapp', 'BLOCKED'],
      ['PENDING', 'sms', 'DELIVERED'],
      ['PENDING', 'rcs', 'DELIVERED'],
      ['APPROVED', 'whatsapp', 'DELIVERED'],
    ];
    for (const [status, channel, expected] of cases) {
      const id = await importTemplate(t.app, t.c.key, { status: status as 'DRAFT' });
      const { detail, last } = await outcome(t, { to: ['+14155550100'], channel: [channel], template: { id, parameters: { name: 'A' } } });
      expect([status, channel, detail.status]).toEqual([status, channel, expected]);
      if (expected === 'BLOCKED') expect(last.description).toBe(MESSAGES.templateNotApproved);
    }
  });

  it('blocks a template on a channel it has no body for (BUSINESS_012)', async () => {
    const t = messagingApp();
    const id = await importTemplate(t.app, t.c.key, { definition: { body: { sms: { template: 'SMS only' } } } });
    const { detail, last } = await outcome(t, { to: ['+14155550100'], channel: ['whatsapp'], template: { id } });
    expect(detail.status).toBe('BLOCKED');
    expect(last.description).toBe(MESSAGES.templateNotOnChannel);
  });

  it('blocks free text on whatsapp until the contact wrote on whatsapp, for 24 h', async () => {
    const t = messagingApp();
    const send = () => outcome(t, { to: ['+14155550100'], channel: ['whatsapp'], text: 'Hi' });
    const closed = await send();
    expect(closed.detail.status).toBe('BLOCKED');
    expect(closed.last.description).toBe(MESSAGES.whatsappWindowClosed);

    expect((await t.c.post('/_sim/inbound', { from: '+14155550100', text: 'Hello?', channel: 'whatsapp' })).status).toBe(201);
    expect((await send()).detail.status).toBe('DELIVERED');
    // An sms from the contact does not open a WhatsApp conversation.
    expect((await t.c.post('/_sim/inbound', { from: '+14155550101', text: 'Hello?', channel: 'sms' })).status).toBe(201);
    expect((await outcome(t, { to: ['+14155550101'], channel: ['whatsapp'], text: 'Hi' })).detail.status).toBe('BLOCKED');

    await t.control.advance(24 * 3600);
    expect((await send()).detail.status).toBe('BLOCKED');
  });

  it('fails a message whose template parameter is missing (ERR_TEMPLATE_PARAMS_INVALID), not the request', async () => {
    const t = messagingApp();
    const id = await importTemplate(t.app, t.c.key);
    const res = await t.c.post('/v3/messages', { to: ['+14155550100'], channel: ['sms'], template: { id, parameters: { other: 'x' } } });
    expect(res.status).toBe(202);
    expect(res.body.data.recipients[0].body).toBe('Hi {{0:variable}}, your order is confirmed.');
    const msg = res.body.data.recipients[0].message_id;
    await t.control.advance(10);
    const detail = (await t.c.get(`/v3/messages/${msg}`)).body.data;
    expect(detail).toMatchObject({ status: 'FAILED', price: null });
    expect(detail.events.at(-1)).toMatchObject({ status: 'FAILED', description: MESSAGES.templateParamsInvalid });
    expect(statusesOf(t.events, msg)).toEqual(['message.queued', 'message.failed']);
  });

  it('gates each message of a send on its own: one recipient filtered, the other delivered', async () => {
    const t = messagingApp();
    await t.c.post('/_sim/inbound', { from: '+14155550100', text: 'stop' });
    const res = await t.c.post('/v3/messages', { to: ['+14155550100', '+14155550101'], channel: ['sms'], text: 'Hi' });
    await t.control.advance(10);
    const statuses = await Promise.all(res.body.data.recipients.map(async (r: { message_id: string }) => (await t.c.get(`/v3/messages/${r.message_id}`)).body.data.status));
    expect(statuses).toEqual(['FILTERED', 'DELIVERED']);
  });
});
