import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { aBrand, aProfile, INHERITS_TCR } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { aCampaign, aCampaignRequest, SAMPLE_MESSAGES } from '../../support/campaign-builders.js';
import { sim } from '../../support/sim.js';

/**
 * Every key of `Campaign`, in the spec's order: Sent's 2026-11 shape (issue 22), without
 * `telnyxCampaignId`, `cspId`, `resellerId`, `upstreamCnpId`, `kycSubmissionFormId` and
 * `sharingStatus`, with `volume`.
 */
const CAMPAIGN_KEYS = [
  'id', 'createdAt', 'updatedAt', 'name', 'description', 'type', 'brandId', 'customerId', 'status',
  'submittedToTCR', 'submittedAt', 'tcrCampaignId', 'tcrSyncError', 'billedDate', 'cost', 'dcaElectionsComplete',
  'dcaElectionsCompletedAt', 'hasSubmissionTransaction', 'messageFlow', 'privacyPolicyLink',
  'termsAndConditionsLink', 'optinKeywords', 'optoutKeywords', 'helpKeywords', 'optinMessage', 'optoutMessage',
  'helpMessage', 'volume', 'useCases',
];
/** Everything TCR fills in later, and the optional request fields the builder leaves out. */
const NULL_ON_CREATE = [
  'submittedAt', 'tcrCampaignId', 'tcrSyncError', 'billedDate', 'dcaElectionsComplete', 'dcaElectionsCompletedAt',
  'messageFlow', 'privacyPolicyLink', 'termsAndConditionsLink', 'optinKeywords', 'optoutKeywords', 'helpKeywords',
  'optinMessage', 'optoutMessage', 'helpMessage', 'volume',
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SENT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}\+00:00$/;

/** A tenant with one profile that owns its brand and its campaigns. */
async function setup(profile = aProfile({ brand: aBrand(), inherit_tcr_campaign: false })) {
  const t = testApp();
  const c = client(t.app);
  const created = await c.post('/v3/profiles', profile);
  expect(created.status).toBe(201);
  const path = `/v3/profiles/${created.body.data.id}/campaigns`;
  const list = async () => {
    const res = await c.get(path);
    expect(res.status).toBe(200);
    return res.body.data;
  };
  return { ...t, c, control: sim(t.app, c.key), profile: created.body.data, path, list };
}

describe('POST /v3/profiles/{id}/campaigns', () => {
  it('answers 201 with every Campaign key, camelCase, not submitted, and the list shows it', async () => {
    const { c, path, profile, list } = await setup();
    const res = await c.post(path, aCampaignRequest());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ success: true, error: null, meta: { version: 'v3' } });
    const data = res.body.data;
    expect(Object.keys(data)).toEqual(CAMPAIGN_KEYS);
    expect(data).toMatchObject({
      updatedAt: null,
      name: 'Customer Notifications',
      description: 'Appointment reminders and account notifications',
      type: 'App',
      brandId: profile.brand.id,
      customerId: profile.organization_id,
      status: null,
      submittedToTCR: false,
      cost: null,
      hasSubmissionTransaction: false,
    });
    expect(data.id).toMatch(UUID);
    expect(data.createdAt).toMatch(SENT_TIME);
    for (const key of NULL_ON_CREATE) expect(data[key], key).toBeNull();
    expect(data.useCases).toEqual([
      {
        id: expect.stringMatching(UUID),
        campaignId: data.id,
        customerId: profile.organization_id,
        messagingUseCaseUs: 'ACCOUNT_NOTIFICATION',
        sampleMessages: [...SAMPLE_MESSAGES],
        createdAt: data.createdAt,
        updatedAt: null,
      },
    ]);
    expect(await list()).toEqual([data]);
  });

  it('stores the optional fields it is sent', async () => {
    const { c, path, list } = await setup();
    const optional = { messageFlow: 'Web form opt-in', optinKeywords: 'YES, START', helpMessage: 'Reply STOP to end' };
    const res = await c.post(path, aCampaignRequest(optional));
    expect(res.body.data).toMatchObject({ ...optional, optoutKeywords: null });
    expect(await list()).toEqual([res.body.data]);
  });

  it('takes volume as a numeric string and returns it; a PUT without it clears it (issue 22)', async () => {
    const { c, path, list } = await setup();
    const low = await c.post(path, aCampaignRequest({ volume: '1500' }));
    expect(low.status).toBe(201);
    expect(low.body.data.volume).toBe('1500');
    expect((await list())[0].volume).toBe('1500');
    const replaced = await c.put(`${path}/${low.body.data.id}`, aCampaignRequest());
    expect(replaced.body.data.volume).toBeNull();
    const bad = await c.post(path, aCampaignRequest({ volume: 'lots' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_001', details: { 'campaign.volume': [expect.any(String)] } });
    expect(await list()).toHaveLength(1);
  });

  it('files the campaign under the organization brand when the profile inherits its brand', async () => {
    const { c, path, control } = await setup(aProfile({ inherit_tcr_brand: true, inherit_tcr_campaign: false }));
    const orgBrand = (await control.organization()).brand!;
    const res = await c.post(path, aCampaignRequest());
    expect(res.status).toBe(201);
    expect(res.body.data.brandId).toBe(orgBrand.id);
  });
});

describe('GET /v3/profiles/{id}/campaigns', () => {
  it('answers a bare array of the profile’s own campaigns in creation order, and no other profile’s', async () => {
    const { c, path, list } = await setup();
    const other = (await c.post('/v3/profiles', aProfile({ brand: aBrand(), inherit_tcr_campaign: false }))).body.data;
    const first = (await c.post(path, aCampaignRequest({ name: 'First' }))).body.data;
    await c.post(`/v3/profiles/${other.id}/campaigns`, aCampaignRequest({ name: 'Elsewhere' }));
    const second = (await c.post(path, aCampaignRequest({ name: 'Second' }))).body.data;
    expect(await list()).toEqual([first, second]);
  });

  it('adds the organization’s campaigns, after its own, when the profile inherits campaigns', async () => {
    const { c, path, control, profile, list } = await setup();
    const own = (await c.post(path, aCampaignRequest({ name: 'Own' }))).body.data;
    const { brand: orgBrand, campaigns } = await control.organization({ campaigns: 2 });
    const [org1, org2] = campaigns as unknown as [{ id: string; name: string }, { id: string; name: string }];
    expect((await list()).map((x: { id: string }) => x.id)).toEqual([own.id]);

    await c.patch(`/v3/profiles/${profile.id}`, { inherit_tcr_campaign: true });
    const listed = await list();
    expect(listed.map((x: { id: string }) => x.id)).toEqual([own.id, org1.id, org2.id]);
    expect(listed[1]).toMatchObject({ name: org1.name, brandId: orgBrand!.id, customerId: profile.organization_id });
    expect(listed[1]).not.toHaveProperty('profileId');
  });

  it('shows an inheriting profile without a brand of its own the organization’s campaigns', async () => {
    const { control, list } = await setup(aProfile(INHERITS_TCR));
    const [org] = (await control.organization({ campaigns: 1 })).campaigns as unknown as [{ id: string }];
    expect((await list()).map((x: { id: string }) => x.id)).toEqual([org.id]);
  });
});

describe('PUT /v3/profiles/{id}/campaigns/{campaignId}', () => {
  it('replaces the campaign whole: omitted optional fields become null, identity and TCR fields stay', async () => {
    const { c, path, control, list } = await setup();
    const before = (await c.post(path, aCampaignRequest({ messageFlow: 'Web form', optinKeywords: 'YES' }))).body.data;
    // Fields only TCR sets (given through a snapshot import) must survive a replace.
    await control.editStored('campaigns', before.id, { tcrSyncError: 'Awaiting DCA election', cost: 15, hasSubmissionTransaction: true });
    const replacement = aCampaign({
      name: 'Renamed',
      optinKeywords: 'START',
      useCases: [{ messagingUseCaseUs: 'TWO_FA', sampleMessages: ['Your code is {code}'] }],
    });

    const res = await c.put(`${path}/${before.id}`, { campaign: replacement });
    expect(res.status).toBe(200);
    const after = res.body.data;
    expect(Object.keys(after)).toEqual(CAMPAIGN_KEYS);
    expect(after).toMatchObject({
      id: before.id,
      createdAt: before.createdAt,
      name: 'Renamed',
      brandId: before.brandId,
      messageFlow: null,
      optinKeywords: 'START',
      tcrSyncError: 'Awaiting DCA election',
      cost: 15,
      submittedToTCR: false,
      hasSubmissionTransaction: false, // Sent fills it only on the list
    });
    expect(after.updatedAt).toMatch(SENT_TIME);
    expect(after.useCases).toHaveLength(1);
    expect(after.useCases[0]).toMatchObject({ campaignId: before.id, messagingUseCaseUs: 'TWO_FA', sampleMessages: ['Your code is {code}'] });
    expect(await list()).toEqual([{ ...after, hasSubmissionTransaction: true }]);
  });
});

describe('DELETE /v3/profiles/{id}/campaigns/{campaignId}', () => {
  it('answers 204 with no body and the campaign leaves the list', async () => {
    const { c, path, list } = await setup();
    const keep = (await c.post(path, aCampaignRequest({ name: 'Keep' }))).body.data;
    const gone = (await c.post(path, aCampaignRequest({ name: 'Gone' }))).body.data;
    const res = await c.delete(`${path}/${gone.id}`).send({});
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(await list()).toEqual([keep]);
  });

  it('accepts no body at all, as curl sends', async () => {
    const { app, c, path, list } = await setup();
    const campaign = (await c.post(path, aCampaignRequest())).body.data;
    const res = await request(app).delete(`${path}/${campaign.id}`).set('x-api-key', c.key);
    expect(res.status).toBe(204);
    expect(await list()).toEqual([]);
  });
});
