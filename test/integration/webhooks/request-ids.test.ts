/**
 * Issue 22: the envelope's `request_id` is the `meta.request_id` of the API or `/_sim` call that
 * started the event's chain (decisions §14, docs/decisions/0060) — however much later a job
 * publishes the event, on a retry, and after an export and import — and `null` when no call did
 * (a review verdict the clock reaches on its own).
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { client, tenantKey, testApp } from '../../support/app.js';
import { startReceiver, type Received } from '../../support/receiver.js';
import { sim } from '../../support/sim.js';
import { aTemplate } from '../../support/template-builders.js';
import { aWebhook, verified } from '../../support/webhooks.js';

type Body = { field: string; event?: string; request_id: string | null; payload: Record<string, unknown> };

async function setup(status: (n: number) => number = () => 200) {
  const { app } = testApp();
  const c = client(app);
  const receiver = await startReceiver((n, res) => {
    res.statusCode = status(n);
    res.end();
  });
  const webhook = (await c.post('/v3/webhooks', aWebhook(receiver.url, { event_types: ['message', 'templates', 'contact'] }))).body.data as { id: string; signing_secret: string };
  const bodies = (secret = webhook.signing_secret, received: Received[] = receiver.received) => received.map((r) => verified(secret, r) as Body);
  return { app, c, control: sim(app, c.key), receiver, webhook, bodies };
}

describe('request_id of the envelope', () => {
  it('is the send’s X-Request-Id on every event of the message, published by jobs during a later clock advance, a retry included', async () => {
    const { c, control, receiver, bodies } = await setup((n) => (n === 3 ? 503 : 200));
    try {
      const send = await c.post('/v3/messages', { to: ['+14155550100'], channel: ['sms'], text: 'Your table is ready.' });
      expect(send.status).toBe(202);
      const requestId = send.headers['x-request-id'] as string;
      expect(send.body.meta.request_id).toBe(requestId);
      const advanced = await c.post('/_sim/clock/advance', { seconds: 10 });
      expect(advanced.status).toBe(200);
      await control.advance(60); // the retry of the third event (message.sent answered 503 once)
      const got = bodies();
      expect(got.map((b) => b.event)).toEqual(['message.queued', 'message.routed', 'message.sent', 'message.delivered', 'message.sent']);
      expect(receiver.received[2]!.body).toBe(receiver.received[4]!.body);
      for (const body of got) expect(body.request_id).toBe(requestId);
      // Not the clock advance's: it only let the jobs run.
      expect(advanced.headers['x-request-id']).not.toBe(requestId);
    } finally {
      await receiver.close();
    }
  });

  it('survives an export and an import into another tenant: the copy’s pending lifecycle still names the send', async () => {
    const { app, c, control, receiver, webhook, bodies } = await setup();
    try {
      const send = await c.post('/v3/messages', { to: ['+14155550101'], channel: ['sms'], text: 'Hello' });
      const messageId = send.body.data.recipients[0].message_id as string;
      const snapshot = await control.export();
      expect(snapshot.collections.messages!.find((m) => m.id === messageId)).toMatchObject({ request_id: send.headers['x-request-id'] });

      const other = client(app, tenantKey());
      expect((await sim(app, other.key).import(snapshot)).status).toBe(200);
      // An import gives every webhook a secret nobody has seen: rotate to learn one.
      const secret = (await other.post(`/v3/webhooks/${webhook.id}/rotate-secret`, {})).body.data.signing_secret as string;
      await sim(app, other.key).advance(10);
      // The copy's events are the other tenant's (its organization's id): the original's may have gone out meanwhile.
      const copyOrg = (await sim(app, other.key).tenant()).organization_id as string;
      const copies = bodies(secret, receiver.received.filter((r) => (r.json.payload as { account_id?: string }).account_id === copyOrg));
      // message.queued may have gone out before the export (its job is due at once); the rest are the copy's to send.
      expect(copies.map((b) => b.event)).toEqual(expect.arrayContaining(['message.routed', 'message.sent', 'message.delivered']));
      for (const body of copies) expect(body.request_id).toBe(send.headers['x-request-id']);
    } finally {
      await receiver.close();
    }
  });

  it('is the inbound call’s on message.received and on the contact event it brings', async () => {
    const { c, bodies, receiver } = await setup();
    try {
      const inbound = await c.post('/_sim/inbound', { from: '+14155550102', text: 'stop' });
      expect(inbound.status).toBe(201);
      expect(bodies().map((b) => [b.event, b.request_id])).toEqual([
        ['message.received', inbound.headers['x-request-id']],
        ['contact.opt_out', inbound.headers['x-request-id']],
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('is the submission’s on the events it publishes, the review call’s on its verdict, and null on a verdict the clock reaches alone', async () => {
    const { app, c, control, bodies, receiver } = await setup();
    try {
      const first = await c.post('/v3/templates', aTemplate({ submit_for_review: true }));
      const second = await c.post('/v3/templates', aTemplate({ submit_for_review: true }));
      const review = await request(app).post(`/_sim/templates/${second.body.data.id}/review`).set('x-api-key', c.key).send({ outcome: 'REJECTED', reason: 'Too promotional' });
      expect(review.status).toBe(200);
      await control.advance(24 * 3600);
      const of = (id: string) => bodies().filter((b) => b.payload.template_id === id).map((b) => [b.payload.channel, b.payload.status, b.request_id]);
      const [r1, r2, rv] = [first, second, review].map((r) => r.headers['x-request-id']);
      expect(of(first.body.data.id)).toEqual([['sms', 'APPROVED', r1], ['whatsapp', 'PENDING', r1], ['rcs', 'APPROVED', r1], ['whatsapp', 'APPROVED', null]]);
      expect(of(second.body.data.id)).toEqual([['sms', 'APPROVED', r2], ['whatsapp', 'PENDING', r2], ['rcs', 'APPROVED', r2], ['whatsapp', 'REJECTED', rv]]);
    } finally {
      await receiver.close();
    }
  });

  it('is the test call’s on a test event', async () => {
    const { c, webhook, bodies, receiver } = await setup();
    try {
      const test = await c.post(`/v3/webhooks/${webhook.id}/test`, { event_type: 'message.delivered' });
      expect(test.body.data.success).toBe(true);
      expect(bodies()).toEqual([expect.objectContaining({ event: 'message.delivered', request_id: test.body.meta.request_id })]);
    } finally {
      await receiver.close();
    }
  });
});
