import SentDm, { BadRequestError, NotFoundError } from '@sentdm/sentdm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantKey, testApp } from '../support/app.js';
import { serveForFile } from '../support/listen.js';
import { startReceiver, type Received } from '../support/receiver.js';
import { sim } from '../support/sim.js';
import { verified } from '../support/webhooks.js';

/**
 * What a partner integration does (issues 13 and 14), through the official SDK unchanged:
 * register a webhook, send, let the clock run, verify every event it receives as a
 * standard-webhooks receiver would, read status and activities back; then templates by name,
 * their review events, and the failure paths.
 */
const { app } = testApp();
const served = serveForFile(app);
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

interface EventBody {
  field: string;
  event?: string;
  timestamp: string;
  payload: Record<string, unknown>;
}

function eventsOf(received: Received[], secret: string): EventBody[] {
  // Every body verifies with the secret the create returned, or `verified` throws.
  return received.map((r) => verified(secret, r) as EventBody);
}

describe('a partner’s messaging integration, through the SDK', () => {
  it('receives every message event signed and in order, and reads the same story back', async () => {
    const key = tenantKey();
    const sent = new SentDm({ apiKey: key, baseURL: served.url(), maxRetries: 0 });
    const hook = (await sent.webhooks.create({ display_name: 'Partner', endpoint_url: receiver.url, event_types: ['message'] })).data!;
    expect(hook.signing_secret).toMatch(/^whsec_/);
    expect((await sent.webhooks.retrieve(hook.id!)).data?.signing_secret).toBeNull();
    const start = receiver.received.length;

    const send = (await sent.messages.send({ to: ['+14155550201', '+14155550202'], channel: ['sms', 'whatsapp'], text: 'Your order has shipped' })).data!;
    expect(send.status).toBe('QUEUED');
    // Two recipients × two channels; free text on WhatsApp outside a conversation is BLOCKED (docs/decisions/0013).
    expect(send.recipients).toHaveLength(4);
    await sim(app, key).advance(60);

    const events = eventsOf(receiver.received.slice(start), hook.signing_secret!);
    const byMessage = new Map<string, string[]>();
    for (const e of events) {
      expect(e.field).toBe('message');
      const id = String(e.payload.message_id);
      byMessage.set(id, [...(byMessage.get(id) ?? []), String(e.event)]);
    }
    for (const r of send.recipients!) {
      const expected = r.channel === 'sms' ? ['message.queued', 'message.routed', 'message.sent', 'message.delivered'] : ['message.queued', 'message.blocked'];
      expect(byMessage.get(r.message_id!), `${r.channel} ${r.to}`).toEqual(expected);
      const status = (await sent.messages.retrieveStatus(r.message_id!)).data!;
      expect(status.status).toBe(r.channel === 'sms' ? 'DELIVERED' : 'BLOCKED');
      expect(status.phone).toBe(r.to);
      const activities = (await sent.messages.retrieveActivities(r.message_id!)).data!;
      expect(activities.activities?.[0]?.status).toBe(status.status);
    }
    const log = (await sent.webhooks.listEvents(hook.id!, { page: 1, page_size: 100 })).data!;
    expect(log.events).toHaveLength(events.length);
    expect(log.events?.every((row) => row.delivery_status === 'delivered')).toBe(true);
  });

  it('sends an approved template by name with its rendered body, and receives its review events', async () => {
    const key = tenantKey();
    const sent = new SentDm({ apiKey: key, baseURL: served.url(), maxRetries: 0 });
    const hook = (await sent.webhooks.create({ display_name: 'Templates', endpoint_url: receiver.url, event_types: ['templates', 'message'] })).data!;
    const start = receiver.received.length;
    const template = (
      await sent.templates.create({
        definition: { body: { multiChannel: { template: 'Hi {{0:variable}}, order {{1:variable}} is on its way', variables: [{ id: 0, name: 'name', type: 'variable', props: { variableType: 'text', sample: 'Ada' } }, { id: 1, name: 'order', type: 'variable', props: { variableType: 'text', sample: '42' } }] as never } } },
        submit_for_review: true,
      })
    ).data!;
    expect(template.status).toBe('PENDING');
    await sim(app, key).advance(24 * 3600);
    expect((await sent.templates.retrieve(template.id!)).data?.status).toBe('APPROVED');

    const send = (await sent.messages.send({ to: ['+14155550203'], channel: ['sms'], template: { name: template.name!, parameters: { name: 'Ada', order: 'A-7' } } })).data!;
    expect(send.template_id).toBe(template.id);
    expect(send.recipients?.[0]?.body).toBe('Hi Ada, order A-7 is on its way');
    await sim(app, key).advance(60);

    const events = eventsOf(receiver.received.slice(start), hook.signing_secret!);
    const reviews = events.filter((e) => e.field === 'templates');
    // One event per review leg (docs/decisions/0049): sms and rcs approved on submission, whatsapp a day later.
    expect(reviews.map((e) => [e.payload.channel, e.payload.status])).toEqual([
      ['sms', 'APPROVED'],
      ['whatsapp', 'PENDING'],
      ['rcs', 'APPROVED'],
      ['whatsapp', 'APPROVED'],
    ]);
    for (const e of reviews) {
      expect(e).not.toHaveProperty('event');
      expect(e.payload).toMatchObject({ template_id: template.id, template_name: template.name, whatsapp_template_id: expect.stringMatching(/^\d{16}$/) });
    }
    const delivered = events.find((e) => e.event === 'message.delivered');
    expect(delivered?.payload).toMatchObject({ template_id: template.id, template_name: template.name, outbound_number: '+14155550203' });
    const detail = (await sent.messages.retrieveStatus(String(delivered?.payload.message_id))).data!;
    expect(detail.message_body?.content).toBe('Hi Ada, order A-7 is on its way');
  });

  it('raises the SDK’s error classes on the failure paths', async () => {
    const sent = new SentDm({ apiKey: tenantKey(), baseURL: served.url(), maxRetries: 0 });
    const noRecipient = await sent.messages.send({ to: [], text: 'x' }).catch((e: unknown) => e);
    expect(noRecipient).toBeInstanceOf(BadRequestError);
    expect((noRecipient as BadRequestError).error).toMatchObject({ error: { code: 'VALIDATION_004' } });
    const noTemplate = await sent.messages.send({ to: ['+14155550204'], template: { name: 'no such template' } }).catch((e: unknown) => e);
    expect(noTemplate).toBeInstanceOf(NotFoundError);
    expect((noTemplate as NotFoundError).error).toMatchObject({ error: { code: 'RESOURCE_002' } });
    const noMessage = await sent.messages.retrieveStatus('3f1c2a9e-5b7d-4c8e-9f0a-1b2c3d4e5f60').catch((e: unknown) => e);
    expect((noMessage as NotFoundError).error).toMatchObject({ error: { code: 'RESOURCE_003' } });
    const noWebhook = await sent.webhooks.test('3f1c2a9e-5b7d-4c8e-9f0a-1b2c3d4e5f60', { event_type: 'message.sent' }).catch((e: unknown) => e);
    expect((noWebhook as NotFoundError).error).toMatchObject({ error: { code: 'RESOURCE_008' } });
  });
});
