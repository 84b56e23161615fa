import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { BRAND, CARD, EXAMPLE, PROFILE, PROFILE_NAME, PROFILE_WITH_BRAND } from '../../../src/verify/fixtures.js';
import { STATE } from '../../../src/verify/states/index.js';
import { contractPact, partner, sends } from './support/pact.js';
import { answers, brandFromFixture, failure, fieldErrors, profileCore, requestId, success } from './support/shapes.js';

const { fromProviderState } = MatchersV3;
const pact = contractPact();

/** A create that Sent refuses with `400 VALIDATION_001`, naming the fields at fault. */
async function refusedCreate(description: string, body: object, fields: string[]) {
  await pact
    .addInteraction()
    .given(STATE.waba)
    .uponReceiving(description)
    .withRequest('POST', '/v3/profiles', (b) => b.headers(sends()).jsonBody(body))
    .willRespondWith(400, (b) => b.headers(answers()).jsonBody(failure('VALIDATION_001', fieldErrors(...fields))))
    .executeTest(async (server) => {
      const res = await partner(server.url).post('/v3/profiles', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_001');
      expect(Object.keys(res.body.error.details)).toEqual(fields);
    });
}

describe('POST /v3/profiles', () => {
  it('creates a profile with its own brand: 201, the brand answered in snake_case', async () => {
    await pact
      .addInteraction()
      .given(STATE.waba)
      .uponReceiving('a request to create a profile with its own brand')
      .withRequest('POST', '/v3/profiles', (b) => b.headers(sends()).jsonBody(PROFILE_WITH_BRAND))
      .willRespondWith(201, (b) =>
        b.headers(answers()).jsonBody(
          success({
            ...profileCore(PROFILE_NAME),
            short_name: PROFILE.short_name,
            description: PROFILE.description,
            status: 'incomplete',
            inherit_tcr_brand: false,
            inherit_tcr_campaign: false,
            // A WABA is never inherited (Sent, 2026-11): without its own, the profile has none.
            waba_id: null,
            brand: brandFromFixture(),
          }),
        ),
      )
      .executeTest(async (server) => {
        const res = await partner(server.url).post('/v3/profiles', PROFILE_WITH_BRAND);
        expect(res.status).toBe(201);
        expect(res.body.data).toMatchObject({ name: PROFILE_NAME, status: 'incomplete', brand: { submitted_to_tcr: false } });
      });
  });

  it('creates a profile with nothing but its general data: inheritance off, deprecated flags false, no WhatsApp (Sent, 2026-11)', async () => {
    const body = { ...PROFILE, inherit_contacts: true, allow_template_sharing: true };
    await pact
      .addInteraction()
      .given(STATE.waba)
      .uponReceiving('a request to create a profile that asks to inherit contacts and share templates')
      .withRequest('POST', '/v3/profiles', (b) => b.headers(sends()).jsonBody(body))
      .willRespondWith(201, (b) =>
        b.headers(answers()).jsonBody(
          success({
            ...profileCore(PROFILE_NAME),
            status: 'incomplete',
            inherit_tcr_brand: false,
            inherit_tcr_campaign: false,
            waba_id: null,
            brand: null,
          }),
        ),
      )
      .executeTest(async (server) => {
        const res = await partner(server.url).post('/v3/profiles', body);
        expect(res.status).toBe(201);
        expect(res.body.data).toMatchObject({ inherit_contacts: false, allow_template_sharing: false, waba_id: null });
      });
  });

  it('refuses a short name outside the 3–11 letters/digits/spaces rule', () =>
    refusedCreate('a request to create a profile with an invalid short name', { ...PROFILE, short_name: 'S!' }, ['short_name']));

  it('refuses a profile billing model without a billing contact', () =>
    refusedCreate('a request to create a profile billed to itself without a billing contact', { ...PROFILE, billing_model: 'profile' }, ['billing_contact']));

  it('refuses payment details when the organization pays', () =>
    refusedCreate(
      'a request to create a profile with payment details and organization billing',
      { ...PROFILE, billing_model: 'organization', payment_details: CARD },
      ['payment_details'],
    ));

  it('refuses a card number that fails the Luhn check', () =>
    refusedCreate(
      'a request to create a profile with a card number failing the Luhn check',
      { ...PROFILE, payment_details: { ...CARD, card_number: '4242424242424241' } },
      ['payment_details.card_number'],
    ));

  it('refuses a brand together with inherit_tcr_brand: true', () =>
    refusedCreate('a request to create a profile with a brand while inheriting the brand', { ...PROFILE, brand: BRAND, inherit_tcr_brand: true }, ['brand']));

  it('refuses a brand vertical outside the TCR enum', () =>
    refusedCreate(
      'a request to create a profile whose brand has an unknown vertical',
      { ...PROFILE, inherit_tcr_brand: false, brand: { ...BRAND, compliance: { ...BRAND.compliance, vertical: 'SPACE_TRAVEL' } } },
      ['brand.compliance.vertical'],
    ));

  it('replays the first response to a repeated Idempotency-Key, and says so', async () => {
    await pact
      .addInteraction()
      .given(STATE.idempotencyKeyUsed, { idempotencyKey: EXAMPLE.idempotencyKey })
      .uponReceiving('a repeated request to create a profile with the same Idempotency-Key')
      .withRequest('POST', '/v3/profiles', (b) =>
        b.headers(sends({ 'Idempotency-Key': fromProviderState('${idempotencyKey}', EXAMPLE.idempotencyKey) })).jsonBody(PROFILE),
      )
      .willRespondWith(201, (b) =>
        b
          .headers(answers({ 'Idempotent-Replayed': 'true', 'X-Original-Request-Id': requestId() }))
          .jsonBody(success({ ...profileCore(PROFILE_NAME), short_name: PROFILE.short_name, description: PROFILE.description })),
      )
      .executeTest(async (server) => {
        const res = await partner(server.url).post('/v3/profiles', PROFILE, { 'Idempotency-Key': EXAMPLE.idempotencyKey });
        expect(res.status).toBe(201);
        expect(res.headers.get('idempotent-replayed')).toBe('true');
        expect(res.headers.get('x-original-request-id')).toMatch(/^req_/);
      });
  });

  it('answers a sandbox create like a real one, marked X-Sandbox: true', async () => {
    const body = { ...PROFILE, sandbox: true };
    await pact
      .addInteraction()
      .given(STATE.waba)
      .uponReceiving('a sandbox request to create a profile')
      .withRequest('POST', '/v3/profiles', (b) => b.headers(sends()).jsonBody(body))
      .willRespondWith(201, (b) =>
        b.headers(answers({ 'X-Sandbox': 'true' })).jsonBody(success({ ...profileCore(PROFILE_NAME), status: 'incomplete' })),
      )
      .executeTest(async (server) => {
        const res = await partner(server.url).post('/v3/profiles', body);
        expect(res.status).toBe(201);
        expect(res.headers.get('x-sandbox')).toBe('true');
      });
  });
});
