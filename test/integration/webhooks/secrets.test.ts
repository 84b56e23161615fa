import { WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { capturingLogger, client, testApp } from '../../support/app.js';
import { startReceiver } from '../../support/receiver.js';
import { sim } from '../../support/sim.js';
import { aWebhook, publish, verified } from '../../support/webhooks.js';

const page = 'page=1&page_size=100';

describe('signing secrets', () => {
  it('appear in the create and rotate answers only: never in reads, the journal, the tenant view, an export, the delivery logs or the log', async () => {
    const { logger, lines } = capturingLogger();
    const { app } = testApp({ logger });
    const c = client(app);
    const receiver = await startReceiver();
    try {
      const created = (await c.post('/v3/webhooks', aWebhook(receiver.url)).set('idempotency-key', 'wh-1')).body.data;
      const rotated = (await c.post(`/v3/webhooks/${created.id}/rotate-secret`)).body.data.signing_secret as string;
      await c.post(`/v3/webhooks/${created.id}/test`, { event_type: 'message.sent' });
      await publish(app, c.key, { event: 'message.delivered' });
      // A client that sends the create answer back as its PUT body: the journal must not keep the secret.
      expect((await c.put(`/v3/webhooks/${created.id}`, { ...created, endpoint_url: receiver.url })).status).toBe(200);
      expect(receiver.received).toHaveLength(2);

      const secrets = [created.signing_secret as string, rotated].flatMap((s) => [s, s.slice(6)]);
      const control = sim(app, c.key);
      const places: Record<string, string> = {
        retrieve: (await c.get(`/v3/webhooks/${created.id}`)).text,
        list: (await c.get(`/v3/webhooks?${page}`)).text,
        events: (await c.get(`/v3/webhooks/${created.id}/events?${page}`)).text,
        journal: (await c.get('/_sim/requests')).text,
        view: JSON.stringify(await control.tenant()),
        export: JSON.stringify(await control.export()),
        deliveries: (await c.get('/_sim/deliveries')).text,
        received: JSON.stringify(receiver.received),
        log: lines.join('\n'),
      };
      for (const [place, text] of Object.entries(places)) {
        for (const secret of secrets) expect(text.includes(secret), `${place} shows a secret`).toBe(false);
      }
    } finally {
      await receiver.close();
    }
  });

  it('are not carried by an export: the imported copy signs with a new secret until it is rotated', async () => {
    const { app } = testApp();
    const c = client(app);
    const receiver = await startReceiver();
    try {
      const original = (await c.post('/v3/webhooks', aWebhook(receiver.url))).body.data;
      const snapshot = await sim(app, c.key).export();
      expect(snapshot.collections.webhooks).toEqual([expect.not.objectContaining({ signing_secret: expect.anything() })]);

      const copy = client(app);
      expect((await sim(app, copy.key).import(snapshot)).status).toBe(200);
      expect((await copy.get(`/v3/webhooks/${original.id}`)).body.data).toMatchObject({ id: original.id, signing_secret: null, endpoint_url: receiver.url });
      await publish(app, copy.key, { event: 'message.sent' });
      expect(() => verified(original.signing_secret, receiver.received[0]!)).toThrow(WebhookVerificationError);

      const fresh = (await copy.post(`/v3/webhooks/${original.id}/rotate-secret`)).body.data.signing_secret as string;
      await publish(app, copy.key, { event: 'message.sent' });
      expect(verified(fresh, receiver.received[1]!)).toMatchObject({ event: 'message.sent' });
    } finally {
      await receiver.close();
    }
  });
});
