import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';
import { aWebhook } from '../../support/webhooks.js';

const URL_A = 'https://example.com/webhooks/orders';
const UNKNOWN = '7d5c1b1e-8a1f-4b7e-9a56-0d2f1b7e4c11';
const page = 'page=1&page_size=20';

describe('webhook create and read', () => {
  it('creates a webhook with its defaults and shows the signing secret only in the create answer', async () => {
    const { app } = testApp();
    const c = client(app);
    const res = await c.post('/v3/webhooks', aWebhook(URL_A));
    expect(res.status).toBe(201);
    const created = res.body.data;
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      // The owning account (issue 22): here the organization.
      customer_id: (await sim(app, c.key).tenant()).organization_id,
      display_name: 'Order Notifications',
      endpoint_url: URL_A,
      signing_secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]+={0,2}$/),
      is_active: true,
      event_types: ['message', 'templates'],
      event_filters: null,
      retry_count: 3,
      timeout_seconds: 30,
      last_delivery_attempt_at: null,
      last_successful_delivery_at: null,
      consecutive_failures: 0,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$/),
      updated_at: null,
    });
    // 32 random bytes behind whsec_.
    expect(Buffer.from(created.signing_secret.slice(6), 'base64')).toHaveLength(32);

    const read = await c.get(`/v3/webhooks/${created.id}`);
    expect(read.status).toBe(200);
    expect(read.body.data).toEqual({ ...created, signing_secret: null });
    const list = await c.get(`/v3/webhooks?${page}`);
    expect(list.body.data.webhooks).toEqual([{ ...created, signing_secret: null }]);
  });

  it('keeps event_filters, retry_count and timeout_seconds as sent, and collapses repeated event types', async () => {
    const { app } = testApp();
    const c = client(app);
    const body = aWebhook(URL_A, { event_types: ['message', 'message'], event_filters: { message: ['delivered', 'failed', 'delivered'] }, retry_count: 5, timeout_seconds: 5 });
    const created = (await c.post('/v3/webhooks', body)).body.data;
    expect(created).toMatchObject({ event_types: ['message'], event_filters: { message: ['delivered', 'failed'] }, retry_count: 5, timeout_seconds: 5 });
    expect((await c.get(`/v3/webhooks/${created.id}`)).body.data).toMatchObject({ event_filters: { message: ['delivered', 'failed'] }, retry_count: 5 });
  });

  it('lists the event types: message with its eleven events, and templates', async () => {
    const { app } = testApp();
    const res = await client(app).get('/v3/webhooks/event-types');
    expect(res.status).toBe(200);
    const [message, templates] = res.body.data.event_types;
    expect(message).toMatchObject({ name: 'message', event_type: null, is_active: true });
    expect(message.sub_types.map((s: { name: string }) => s.name)).toEqual([
      'message.queued', 'message.routed', 'message.sent', 'message.delivered', 'message.read',
      'message.failed', 'message.scheduled', 'message.filtered', 'message.blocked', 'message.cancelled', 'message.received',
    ]);
    expect(message.sub_types[2]).toEqual({ name: 'message.sent', display_name: 'Message Sent', description: 'Triggered when a message is successfully sent', event_type: 'message', is_active: true, sub_types: null });
    expect(templates).toEqual({ name: 'templates', display_name: 'Templates', description: 'Template review results', event_type: null, is_active: true, sub_types: null });
  });

  it('answers 404 RESOURCE_008 for an unknown webhook and 400 for a malformed id', async () => {
    const { app } = testApp();
    const c = client(app);
    for (const res of [await c.get(`/v3/webhooks/${UNKNOWN}`), await c.put(`/v3/webhooks/${UNKNOWN}`, aWebhook(URL_A)), await c.delete(`/v3/webhooks/${UNKNOWN}`), await c.get(`/v3/webhooks/${UNKNOWN}/events?${page}`), await c.post(`/v3/webhooks/${UNKNOWN}/rotate-secret`), await c.post(`/v3/webhooks/${UNKNOWN}/test`, { event_type: 'message.sent' }), await c.patch(`/v3/webhooks/${UNKNOWN}/toggle-status`, { is_active: false })]) {
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'RESOURCE_008', message: ERROR_CATALOG.RESOURCE_008.message });
    }
    const bad = await c.get('/v3/webhooks/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_001', message: MESSAGES.invalidWebhookId });
  });

  it('does not show another tenant’s webhook', async () => {
    const { app } = testApp();
    const created = (await client(app).post('/v3/webhooks', aWebhook(URL_A))).body.data;
    const other = client(app);
    expect((await other.get(`/v3/webhooks/${created.id}`)).status).toBe(404);
    expect((await other.get(`/v3/webhooks?${page}`)).body.data.webhooks).toEqual([]);
  });
});

describe('webhook update (PUT)', () => {
  it('replaces the mutable fields, keeps the secret, state and counters, and sets updated_at', async () => {
    const { app } = testApp();
    const c = client(app);
    const created = (await c.post('/v3/webhooks', aWebhook(URL_A, { event_filters: { message: ['delivered'] }, retry_count: 5 }))).body.data;
    await sim(app, c.key).advance(60);
    const res = await c.put(`/v3/webhooks/${created.id}`, { display_name: 'Receipts', endpoint_url: 'http://hooks.example.com:8080/sent', event_types: ['templates'] });
    expect(res.status).toBe(200);
    const expected = {
      ...created,
      signing_secret: null,
      display_name: 'Receipts',
      endpoint_url: 'http://hooks.example.com:8080/sent',
      event_types: ['templates'],
      // PUT replaces: what it leaves out takes the create defaults.
      event_filters: null,
      retry_count: 3,
      updated_at: expect.any(String),
    };
    expect(res.body.data).toEqual(expected);
    expect(res.body.data.updated_at > created.created_at).toBe(true);
    expect((await c.get(`/v3/webhooks/${created.id}`)).body.data).toEqual(res.body.data);
  });
});

describe('webhook list', () => {
  it('pages newest first and filters by is_active and search', async () => {
    const { app } = testApp();
    const c = client(app);
    const control = sim(app, c.key);
    const ids: string[] = [];
    for (const [name, url] of [['Orders', 'https://a.example.com/h'], ['Receipts', 'https://b.example.com/orders'], ['Alerts', 'https://c.example.com/h']]) {
      ids.push((await c.post('/v3/webhooks', aWebhook(url!, { display_name: name }))).body.data.id);
      await control.advance(1);
    }
    await c.patch(`/v3/webhooks/${ids[2]}/toggle-status`, { is_active: false });

    const first = (await c.get('/v3/webhooks?page=1&page_size=2')).body.data;
    expect(first.webhooks.map((w: { id: string }) => w.id)).toEqual([ids[2], ids[1]]);
    expect(first.pagination).toEqual({ page: 1, page_size: 2, total_count: 3, total_pages: 2, has_more: true, cursors: null });
    const second = (await c.get('/v3/webhooks?page=2&page_size=2')).body.data;
    expect(second.webhooks.map((w: { id: string }) => w.id)).toEqual([ids[0]]);
    expect(second.pagination.has_more).toBe(false);
    const past = (await c.get('/v3/webhooks?page=9&page_size=2')).body.data;
    expect(past).toEqual({ webhooks: [], pagination: { page: 9, page_size: 2, total_count: 3, total_pages: 2, has_more: false, cursors: null } });

    const active = (await c.get(`/v3/webhooks?${page}&is_active=true`)).body.data.webhooks.map((w: { id: string }) => w.id);
    expect(active).toEqual([ids[1], ids[0]]);
    const inactive = (await c.get(`/v3/webhooks?${page}&is_active=false`)).body.data.webhooks.map((w: { id: string }) => w.id);
    expect(inactive).toEqual([ids[2]]);
    // Search matches the display name or the URL, case-insensitively.
    const orders = (await c.get(`/v3/webhooks?${page}&search=ORDERS`)).body.data.webhooks.map((w: { id: string }) => w.id);
    expect(orders).toEqual([ids[1], ids[0]]);
  });

  it('refuses a page below 1, a page_size outside 1–100 and an is_active that is not a boolean', async () => {
    const { app } = testApp();
    const c = client(app);
    const low = await c.get('/v3/webhooks?page=0&page_size=10');
    expect(low.status).toBe(400);
    expect(low.body.error).toMatchObject({ code: 'VALIDATION_005', message: MESSAGES.pageTooSmall });
    for (const q of ['page=1&page_size=101', 'page_size=0', 'page=1&page_size=0']) {
      const res = await c.get(`/v3/webhooks?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error, q).toMatchObject({ code: 'VALIDATION_001', details: { page_size: [MESSAGES.pageSizeRange] } });
    }
    const flag = await c.get(`/v3/webhooks?${page}&is_active=yes`);
    expect(flag.status).toBe(400);
    expect(flag.body.error.details).toEqual({ is_active: [MESSAGES.webhookIsActiveQuery] });
  });
});

describe('webhook delete', () => {
  it('answers 204 with no body; afterwards the webhook is not found and not listed', async () => {
    const { app } = testApp();
    const c = client(app);
    const keep = (await c.post('/v3/webhooks', aWebhook(URL_A, { display_name: 'Keep' }))).body.data;
    const gone = (await c.post('/v3/webhooks', aWebhook(URL_A, { display_name: 'Gone' }))).body.data;
    const res = await c.delete(`/v3/webhooks/${gone.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await c.get(`/v3/webhooks/${gone.id}`)).status).toBe(404);
    expect((await c.delete(`/v3/webhooks/${gone.id}`)).status).toBe(404);
    expect((await c.get(`/v3/webhooks?${page}`)).body.data.webhooks.map((w: { id: string }) => w.id)).toEqual([keep.id]);
    expect((await sim(app, c.key).tenant()).webhooks.map((w: { id: string }) => w.id)).toEqual([keep.id]);
  });
});

describe('webhook toggle-status and rotate-secret', () => {
  it('turns a webhook off and on', async () => {
    const { app } = testApp();
    const c = client(app);
    const created = (await c.post('/v3/webhooks', aWebhook(URL_A))).body.data;
    const off = await c.patch(`/v3/webhooks/${created.id}/toggle-status`, { is_active: false });
    expect(off.status).toBe(200);
    expect(off.body.data).toMatchObject({ id: created.id, is_active: false, signing_secret: null, updated_at: expect.any(String) });
    expect((await c.get(`/v3/webhooks/${created.id}`)).body.data.is_active).toBe(false);
    await c.patch(`/v3/webhooks/${created.id}/toggle-status`, { is_active: true });
    expect((await c.get(`/v3/webhooks/${created.id}`)).body.data.is_active).toBe(true);
    const missing = await c.patch(`/v3/webhooks/${created.id}/toggle-status`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'VALIDATION_001', details: { is_active: [expect.any(String)] } });
  });

  it('returns a new secret on rotation and still shows none on reads', async () => {
    const { app } = testApp();
    const c = client(app);
    const created = (await c.post('/v3/webhooks', aWebhook(URL_A))).body.data;
    const res = await c.post(`/v3/webhooks/${created.id}/rotate-secret`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ signing_secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]+={0,2}$/) });
    expect(res.body.data.signing_secret).not.toBe(created.signing_secret);
    const read = (await c.get(`/v3/webhooks/${created.id}`)).body.data;
    expect(read.signing_secret).toBeNull();
    expect(read.updated_at).not.toBeNull();
  });
});
