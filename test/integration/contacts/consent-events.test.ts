/**
 * Issue 22: consent events (decisions §14, docs/decisions/0064). Inbound keywords emit
 * `contact.opt_out` / `contact.opt_in` / `contact.help` (`INBOUND_KEYWORD`) after the message's
 * `message.received`; `POST /_sim/contacts/opt-out` (simulator-only) emits a `PROVIDER_SIGNAL`
 * opt-out. An unknown number becomes a contact first. Bodies verified as a receiver would.
 */
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { simulatorNumber } from '../../../src/resources/messages/rules.js';
import { client, testApp } from '../../support/app.js';
import { startReceiver } from '../../support/receiver.js';
import { sim } from '../../support/sim.js';
import { aWebhook, verified } from '../../support/webhooks.js';

type Body = { field: string; event: string; timestamp: string; request_id: string | null; payload: Record<string, unknown> };

async function setup(eventTypes: string[] = ['message', 'contact']) {
  const { app } = testApp();
  const c = client(app);
  const control = sim(app, c.key);
  const receiver = await startReceiver();
  const webhook = (await c.post('/v3/webhooks', aWebhook(receiver.url, { event_types: eventTypes }))).body.data as { signing_secret: string };
  const bodies = () => receiver.received.map((r) => verified(webhook.signing_secret, r) as Body);
  const contact = async (phone: string) => {
    const res = await c.get(`/v3/contacts?page=1&page_size=10&phone=${encodeURIComponent(phone)}`);
    return res.status === 200 ? (res.body.data.contacts[0] as { id: string; opt_out: boolean }) : null;
  };
  const org = (await control.tenant()).organization_id as string;
  return { app, c, control, receiver, bodies, contact, org };
}

describe('consent events from inbound keywords', () => {
  it('STOP from an unknown number: the contact is made and opted out, then message.received, then contact.opt_out', async () => {
    const { c, receiver, bodies, contact, org } = await setup();
    try {
      expect(await contact('+14155550100')).toBeNull();
      const res = await c.post('/_sim/inbound', { from: '+14155550100', text: ' Stop ' });
      expect(res.status).toBe(201);
      const made = await contact('+14155550100');
      expect(made).toMatchObject({ id: res.body.contact.id, opt_out: true });
      const [received, optOut] = bodies();
      expect(bodies()).toHaveLength(2);
      expect(received).toMatchObject({ event: 'message.received', payload: { message_id: res.body.message.id, text: ' Stop ' } });
      expect(optOut).toEqual({
        field: 'contact',
        event: 'contact.opt_out',
        timestamp: received!.timestamp,
        request_id: res.headers['x-request-id'],
        payload: {
          account_id: org,
          channel: 'sms',
          contact_id: made!.id,
          from: '+14155550100',
          message_id: res.body.message.id,
          opt_out: true,
          source: 'INBOUND_KEYWORD',
          template_id: null,
          text: ' Stop ',
          to: received!.payload.outbound_number,
        },
      });
      expect(receiver.received[1]!.headers['x-webhook-event-type']).toBe('contact.opt_out');
    } finally {
      await receiver.close();
    }
  });

  it('START opts back in; HELP and INFO report the state unchanged; other text brings no contact event', async () => {
    const { c, receiver, bodies, contact } = await setup();
    try {
      for (const text of ['STOP', 'HELP', 'START', 'info', 'Help me please', 'UNSUBSCRIBE', 'hello']) {
        expect((await c.post('/_sim/inbound', { from: '+14155550101', text, channel: 'whatsapp' })).status, text).toBe(201);
      }
      const contactEvents = bodies().filter((b) => b.field === 'contact');
      expect(contactEvents.map((b) => [b.event, b.payload.opt_out, b.payload.text, b.payload.channel])).toEqual([
        ['contact.opt_out', true, 'STOP', 'whatsapp'],
        ['contact.help', true, 'HELP', 'whatsapp'],
        ['contact.opt_in', false, 'START', 'whatsapp'],
        ['contact.help', false, 'info', 'whatsapp'],
        ['contact.opt_out', true, 'UNSUBSCRIBE', 'whatsapp'],
      ]);
      // Each follows its own message.received, in order.
      expect(bodies().map((b) => b.event)).toEqual([
        'message.received', 'contact.opt_out', 'message.received', 'contact.help', 'message.received', 'contact.opt_in',
        'message.received', 'contact.help', 'message.received', 'message.received', 'contact.opt_out', 'message.received',
      ]);
      for (const b of contactEvents) expect(bodies().find((m) => m.event === 'message.received' && m.payload.message_id === b.payload.message_id)).toBeDefined();
      expect(await contact('+14155550101')).toMatchObject({ opt_out: true });
    } finally {
      await receiver.close();
    }
  });

  it('names the account’s auto-reply template for the keyword, when it has one', async () => {
    const { c, receiver, bodies } = await setup(['contact']);
    try {
      const replies = (await c.post('/_sim/templates/auto-replies', {})).body.templates as Array<{ id: string; name: string }>;
      const byName = Object.fromEntries(replies.map((t) => [t.name, t.id]));
      for (const text of ['STOP', 'START', 'HELP']) await c.post('/_sim/inbound', { from: '+14155550102', text });
      expect(bodies().map((b) => [b.event, b.payload.template_id])).toEqual([
        ['contact.opt_out', byName.sent_opt_out],
        ['contact.opt_in', byName.sent_opt_in],
        ['contact.help', byName.sent_help],
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('reach only webhooks subscribed to the family or to that sub-type', async () => {
    const { c, receiver } = await setup(['message']);
    try {
      const onlyOptOut = (await c.post('/v3/webhooks', aWebhook(receiver.url, { event_types: ['contact.opt_out'] }))).body.data as { id: string };
      for (const text of ['STOP', 'HELP', 'START']) await c.post('/_sim/inbound', { from: '+14155550103', text });
      // Each webhook's deliveries are ordered among themselves, not against another webhook's.
      const to = (mine: boolean) => receiver.received.filter((r) => (r.headers['x-webhook-id'] === onlyOptOut.id) === mine).map((r) => r.json.event);
      expect(to(true)).toEqual(['contact.opt_out']);
      expect(to(false)).toEqual(['message.received', 'message.received', 'message.received']);
    } finally {
      await receiver.close();
    }
  });
});

describe('POST /_sim/contacts/opt-out (simulator-only PROVIDER_SIGNAL)', () => {
  it('opts a new number out as a contact of the organization and sends contact.opt_out with no message and no text', async () => {
    const { c, control, receiver, bodies, contact, org } = await setup();
    try {
      const res = await c.post('/_sim/contacts/opt-out', { phone_number: '+14155550104' });
      expect(res.status).toBe(200);
      const made = await contact('+14155550104');
      expect(res.body).toEqual({ contact: { id: made!.id, opt_out: true } });
      expect(bodies()).toEqual([
        {
          field: 'contact',
          event: 'contact.opt_out',
          timestamp: expect.stringMatching(/Z$/),
          request_id: res.headers['x-request-id'],
          payload: {
            account_id: org,
            channel: 'sms',
            contact_id: made!.id,
            from: '+14155550104',
            message_id: null,
            opt_out: true,
            source: 'PROVIDER_SIGNAL',
            template_id: null,
            text: null,
            to: simulatorNumber(org, 'sms'),
          },
        },
      ]);
      // Sent honours it on every send: the next message to the number is FILTERED.
      const sent = (await c.post('/v3/messages', { to: ['+14155550104'], channel: ['sms'], text: 'Hi' })).body.data.recipients[0].message_id as string;
      await control.advance(2);
      expect((await c.get(`/v3/messages/${sent}`)).body.data.status).toBe('FILTERED');
    } finally {
      await receiver.close();
    }
  });

  it('reports an already opted-out contact again, and takes a profile’s contact on its channel', async () => {
    const { app, c, receiver, bodies } = await setup();
    try {
      await c.post('/_sim/inbound', { from: '+14155550105', text: 'STOP' });
      const again = await c.post('/_sim/contacts/opt-out', { phone_number: '+14155550105', channel: 'whatsapp' });
      expect(again.body.contact.opt_out).toBe(true);
      expect(bodies().at(-1)).toMatchObject({ event: 'contact.opt_out', payload: { source: 'PROVIDER_SIGNAL', channel: 'whatsapp', contact_id: again.body.contact.id, to: simulatorNumber((await sim(app, c.key).tenant()).organization_id, 'whatsapp') } });

      const profile = (await c.post('/v3/profiles', { name: 'Store', short_name: 'STORE', allow_contact_sharing: false })).body.data as { id: string };
      const res = await c.post('/_sim/contacts/opt-out', { phone_number: '+14155550105', account_id: profile.id.toUpperCase() });
      expect(res.status).toBe(200);
      // A contact belongs to one account: the profile's is a new one.
      expect(res.body.contact.id).not.toBe(again.body.contact.id);
      expect(bodies().at(-1)!.payload).toMatchObject({ account_id: profile.id, contact_id: res.body.contact.id, opt_out: true });
    } finally {
      await receiver.close();
    }
  });

  it('refuses a number that is not E.164, an unknown account or scenario, and an unknown field, changing nothing', async () => {
    const { c, control, receiver } = await setup();
    try {
      const notE164 = await c.post('/_sim/contacts/opt-out', { phone_number: '4155550106' });
      expect(notE164.status).toBe(400);
      expect(notE164.body).toMatchObject({ code: 'VALIDATION_002', errors: { phone_number: [MESSAGES.phoneNumberNotE164] } });
      const account = await c.post('/_sim/contacts/opt-out', { phone_number: '+14155550106', account_id: '7ba7b820-9dad-11d1-80b4-00c04fd430c8' });
      expect(account.status).toBe(400);
      expect(account.body.errors).toEqual({ account_id: [MESSAGES.inboundAccountUnknown] });
      const scenario = await c.post('/_sim/contacts/opt-out', { phone_number: '+14155550106' }).set('x-sim-scenario', 'no-such-scenario');
      expect(scenario.status).toBe(400);
      const extra = await c.post('/_sim/contacts/opt-out', { phone_number: '+14155550106', text: 'STOP' });
      expect(extra.status).toBe(400);
      expect(extra.body.code).toBe('VALIDATION_001');
      expect((await control.tenant()).totals).toMatchObject({ contacts: 0 });
      expect(receiver.received).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});
