import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { DE_MARKET, EXAMPLE, GB_RECIPIENT, SENDER_PROFILE } from '../../../src/verify/fixtures.js';
import { STATE } from '../../../src/verify/states/index.js';
import { contractPact, partner, sends } from './support/pact.js';
import { answers, failure, fieldErrors, oneOf, success, timestamp, uuid } from './support/shapes.js';

const { like, eachLike, regex, fromProviderState } = MatchersV3;
const pact = contractPact();
const senderProfile = { senderProfileId: EXAMPLE.senderProfileId };
/** The onboarding flow acts for the sender profile with the organization's key (sent-api-v3-2026-11 §2.7). */
const asSenderProfile = () => ({ 'x-profile-id': fromProviderState('${senderProfileId}', EXAMPLE.senderProfileId) });
const STATUSES = ['PROVISIONING', 'ACTION_NEEDED', 'PENDING_REVIEW', 'ACTIVE', 'INACTIVE'] as const;

/** An SMS market as the onboarding flow relies on it: its key, status, numbers and what it owes. */
const market = (status: unknown = oneOf(STATUSES, 'PROVISIONING')) => ({
  country: 'DE',
  number_type: 'ALPHANUMERIC',
  status,
  reason_code: null,
  numbers: eachLike({ status: oneOf(['PROVISIONING', 'ACTIVE', 'INACTIVE'], 'PROVISIONING') }),
  compliance: { documents: [], requirements: [] },
  created_at: timestamp(),
});

/**
 * The partner's onboarding flow on Sent's November 2026 surface: a sender profile (its key
 * returned once), what a market requires and the call that adds it, the market, the channels
 * overview, the refusals a partner must handle — and "a message needs a sender".
 */
describe('onboarding a sender profile', () => {
  it('creates a sender profile: 201 with its own API key', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request to create a sender profile')
      .withRequest('POST', '/v3/sender-profiles', (b) => b.headers(sends()).jsonBody(SENDER_PROFILE))
      .willRespondWith(201, (b) =>
        b.headers(answers()).jsonBody(
          success({
            id: uuid(EXAMPLE.senderProfileId),
            organization_id: uuid('550e8400-e29b-41d4-a716-446655440000'),
            name: SENDER_PROFILE.name,
            short_name: SENDER_PROFILE.short_name,
            billing: { inherit: true },
            channels: { sms: [], whatsapp: null, rcs: null },
            created_at: timestamp(),
            api_key: like('sk_test_2f9c1e7b4a8d4e6f9a0b1c2d3e4f5a6b'),
          }),
        ),
      )
      .executeTest(async (server) => {
        const res = await partner(server.url).post('/v3/sender-profiles', SENDER_PROFILE);
        expect(res.status).toBe(201);
        expect(typeof res.body.data.api_key).toBe('string');
      });
  });

  it('reads what a market requires and the call that adds it (setup[])', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request for the compliance requirements of a German alphanumeric sender')
      .withRequest('GET', '/v3/compliance/requirements', (b) => b.headers(sends({}, false)).query({ country: 'DE', type: 'ALPHANUMERIC' }))
      .willRespondWith(200, (b) =>
        b.headers(answers()).jsonBody(
          success({
            channel: 'sms',
            country: 'DE',
            type: 'ALPHANUMERIC',
            required: false,
            requirements: [],
            setup: eachLike({ method: 'POST', path: '/v3/channels/sms', content_type: 'application/json', body: DE_MARKET }),
          }),
        ),
      )
      .executeTest(async (server) => {
        const res = await partner(server.url).get('/v3/compliance/requirements?country=DE&type=ALPHANUMERIC');
        expect(res.body.data.setup[0].body).toEqual(DE_MARKET);
      });
  });

  it('is told a missing country is VALIDATION_004 "country is required"', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request for compliance requirements without a country')
      .withRequest('GET', '/v3/compliance/requirements', (b) => b.headers(sends({}, false)).query({ type: 'ALPHANUMERIC' }))
      .willRespondWith(400, (b) => b.headers(answers()).jsonBody(failure('VALIDATION_004', fieldErrors('country'), MESSAGES.countryRequired)))
      .executeTest(async (server) => {
        const res = await partner(server.url).get('/v3/compliance/requirements?type=ALPHANUMERIC');
        expect(res.body.error.code).toBe('VALIDATION_004');
      });
  });

  it('is told WhatsApp requirements are not declared: 501, never an empty list', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request for the compliance requirements of the whatsapp channel')
      .withRequest('GET', '/v3/compliance/requirements', (b) => b.headers(sends({}, false)).query({ channel: 'whatsapp', country: 'DE' }))
      .willRespondWith(501, (b) => b.headers(answers()).jsonBody(failure('BUSINESS_007', null, MESSAGES.channelRequirementsNotDeclared('whatsapp'))))
      .executeTest(async (server) => {
        expect((await partner(server.url).get('/v3/compliance/requirements?channel=whatsapp&country=DE')).status).toBe(501);
      });
  });

  it('adds the market for the sender profile, as setup[] gives it: 201, PROVISIONING, owing nothing', async () => {
    await pact
      .addInteraction()
      .given(STATE.senderProfile, senderProfile)
      .uponReceiving('a request to add a German alphanumeric market for a sender profile')
      .withRequest('POST', '/v3/channels/sms', (b) => b.headers(sends(asSenderProfile())).jsonBody(DE_MARKET))
      .willRespondWith(201, (b) => b.headers(answers()).jsonBody(success(market('PROVISIONING'))))
      .executeTest(async (server) => {
        const res = await partner(server.url).call('POST', '/v3/channels/sms', DE_MARKET, { 'x-profile-id': EXAMPLE.senderProfileId });
        expect(res.body.data.status).toBe('PROVISIONING');
      });
  });

  it('reads the market, and the sender profile’s channels', async () => {
    await pact
      .addInteraction()
      .given(STATE.senderProfileWithMarket, senderProfile)
      .uponReceiving('a request to read a sender profile’s German alphanumeric market')
      .withRequest('GET', '/v3/channels/sms/DE/ALPHANUMERIC', (b) => b.headers(sends(asSenderProfile(), false)))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success(market())))
      .executeTest(async (server) => {
        const res = await partner(server.url).call('GET', '/v3/channels/sms/DE/ALPHANUMERIC', undefined, { 'x-profile-id': EXAMPLE.senderProfileId });
        expect(res.body.data.country).toBe('DE');
      });
    await pact
      .addInteraction()
      .given(STATE.senderProfileWithMarket, senderProfile)
      .uponReceiving('a request to read a sender profile’s channels')
      .withRequest('GET', '/v3/channels', (b) => b.headers(sends(asSenderProfile(), false)))
      .willRespondWith(200, (b) =>
        b.headers(answers()).jsonBody(success({ customer_id: fromProviderState('${senderProfileId}', EXAMPLE.senderProfileId), sms: eachLike(market()), whatsapp: null, rcs: null, mms: [] })),
      )
      .executeTest(async (server) => {
        const res = await partner(server.url).call('GET', '/v3/channels', undefined, { 'x-profile-id': EXAMPLE.senderProfileId });
        expect(res.body.data.customer_id).toBe(EXAMPLE.senderProfileId);
      });
  });

  it('is refused a compliance amendment that changes nothing', async () => {
    await pact
      .addInteraction()
      .given(STATE.senderProfileWithMarket, senderProfile)
      .uponReceiving('a request to amend a market’s compliance with nothing to change')
      .withRequest('PATCH', '/v3/channels/sms/DE/ALPHANUMERIC', (b) => b.headers(sends(asSenderProfile())).jsonBody({ compliance: {} }))
      .willRespondWith(400, (b) => b.headers(answers()).jsonBody(failure('VALIDATION_001', fieldErrors('body'))))
      .executeTest(async (server) => {
        expect((await partner(server.url).call('PATCH', '/v3/channels/sms/DE/ALPHANUMERIC', { compliance: {} }, { 'x-profile-id': EXAMPLE.senderProfileId })).status).toBe(400);
      });
  });

  it('is refused a US 10DLC market without an identity, at compliance.brand', async () => {
    const body = { country: 'US', number_type: 'TEN_DLC' };
    await pact
      .addInteraction()
      .given(STATE.senderProfile, senderProfile)
      .uponReceiving('a request to add a US 10DLC market for a sender profile with no identity')
      .withRequest('POST', '/v3/channels/sms', (b) => b.headers(sends(asSenderProfile())).jsonBody(body))
      .willRespondWith(400, (b) => b.headers(answers()).jsonBody(failure('VALIDATION_001', fieldErrors('compliance.brand'))))
      .executeTest(async (server) => {
        const res = await partner(server.url).call('POST', '/v3/channels/sms', body, { 'x-profile-id': EXAMPLE.senderProfileId });
        expect(Object.keys(res.body.error.details)).toEqual(['compliance.brand']);
      });
  });

  it('is refused a message to a country the account holds no sender for: VALIDATION_002 at to[i]', async () => {
    const body = { to: [GB_RECIPIENT], channel: ['sms'], text: 'Your order has shipped.' };
    await pact
      .addInteraction()
      .given(STATE.noSenderInGb)
      .uponReceiving('a request to send an SMS to a country the account holds no sender for')
      .withRequest('POST', '/v3/messages', (b) => b.headers(sends()).jsonBody(body))
      .willRespondWith(400, (b) =>
        b.headers(answers()).jsonBody(failure('VALIDATION_002', { 'to[0]': eachLike(regex(/^.*\bGB\b.*$/, MESSAGES.noSmsSender('GB'))) }, MESSAGES.noSmsSenderSummary)),
      )
      .executeTest(async (server) => {
        const res = await partner(server.url).post('/v3/messages', body);
        expect(res.body.error.code).toBe('VALIDATION_002');
      });
  });

  it('deletes a sender profile: 204, no body', async () => {
    await pact
      .addInteraction()
      .given(STATE.senderProfile, senderProfile)
      .uponReceiving('a request to delete a sender profile')
      .withRequest('DELETE', fromProviderState('/v3/sender-profiles/${senderProfileId}', `/v3/sender-profiles/${EXAMPLE.senderProfileId}`), (b) => b.headers(sends({}, false)))
      .willRespondWith(204, (b) => b.headers(answers()))
      .executeTest(async (server) => {
        expect((await partner(server.url).call('DELETE', `/v3/sender-profiles/${EXAMPLE.senderProfileId}`)).status).toBe(204);
      });
  });
});
