import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import type { components } from '../../../src/generated/sent-v3.js';
import { aBrand, aProfile, INHERITS_TCR } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { aCampaignRequest } from '../../support/campaign-builders.js';
import { profileSubmittedToTcr, sim } from '../../support/sim.js';

type CreateProfileRequest = components['schemas']['CreateProfileRequest'];

const UNKNOWN_ID = '3f1c2a9e-5b7d-4c8e-9f0a-1b2c3d4e5f60';

function setup() {
  const t = testApp();
  const c = client(t.app);
  const control = sim(t.app, c.key);
  /** Every campaign the tenant holds, as the control plane shows them. */
  const stored = async () => (await control.tenant()).campaigns as Array<Record<string, unknown>>;
  const newProfile = async (body: CreateProfileRequest = aProfile({ brand: aBrand(), inherit_tcr_campaign: false })) => {
    const res = await c.post('/v3/profiles', body);
    expect(res.status).toBe(201);
    const path = `/v3/profiles/${res.body.data.id}/campaigns`;
    const list = async () => (await c.get(path)).body.data;
    return { profile: res.body.data, path, list };
  };
  return { ...t, c, control, stored, newProfile };
}

const OPERATIONS = ['GET list', 'POST create', 'PUT replace', 'DELETE'] as const;

/** Each of the four campaign operations against one profile, for one campaign id (in OPERATIONS order). */
function allOperations(c: ReturnType<typeof client>, path: string, campaignId: string) {
  return [
    c.get(path),
    c.post(path, aCampaignRequest()),
    c.put(`${path}/${campaignId}`, aCampaignRequest()),
    c.delete(`${path}/${campaignId}`),
  ];
}

describe('a profile without a brand', () => {
  it.each([
    ['inherits the brand, but the organization has none', aProfile({ inherit_tcr_brand: true, inherit_tcr_campaign: false })],
    ['neither owns nor inherits one', aProfile({ inherit_tcr_brand: false, inherit_tcr_campaign: false })],
  ])('%s: list and create answer 404 RESOURCE_009, PUT and DELETE 404 RESOURCE_010', async (_, body) => {
    const { c, stored, newProfile } = setup();
    const { path } = await newProfile(body);
    const [list, create, put, del] = await Promise.all(allOperations(c, path, UNKNOWN_ID));
    for (const res of [list!, create!]) {
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'RESOURCE_009', message: ERROR_CATALOG.RESOURCE_009.message, details: null });
    }
    for (const res of [put!, del!]) {
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'RESOURCE_010', message: ERROR_CATALOG.RESOURCE_010.message });
    }
    expect(await stored()).toEqual([]);
  });
});

describe('unknown profiles', () => {
  it('answer 404 RESOURCE_014 on every operation: unknown, soft-deleted or another organization’s', async () => {
    const { app, c, newProfile } = setup();
    const deleted = await newProfile();
    const campaign = (await c.post(deleted.path, aCampaignRequest())).body.data;
    expect((await c.delete(`/v3/profiles/${deleted.profile.id}`)).status).toBe(204);
    const foreign = await newProfile();
    const stranger = client(app);
    for (const [who, path] of [
      [c, `/v3/profiles/${UNKNOWN_ID}/campaigns`],
      [c, deleted.path],
      [stranger, foreign.path],
    ] as const) {
      for (const [i, res] of (await Promise.all(allOperations(who, path, campaign.id))).entries()) {
        expect(res.status, `${OPERATIONS[i]} ${path}`).toBe(404);
        expect(res.body.error).toMatchObject({ code: 'RESOURCE_014', message: ERROR_CATALOG.RESOURCE_014.message });
      }
    }
    expect(await foreign.list()).toEqual([]);
  });
});

describe('campaigns that are not the profile’s own', () => {
  it('answer 404 RESOURCE_010 to PUT and DELETE: unknown, another profile’s, or the organization’s', async () => {
    const { c, control, stored, newProfile } = setup();
    const [org] = (await control.organization({ campaigns: 1 })).campaigns as unknown as [{ id: string }];
    const orgBefore = (await stored()).find((x) => x.id === org.id);
    const mine = await newProfile();
    const other = await newProfile();
    const othersCampaign = (await c.post(other.path, aCampaignRequest({ name: 'Theirs' }))).body.data;
    // A profile that inherits campaigns sees the organization's, but they stay read-only.
    const inheriting = await newProfile(aProfile(INHERITS_TCR));
    expect((await inheriting.list()).map((x: { id: string }) => x.id)).toEqual([org.id]);

    for (const [path, id] of [
      [mine.path, UNKNOWN_ID],
      [mine.path, othersCampaign.id],
      [mine.path, org.id],
      [inheriting.path, org.id],
    ]) {
      const put = await c.put(`${path}/${id}`, aCampaignRequest({ name: 'Hijacked' }));
      const del = await c.delete(`${path}/${id}`);
      for (const [label, res] of [['PUT', put], ['DELETE', del]] as const) {
        expect(res.status, `${label} ${path}/${id}`).toBe(404);
        expect(res.body.error).toMatchObject({ code: 'RESOURCE_010', message: ERROR_CATALOG.RESOURCE_010.message });
      }
    }
    expect(await other.list()).toEqual([othersCampaign]);
    expect((await stored()).find((x) => x.id === org.id)).toEqual(orgBefore);
  });
});

describe('a profile that inherits its campaigns', () => {
  it('cannot create one: 400 VALIDATION_001, and nothing is stored', async () => {
    const { c, stored, newProfile } = setup();
    const { path, list } = await newProfile(aProfile({ brand: aBrand(), inherit_tcr_campaign: true }));
    const res = await c.post(path, aCampaignRequest());
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', details: { campaign: [MESSAGES.campaignsInherited] } });
    expect(await list()).toEqual([]);
    expect(await stored()).toEqual([]);
  });
});

describe('a campaign submitted to TCR', () => {
  it('refuses PUT and DELETE with 400 VALIDATION_001 and stays as it was', async () => {
    const { app, c } = setup();
    // Completion submits the profile's own brand and campaigns to TCR (docs/decisions/0005).
    const { profile, campaignId } = await profileSubmittedToTcr(app, c.key, aCampaignRequest());
    const path = `/v3/profiles/${profile.id}/campaigns`;
    const list = async () => (await c.get(path)).body.data;
    const created = { id: campaignId };
    const before = await list();
    expect(before[0]).toMatchObject({ submittedToTCR: true, status: 'SENT_CREATED' });

    const put = await c.put(`${path}/${created.id}`, aCampaignRequest({ name: 'Changed' }));
    const del = await c.delete(`${path}/${created.id}`);
    for (const [label, res] of [['PUT', put], ['DELETE', del]] as const) {
      expect(res.status, label).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', details: { campaign: [MESSAGES.campaignLocked] } });
    }
    expect(await list()).toEqual(before);
  });
});

describe('malformed ids', () => {
  // The pipeline carries Sent's "Invalid … ID format" text in `details` (see the core bad-requests test).
  it('answer 400 VALIDATION_001 with Sent’s "Invalid … ID format" messages', async () => {
    const { c, newProfile } = setup();
    const { path, list } = await newProfile();
    const campaign = (await c.post(path, aCampaignRequest())).body.data;
    // The message names both ids, as Sent's does; `details` names the one that is malformed.
    for (const [res, field] of [
      [await c.put(`${path}/not-a-uuid`, aCampaignRequest()), 'campaignId'],
      [await c.delete(`${path}/not-a-uuid`), 'campaignId'],
      [await c.put(`/v3/profiles/not-a-uuid/campaigns/${campaign.id}`, aCampaignRequest()), 'profileId'],
      [await c.delete(`/v3/profiles/not-a-uuid/campaigns/${campaign.id}`), 'profileId'],
    ] as const) {
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', message: MESSAGES.invalidProfileOrCampaignId, details: { [field]: [MESSAGES.invalidProfileOrCampaignId] } });
    }
    for (const res of [await c.get('/v3/profiles/nope/campaigns'), await c.post('/v3/profiles/nope/campaigns', aCampaignRequest())]) {
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', details: { profileId: [MESSAGES.invalidProfileId] } });
    }
    expect(await list()).toEqual([campaign]);
  });
});
