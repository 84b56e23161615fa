import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import { aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { startReceiver } from '../../support/receiver.js';
import { sim } from '../../support/sim.js';
import { aWebhook, publish, verified } from '../../support/webhooks.js';

const page = 'page=1&page_size=100';
const UNKNOWN = '7d5c1b1e-8a1f-4b7e-9a56-0d2f1b7e4c11';

describe('sandbox', () => {
  it('answers a create as Sent would, with a secret, and stores nothing', async () => {
    const { app } = testApp();
    const c = client(app);
    const res = await c.post('/v3/webhooks', { ...aWebhook('https://example.com/hook', { retry_count: 2 }), sandbox: true });
    expect(res.status).toBe(201);
    expect(res.headers['x-sandbox']).toBe('true');
    expect(res.body.data).toMatchObject({ id: expect.any(String), signing_secret: expect.stringMatching(/^whsec_/), retry_count: 2, is_active: true });
    expect((await c.get(`/v3/webhooks/${res.body.data.id}`)).status).toBe(404);
    expect((await sim(app, c.key).tenant()).totals.webhooks).toBe(0);
    // Validation still runs.
    const bad = await c.post('/v3/webhooks', { ...aWebhook('ftp://example.com'), sandbox: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual({ endpoint_url: [MESSAGES.webhookUrlInvalid] });
  });

  it('changes nothing on update, toggle, rotate or test, looks nothing up and sends nothing', async () => {
    const { app } = testApp();
    const c = client(app);
    const receiver = await startReceiver();
    try {
      const webhook = (await c.post('/v3/webhooks', aWebhook(receiver.url))).body.data;
      const before = (await c.get(`/v3/webhooks/${webhook.id}`)).body.data;
      for (const id of [webhook.id, UNKNOWN]) {
        const put = await c.put(`/v3/webhooks/${id}`, { ...aWebhook('https://moved.example.com', { event_types: ['templates'] }), sandbox: true });
        expect(put.status).toBe(200);
        expect(put.headers['x-sandbox']).toBe('true');
        expect(put.body.data).toMatchObject({ id, endpoint_url: 'https://moved.example.com', event_types: ['templates'], signing_secret: null });
        const toggle = await c.patch(`/v3/webhooks/${id}/toggle-status`, { is_active: false, sandbox: true });
        expect(toggle.body.data).toMatchObject({ id, is_active: false });
        const rotate = await c.post(`/v3/webhooks/${id}/rotate-secret`, { sandbox: true });
        expect(rotate.body.data.signing_secret).toMatch(/^whsec_/);
        const test = await c.post(`/v3/webhooks/${id}/test`, { event_type: 'message.sent', sandbox: true });
        expect(test.body.data).toEqual({ success: true, message: MESSAGES.testDelivered });
      }
      expect((await c.get(`/v3/webhooks/${webhook.id}`)).body.data).toEqual(before);
      expect(receiver.received).toHaveLength(0);
      // The secret from the create still signs: the sandbox rotation kept nothing.
      await publish(app, c.key, { event: 'message.sent' });
      expect(verified(webhook.signing_secret, receiver.received[0]!)).toBeTruthy();
    } finally {
      await receiver.close();
    }
  });

  it('deletes for real when DELETE carries sandbox: true, without an X-Sandbox header', async () => {
    const { app } = testApp();
    const c = client(app);
    const webhook = (await c.post('/v3/webhooks', aWebhook('https://example.com/hook'))).body.data;
    const res = await c.delete(`/v3/webhooks/${webhook.id}`).send({ sandbox: true });
    expect(res.status).toBe(204);
    expect(res.headers['x-sandbox']).toBeUndefined();
    expect((await c.get(`/v3/webhooks/${webhook.id}`)).status).toBe(404);
    const journal = (await c.get('/_sim/requests')).body.requests as Array<{ method: string }>;
    const [entry] = journal.filter((r) => r.method === 'DELETE');
    expect(entry).toMatchObject({ status: 204, sandbox: false });
  });
});

describe('access', () => {
  it('lets developer and billing keys read webhooks but not change them', async () => {
    const { app } = testApp();
    const owner = client(app);
    const control = sim(app, owner.key);
    const webhook = (await owner.post('/v3/webhooks', aWebhook('https://example.com/hook'))).body.data;
    const before = (await owner.get(`/v3/webhooks/${webhook.id}`)).body.data;
    for (const role of ['developer', 'billing']) {
      const k = client(app, await control.keyFor(role));
      for (const path of [`/v3/webhooks?${page}`, `/v3/webhooks/${webhook.id}`, `/v3/webhooks/${webhook.id}/events?${page}`, '/v3/webhooks/event-types']) {
        expect((await k.get(path)).status, `${role} GET ${path}`).toBe(200);
      }
      const writes = [
        k.post('/v3/webhooks', aWebhook('https://example.com/other')),
        k.put(`/v3/webhooks/${webhook.id}`, aWebhook('https://example.com/other')),
        k.delete(`/v3/webhooks/${webhook.id}`),
        k.post(`/v3/webhooks/${webhook.id}/rotate-secret`),
        k.post(`/v3/webhooks/${webhook.id}/test`, { event_type: 'message.sent' }),
        k.patch(`/v3/webhooks/${webhook.id}/toggle-status`, { is_active: false }),
      ];
      for (const res of await Promise.all(writes)) {
        expect(res.status, role).toBe(403);
        expect(res.body.error).toMatchObject({ code: 'AUTH_004', message: ERROR_CATALOG.AUTH_004.message });
      }
    }
    expect((await owner.get(`/v3/webhooks?${page}`)).body.data.webhooks).toEqual([before]);
  });

  it('lets an admin profile key manage its profile’s webhooks, and keeps accounts apart', async () => {
    const { app } = testApp();
    const org = client(app);
    const control = sim(app, org.key);
    const profile = (await org.post('/v3/profiles', aProfile())).body.data;
    const admin = client(app, await control.keyFor('admin', profile.id));
    const developer = client(app, await control.keyFor('developer', profile.id));

    const own = await admin.post('/v3/webhooks', aWebhook('https://example.com/profile'));
    expect(own.status).toBe(201);
    expect((await developer.post('/v3/webhooks', aWebhook('https://example.com/x'))).status).toBe(403);
    expect((await developer.get(`/v3/webhooks/${own.body.data.id}`)).status).toBe(200);

    // The organization key sees the profile's webhook only when acting for the profile.
    expect((await org.get(`/v3/webhooks/${own.body.data.id}`)).status).toBe(404);
    const scoped = await org.get(`/v3/webhooks/${own.body.data.id}`).set('x-profile-id', profile.id);
    expect(scoped.status).toBe(200);
    expect(scoped.headers['x-profile-id']).toBe(profile.id);
    const orgHook = (await org.post('/v3/webhooks', aWebhook('https://example.com/org'))).body.data;
    expect((await admin.delete(`/v3/webhooks/${orgHook.id}`)).status).toBe(404);
    expect((await org.get(`/v3/webhooks/${orgHook.id}`)).status).toBe(200);
  });
});
