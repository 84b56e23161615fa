import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { aProfile } from '../../support/builders.js';
import { contactOf, messagingApp } from './helpers.js';

describe('POST /_sim/inbound (simulator-only)', () => {
  it('records a RECEIVED message from a new contact and publishes message.received', async () => {
    const { app, c, control, events } = messagingApp();
    const res = await c.post('/_sim/inbound', { from: '+14155550100', text: 'Hello, I have a question' });
    expect(res.status).toBe(201);
    const org = (await control.tenant()).organization_id;
    const contact = await contactOf(app, c.key, '+14155550100');
    expect(contact).toMatchObject({ account_id: org, opt_out: false });
    const { message } = res.body;
    expect(res.body.contact).toEqual({ id: contact!.id, opt_out: false });
    expect(message).toMatchObject({ direction: 'inbound', status: 'RECEIVED', channel: 'sms', phone: '+14155550100', customer_id: org, contact_id: contact!.id, price: null, template_id: null });
    expect(message.message_body.content).toBe('Hello, I have a question');

    // The same message through the API, with its one activity from the contact's number.
    expect((await c.get(`/v3/messages/${message.id}`)).body.data).toEqual(message);
    const activities = (await c.get(`/v3/messages/${message.id}/activities`)).body.data.activities;
    expect(activities).toEqual([{ status: 'RECEIVED', description: MESSAGES.messageReceived, timestamp: message.created_at, from: '+14155550100', price: null, active_contact_price: null }]);

    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({ name: 'message.received', family: 'message', account_id: org, order_key: message.id });
    expect(event!.payload).toEqual({
      account_id: org,
      message_id: message.id,
      channel: 'sms',
      inbound_number: '+14155550100',
      outbound_number: expect.stringMatching(/^\+1555\d{7}$/),
      text: 'Hello, I have a question',
      received_at: expect.stringMatching(/Z$/),
      updated_at: event!.payload.received_at,
    });
  });

  it('is addressed to the number the account sends from, unless `to` says otherwise', async () => {
    const { c, events } = messagingApp();
    const sent = (await c.post('/v3/messages', { to: ['+14155550100'], channel: ['sms'], text: 'Hi' })).body.data.recipients[0].message_id;
    await c.post('/_sim/clock/advance', { seconds: 5 });
    const from = (await c.get(`/v3/messages/${sent}/activities`)).body.data.activities[0].from;
    await c.post('/_sim/inbound', { from: '+14155550100', text: 'Thanks' });
    await c.post('/_sim/inbound', { from: '+14155550100', text: 'Thanks', to: '+14155559999' });
    const received = events.filter((e) => e.name === 'message.received').map((e) => e.payload.outbound_number);
    expect(received).toEqual([from, '+14155559999']);
  });

  it('opts the contact out on STOP (whole body, any case) before message.received is published, and back in on START', async () => {
    const { app, c, deps } = messagingApp();
    // A receiver that looks the contact up when the event arrives, as an integration would.
    const seen: unknown[] = [];
    deps.events.subscribe(async (_tenant, event) => {
      if (event.name !== 'message.received') return;
      const view = (await request(app).get('/_sim/tenant').set('x-api-key', c.key)).body;
      seen.push([event.payload.text, view.contacts[0].opt_out]);
    });
    for (const text of ['  stop ', 'Please stop messaging me', 'START', 'Unsubscribe', 'unstop', 'QUIT', 'subscribe', 'END', 'cancel']) {
      expect((await c.post('/_sim/inbound', { from: '+14155550100', text })).status).toBe(201);
    }
    expect(seen).toEqual([
      ['  stop ', true],
      ['Please stop messaging me', true],
      ['START', false],
      ['Unsubscribe', true],
      ['unstop', false],
      ['QUIT', true],
      ['subscribe', false],
      ['END', true],
      ['cancel', true],
    ]);
    expect(await contactOf(app, c.key, '+14155550100')).toMatchObject({ opt_out: true });
  });

  it('opens the contact’s WhatsApp window on a whatsapp message', async () => {
    const { app, c } = messagingApp();
    await c.post('/_sim/inbound', { from: '+14155550100', text: 'Hi' });
    expect(await contactOf(app, c.key, '+14155550100')).toMatchObject({ last_whatsapp_inbound_at: null });
    const res = await c.post('/_sim/inbound', { from: '+14155550100', text: 'Hi', channel: 'whatsapp' });
    expect(res.body.message.channel).toBe('whatsapp');
    expect(await contactOf(app, c.key, '+14155550100')).toMatchObject({ last_whatsapp_inbound_at: res.body.message.created_at });
  });

  it('goes to a profile named by account_id, whose contacts and messages are its own', async () => {
    const { app, c, events } = messagingApp();
    const profile = (await c.post('/v3/profiles', aProfile())).body.data;
    const res = await c.post('/_sim/inbound', { from: '+14155550100', text: 'Hi', account_id: profile.id });
    expect(res.status).toBe(201);
    expect(res.body.message.customer_id).toBe(profile.id);
    expect(events[0]!.account_id).toBe(profile.id);
    expect(await contactOf(app, c.key, '+14155550100')).toMatchObject({ account_id: profile.id });
    expect((await c.get(`/v3/messages/${res.body.message.id}`)).status).toBe(404);
    expect((await c.get(`/v3/messages/${res.body.message.id}`).set('x-profile-id', profile.id)).status).toBe(200);
  });

  it('carries the scenario in force on its event, and refuses an unknown one', async () => {
    const { c, control, events } = messagingApp();
    expect((await c.post('/_sim/inbound', { from: '+14155550100', text: 'Hi' }).set('x-sim-scenario', 'message-failed')).status).toBe(201);
    expect(events.map((e) => e.scenario)).toEqual(['message-failed']);
    const unknown = await c.post('/_sim/inbound', { from: '+14155550101', text: 'Hi' }).set('x-sim-scenario', 'no-such-scenario');
    expect(unknown.status).toBe(400);
    expect((await control.tenant()).totals).toMatchObject({ messages: 1, contacts: 1 });
  });

  it('refuses a sender that is not E.164, a missing text or an unknown account, and changes nothing', async () => {
    const { c, control, events } = messagingApp();
    const notE164 = await c.post('/_sim/inbound', { from: '4155550100', text: 'Hi' });
    expect(notE164.status).toBe(400);
    expect(notE164.body).toMatchObject({ code: 'VALIDATION_002', errors: { from: [MESSAGES.recipientNotE164] } });
    const noText = await c.post('/_sim/inbound', { from: '+14155550100' });
    expect(noText.status).toBe(400);
    expect(noText.body.errors).toHaveProperty('text');
    const unknown = await c.post('/_sim/inbound', { from: '+14155550100', text: 'Hi', account_id: '7ba7b820-9dad-11d1-80b4-00c04fd430c8' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual({ account_id: [MESSAGES.inboundAccountUnknown] });
    expect((await control.tenant()).totals).toMatchObject({ messages: 0, contacts: 0 });
    expect(events).toEqual([]);
  });
});
