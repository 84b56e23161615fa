import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { BRAND, EXAMPLE, PROFILE, PROFILE_NAME } from '../../../src/verify/fixtures.js';
import { STATE } from '../../../src/verify/states/index.js';
import { contractPact, partner, sends } from './support/pact.js';
import { answers, failure, fieldErrors, profileCore, success, timestamp } from './support/shapes.js';

const { fromProviderState } = MatchersV3;
const pact = contractPact();
const profilePath = fromProviderState('/v3/profiles/${profileId}', `/v3/profiles/${EXAMPLE.profileId}`);

describe('PATCH /v3/profiles/{profileId}', () => {
  it('applies a partial update: the fields sent change, the others stay', async () => {
    const body = { description: 'Sales and renewals' };
    await pact
      .addInteraction()
      .given(STATE.profile, { profileId: EXAMPLE.profileId, name: PROFILE_NAME })
      .uponReceiving('a request to update only the description of a profile')
      .withRequest('PATCH', profilePath, (b) => b.headers(sends()).jsonBody(body))
      .willRespondWith(200, (b) =>
        b.headers(answers()).jsonBody(
          success({
            ...profileCore(PROFILE_NAME),
            short_name: PROFILE.short_name,
            description: body.description,
            updated_at: timestamp(),
          }),
        ),
      )
      .executeTest(async (server) => {
        const res = await partner(server.url).patch(`/v3/profiles/${EXAMPLE.profileId}`, body);
        expect(res.status).toBe(200);
        expect(res.body.data).toMatchObject({ name: PROFILE_NAME, short_name: PROFILE.short_name, description: body.description });
      });
  });

  it('refuses a brand change once the brand was submitted to TCR (the brand lock)', async () => {
    const body = { name: 'Sales Team EMEA', brand: BRAND };
    await pact
      .addInteraction()
      .given(STATE.brandSubmitted, { profileId: EXAMPLE.profileId })
      .uponReceiving('a request to change the brand of a profile whose brand was submitted to TCR')
      .withRequest('PATCH', profilePath, (b) => b.headers(sends()).jsonBody(body))
      .willRespondWith(400, (b) => b.headers(answers()).jsonBody(failure('VALIDATION_001', fieldErrors('brand'))))
      .executeTest(async (server) => {
        const res = await partner(server.url).patch(`/v3/profiles/${EXAMPLE.profileId}`, body);
        expect(res.status).toBe(400);
        expect(res.body.error.details.brand.length).toBeGreaterThan(0);
      });
  });

  it('answers 404 RESOURCE_014 for a profile it does not know', async () => {
    await pact
      .addInteraction()
      .given(STATE.noProfile, { profileId: EXAMPLE.unknownProfileId })
      .uponReceiving('a request to update an unknown profile')
      .withRequest('PATCH', `/v3/profiles/${EXAMPLE.unknownProfileId}`, (b) => b.headers(sends()).jsonBody({ name: 'Renamed' }))
      .willRespondWith(404, (b) => b.headers(answers()).jsonBody(failure('RESOURCE_014')))
      .executeTest(async (server) => {
        const res = await partner(server.url).patch(`/v3/profiles/${EXAMPLE.unknownProfileId}`, { name: 'Renamed' });
        expect(res.status).toBe(404);
      });
  });

  it('answers 403 AUTH_004 to a key whose role may only read', async () => {
    await pact
      .addInteraction()
      .given(STATE.profile, { profileId: EXAMPLE.profileId, name: PROFILE_NAME })
      .given(STATE.developerKey, { apiKey: EXAMPLE.developerApiKey })
      .uponReceiving('a request to update a profile with a developer key')
      .withRequest('PATCH', profilePath, (b) =>
        b.headers({ ...sends(), 'x-api-key': fromProviderState('${apiKey}', EXAMPLE.developerApiKey) }).jsonBody({ name: 'Renamed' }),
      )
      .willRespondWith(403, (b) => b.headers(answers()).jsonBody(failure('AUTH_004')))
      .executeTest(async (server) => {
        const res = await partner(server.url, EXAMPLE.developerApiKey).patch(`/v3/profiles/${EXAMPLE.profileId}`, { name: 'Renamed' });
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('AUTH_004');
      });
  });
});
