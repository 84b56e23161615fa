/**
 * Issue 22 (webhooks and events): `event_types` take every family a module declares and any of
 * its listed sub-types; an event goes only where it is subscribed (docs/decisions/0061). A family
 * declared by a module that only tests know (test/support/fixture-family.ts) proves a new family
 * — the channels module's `channel` — needs no change to the webhooks module.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { allEventFamilies, RESOURCES } from '../../../src/registry.js';
import { client, testApp } from '../../support/app.js';
import { parcelModule, PARCEL_SUFFIXES } from '../../support/fixture-family.js';
import { startReceiver, type Received } from '../../support/receiver.js';
import { aWebhook, publish, verified } from '../../support/webhooks.js';

type Created = { id: string; signing_secret: string };

/** Every event name of a declared family: its sub-types, or the family itself when it has none. */
const eventsOf = (f: ReturnType<typeof allEventFamilies>[number]) => (f.sub_types.length === 0 ? [f.name] : f.sub_types.map((s) => `${f.name}.${s.suffix}`));

describe('subscriptions to families and sub-types', () => {
  it('take every declared family and each of its sub-types, and route each event only where it is subscribed', async () => {
    const { app } = testApp();
    const c = client(app);
    const receiver = await startReceiver();
    try {
      // One webhook per family, and one per sub-type.
      const subscriptions = allEventFamilies().flatMap((f) => [f.name, ...(f.sub_types.length === 0 ? [] : eventsOf(f))]);
      expect(subscriptions).toEqual(expect.arrayContaining(['message', 'message.delivered', 'templates', 'contact', 'contact.opt_out', 'contact.help']));
      const hooks = new Map<string, Created>();
      for (const subscription of subscriptions) {
        const res = await c.post('/v3/webhooks', aWebhook(receiver.url, { display_name: subscription, event_types: [subscription] }));
        expect(res.status, subscription).toBe(201);
        expect(res.body.data.event_types).toEqual([subscription]);
        hooks.set(subscription, res.body.data as Created);
      }
      const byWebhook = (id: string): Received[] => receiver.received.filter((r) => r.headers['x-webhook-id'] === id);

      for (const family of allEventFamilies()) {
        for (const name of eventsOf(family)) {
          const published = await publish(app, c.key, { event: name });
          const expected = name === family.name ? [hooks.get(family.name)!.id] : [hooks.get(family.name)!.id, hooks.get(name)!.id];
          expect(published.webhooks.sort(), name).toEqual(expected.sort());
        }
      }
      // Each webhook got exactly its subscription: the family hook every event of it, the sub-type hook that one event.
      for (const [subscription, hook] of hooks) {
        const family = allEventFamilies().find((f) => f.name === subscription.split('.')[0])!;
        const wanted = subscription === family.name ? eventsOf(family) : [subscription];
        const got = byWebhook(hook.id).map((r) => verified(hook.signing_secret, r) as { field: string; event?: string });
        expect(got.map((b) => b.event ?? b.field), subscription).toEqual(wanted);
        expect(got.every((b) => b.field === family.name)).toBe(true);
      }
    } finally {
      await receiver.close();
    }
  });

  it('narrow a family by its filter, but never a sub-type named beside it', async () => {
    const { app } = testApp();
    const c = client(app);
    const receiver = await startReceiver();
    try {
      const hook = (await c.post('/v3/webhooks', aWebhook(receiver.url, { event_types: ['message', 'contact.opt_out'], event_filters: { message: ['delivered'], contact: ['help'] } }))).body.data as Created;
      expect(hook).toMatchObject({ event_types: ['message', 'contact.opt_out'], event_filters: { message: ['delivered'], contact: ['help'] } });
      for (const event of ['message.sent', 'message.delivered', 'contact.opt_out', 'contact.opt_in', 'contact.help', 'templates']) await publish(app, c.key, { event });
      // The contact filter narrows nothing: the webhook subscribes to one contact event, not to the family.
      expect(receiver.received.map((r) => (verified(hook.signing_secret, r) as { event: string }).event)).toEqual(['message.delivered', 'contact.opt_out']);
    } finally {
      await receiver.close();
    }
  });

  it('refuse a sub-type nobody lists, and a family’s own name with a suffix it does not have; a refused PUT keeps the subscription', async () => {
    const { app } = testApp();
    const c = client(app);
    const families = allEventFamilies().map((f) => f.name);
    const hook = (await c.post('/v3/webhooks', aWebhook('https://example.com/hook', { event_types: ['contact.opt_out'] }))).body.data as Created;
    const res = await c.put(`/v3/webhooks/${hook.id}`, aWebhook('https://example.com/hook', { event_types: ['contact.opt_out', 'contact.stop', 'templates.approved', 'channels'] }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'VALIDATION_006',
      details: { 'event_types[1]': [MESSAGES.webhookEventTypeUnknown(families)], 'event_types[2]': [MESSAGES.webhookEventTypeUnknown(families)], 'event_types[3]': [MESSAGES.webhookEventTypeUnknown(families)] },
    });
    expect((await c.get(`/v3/webhooks/${hook.id}`)).body.data.event_types).toEqual(['contact.opt_out']);
  });
});

describe('a family declared by another module (a test fixture)', () => {
  it('is listed, subscribable by family and by sub-type, filtered, routed and testable, the webhooks module unchanged', async () => {
    const { app } = testApp({ modules: [...RESOURCES, parcelModule] });
    const c = client(app);
    const receiver = await startReceiver();
    try {
      const types = (await c.get('/v3/webhooks/event-types')).body.data.event_types as Array<{ name: string; sub_types: Array<{ name: string; event_type: string }> | null }>;
      const parcel = types.find((t) => t.name === 'parcel');
      expect(parcel?.sub_types?.map((s) => [s.name, s.event_type])).toEqual(PARCEL_SUFFIXES.map((s) => [`parcel.${s}`, 'parcel']));
      expect(types.at(-1)?.name).toBe('parcel');

      const family = (await c.post('/v3/webhooks', aWebhook(receiver.url, { event_types: ['parcel'] }))).body.data as Created;
      const one = (await c.post('/v3/webhooks', aWebhook(receiver.url, { event_types: ['parcel.delivered'] }))).body.data as Created;
      const filtered = (await c.post('/v3/webhooks', aWebhook(receiver.url, { event_types: ['parcel'], event_filters: { parcel: ['returned'] } }))).body.data as Created;
      const other = (await c.post('/v3/webhooks', aWebhook(receiver.url, { event_types: ['message', 'templates', 'contact'] }))).body.data as Created;
      const unknownFilter = await c.post('/v3/webhooks', aWebhook(receiver.url, { event_types: ['parcel'], event_filters: { parcel: ['lost'] } }));
      expect(unknownFilter.body.error).toMatchObject({ code: 'VALIDATION_006', details: { 'event_filters.parcel[0]': [MESSAGES.webhookFilterUnknown([...PARCEL_SUFFIXES])] } });

      // The module publishes from its own control route; the call's request id is the envelope's.
      const shipped = await request(app).post('/_sim/parcels/p-1/shipped').set('x-api-key', c.key);
      const delivered = await request(app).post('/_sim/parcels/p-1/delivered').set('x-api-key', c.key);
      expect([shipped.status, delivered.status]).toEqual([200, 200]);
      const to = (hook: Created) => receiver.received.filter((r) => r.headers['x-webhook-id'] === hook.id).map((r) => verified(hook.signing_secret, r) as Record<string, unknown>);
      expect(to(family).map((b) => b.event)).toEqual(['parcel.shipped', 'parcel.delivered']);
      expect(to(family)[1]).toEqual({
        field: 'parcel',
        event: 'parcel.delivered',
        timestamp: expect.stringMatching(/Z$/),
        request_id: delivered.headers['x-request-id'],
        payload: { account_id: expect.any(String), parcel_id: 'p-1', status: 'DELIVERED', updated_at: expect.stringMatching(/Z$/) },
      });
      expect(to(one).map((b) => b.event)).toEqual(['parcel.delivered']);
      expect(to(filtered)).toEqual([]);
      expect(to(other)).toEqual([]);

      // A test event of any of its sub-types, with the family's sample payload.
      const tested = await c.post(`/v3/webhooks/${one.id}/test`, { event_type: 'parcel.returned' });
      expect(tested.body.data).toEqual({ success: true, message: MESSAGES.testDelivered });
      expect(to(one).at(-1)).toMatchObject({ field: 'parcel', event: 'parcel.returned', request_id: tested.headers['x-request-id'], payload: { status: 'RETURNED' } });
      expect(receiver.received.at(-1)!.headers['x-webhook-event-type']).toBe('parcel.returned');
      // …and through the control plane's publisher, which routes it like any event.
      expect((await publish(app, c.key, { event: 'parcel.returned' })).webhooks.sort()).toEqual([family.id, filtered.id].sort());
    } finally {
      await receiver.close();
    }
  });
});
