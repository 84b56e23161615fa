import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { stillClock } from '../../support/app.js';
import { approvedProfile, importTemplate, messagingApp, statusesOf } from './helpers.js';

const ms = (timestamp: string) => Date.parse(timestamp.replace(/(\.\d{3})\d+/, '$1'));

// Real time stands still here (issue 25 row 16): each step is due a whole second after the last,
// and a loaded machine that took a second between two requests fired the next step early.
describe('the message lifecycle', () => {
  it('runs QUEUED → PROCESSED → ROUTED → SENT → DELIVERED on the tenant clock, 1 s, 1 s, 1 s, 2 s apart', async () => {
    const { c, control, events } = messagingApp({ realNow: stillClock() });
    const id = (await c.post('/v3/messages', { to: ['+14155550100'], channel: ['sms'], text: 'Your table is ready.' })).body.data.recipients[0].message_id;
    const status = async () => (await c.get(`/v3/messages/${id}`)).body.data.status;
    await control.advance(0);
    expect(await status()).toBe('QUEUED');
    expect(statusesOf(events, id)).toEqual(['message.queued']);
    await control.advance(1);
    expect(await status()).toBe('QUEUED'); // PROCESSED is an activity only
    expect(statusesOf(events, id)).toEqual(['message.queued']);
    await control.advance(1);
    expect(await status()).toBe('ROUTED');
    await control.advance(1);
    expect(await status()).toBe('SENT');
    await control.advance(1);
    expect(await status()).toBe('SENT');
    await control.advance(1);
    expect(await status()).toBe('DELIVERED');
    expect(statusesOf(events, id)).toEqual(['message.queued', 'message.routed', 'message.sent', 'message.delivered']);
    await control.advance(3600);
    expect(statusesOf(events, id)).toHaveLength(4);
  });

  it('shows the history through GET (events oldest first, priced from SENT) and the activities (newest first)', async () => {
    const { c, control } = messagingApp({ realNow: stillClock() });
    const send = await c.post('/v3/messages', { to: ['+14155550100'], channel: ['sms'], text: 'Your table is ready.' });
    const id = send.body.data.recipients[0].message_id;
    const queued = (await c.get(`/v3/messages/${id}`)).body.data;
    expect(queued.events).toEqual([{ status: 'QUEUED', timestamp: queued.created_at, description: MESSAGES.messageQueuedEvent }]);
    await control.advance(5);

    const detail = (await c.get(`/v3/messages/${id}`)).body.data;
    const t0 = ms(detail.created_at);
    expect(detail).toMatchObject({ status: 'DELIVERED', channel: 'sms', price: 0.0075, active_contact_price: 0.015, message_body: { content: 'Your table is ready.' } });
    expect(detail.events.map((e: { status: string; timestamp: string; description: string }) => [e.status, ms(e.timestamp) - t0, e.description])).toEqual([
      ['QUEUED', 0, MESSAGES.messageQueuedEvent],
      ['ROUTED', 2000, MESSAGES.messageRouted('SMS')],
      ['SENT', 3000, MESSAGES.messageSent('SMS')],
      ['DELIVERED', 5000, MESSAGES.messageDelivered],
    ]);

    const activities = (await c.get(`/v3/messages/${id}/activities`)).body.data;
    expect(activities.message_id).toBe(id);
    const from = activities.activities[0].from;
    expect(from).toMatch(/^\+1555\d{7}$/);
    expect(activities.activities.map((a: Record<string, string | null>) => [a.status, a.description, ms(a.timestamp!) - t0, a.from, a.price, a.active_contact_price])).toEqual([
      ['DELIVERED', MESSAGES.messageDelivered, 5000, from, '0.0075', '0.0150'],
      ['SENT', MESSAGES.messageSent('SMS'), 3000, from, '0.0075', '0.0150'],
      ['ROUTED', MESSAGES.messageRouted('SMS'), 2000, from, null, null],
      ['PROCESSED', MESSAGES.messageProcessed, 1000, null, null, null],
      ['QUEUED', MESSAGES.messageQueued, 0, null, null, null],
    ]);
  });

  it('publishes each status event with the decided payload', async () => {
    const { app, c, control, events } = messagingApp({ realNow: stillClock() });
    const templateId = await importTemplate(app, c.key, { name: 'order_confirmation' });
    const org = (await control.tenant()).organization_id;
    const send = await c.post('/v3/messages', { to: ['+14155550100'], channel: ['whatsapp'], template: { name: 'order_confirmation', parameters: { name: 'A' } } });
    const [withTemplate, freeText] = [send.body.data.recipients[0].message_id, (await c.post('/v3/messages', { to: ['+14155550101'], channel: ['sms'], text: 'Hi' })).body.data.recipients[0].message_id];
    await control.advance(5);
    const delivered = events.find((e) => e.payload.message_id === withTemplate && e.name === 'message.delivered')!;
    // A job published it seconds later; the send started it (docs/decisions/0060).
    expect(delivered).toMatchObject({ account_id: org, family: 'message', order_key: withTemplate, scenario: null, request_id: send.headers['x-request-id'] });
    expect(delivered.payload).toEqual({
      account_id: org,
      message_id: withTemplate,
      message_status: 'DELIVERED',
      channel: 'whatsapp',
      outbound_number: '+14155550100',
      body: send.body.data.recipients[0].body,
      template_id: templateId,
      template_name: 'order_confirmation',
      agent_id: null,
      updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    expect(delivered.payload.body).toEqual(expect.any(String));
    expect(Object.keys(delivered.payload)).toEqual(['account_id', 'message_id', 'message_status', 'channel', 'outbound_number', 'body', 'template_id', 'template_name', 'agent_id', 'updated_at']);
    const text = events.find((e) => e.payload.message_id === freeText && e.name === 'message.sent')!;
    expect(text.payload).toMatchObject({ template_id: null, message_status: 'SENT', channel: 'sms' });
    expect('template_name' in text.payload).toBe(false);
    const detail = (await c.get(`/v3/messages/${freeText}`)).body.data;
    const sent = detail.events.find((e: { status: string }) => e.status === 'SENT');
    expect(text.payload.updated_at).toBe(`${new Date(ms(sent.timestamp)).toISOString().slice(0, 19)}Z`);
  });

  it('routes auto-detect to whatsapp when the contact has it and the template is approved for it, else sms', async () => {
    const { app, c, control, events } = messagingApp({ realNow: stillClock() });
    const approved = await importTemplate(app, c.key);
    const pending = await importTemplate(app, c.key, { status: 'PENDING' });
    const send = async (to: string, template: string | null) =>
      (await c.post('/v3/messages', template ? { to: [to], template: { id: template, parameters: { name: 'A' } } } : { to: [to], text: 'Hi' })).body.data.recipients[0].message_id as string;
    const cases = {
      whatsapp: await send('+14155550100', approved), // fixed-line-or-mobile: sms,whatsapp
      tollFree: await send('+18005550100', approved), // toll-free: sms only
      pending: await send('+14155550102', pending), // not approved for whatsapp
      freeText: await send('+14155550103', null), // no open conversation
    };
    await control.advance(5);
    const channels = Object.fromEntries(await Promise.all(Object.entries(cases).map(async ([k, id]) => [k, (await c.get(`/v3/messages/${id}`)).body.data.channel])));
    expect(channels).toEqual({ whatsapp: 'whatsapp', tollFree: 'sms', pending: 'sms', freeText: 'sms' });
    const routed = events.find((e) => e.payload.message_id === cases.whatsapp && e.name === 'message.routed')!;
    expect(routed.payload.channel).toBe('whatsapp');
    const queued = events.find((e) => e.payload.message_id === cases.whatsapp && e.name === 'message.queued')!;
    expect(queued.payload.channel).toBe('auto');
    const detail = (await c.get(`/v3/messages/${cases.whatsapp}`)).body.data;
    expect(detail).toMatchObject({ price: 0.025, message_body: { content: 'Hi A, your order is confirmed.' } });
  });

  it('follows the tenant’s step and receipt delays', async () => {
    const { c, control } = messagingApp({ realNow: stillClock() });
    expect((await control.patchTenant({ settings: { message_step_seconds: 10, message_receipt_seconds: 60 } })).status).toBe(200);
    const id = (await c.post('/v3/messages', { to: ['+14155550100'], channel: ['sms'], text: 'Hi' })).body.data.recipients[0].message_id;
    const status = async () => (await c.get(`/v3/messages/${id}`)).body.data.status;
    await control.advance(29);
    expect(await status()).toBe('ROUTED');
    await control.advance(1);
    expect(await status()).toBe('SENT');
    await control.advance(59);
    expect(await status()).toBe('SENT');
    await control.advance(1);
    expect(await status()).toBe('DELIVERED');
  });

  it('reads READ 5 s after DELIVERED for the 0150 test number on whatsapp, and stops at DELIVERED on sms', async () => {
    const { c, control, events } = messagingApp({ realNow: stillClock() });
    // Free text on whatsapp needs an open conversation (none here: BLOCKED); rcs has no such rule.
    const res = await c.post('/v3/messages', { to: ['+14155550150'], channel: ['whatsapp', 'sms', 'rcs'], text: 'Hi' });
    expect(res.status).toBe(202);
    const [whatsapp, sms, rcs] = res.body.data.recipients.map((r: { message_id: string }) => r.message_id);
    await control.advance(9);
    expect(statusesOf(events, rcs)).toEqual(['message.queued', 'message.routed', 'message.sent', 'message.delivered']);
    await control.advance(1);
    expect(statusesOf(events, rcs).at(-1)).toBe('message.read');
    expect(statusesOf(events, sms).at(-1)).toBe('message.delivered');
    expect(statusesOf(events, whatsapp).at(-1)).toBe('message.blocked');
    expect((await c.get(`/v3/messages/${rcs}`)).body.data).toMatchObject({ status: 'READ', price: 0.01 });
  });

  it('sends as the profile named by x-profile-id: customer_id and account_id are the profile’s, and only it sees the message', async () => {
    const { app, c, control, events } = messagingApp({ realNow: stillClock() });
    const profileId = await approvedProfile(app, c.key);
    const res = await c.post('/v3/messages', { to: ['+14155550100'], channel: ['sms'], text: 'Hi' }).set('x-profile-id', profileId);
    expect(res.status).toBe(202);
    expect(res.headers['x-profile-id']).toBe(profileId);
    const id = res.body.data.recipients[0].message_id;
    await control.advance(5);
    const asProfile = await c.get(`/v3/messages/${id}`).set('x-profile-id', profileId);
    expect(asProfile.body.data).toMatchObject({ customer_id: profileId, status: 'DELIVERED' });
    expect(events.filter((e) => e.payload.message_id === id).every((e) => e.account_id === profileId && e.payload.account_id === profileId)).toBe(true);
    // The organization is another account: not found, never forbidden.
    const asOrg = await c.get(`/v3/messages/${id}`);
    expect(asOrg.status).toBe(404);
    expect(asOrg.body.error.code).toBe('RESOURCE_003');
    expect((await c.get(`/v3/messages/${id}/activities`)).status).toBe(404);
  });

  it('drains a 1,000-recipient send in one advance, every message delivered', async () => {
    const { c, control, events } = messagingApp({ realNow: stillClock() });
    const to = Array.from({ length: 1000 }, (_, i) => `+1202555${String(2000 + i)}`);
    const res = await c.post('/v3/messages', { to, channel: ['sms'], text: 'Hi' });
    expect(res.status).toBe(202);
    expect(res.body.data.recipients).toHaveLength(1000);
    expect((await control.tenant()).totals.pending_jobs).toBeLessThanOrEqual(1);
    const { fired } = await control.advance(5);
    // One job per step for the whole batch, not one per message (the t=0 job may have run on its own already).
    expect(fired.length).toBeGreaterThanOrEqual(4);
    expect(fired.length).toBeLessThanOrEqual(5);
    expect(new Set(fired.map((f) => f.kind))).toEqual(new Set(['message-step']));
    expect(events.filter((e) => e.name === 'message.delivered')).toHaveLength(1000);
    expect(events).toHaveLength(4000);
    const last = res.body.data.recipients[999].message_id;
    expect((await c.get(`/v3/messages/${last}`)).body.data.status).toBe('DELIVERED');
  });
});
