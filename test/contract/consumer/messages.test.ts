import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, RECIPIENT, TEXT_MESSAGE } from '../../../src/verify/fixtures.js';
import { STATE } from '../../../src/verify/states/index.js';
import { contractPact, partner, sends } from './support/pact.js';
import { activity, messageStatus } from './support/resources.js';
import { answers, failure, fieldErrors, success, timestamp, uuid, wholeList } from './support/shapes.js';

const { like, fromProviderState } = MatchersV3;
const pact = contractPact();
const messagePath = (suffix = '') => fromProviderState(`/v3/messages/\${messageId}${suffix}`, `/v3/messages/${EXAMPLE.messageId}${suffix}`);
const example = (suffix = '') => `/v3/messages/${EXAMPLE.messageId}${suffix}`;
/** The spec's `x-sim-invalid-id-message` of a message id. */
const INVALID_MESSAGE_ID = 'Invalid message ID format.';
const sent = { messageId: EXAMPLE.messageId, phoneNumber: RECIPIENT };

/** A send Sent refuses with `400 <code>`, naming the fields at fault. */
async function refusedSend(description: string, body: object, code: 'VALIDATION_001' | 'VALIDATION_002' | 'VALIDATION_004' | 'VALIDATION_006', fields: string[]) {
  await pact
    .addInteraction()
    .uponReceiving(description)
    .withRequest('POST', '/v3/messages', (b) => b.headers(sends()).jsonBody(body))
    .willRespondWith(400, (b) => b.headers(answers()).jsonBody(failure(code, fieldErrors(...fields))))
    .executeTest(async (server) => {
      const res = await partner(server.url).post('/v3/messages', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe(code);
      expect(Object.keys(res.body.error.details)).toEqual(fields);
    });
}

describe('POST /v3/messages', () => {
  it('accepts a text message with 202: one queued message per recipient and channel', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request to send a text message')
      .withRequest('POST', '/v3/messages', (b) => b.headers(sends()).jsonBody(TEXT_MESSAGE))
      .willRespondWith(202, (b) =>
        b.headers(answers()).jsonBody(
          success({
            status: 'QUEUED',
            template_id: null,
            template_name: null,
            recipients: [{ message_id: uuid(EXAMPLE.messageId), to: RECIPIENT, channel: 'sms', body: TEXT_MESSAGE.text }],
          }),
        ),
      )
      .executeTest(async (server) => {
        const res = await partner(server.url).post('/v3/messages', TEXT_MESSAGE);
        expect(res.status).toBe(202);
        expect(res.body.data.recipients).toHaveLength(1);
      });
  });

  it('accepts a templated message with 202, the template named and its body rendered', async () => {
    const body = { to: [RECIPIENT], channel: ['sms'], template: { id: fromProviderState('${templateId}', EXAMPLE.templateId), parameters: { name: 'John' } } };
    const exampleBody = { ...body, template: { ...body.template, id: EXAMPLE.templateId } };
    await pact
      .addInteraction()
      .given(STATE.submittedTemplate, { templateId: EXAMPLE.templateId })
      .uponReceiving('a request to send a message with a template')
      .withRequest('POST', '/v3/messages', (b) => b.headers(sends()).jsonBody(body))
      .willRespondWith(202, (b) =>
        b.headers(answers()).jsonBody(
          success({
            status: 'QUEUED',
            template_id: uuid(EXAMPLE.templateId),
            template_name: like('Hello Your order is'),
            recipients: [{ message_id: uuid(EXAMPLE.messageId), to: RECIPIENT, channel: 'sms', body: 'Hello John! Your order is confirmed.' }],
          }),
        ),
      )
      .executeTest(async (server) => {
        const res = await partner(server.url).post('/v3/messages', exampleBody);
        expect(res.body.data.template_id).toBe(EXAMPLE.templateId);
      });
  });

  it('refuses an empty recipient list with 400 VALIDATION_004', () =>
    refusedSend('a request to send a message to nobody', { ...TEXT_MESSAGE, to: [] }, 'VALIDATION_004', ['to']));

  it('refuses a number that is not E.164 with 400 VALIDATION_002, naming its index', () =>
    refusedSend('a request to send a message to a number that is not E.164', { ...TEXT_MESSAGE, to: ['4155550100'] }, 'VALIDATION_002', ['to[0]']));

  it('refuses an unknown channel with 400 VALIDATION_006, naming its index', () =>
    refusedSend('a request to send a message on an unknown channel', { ...TEXT_MESSAGE, channel: ['fax'] }, 'VALIDATION_006', ['channel[0]']));

  it('refuses a message with neither a template nor text with 400 VALIDATION_001', () =>
    refusedSend('a request to send a message without a template or text', { to: [RECIPIENT], channel: ['sms'] }, 'VALIDATION_001', ['template', 'text']));

  it('answers 404 RESOURCE_002 to a template it does not know', async () => {
    const body = { to: [RECIPIENT], channel: ['sms'], template: { id: EXAMPLE.unknownTemplateId } };
    await pact
      .addInteraction()
      .given(STATE.noTemplate, { templateId: EXAMPLE.unknownTemplateId })
      .uponReceiving('a request to send a message with a template that does not exist')
      .withRequest('POST', '/v3/messages', (b) => b.headers(sends()).jsonBody(body))
      .willRespondWith(404, (b) => b.headers(answers()).jsonBody(failure('RESOURCE_002')))
      .executeTest(async (server) => {
        expect((await partner(server.url).post('/v3/messages', body)).status).toBe(404);
      });
  });
});

describe('GET /v3/messages/{id} and /activities', () => {
  it('answers a sent message’s status with its events', async () => {
    await pact
      .addInteraction()
      .given(STATE.messageSent, sent)
      .uponReceiving('a request to retrieve the status of a message')
      .withRequest('GET', messagePath(), (b) => b.headers(sends({}, false)))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success(messageStatus(RECIPIENT))))
      .executeTest(async (server) => {
        const res = await partner(server.url).get(example());
        expect(res.body.data.phone).toBe(RECIPIENT);
      });
  });

  it('lists a delivered message’s events oldest first: QUEUED, ROUTED, SENT, DELIVERED', async () => {
    const event = (status: string) => ({ status, timestamp: timestamp(), description: like('…') });
    await pact
      .addInteraction()
      .given(STATE.messageDelivered, sent)
      .uponReceiving('a request to retrieve the status of a delivered message')
      .withRequest('GET', messagePath(), (b) => b.headers(sends({}, false)))
      .willRespondWith(200, (b) =>
        b.headers(answers()).jsonBody(
          success({ ...messageStatus(RECIPIENT), status: 'DELIVERED', channel: 'sms', events: ['QUEUED', 'ROUTED', 'SENT', 'DELIVERED'].map(event) }),
        ),
      )
      .executeTest(async (server) => {
        expect((await partner(server.url).get(example())).body.data.status).toBe('DELIVERED');
      });
  });

  it('lists a message’s activities', async () => {
    await pact
      .addInteraction()
      .given(STATE.messageSent, sent)
      .uponReceiving('a request to list the activities of a message')
      .withRequest('GET', messagePath('/activities'), (b) => b.headers(sends({}, false)))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success({ message_id: uuid(EXAMPLE.messageId), activities: MatchersV3.eachLike(activity()), pagination: wholeList() })))
      .executeTest(async (server) => {
        expect((await partner(server.url).get(example('/activities'))).body.data.activities.length).toBeGreaterThan(0);
      });
  });

  for (const [what, suffix] of [['the status', ''], ['the activities', '/activities']] as const) {
    it(`answers 404 RESOURCE_003 to ${what} of a message it does not know`, async () => {
      const path = `/v3/messages/${EXAMPLE.unknownMessageId}${suffix}`;
      await pact
        .addInteraction()
        .given(STATE.noMessage, { messageId: EXAMPLE.unknownMessageId })
        .uponReceiving(`a request for ${what} of an unknown message`)
        .withRequest('GET', path, (b) => b.headers(sends({}, false)))
        .willRespondWith(404, (b) => b.headers(answers()).jsonBody(failure('RESOURCE_003')))
        .executeTest(async (server) => {
          expect((await partner(server.url).get(path)).body.error.code).toBe('RESOURCE_003');
        });
    });

    it(`answers 400 VALIDATION_001 to ${what} of a malformed message id`, async () => {
      const path = `/v3/messages/not-a-message-id${suffix}`;
      await pact
        .addInteraction()
        .uponReceiving(`a request for ${what} of a message with a malformed id`)
        .withRequest('GET', path, (b) => b.headers(sends({}, false)))
        .willRespondWith(400, (b) => b.headers(answers()).jsonBody(failure('VALIDATION_001', fieldErrors('id'), INVALID_MESSAGE_ID)))
        .executeTest(async (server) => {
          expect((await partner(server.url).get(path)).status).toBe(400);
        });
    });
  }
});
