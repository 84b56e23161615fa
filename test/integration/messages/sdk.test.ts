import SentDm, { BadRequestError, InternalServerError, NotFoundError } from '@sentdm/sentdm';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import { tenantKey } from '../../support/app.js';
import { serveForFile } from '../../support/listen.js';
import { sim } from '../../support/sim.js';
import { importTemplate, messagingApp } from './helpers.js';

// The official SDK, unchanged, against a listening simulator.
const { app } = messagingApp();
const served = serveForFile(app);
const sdk = (apiKey: string, headers: Record<string, string> = {}) => new SentDm({ apiKey, baseURL: served.url(), maxRetries: 0, defaultHeaders: headers });

describe('the official SDK (@sentdm/sentdm): messages', () => {
  it('sends, then follows the message through retrieveStatus and retrieveActivities', async () => {
    const key = tenantKey();
    const client = sdk(key);
    const sent = await client.messages.send({ to: ['+14155550100'], channel: ['sms'], text: 'Your table is ready.' });
    expect(sent.success).toBe(true);
    expect(sent.data).toMatchObject({ status: 'QUEUED', template_id: null, recipients: [{ to: '+14155550100', channel: 'sms', body: 'Your table is ready.' }] });
    const id = sent.data!.recipients![0]!.message_id!;

    await sim(app, key).advance(5);
    const status = await client.messages.retrieveStatus(id);
    expect(status.data).toMatchObject({ id, status: 'DELIVERED', channel: 'sms', direction: 'outbound', price: 0.0075 });
    expect(status.data!.events!.map((e) => e.status)).toEqual(['QUEUED', 'ROUTED', 'SENT', 'DELIVERED']);

    const activities = await client.messages.retrieveActivities(id);
    expect(activities.data!.message_id).toBe(id);
    expect(activities.data!.activities!.map((a) => [a.status, a.price])).toEqual([
      ['DELIVERED', '0.0075'],
      ['SENT', '0.0075'],
      ['ROUTED', null],
      ['PROCESSED', null],
      ['QUEUED', null],
    ]);
  });

  it('sends a template by name with its parameters', async () => {
    const key = tenantKey();
    await importTemplate(app, key, { name: 'order_confirmation' });
    const sent = await sdk(key).messages.send({ to: ['+14155550100', '+14155550101'], channel: ['sms', 'whatsapp'], template: { name: 'order_confirmation', parameters: { name: 'John' } } });
    expect(sent.data!.template_name).toBe('order_confirmation');
    expect(sent.data!.recipients!.map((r) => [r.to, r.channel, r.body])).toEqual([
      ['+14155550100', 'sms', 'Hi John, your order is confirmed.'],
      ['+14155550100', 'whatsapp', 'Hi John, your order is confirmed.'],
      ['+14155550101', 'sms', 'Hi John, your order is confirmed.'],
      ['+14155550101', 'whatsapp', 'Hi John, your order is confirmed.'],
    ]);
  });

  it('raises BadRequestError with VALIDATION_004 for a send with no recipient', async () => {
    const error = await sdk(tenantKey()).messages.send({ text: 'Hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).error).toMatchObject({ error: { code: 'VALIDATION_004', details: { to: [MESSAGES.noRecipient] } } });
  });

  it('raises NotFoundError for an unknown message and an unknown template', async () => {
    const client = sdk(tenantKey());
    const unknown = await client.messages.retrieveStatus('7ba7b820-9dad-11d1-80b4-00c04fd430c8').catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect((unknown as NotFoundError).error).toMatchObject({ error: { code: 'RESOURCE_003', message: ERROR_CATALOG.RESOURCE_003.message } });
    const template = await client.messages.send({ to: ['+14155550100'], template: { name: 'nope' } }).catch((e: unknown) => e);
    expect(template).toBeInstanceOf(NotFoundError);
    expect((template as NotFoundError).error).toMatchObject({ error: { code: 'RESOURCE_002' } });
  });

  it('raises InternalServerError (502) under the provider-error scenario', async () => {
    const error = await sdk(tenantKey(), { 'x-sim-scenario': 'message-provider-error' })
      .messages.send({ to: ['+14155550100'], text: 'Hi' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(502);
    expect((error as InternalServerError).error).toMatchObject({ error: { code: 'INTERNAL_003' } });
  });
});
