import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { EXAMPLE, PROFILE_NAME } from '../../../src/verify/fixtures.js';
import { STATE } from '../../../src/verify/states/index.js';
import { contractPact, partner, sends } from './support/pact.js';
import { answers, failure, fieldErrors, profileCore, success } from './support/shapes.js';

const { fromProviderState, like } = MatchersV3;
const pact = contractPact();
const completePath = fromProviderState('/v3/profiles/${profileId}/complete', `/v3/profiles/${EXAMPLE.profileId}/complete`);
const examplePath = `/v3/profiles/${EXAMPLE.profileId}/complete`;
const body = { webHookUrl: EXAMPLE.webHookUrl };

describe('POST /v3/profiles/{profileId}/complete', () => {
  it('refuses with 400 VALIDATION_001 listing the unmet prerequisites, and starts nothing', async () => {
    await pact
      .addInteraction()
      .given(STATE.missingPrerequisites, { profileId: EXAMPLE.profileId })
      .uponReceiving('a request to complete a profile that misses prerequisites')
      .withRequest('POST', completePath, (b) => b.headers(sends()).jsonBody(body))
      .willRespondWith(400, (b) => b.headers(answers()).jsonBody(failure('VALIDATION_001', fieldErrors('prerequisites'))))
      .executeTest(async (server) => {
        const res = await partner(server.url).post(examplePath, body);
        expect(res.status).toBe(400);
        expect(res.body.error.details.prerequisites.length).toBeGreaterThan(0);
      });
  });

  it('names a bad webHookUrl and the unmet prerequisites in the same 400 (Sent, 2026-11: every unmet one at once)', async () => {
    const bad = { webHookUrl: 'not a url' };
    await pact
      .addInteraction()
      .given(STATE.missingPrerequisites, { profileId: EXAMPLE.profileId })
      .uponReceiving('a request to complete a profile that misses prerequisites, with a malformed webHookUrl')
      .withRequest('POST', completePath, (b) => b.headers(sends()).jsonBody(bad))
      .willRespondWith(400, (b) => b.headers(answers()).jsonBody(failure('VALIDATION_001', fieldErrors('webHookUrl', 'prerequisites'))))
      .executeTest(async (server) => {
        const res = await partner(server.url).post(examplePath, bad);
        expect(Object.keys(res.body.error.details).sort()).toEqual(['prerequisites', 'webHookUrl']);
      });
  });

  it('approves a profile whose completion submitted its brand to TCR, while TCR reviews it (Sent, 2026-11)', async () => {
    await pact
      .addInteraction()
      .given(STATE.brandSubmitted, { profileId: EXAMPLE.profileId })
      .uponReceiving('a request to retrieve a profile whose completion submitted its brand to TCR')
      .withRequest('GET', fromProviderState('/v3/profiles/${profileId}', `/v3/profiles/${EXAMPLE.profileId}`), (b) => b.headers(sends({}, false)))
      .willRespondWith(200, (b) =>
        b.headers(answers()).jsonBody(success({ ...profileCore(PROFILE_NAME), status: 'approved', brand: { submitted_to_tcr: true, tcr_brand_id: like('BX7K2Q9'), identity_status: like('UNVERIFIED') } })),
      )
      .executeTest(async (server) => {
        const res = await partner(server.url).get(`/v3/profiles/${EXAMPLE.profileId}`);
        expect(res.body.data).toMatchObject({ status: 'approved', brand: { submitted_to_tcr: true } });
      });
  });

  it('accepts a ready profile with 202: completion runs in the background and calls back', async () => {
    await pact
      .addInteraction()
      .given(STATE.readyToComplete, { profileId: EXAMPLE.profileId, webHookUrl: EXAMPLE.webHookUrl })
      .uponReceiving('a request to complete a profile that meets every prerequisite')
      .withRequest('POST', completePath, (b) =>
        b.headers(sends()).jsonBody({ webHookUrl: fromProviderState('${webHookUrl}', EXAMPLE.webHookUrl) }),
      )
      .willRespondWith(202, (b) => b.headers(answers()).jsonBody(success({ message: MESSAGES.completionInProgress })))
      .executeTest(async (server) => {
        const res = await partner(server.url).post(examplePath, body);
        expect(res.status).toBe(202);
        expect(res.body.data.message).toBe(MESSAGES.completionInProgress);
      });
  });

  it('answers 200 "completed" for a profile already completed, and does nothing', async () => {
    await pact
      .addInteraction()
      .given(STATE.completed, { profileId: EXAMPLE.profileId })
      .uponReceiving('a request to complete a profile that is already completed')
      .withRequest('POST', completePath, (b) => b.headers(sends()).jsonBody(body))
      .willRespondWith(200, (b) =>
        b.headers(answers()).jsonBody(success({ status: 'completed', message: MESSAGES.completionAlreadyDone })),
      )
      .executeTest(async (server) => {
        const res = await partner(server.url).post(examplePath, body);
        expect(res.status).toBe(200);
        expect(res.body.data.status).toBe('completed');
      });
  });

  it('answers 404 RESOURCE_014 for a profile it does not know', async () => {
    await pact
      .addInteraction()
      .given(STATE.noProfile, { profileId: EXAMPLE.unknownProfileId })
      .uponReceiving('a request to complete an unknown profile')
      .withRequest('POST', `/v3/profiles/${EXAMPLE.unknownProfileId}/complete`, (b) => b.headers(sends()).jsonBody(body))
      .willRespondWith(404, (b) => b.headers(answers()).jsonBody(failure('RESOURCE_014')))
      .executeTest(async (server) => {
        const res = await partner(server.url).post(`/v3/profiles/${EXAMPLE.unknownProfileId}/complete`, body);
        expect(res.status).toBe(404);
      });
  });
});
