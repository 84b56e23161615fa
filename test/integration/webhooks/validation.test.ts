import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import { MESSAGE_SUFFIXES } from '../../../src/resources/messages/event-family.js';
import { allEventFamilies } from '../../../src/registry.js';
import { client, testApp } from '../../support/app.js';
import { aWebhook } from '../../support/webhooks.js';

const URL_A = 'https://example.com/webhooks/orders';
const page = 'page=1&page_size=20';
// The texts list the families the modules declare, whichever they are.
const FAMILIES = allEventFamilies().map((f) => f.name);
const FILTERABLE = allEventFamilies().filter((f) => f.sub_types.length > 0).map((f) => f.name);
const TEST_EXAMPLES = allEventFamilies().map((f) => (f.sub_types.length === 0 ? f.name : `${f.name}.${f.sub_types[0]!.suffix}`));

function emptyTenant() {
  const { app } = testApp();
  const c = client(app);
  const count = async () => (await c.get(`/v3/webhooks?${page}`)).body.data.pagination.total_count as number;
  return { app, c, count };
}

describe('webhook create validation', () => {
  it('requires display_name and endpoint_url, every missing field at once (VALIDATION_001)', async () => {
    const { c, count } = emptyTenant();
    const res = await c.post('/v3/webhooks', { event_types: ['message'] });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', details: { display_name: [expect.any(String)], endpoint_url: [expect.any(String)] } });
    expect(await count()).toBe(0);
  });

  it.each([
    ['ftp://example.com/hook'],
    ['example.com/hook'],
    ['https://example.com:0/hook'],
    ['https://example.com:70000/hook'],
    ['http:///nohost'],
  ])('refuses the endpoint URL %s with Sent’s message', async (url) => {
    const { c, count } = emptyTenant();
    const res = await c.post('/v3/webhooks', aWebhook(url));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', details: { endpoint_url: [MESSAGES.webhookUrlInvalid] } });
    expect(await count()).toBe(0);
  });

  it('accepts http and https URLs with a host and a port', async () => {
    const { c } = emptyTenant();
    for (const url of ['http://127.0.0.1:8080/hook', 'https://hooks.example.com/sent?x=1', 'http://localhost:65535']) {
      expect((await c.post('/v3/webhooks', aWebhook(url))).status, url).toBe(201);
    }
  });

  it('refuses a blank or over-long display name', async () => {
    const { c, count } = emptyTenant();
    const blank = await c.post('/v3/webhooks', aWebhook(URL_A, { display_name: '   ' }));
    expect(blank.body.error).toMatchObject({ code: 'VALIDATION_001', details: { display_name: [MESSAGES.webhookDisplayNameBlank] } });
    const long = await c.post('/v3/webhooks', aWebhook(URL_A, { display_name: 'x'.repeat(256) }));
    expect(long.body.error).toMatchObject({ code: 'VALIDATION_001', details: { display_name: [MESSAGES.webhookDisplayNameLong] } });
    expect(await count()).toBe(0);
  });

  it('refuses unknown, older-spelled or no event types, and sub-types nobody lists, with VALIDATION_006', async () => {
    const { c, count } = emptyTenant();
    const unknown = await c.post('/v3/webhooks', aWebhook(URL_A, { event_types: ['message', 'messages', 'contacts', 'contact.opt_out', 'contact.unsubscribed', 'message.processed'] }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toEqual({
      code: 'VALIDATION_006',
      message: ERROR_CATALOG.VALIDATION_006.message,
      details: Object.fromEntries([1, 2, 4, 5].map((i) => [`event_types[${i}]`, [MESSAGES.webhookEventTypeUnknown(FAMILIES)]])),
      doc_url: expect.any(String),
    });
    for (const types of [[], undefined]) {
      const res = await c.post('/v3/webhooks', aWebhook(URL_A, { event_types: types }));
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_006', details: { event_types: [MESSAGES.webhookEventTypesEmpty(FAMILIES)] } });
    }
    expect(await count()).toBe(0);
  });

  it('refuses filters on templates, unknown suffixes and empty lists with VALIDATION_006', async () => {
    const { c, count } = emptyTenant();
    const res = await c.post('/v3/webhooks', aWebhook(URL_A, { event_filters: { message: ['delivered', 'exploded'], templates: ['approved'] } }));
    expect(res.body.error).toMatchObject({
      code: 'VALIDATION_006',
      details: { 'event_filters.message[1]': [MESSAGES.webhookFilterUnknown(MESSAGE_SUFFIXES)], 'event_filters.templates': [MESSAGES.webhookFilterFamily(FILTERABLE)] },
    });
    const empty = await c.post('/v3/webhooks', aWebhook(URL_A, { event_filters: { message: [] } }));
    expect(empty.body.error).toMatchObject({ code: 'VALIDATION_006', details: { 'event_filters.message': [MESSAGES.webhookFilterEmpty] } });
    expect(await count()).toBe(0);
  });

  it('refuses retry_count outside 1–5 and timeout_seconds outside 5–120 with VALIDATION_005', async () => {
    const { c, count } = emptyTenant();
    const res = await c.post('/v3/webhooks', aWebhook(URL_A, { retry_count: 0, timeout_seconds: 121 }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_005', message: ERROR_CATALOG.VALIDATION_005.message, details: { retry_count: [MESSAGES.webhookRetryCount], timeout_seconds: [MESSAGES.webhookTimeout] } });
    const high = await c.post('/v3/webhooks', aWebhook(URL_A, { retry_count: 6, timeout_seconds: 4 }));
    expect(high.body.error.details).toEqual({ retry_count: [MESSAGES.webhookRetryCount], timeout_seconds: [MESSAGES.webhookTimeout] });
    const typed = await c.post('/v3/webhooks', aWebhook(URL_A, { retry_count: '3' as unknown as number }));
    expect(typed.body.error).toMatchObject({ code: 'VALIDATION_001', details: { retry_count: [expect.any(String)] } });
    expect(await count()).toBe(0);
  });

  it('answers BUSINESS_008 once the tenant holds the configured number of webhooks', async () => {
    const { app } = testApp({ config: { maxWebhooksPerTenant: 2 } });
    const c = client(app);
    expect((await c.post('/v3/webhooks', aWebhook(URL_A))).status).toBe(201);
    expect((await c.post('/v3/webhooks', aWebhook(URL_A))).status).toBe(201);
    const full = await c.post('/v3/webhooks', aWebhook(URL_A));
    expect(full.status).toBe(400);
    expect(full.body.error).toMatchObject({ code: 'BUSINESS_008', message: MESSAGES.webhookCap(2) });
    expect((await c.get(`/v3/webhooks?${page}`)).body.data.pagination.total_count).toBe(2);
  });
});

describe('webhook update validation', () => {
  it('applies the create rules, and a refused PUT changes nothing', async () => {
    const { c } = emptyTenant();
    const created = (await c.post('/v3/webhooks', aWebhook(URL_A, { retry_count: 4 }))).body.data;
    const before = (await c.get(`/v3/webhooks/${created.id}`)).body.data;
    const missing = await c.put(`/v3/webhooks/${created.id}`, { endpoint_url: 'https://new.example.com', event_types: ['message'] });
    expect(missing.body.error).toMatchObject({ code: 'VALIDATION_001', details: { display_name: [expect.any(String)] } });
    const types = await c.put(`/v3/webhooks/${created.id}`, aWebhook('https://new.example.com', { event_types: ['sms'] }));
    expect(types.body.error.code).toBe('VALIDATION_006');
    const range = await c.put(`/v3/webhooks/${created.id}`, aWebhook('https://new.example.com', { timeout_seconds: 1 }));
    expect(range.body.error.code).toBe('VALIDATION_005');
    const url = await c.put(`/v3/webhooks/${created.id}`, aWebhook('mailto:ops@example.com'));
    expect(url.body.error.details).toEqual({ endpoint_url: [MESSAGES.webhookUrlInvalid] });
    expect((await c.get(`/v3/webhooks/${created.id}`)).body.data).toEqual(before);
  });
});

describe('webhook test validation', () => {
  it('requires event_type, and knows the event names', async () => {
    const { c } = emptyTenant();
    const created = (await c.post('/v3/webhooks', aWebhook('http://127.0.0.1:9/hook'))).body.data;
    for (const body of [{}, { event_type: '' }]) {
      const res = await c.post(`/v3/webhooks/${created.id}/test`, body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', message: MESSAGES.eventTypeRequired, details: { event_type: [MESSAGES.eventTypeRequired] } });
    }
    for (const eventType of ['message', 'message.exploded', 'templates.approved', 'contact', 'contact.unsubscribed']) {
      const res = await c.post(`/v3/webhooks/${created.id}/test`, { event_type: eventType });
      expect(res.body.error, eventType).toMatchObject({ code: 'VALIDATION_006', details: { event_type: [MESSAGES.testEventTypeUnknown(TEST_EXAMPLES)] } });
    }
    // Nothing was sent, so nothing was logged.
    expect((await c.get(`/v3/webhooks/${created.id}/events?${page}`)).body.data.events).toEqual([]);
  });
});
