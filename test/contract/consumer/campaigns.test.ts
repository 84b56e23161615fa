import { MatchersV3, type Path } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { CAMPAIGN, EXAMPLE } from '../../../src/verify/fixtures.js';
import { STATE } from '../../../src/verify/states/index.js';
import { contractPact, partner, sends } from './support/pact.js';
import { answers, anyCampaign, campaignShape, failure, success, timestamp } from './support/shapes.js';

const { eachLike, fromProviderState } = MatchersV3;
const pact = contractPact();
const campaignsPath = fromProviderState('/v3/profiles/${profileId}/campaigns', `/v3/profiles/${EXAMPLE.profileId}/campaigns`);
const campaignPath = fromProviderState(
  '/v3/profiles/${profileId}/campaigns/${campaignId}',
  `/v3/profiles/${EXAMPLE.profileId}/campaigns/${EXAMPLE.campaignId}`,
);
const exampleCampaigns = `/v3/profiles/${EXAMPLE.profileId}/campaigns`;
const exampleCampaign = `${exampleCampaigns}/${EXAMPLE.campaignId}`;
const ownCampaign = { profileId: EXAMPLE.profileId, campaignId: EXAMPLE.campaignId };
const renamed = { campaign: { ...CAMPAIGN, name: 'Customer Notifications v2' } };

describe('campaigns of a profile', () => {
  it('creates a campaign under the profile’s brand: 201 with the campaign', async () => {
    await pact
      .addInteraction()
      .given(STATE.ownBrand, { profileId: EXAMPLE.profileId })
      .uponReceiving('a request to create a campaign')
      .withRequest('POST', campaignsPath, (b) => b.headers(sends()).jsonBody({ campaign: CAMPAIGN }))
      .willRespondWith(201, (b) => b.headers(answers()).jsonBody(success({ ...campaignShape(), status: null, submittedToTCR: false })))
      .executeTest(async (server) => {
        const res = await partner(server.url).post(exampleCampaigns, { campaign: CAMPAIGN });
        expect(res.status).toBe(201);
        expect(res.body.data.useCases[0].sampleMessages).toEqual(CAMPAIGN.useCases[0]!.sampleMessages);
      });
  });

  it('lists the profile’s campaigns as a bare array', async () => {
    await pact
      .addInteraction()
      .given(STATE.ownCampaign, ownCampaign)
      .uponReceiving('a request to list the campaigns of a profile')
      .withRequest('GET', campaignsPath, (b) => b.headers(sends({}, false)))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success(eachLike(campaignShape()))))
      .executeTest(async (server) => {
        const res = await partner(server.url).get(exampleCampaigns);
        expect(Array.isArray(res.body.data)).toBe(true);
      });
  });

  it('lists the organization’s campaigns for a profile that inherits them', async () => {
    await pact
      .addInteraction()
      .given(STATE.orgBrandAndCampaigns, { count: 2 })
      .given(STATE.inheriting, { profileId: EXAMPLE.profileId })
      .uponReceiving('a request to list the campaigns a profile inherits from its organization')
      .withRequest('GET', campaignsPath, (b) => b.headers(sends({}, false)))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success(eachLike(anyCampaign(), 2))))
      .executeTest(async (server) => {
        const res = await partner(server.url).get(exampleCampaigns);
        expect(res.body.data).toHaveLength(2);
      });
  });

  it('replaces a campaign with PUT: 200 with the new data', async () => {
    await pact
      .addInteraction()
      .given(STATE.ownCampaign, ownCampaign)
      .uponReceiving('a request to replace a campaign')
      .withRequest('PUT', campaignPath, (b) => b.headers(sends()).jsonBody(renamed))
      .willRespondWith(200, (b) =>
        b.headers(answers()).jsonBody(success({ ...campaignShape(renamed.campaign.name), updatedAt: timestamp() })),
      )
      .executeTest(async (server) => {
        const res = await partner(server.url).put(exampleCampaign, renamed);
        expect(res.body.data.name).toBe(renamed.campaign.name);
      });
  });

  it('deletes a campaign: 204 with no body', async () => {
    await pact
      .addInteraction()
      .given(STATE.ownCampaign, ownCampaign)
      .uponReceiving('a request to delete a campaign')
      .withRequest('DELETE', campaignPath, (b) => b.headers(sends({}, false)))
      .willRespondWith(204, (b) => b.headers(answers()))
      .executeTest(async (server) => {
        expect((await partner(server.url).delete(exampleCampaign)).status).toBe(204);
      });
  });
});

describe('campaign refusals', () => {
  const refusal = async (
    description: string,
    state: string,
    params: Record<string, string>,
    method: string,
    path: Path,
    example: string,
    code: 'RESOURCE_009' | 'RESOURCE_010' | 'RESOURCE_014',
    body?: object,
  ) => {
    await pact
      .addInteraction()
      .given(state, params)
      .uponReceiving(description)
      .withRequest(method, path, (b) => {
        b.headers(sends({}, body !== undefined));
        if (body !== undefined) b.jsonBody(body);
      })
      .willRespondWith(404, (b) => b.headers(answers()).jsonBody(failure(code)))
      .executeTest(async (server) => {
        const res = await partner(server.url).call(method, example, body);
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe(code);
      });
  };

  it('answers 404 RESOURCE_009 to listing the campaigns of a profile without a brand', () =>
    refusal('a request to list the campaigns of a profile without a brand', STATE.noBrand, { profileId: EXAMPLE.profileId }, 'GET', campaignsPath, exampleCampaigns, 'RESOURCE_009'));

  const unknownCampaign = fromProviderState(
    `/v3/profiles/\${profileId}/campaigns/${EXAMPLE.unknownCampaignId}`,
    `/v3/profiles/${EXAMPLE.profileId}/campaigns/${EXAMPLE.unknownCampaignId}`,
  );
  const exampleUnknown = `${exampleCampaigns}/${EXAMPLE.unknownCampaignId}`;

  it('answers 404 RESOURCE_010 to replacing a campaign the profile does not have', () =>
    refusal('a request to replace an unknown campaign', STATE.ownCampaign, ownCampaign, 'PUT', unknownCampaign, exampleUnknown, 'RESOURCE_010', renamed));

  it('answers 404 RESOURCE_010 to deleting a campaign the profile does not have', () =>
    refusal('a request to delete an unknown campaign', STATE.ownCampaign, ownCampaign, 'DELETE', unknownCampaign, exampleUnknown, 'RESOURCE_010'));

  it('answers 404 RESOURCE_014 to creating a campaign for an unknown profile', () =>
    refusal(
      'a request to create a campaign for an unknown profile',
      STATE.noProfile,
      { profileId: EXAMPLE.unknownProfileId },
      'POST',
      `/v3/profiles/${EXAMPLE.unknownProfileId}/campaigns`,
      `/v3/profiles/${EXAMPLE.unknownProfileId}/campaigns`,
      'RESOURCE_014',
      { campaign: CAMPAIGN },
    ));
});
