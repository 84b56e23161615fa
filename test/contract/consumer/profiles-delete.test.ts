import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, PROFILE_NAME } from '../../../src/verify/fixtures.js';
import { STATE } from '../../../src/verify/states/index.js';
import { contractPact, partner, sends } from './support/pact.js';
import { answers, failure, success } from './support/shapes.js';

const { fromProviderState } = MatchersV3;
const pact = contractPact();
const profilePath = (suffix = '') =>
  fromProviderState(`/v3/profiles/\${profileId}${suffix}`, `/v3/profiles/${EXAMPLE.profileId}${suffix}`);
const examplePath = `/v3/profiles/${EXAMPLE.profileId}`;

/** Sent soft-deletes: afterwards every route answers as if the profile never existed. */
async function goneAfterDelete(description: string, method: string, suffix: string, body?: object) {
  await pact
    .addInteraction()
    .given(STATE.deleted, { profileId: EXAMPLE.profileId })
    .uponReceiving(description)
    .withRequest(method, profilePath(suffix), (b) => {
      b.headers(sends({}, body !== undefined));
      if (body !== undefined) b.jsonBody(body);
    })
    .willRespondWith(404, (b) => b.headers(answers()).jsonBody(failure('RESOURCE_014')))
    .executeTest(async (server) => {
      const res = await partner(server.url).call(method, `${examplePath}${suffix}`, body);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('RESOURCE_014');
    });
}

describe('DELETE /v3/profiles/{profileId}', () => {
  it('deletes a profile: 204 with no body', async () => {
    await pact
      .addInteraction()
      .given(STATE.profile, { profileId: EXAMPLE.profileId, name: PROFILE_NAME })
      .uponReceiving('a request to delete a profile')
      .withRequest('DELETE', profilePath(), (b) => b.headers(sends({}, false)))
      .willRespondWith(204, (b) => b.headers(answers()))
      .executeTest(async (server) => {
        const res = await partner(server.url).delete(examplePath);
        expect(res.status).toBe(204);
        expect(res.body).toBeNull();
      });
  });

  it('answers 404 RESOURCE_014 to a GET of a deleted profile', () => goneAfterDelete('a request to retrieve a deleted profile', 'GET', ''));

  it('answers 404 RESOURCE_014 to a PATCH of a deleted profile', () =>
    goneAfterDelete('a request to update a deleted profile', 'PATCH', '', { name: 'Back again' }));

  it('answers 404 RESOURCE_014 to a second DELETE', () => goneAfterDelete('a request to delete a profile that was already deleted', 'DELETE', ''));

  it('answers 404 RESOURCE_014 to completing a deleted profile', () =>
    goneAfterDelete('a request to complete a deleted profile', 'POST', '/complete', { webHookUrl: EXAMPLE.webHookUrl }));

  it('leaves a deleted profile out of the list', async () => {
    await pact
      .addInteraction()
      .given(STATE.onlyProfileDeleted, { profileId: EXAMPLE.profileId })
      .uponReceiving('a request to list the profiles when the only profile was deleted')
      .withRequest('GET', '/v3/profiles', (b) => b.headers(sends({}, false)))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success({ profiles: [] })))
      .executeTest(async (server) => {
        const res = await partner(server.url).get('/v3/profiles');
        expect(res.body.data.profiles).toEqual([]);
      });
  });
});
