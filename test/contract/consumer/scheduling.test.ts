import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { EXAMPLE, MMS_MESSAGE, RECIPIENT, REMINDER, SCHEDULED_AT_EXAMPLE } from '../../../src/verify/fixtures.js';
import { STATE } from '../../../src/verify/states/index.js';
import { contractPact, partner, sends } from './support/pact.js';
import { messageStatus } from './support/resources.js';
import { answers, failure, fieldErrors, success, timestamp, uuid } from './support/shapes.js';

// Scheduled sends, cancel, resend, MMS and conversations (Sent as of 2026-11; decisions §15).
const { like, integer, boolean, eachLike, fromProviderState } = MatchersV3;
const pact = contractPact();
const messagePath = (suffix: string) => fromProviderState(`/v3/messages/\${messageId}${suffix}`, `/v3/messages/${EXAMPLE.messageId}${suffix}`);
const example = (suffix: string) => `/v3/messages/${EXAMPLE.messageId}${suffix}`;
const messageOf = { messageId: EXAMPLE.messageId, phoneNumber: RECIPIENT };
/** Not `{}`: pact-js's verifier proxy forwards an empty JSON object as no body at all (as in webhooks.test.ts). */
const NOT_SANDBOX = { sandbox: false };

describe('scheduled sends', () => {
  it('accepts a send with scheduled_at: 202, QUEUED, the instant echoed in UTC', async () => {
    const body = { ...REMINDER, scheduled_at: fromProviderState('${scheduledAt}', SCHEDULED_AT_EXAMPLE) };
    await pact
      .addInteraction()
      .given(STATE.scheduleAhead, { scheduledAt: SCHEDULED_AT_EXAMPLE })
      .uponReceiving('a request to send a message an hour from now')
      .withRequest('POST', '/v3/messages', (b) => b.headers(sends()).jsonBody(body))
      .willRespondWith(202, (b) =>
        b.headers(answers()).jsonBody(
          success({
            status: 'QUEUED',
            template_id: null,
            template_name: null,
            recipients: [{ message_id: uuid(EXAMPLE.messageId), to: RECIPIENT, channel: 'sms', body: REMINDER.text }],
            scheduled_at: timestamp(),
          }),
        ),
      )
      .executeTest(async (server) => {
        const res = await partner(server.url).post('/v3/messages', { ...REMINDER, scheduled_at: SCHEDULED_AT_EXAMPLE });
        expect(res.status).toBe(202);
        expect(res.body.data.scheduled_at).toBeDefined();
      });
  });

  it('refuses a scheduled_at without an offset with 400 VALIDATION_001 on scheduled_at', async () => {
    const body = { ...REMINDER, scheduled_at: '2026-10-01T09:00:00' };
    await pact
      .addInteraction()
      .uponReceiving('a request to send a message at a time without a UTC offset')
      .withRequest('POST', '/v3/messages', (b) => b.headers(sends()).jsonBody(body))
      .willRespondWith(400, (b) => b.headers(answers()).jsonBody(failure('VALIDATION_001', fieldErrors('scheduled_at'))))
      .executeTest(async (server) => {
        const res = await partner(server.url).post('/v3/messages', body);
        expect(Object.keys(res.body.error.details)).toEqual(['scheduled_at']);
      });
  });

  it('shows a scheduled message SCHEDULED, with scheduled_at', async () => {
    await pact
      .addInteraction()
      .given(STATE.messageScheduled, messageOf)
      .uponReceiving('a request to retrieve a scheduled message')
      .withRequest('GET', messagePath(''), (b) => b.headers(sends({}, false)))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success({ ...messageStatus(RECIPIENT), status: 'SCHEDULED', scheduled_at: timestamp() })))
      .executeTest(async (server) => {
        expect((await partner(server.url).get(example(''))).body.data.status).toBe('SCHEDULED');
      });
  });
});

describe('POST /v3/messages/{id}/cancel', () => {
  it('cancels a scheduled message: 200, the message CANCELLED with the instant called off', async () => {
    await pact
      .addInteraction()
      .given(STATE.messageScheduled, messageOf)
      .uponReceiving('a request to cancel a scheduled message')
      .withRequest('POST', messagePath('/cancel'), (b) => b.headers(sends()).jsonBody(NOT_SANDBOX))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success({ ...messageStatus(RECIPIENT), status: 'CANCELLED', scheduled_at: timestamp(), price: null })))
      .executeTest(async (server) => {
        expect((await partner(server.url).post(example('/cancel'), NOT_SANDBOX)).body.data.status).toBe('CANCELLED');
      });
  });

  it('refuses to cancel a delivered message with 409 BUSINESS_006', async () => {
    await pact
      .addInteraction()
      .given(STATE.messageDelivered, messageOf)
      .uponReceiving('a request to cancel a message that was delivered')
      .withRequest('POST', messagePath('/cancel'), (b) => b.headers(sends()).jsonBody(NOT_SANDBOX))
      .willRespondWith(409, (b) => b.headers(answers()).jsonBody(failure('BUSINESS_006', null, MESSAGES.notScheduled)))
      .executeTest(async (server) => {
        expect((await partner(server.url).post(example('/cancel'), NOT_SANDBOX)).status).toBe(409);
      });
  });
});

describe('POST /v3/messages/{id}/resend', () => {
  it('resends a delivered message: 202, the same id back to QUEUED', async () => {
    await pact
      .addInteraction()
      .given(STATE.messageDelivered, messageOf)
      .uponReceiving('a request to resend a delivered message')
      .withRequest('POST', messagePath('/resend'), (b) => b.headers(sends()).jsonBody(NOT_SANDBOX))
      .willRespondWith(202, (b) =>
        b.headers(answers()).jsonBody(
          success({ status: 'QUEUED', template_id: null, template_name: null, recipients: [{ message_id: fromProviderState('${messageId}', EXAMPLE.messageId), to: RECIPIENT, channel: 'sms', body: like('Your table is ready.') }] }),
        ),
      )
      .executeTest(async (server) => {
        expect((await partner(server.url).post(example('/resend'), NOT_SANDBOX)).body.data.recipients[0].message_id).toBe(EXAMPLE.messageId);
      });
  });

  it('refuses to resend a message that is still scheduled with 409 BUSINESS_006', async () => {
    await pact
      .addInteraction()
      .given(STATE.messageScheduled, messageOf)
      .uponReceiving('a request to resend a message that has not gone out yet')
      .withRequest('POST', messagePath('/resend'), (b) => b.headers(sends()).jsonBody(NOT_SANDBOX))
      .willRespondWith(409, (b) => b.headers(answers()).jsonBody(failure('BUSINESS_006', null, MESSAGES.notResendable)))
      .executeTest(async (server) => {
        expect((await partner(server.url).post(example('/resend'), NOT_SANDBOX)).status).toBe(409);
      });
  });
});

describe('MMS', () => {
  it('accepts an MMS with media and a subject: 202 on channel mms', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request to send an MMS with an attachment')
      .withRequest('POST', '/v3/messages', (b) => b.headers(sends()).jsonBody(MMS_MESSAGE))
      .willRespondWith(202, (b) =>
        b.headers(answers()).jsonBody(success({ status: 'QUEUED', template_id: null, template_name: null, recipients: [{ message_id: uuid(EXAMPLE.messageId), to: RECIPIENT, channel: 'mms', body: MMS_MESSAGE.text }] })),
      )
      .executeTest(async (server) => {
        expect((await partner(server.url).post('/v3/messages', MMS_MESSAGE)).body.data.recipients[0].channel).toBe('mms');
      });
  });

  it('refuses a media URL that is not https with 400 VALIDATION_001 naming it', async () => {
    const body = { ...MMS_MESSAGE, media_urls: ['http://cdn.example.com/receipt.jpg'] };
    await pact
      .addInteraction()
      .uponReceiving('a request to send an MMS whose media URL is not https')
      .withRequest('POST', '/v3/messages', (b) => b.headers(sends()).jsonBody(body))
      .willRespondWith(400, (b) => b.headers(answers()).jsonBody(failure('VALIDATION_001', fieldErrors('media_urls[0]'))))
      .executeTest(async (server) => {
        expect(Object.keys((await partner(server.url).post('/v3/messages', body)).body.error.details)).toEqual(['media_urls[0]']);
      });
  });
});

describe('conversations and the message summary', () => {
  const pageOf = (size: number) => ({ page: 1, page_size: size, total_count: integer(1), total_pages: integer(1), has_more: boolean(false) });

  it('lists the account’s messages newest first, 50 a page by default', async () => {
    await pact
      .addInteraction()
      .given(STATE.messageSent, messageOf)
      .uponReceiving('a request to list the messages of every conversation')
      .withRequest('GET', '/v3/conversations', (b) => b.headers(sends({}, false)))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success({ messages: eachLike(messageStatus(RECIPIENT)), pagination: pageOf(50) })))
      .executeTest(async (server) => {
        expect((await partner(server.url).get('/v3/conversations')).body.data.messages.length).toBeGreaterThan(0);
      });
  });

  it('lists one contact’s conversation by the contact’s id', async () => {
    const path = fromProviderState('/v3/conversations/${contactId}', `/v3/conversations/${EXAMPLE.contactId}`);
    await pact
      .addInteraction()
      .given(STATE.contactMessaged, { contactId: EXAMPLE.contactId, phoneNumber: RECIPIENT })
      .uponReceiving('a request to list the messages of one contact’s conversation')
      .withRequest('GET', path, (b) => b.headers(sends({}, false)).query({ page: '1', page_size: '20' }))
      .willRespondWith(200, (b) =>
        b.headers(answers()).jsonBody(success({ messages: eachLike({ ...messageStatus(RECIPIENT), contact_id: fromProviderState('${contactId}', EXAMPLE.contactId) }), pagination: pageOf(20) })),
      )
      .executeTest(async (server) => {
        expect((await partner(server.url).get(`/v3/conversations/${EXAMPLE.contactId}?page=1&page_size=20`)).status).toBe(200);
      });
  });

  it('answers 404 RESOURCE_001 to the conversation of a contact it does not know', async () => {
    const path = `/v3/conversations/${EXAMPLE.unknownContactId}`;
    await pact
      .addInteraction()
      .given(STATE.noContact, { contactId: EXAMPLE.unknownContactId })
      .uponReceiving('a request to list the conversation of an unknown contact')
      .withRequest('GET', path, (b) => b.headers(sends({}, false)))
      .willRespondWith(404, (b) => b.headers(answers()).jsonBody(failure('RESOURCE_001')))
      .executeTest(async (server) => {
        expect((await partner(server.url).get(path)).status).toBe(404);
      });
  });

  it('summarises the messages with a contact', async () => {
    const path = fromProviderState('/v3/contacts/${contactId}/message-summary', `/v3/contacts/${EXAMPLE.contactId}/message-summary`);
    await pact
      .addInteraction()
      .given(STATE.contactMessaged, { contactId: EXAMPLE.contactId, phoneNumber: RECIPIENT })
      .uponReceiving('a request for the message summary of a contact')
      .withRequest('GET', path, (b) => b.headers(sends({}, false)))
      .willRespondWith(200, (b) =>
        b.headers(answers()).jsonBody(
          success({
            contact_id: fromProviderState('${contactId}', EXAMPLE.contactId),
            message_count: integer(1),
            first_message_at: timestamp(),
            last_message_at: timestamp(),
            channels_used: eachLike('sms'),
            channel_scores: eachLike({ channel: 'sms', success_score: like(100), fail_score: like(0) }),
          }),
        ),
      )
      .executeTest(async (server) => {
        expect((await partner(server.url).get(`/v3/contacts/${EXAMPLE.contactId}/message-summary`)).body.data.message_count).toBeGreaterThan(0);
      });
  });
});
