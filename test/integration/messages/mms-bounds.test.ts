// MMS under the rules every send follows (docs/decisions/0068, 0078, 0086, 0087, 0063): a sender per
// country, rendered text within the channel's cap, and the reason a failed MMS gives.
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { GREETING, importTemplate } from './helpers.js';
import { eventOf, heldApp, messageWebhook } from './scheduling-helpers.js';

const IMAGE = 'https://cdn.example.com/receipt.jpg';
const H = 'x-sim-scenario';

describe('MMS under the send rules', () => {
  it('needs an SMS market in the recipient’s country, on mms and on an auto-detect send that carries media; stores nothing', async () => {
    const { c, control } = heldApp();
    const mms = await c.post('/v3/messages', { to: ['+14155550100', '+447700900123'], channel: ['mms'], text: 'Receipt', media_urls: [IMAGE] });
    expect(mms.status).toBe(400);
    expect(mms.body.error).toMatchObject({ code: 'VALIDATION_002', details: { 'to[1]': [MESSAGES.noSmsSender('GB')] } });
    // Auto-detect with media would go by MMS: the same rule.
    const auto = await c.post('/v3/messages', { to: ['+447700900123'], text: 'Receipt', media_urls: [IMAGE] });
    expect(auto.status).toBe(400);
    expect(auto.body.error.details).toEqual({ 'to[0]': [MESSAGES.noSmsSender('GB')] });
    expect((await control.tenant()).totals).toMatchObject({ messages: 0, contacts: 0, pending_jobs: 0 });
    // A +1 number is covered by the seeded US market.
    expect((await c.post('/v3/messages', { to: ['+14155550100'], channel: ['mms'], text: 'Receipt', media_urls: [IMAGE] })).status).toBe(202);
  });

  it('holds a template’s mms body, rendered with its parameters, to 1,024 characters; stores nothing', async () => {
    const { app, c, control } = heldApp();
    const definition = { body: { ...GREETING.body, mms: { template: 'Hi {{0:variable}}, your receipt is attached.', variables: [{ id: 0, name: 'name' }] } } };
    const templateId = await importTemplate(app, c.key, { definition });
    const name = 'n'.repeat(1024);
    const res = await c.post('/v3/messages', { to: ['+14155550100'], channel: ['mms'], template: { id: templateId, parameters: { name } }, media_urls: [IMAGE] });
    expect(res.status).toBe(400);
    const length = `Hi ${name}, your receipt is attached.`.length;
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', details: { 'template.parameters': [MESSAGES.renderedTooLong('MMS', 'body', length, 1024)] } });
    expect((await control.tenant()).totals).toMatchObject({ messages: 0, pending_jobs: 0 });
  });

  it('reports an unreachable medium as DELIVERY_001 on message.failed, and a resend blocked for balance as BUSINESS_003', async () => {
    const { c, control, send } = heldApp();
    const hook = await messageWebhook(c);
    try {
      const mms = (await c.post('/v3/messages', { to: ['+14155550100'], channel: ['mms'], text: 'Receipt', media_urls: [IMAGE] }).set(H, 'message-mms-media-unreachable')).body.data.recipients[0].message_id as string;
      const blocked = (await send({ to: ['+14155550101'] })).body.data.recipients[0].message_id as string;
      await control.advance(10);
      expect((await c.post(`/v3/messages/${blocked}/resend`).set(H, 'message-resend-blocked')).status).toBe(202);
      await control.advance(10);
      expect(eventOf(hook.events(), mms, 'message.failed')!.payload).toMatchObject({ reason_code: 'DELIVERY_001', reason: MESSAGES.messageReasons.DELIVERY_001, body: 'Receipt' });
      expect(eventOf(hook.events(), blocked, 'message.blocked')!.payload).toMatchObject({ reason_code: 'BUSINESS_003', reason: 'Insufficient account balance' });
    } finally {
      await hook.close();
    }
  });
});
