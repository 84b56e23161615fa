import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, PROFILE, PROFILE_NAME } from '../../../src/verify/fixtures.js';
import { STATE } from '../../../src/verify/states/index.js';
import { contractPact, partner, sends } from './support/pact.js';
import { answers, failure, profileCore, success, wholeList } from './support/shapes.js';

const { eachLike, fromProviderState } = MatchersV3;
const pact = contractPact();
const profilePath = fromProviderState('/v3/profiles/${profileId}', `/v3/profiles/${EXAMPLE.profileId}`);

describe('GET /v3/profiles/{profileId}', () => {
  it('retrieves a profile: 200 with its ProfileDetail', async () => {
    await pact
      .addInteraction()
      .given(STATE.profile, { profileId: EXAMPLE.profileId, name: PROFILE_NAME })
      .uponReceiving('a request to retrieve a profile')
      .withRequest('GET', profilePath, (b) => b.headers(sends({}, false)))
      .willRespondWith(200, (b) =>
        b.headers(answers()).jsonBody(
          success({ ...profileCore(PROFILE_NAME), short_name: PROFILE.short_name, description: PROFILE.description, status: 'incomplete' }),
        ),
      )
      .executeTest(async (server) => {
        const res = await partner(server.url).get(`/v3/profiles/${EXAMPLE.profileId}`);
        expect(res.status).toBe(200);
        expect(res.body.data).toMatchObject({ name: PROFILE_NAME, status: 'incomplete' });
      });
  });

  it('answers 404 RESOURCE_014 for a profile it does not know', async () => {
    await pact
      .addInteraction()
      .given(STATE.noProfile, { profileId: EXAMPLE.unknownProfileId })
      .uponReceiving('a request to retrieve an unknown profile')
      .withRequest('GET', `/v3/profiles/${EXAMPLE.unknownProfileId}`, (b) => b.headers(sends({}, false)))
      .willRespondWith(404, (b) => b.headers(answers()).jsonBody(failure('RESOURCE_014')))
      .executeTest(async (server) => {
        const res = await partner(server.url).get(`/v3/profiles/${EXAMPLE.unknownProfileId}`);
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('RESOURCE_014');
      });
  });
});

describe('GET /v3/profiles', () => {
  it('lists the organization’s profiles under data.profiles', async () => {
    await pact
      .addInteraction()
      .given(STATE.profile, { profileId: EXAMPLE.profileId, name: PROFILE_NAME })
      .uponReceiving('a request to list the profiles')
      .withRequest('GET', '/v3/profiles', (b) => b.headers(sends({}, false)))
      // Only the fields every profile has: others in the organization may lack a short name or a brand.
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success({ profiles: eachLike(profileCore()), pagination: wholeList() })))
      .executeTest(async (server) => {
        const res = await partner(server.url).get('/v3/profiles');
        expect(res.status).toBe(200);
        expect(res.body.data.profiles.length).toBeGreaterThan(0);
      });
  });
});
