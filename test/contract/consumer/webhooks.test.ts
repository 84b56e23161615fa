import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { EXAMPLE, WEBHOOK } from '../../../src/verify/fixtures.js';
import { STATE } from '../../../src/verify/states/index.js';
import { contractPact, partner, sends } from './support/pact.js';
import { deliveryRow, pagination, REQUEST_ID_RE, SECRET_RE, webhook } from './support/resources.js';
import { answers, failure, fieldErrors, success, wholeList } from './support/shapes.js';

const { like, boolean, eachLike, regex, fromProviderState, arrayContaining } = MatchersV3;
const pact = contractPact();
const hookPath = (suffix = '') => fromProviderState(`/v3/webhooks/\${webhookId}${suffix}`, `/v3/webhooks/${EXAMPLE.webhookId}${suffix}`);
const example = (suffix = '') => `/v3/webhooks/${EXAMPLE.webhookId}${suffix}`;
const existing = { webhookId: EXAMPLE.webhookId };
/** What the partner registers: the docs' example, at the URL the state says it can use. */
const create = { ...WEBHOOK, endpoint_url: fromProviderState('${endpointUrl}', EXAMPLE.endpointUrl) };
const exampleCreate = { ...WEBHOOK, endpoint_url: EXAMPLE.endpointUrl };
/** Not `{}`: pact-js's verifier proxy forwards an empty JSON object as no body at all. */
const NOT_SANDBOX = { sandbox: false };
const secret = () => regex(SECRET_RE, 'whsec_IDlxasyuKknaNFliqEpsJ9568i9BbpWkib7WBns5b8I=');
/** The values the partner sent, as every answer about the webhook repeats them. */
const registered = { display_name: WEBHOOK.display_name, event_types: [...WEBHOOK.event_types], event_filters: { message: [...WEBHOOK.event_filters.message] } };

describe('POST /v3/webhooks', () => {
  it('registers a webhook: 201, the signing secret shown this once', async () => {
    await pact
      .addInteraction()
      .given(STATE.webhookRegistrable, { endpointUrl: EXAMPLE.endpointUrl })
      .uponReceiving('a request to register a webhook')
      .withRequest('POST', '/v3/webhooks', (b) => b.headers(sends()).jsonBody(create))
      .willRespondWith(201, (b) =>
        b.headers(answers()).jsonBody(success(webhook({ ...registered, signing_secret: secret(), is_active: true, retry_count: 3, timeout_seconds: 30, consecutive_failures: 0 }))),
      )
      .executeTest(async (server) => {
        const res = await partner(server.url).post('/v3/webhooks', exampleCreate);
        expect(res.status).toBe(201);
        expect(res.body.data.signing_secret).toMatch(SECRET_RE);
      });
  });

  const refused = (description: string, body: object, code: 'VALIDATION_005' | 'VALIDATION_006', fields: string[]) =>
    pact
      .addInteraction()
      .uponReceiving(description)
      .withRequest('POST', '/v3/webhooks', (b) => b.headers(sends()).jsonBody(body))
      .willRespondWith(400, (b) => b.headers(answers()).jsonBody(failure(code, fieldErrors(...fields))))
      .executeTest(async (server) => {
        const res = await partner(server.url).post('/v3/webhooks', body);
        expect(res.body.error.code).toBe(code);
        expect(Object.keys(res.body.error.details)).toEqual(fields);
      });

  it('refuses an event type that is no family with 400 VALIDATION_006', () =>
    refused('a request to register a webhook for an unknown event type', { ...exampleCreate, event_types: ['messages'] }, 'VALIDATION_006', ['event_types[0]']));

  it('refuses a sub-type no family lists with 400 VALIDATION_006', () =>
    refused('a request to register a webhook for a sub-type no family lists', { ...exampleCreate, event_types: ['message.delivered', 'message.teleported'] }, 'VALIDATION_006', ['event_types[1]']));

  it('registers a webhook for sub-types beside a family (decisions §14): 201, the subscription as given', async () => {
    const { event_filters: _filters, ...unfiltered } = create;
    const subscription = { ...unfiltered, event_types: ['message.delivered', 'message.failed', 'contact.opt_out', 'templates'] };
    await pact
      .addInteraction()
      .given(STATE.webhookRegistrable, { endpointUrl: EXAMPLE.endpointUrl })
      .uponReceiving('a request to register a webhook for sub-types and a family')
      .withRequest('POST', '/v3/webhooks', (b) => b.headers(sends()).jsonBody(subscription))
      .willRespondWith(201, (b) =>
        b.headers(answers()).jsonBody(success(webhook({ display_name: WEBHOOK.display_name, event_types: [...subscription.event_types], event_filters: null, signing_secret: secret() }))),
      )
      .executeTest(async (server) => {
        const res = await partner(server.url).post('/v3/webhooks', { ...subscription, endpoint_url: EXAMPLE.endpointUrl });
        expect(res.body.data.event_types).toEqual(subscription.event_types);
      });
  });

  it('refuses a retry count outside 1–5 with 400 VALIDATION_005', () =>
    refused('a request to register a webhook with too many retries', { ...exampleCreate, retry_count: 9 }, 'VALIDATION_005', ['retry_count']));
});

describe('reading webhooks: the signing secret is never read back', () => {
  it('lists webhooks with their pagination, secrets null', async () => {
    await pact
      .addInteraction()
      .given(STATE.webhook, existing)
      .uponReceiving('a request to list the webhooks')
      .withRequest('GET', '/v3/webhooks', (b) => b.headers(sends({}, false)).query({ page: '1', page_size: '20' }))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success({ webhooks: eachLike(webhook()), pagination: pagination() })))
      .executeTest(async (server) => {
        expect((await partner(server.url).get('/v3/webhooks?page=1&page_size=20')).body.data.webhooks[0].signing_secret).toBeNull();
      });
  });

  it('retrieves a webhook, secret null', async () => {
    await pact
      .addInteraction()
      .given(STATE.webhook, existing)
      .uponReceiving('a request to retrieve a webhook')
      .withRequest('GET', hookPath(), (b) => b.headers(sends({}, false)))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success(webhook(registered))))
      .executeTest(async (server) => {
        expect((await partner(server.url).get(example())).body.data.signing_secret).toBeNull();
      });
  });

  it('lists the event types: message, contact and channel with their sub-types, and templates (the list is open)', async () => {
    const type = (name: string) => ({ name, display_name: like('Messages'), is_active: boolean(true) });
    const sub = (family: string, name: string) => ({ name, event_type: family });
    await pact
      .addInteraction()
      .uponReceiving('a request to list the webhook event types')
      .withRequest('GET', '/v3/webhooks/event-types', (b) => b.headers(sends({}, false)))
      .willRespondWith(200, (b) =>
        b.headers(answers()).jsonBody(
          success({
            // Sent adds families (contact, channel, …): the partner relies on these, and takes more.
            event_types: arrayContaining(
              { ...type('message'), sub_types: eachLike({ name: regex(/^message\.[a-z]+$/, 'message.queued'), event_type: 'message' }, 10) },
              type('templates'),
              { ...type('contact'), sub_types: arrayContaining(sub('contact', 'contact.opt_in'), sub('contact', 'contact.opt_out'), sub('contact', 'contact.help')) },
              { ...type('channel'), sub_types: eachLike({ name: regex(/^channel\.[a-z]+$/, 'channel.submitted'), event_type: 'channel' }, 4) },
            ),
            pagination: wholeList(),
          }),
        ),
      )
      .executeTest(async (server) => {
        const types = (await partner(server.url).get('/v3/webhooks/event-types')).body.data.event_types as Array<{ name: string; sub_types: unknown[] | null }>;
        expect(types.find((t) => t.name === 'message')?.sub_types).toHaveLength(10);
        expect(types.map((t) => t.name)).toEqual(expect.arrayContaining(['message', 'templates', 'contact', 'channel']));
      });
  });

  it('lists a webhook’s delivery log, the exact body sent in each row', async () => {
    await pact
      .addInteraction()
      .given(STATE.webhookTested, existing)
      .uponReceiving('a request to list the delivery log of a webhook')
      .withRequest('GET', hookPath('/events'), (b) => b.headers(sends({}, false)).query({ page: '1', page_size: '20' }))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success({ events: eachLike(deliveryRow()), pagination: pagination() })))
      .executeTest(async (server) => {
        expect((await partner(server.url).get(`${example('/events')}?page=1&page_size=20`)).body.data.events.length).toBeGreaterThan(0);
      });
  });

  it('lists a consent event in the delivery log: the contact envelope with its request id (decisions §14)', async () => {
    const row = {
      ...deliveryRow(),
      event_type: 'contact.opt_out',
      event_data: {
        field: 'contact',
        event: 'contact.opt_out',
        timestamp: like('2026-05-21T12:10:00Z'),
        request_id: regex(REQUEST_ID_RE, 'req_Hn3Kd9Wq2P'),
        payload: { contact_id: regex(/^[0-9a-f-]{36}$/, '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), opt_out: true, source: regex(/^(INBOUND_KEYWORD|PROVIDER_SIGNAL)$/, 'INBOUND_KEYWORD') },
      },
    };
    await pact
      .addInteraction()
      .given(STATE.webhookTestedConsent, existing)
      .uponReceiving('a request to list the delivery log of a webhook sent a consent event')
      .withRequest('GET', hookPath('/events'), (b) => b.headers(sends({}, false)).query({ page: '1', page_size: '20' }))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success({ events: eachLike(row), pagination: pagination() })))
      .executeTest(async (server) => {
        expect((await partner(server.url).get(`${example('/events')}?page=1&page_size=20`)).body.data.events[0].event_type).toBe('contact.opt_out');
      });
  });
});

describe('changing webhooks', () => {
  it('replaces a webhook with PUT: 200 with the new values, secret null', async () => {
    const put = { display_name: 'Order Notifications v2', endpoint_url: fromProviderState('${endpointUrl}', EXAMPLE.endpointUrl), event_types: ['message'], retry_count: 5, timeout_seconds: 10 };
    await pact
      .addInteraction()
      .given(STATE.webhook, existing)
      .given(STATE.webhookRegistrable, { endpointUrl: EXAMPLE.endpointUrl })
      .uponReceiving('a request to replace a webhook')
      .withRequest('PUT', hookPath(), (b) => b.headers(sends()).jsonBody(put))
      .willRespondWith(200, (b) =>
        b.headers(answers()).jsonBody(success(webhook({ display_name: put.display_name, event_types: ['message'], retry_count: 5, timeout_seconds: 10 }))),
      )
      .executeTest(async (server) => {
        expect((await partner(server.url).put(example(), { ...put, endpoint_url: EXAMPLE.endpointUrl })).body.data.retry_count).toBe(5);
      });
  });

  it('turns a webhook off with toggle-status', async () => {
    await pact
      .addInteraction()
      .given(STATE.webhook, existing)
      .uponReceiving('a request to turn a webhook off')
      .withRequest('PATCH', hookPath('/toggle-status'), (b) => b.headers(sends()).jsonBody({ is_active: false }))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success(webhook({ is_active: false }))))
      .executeTest(async (server) => {
        expect((await partner(server.url).patch(example('/toggle-status'), { is_active: false })).body.data.is_active).toBe(false);
      });
  });

  it('rotates the signing secret: 200 with the new secret', async () => {
    await pact
      .addInteraction()
      .given(STATE.webhook, existing)
      .uponReceiving('a request to rotate the signing secret of a webhook')
      .withRequest('POST', hookPath('/rotate-secret'), (b) => b.headers(sends()).jsonBody(NOT_SANDBOX))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success({ signing_secret: secret() })))
      .executeTest(async (server) => {
        expect((await partner(server.url).post(example('/rotate-secret'), NOT_SANDBOX)).body.data.signing_secret).toMatch(SECRET_RE);
      });
  });

  it('sends a test event and says whether it was delivered', async () => {
    await pact
      .addInteraction()
      .given(STATE.webhook, existing)
      .uponReceiving('a request to send a test event to a webhook')
      .withRequest('POST', hookPath('/test'), (b) => b.headers(sends()).jsonBody({ event_type: 'message.sent' }))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success({ success: boolean(true), message: like(MESSAGES.testDelivered) })))
      .executeTest(async (server) => {
        expect(typeof (await partner(server.url).post(example('/test'), { event_type: 'message.sent' })).body.data.success).toBe('boolean');
      });
  });

  it('refuses a test event to a webhook that is off with 400 BUSINESS_010', async () => {
    await pact
      .addInteraction()
      .given(STATE.webhookInactive, existing)
      .uponReceiving('a request to send a test event to a webhook that is off')
      .withRequest('POST', hookPath('/test'), (b) => b.headers(sends()).jsonBody({ event_type: 'message.sent' }))
      .willRespondWith(400, (b) => b.headers(answers()).jsonBody(failure('BUSINESS_010')))
      .executeTest(async (server) => {
        expect((await partner(server.url).post(example('/test'), { event_type: 'message.sent' })).body.error.code).toBe('BUSINESS_010');
      });
  });

  it('deletes a webhook: 204 with no body', async () => {
    await pact
      .addInteraction()
      .given(STATE.webhook, existing)
      .uponReceiving('a request to delete a webhook')
      .withRequest('DELETE', hookPath(), (b) => b.headers(sends({}, false)))
      .willRespondWith(204, (b) => b.headers(answers()))
      .executeTest(async (server) => {
        expect((await partner(server.url).delete(example())).status).toBe(204);
      });
  });
});

describe('webhooks it does not have: 404 RESOURCE_008', () => {
  const gone = (description: string, state: string, id: string, method: string, suffix: string, body?: object) =>
    pact
      .addInteraction()
      .given(state, { webhookId: id })
      .uponReceiving(description)
      .withRequest(method, id === EXAMPLE.webhookId ? hookPath(suffix) : `/v3/webhooks/${id}${suffix}`, (b) => {
        b.headers(sends({}, body !== undefined));
        if (body !== undefined) b.jsonBody(body);
      })
      .willRespondWith(404, (b) => b.headers(answers()).jsonBody(failure('RESOURCE_008')))
      .executeTest(async (server) => {
        expect((await partner(server.url).call(method, `/v3/webhooks/${id}${suffix}`, body)).body.error.code).toBe('RESOURCE_008');
      });

  it('answers 404 to an unknown webhook', () => gone('a request to retrieve an unknown webhook', STATE.noWebhook, EXAMPLE.unknownWebhookId, 'GET', ''));
  it('answers 404 to a deleted webhook', () => gone('a request to retrieve a deleted webhook', STATE.webhookDeleted, EXAMPLE.webhookId, 'GET', ''));
  it('answers 404 to a second DELETE', () => gone('a request to delete a webhook that was already deleted', STATE.webhookDeleted, EXAMPLE.webhookId, 'DELETE', ''));
  it('answers 404 to rotating the secret of an unknown webhook', () =>
    gone('a request to rotate the secret of an unknown webhook', STATE.noWebhook, EXAMPLE.unknownWebhookId, 'POST', '/rotate-secret', NOT_SANDBOX));
});
