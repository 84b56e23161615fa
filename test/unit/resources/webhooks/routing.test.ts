import { describe, expect, it } from 'vitest';
import type { SentEvent } from '../../../../src/events/bus.js';
import { client, testApp } from '../../../support/app.js';
import { startReceiver } from '../../../support/receiver.js';
import { aWebhook, verified } from '../../../support/webhooks.js';

/**
 * Routing of events as the messages and templates resources publish them: straight onto the
 * bus (`deps.events.publish`), the way those modules do, with their own payloads.
 */
describe('events published on the bus', () => {
  it('reach the account’s webhooks with the payload as published, and the bus waits for their first attempts', async () => {
    const { app, deps } = testApp();
    const c = client(app);
    const receiver = await startReceiver();
    try {
      const webhook = (await c.post('/v3/webhooks', aWebhook(receiver.url))).body.data;
      const tenant = deps.tenants.resolve(c.key)!.tenant;
      const payload = {
        account_id: tenant.id,
        message_id: '8ba7b830-9dad-11d1-80b4-00c04fd430c8',
        message_status: 'SENT',
        channel: 'whatsapp',
        outbound_number: '+14155550123',
        template_id: '7ba7b820-9dad-11d1-80b4-00c04fd430c8',
        template_name: 'Welcome Message',
        agent_id: null,
        updated_at: '2026-05-21T12:05:08Z',
      };
      const event: SentEvent = { account_id: tenant.id, family: 'message', name: 'message.sent', at: tenant.clock.now(), payload, order_key: payload.message_id, scenario: null };
      await deps.events.publish(tenant, event);
      expect(receiver.received).toHaveLength(1);
      expect(verified(webhook.signing_secret, receiver.received[0]!)).toMatchObject({ field: 'message', event: 'message.sent', payload });

      const template: SentEvent = {
        account_id: tenant.id,
        family: 'templates',
        name: 'templates',
        at: tenant.clock.now(),
        payload: { account_id: tenant.id, template_id: 't', template_name: 'n', whatsapp_template_id: '', status: 'PENDING', language: 'en_US', category: 'UTILITY', channel: 'whatsapp', reason: null },
        order_key: 't',
        scenario: null,
      };
      await deps.events.publish(tenant, template);
      expect(receiver.received[1]!.json).toMatchObject({ field: 'templates', payload: { status: 'PENDING' } });
      expect(receiver.received[1]!.headers['x-webhook-event-type']).toBe('templates');
    } finally {
      await receiver.close();
    }
  });

  it('is a no-op for a tenant without webhooks', async () => {
    const { app, deps } = testApp();
    const c = client(app);
    await c.get('/v3/webhooks/event-types');
    const tenant = deps.tenants.resolve(c.key)!.tenant;
    const event: SentEvent = { account_id: tenant.id, family: 'message', name: 'message.queued', at: tenant.clock.now(), payload: {}, order_key: null, scenario: null };
    expect(deps.events.publish(tenant, event)).toBeUndefined();
  });
});
