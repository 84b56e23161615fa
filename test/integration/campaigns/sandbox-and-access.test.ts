import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '../../../src/errors/catalog.js';
import { aBrand, aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { aCampaign, aCampaignRequest, SAMPLE_MESSAGES } from '../../support/campaign-builders.js';
import { sim } from '../../support/sim.js';

const UNKNOWN_ID = '3f1c2a9e-5b7d-4c8e-9f0a-1b2c3d4e5f60';

/** A profile that owns its brand and campaigns, with one campaign already created. */
async function setup() {
  const t = testApp();
  const c = client(t.app);
  const control = sim(t.app, c.key);
  /** How many campaigns the tenant holds, as the control plane counts them. */
  const storedCount = async () => (await control.tenant()).totals.campaigns as number;
  const profile = (await c.post('/v3/profiles', aProfile({ brand: aBrand(), inherit_tcr_campaign: false }))).body.data;
  const path = `/v3/profiles/${profile.id}/campaigns`;
  const campaign = (await c.post(path, aCampaignRequest())).body.data;
  const list = async () => (await c.get(path)).body.data;
  return { ...t, c, control, storedCount, profile, path, campaign, list };
}

describe('sandbox ("sandbox": true)', () => {
  it('answers a create with a campaign built from the request, with X-Sandbox, and stores nothing', async () => {
    const { c, path, profile, storedCount, campaign, list } = await setup();
    const res = await c.post(path, aCampaignRequest({ name: 'Preview', optinKeywords: 'YES' }, { sandbox: true }));
    expect(res.status).toBe(201);
    expect(res.headers['x-sandbox']).toBe('true');
    expect(res.body.data).toMatchObject({ name: 'Preview', optinKeywords: 'YES', submittedToTCR: false, status: null, customerId: profile.organization_id });
    expect(res.body.data.useCases[0]).toMatchObject({ campaignId: res.body.data.id, sampleMessages: [...SAMPLE_MESSAGES] });
    expect(res.body.data.id).not.toBe(campaign.id);
    expect(await list()).toEqual([campaign]);
    expect(await storedCount()).toBe(1);
  });

  it('answers an update with the path id and the request applied, and changes nothing', async () => {
    const { c, path, campaign, list } = await setup();
    const res = await c.put(`${path}/${campaign.id}`, aCampaignRequest({ name: 'Preview' }, { sandbox: true }));
    expect(res.status).toBe(200);
    expect(res.headers['x-sandbox']).toBe('true');
    expect(res.body.data).toMatchObject({ id: campaign.id, name: 'Preview' });
    expect(res.body.data.useCases[0].campaignId).toBe(campaign.id);
    expect(await list()).toEqual([campaign]);
  });

  it('answers a delete with 204 and deletes nothing', async () => {
    const { c, path, campaign, list } = await setup();
    const res = await c.delete(`${path}/${campaign.id}`).send({ sandbox: true });
    expect(res.status).toBe(204);
    expect(res.headers['x-sandbox']).toBe('true');
    expect(await list()).toEqual([campaign]);
  });

  it('makes no lookups: unknown profiles and campaigns still succeed', async () => {
    const { c, storedCount } = await setup();
    const path = `/v3/profiles/${UNKNOWN_ID}/campaigns`;
    const created = await c.post(path, aCampaignRequest({}, { sandbox: true }));
    expect(created.status).toBe(201);
    const updated = await c.put(`${path}/${UNKNOWN_ID}`, aCampaignRequest({ name: 'Ghost' }, { sandbox: true }));
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ id: UNKNOWN_ID, name: 'Ghost' });
    expect((await c.delete(`${path}/${UNKNOWN_ID}`).send({ sandbox: true })).status).toBe(204);
    expect(await storedCount()).toBe(1);
    expect((await c.get(path)).status).toBe(404);
  });

  it('still validates: a bad sandbox body gets the real 400', async () => {
    const { c, path, list, campaign } = await setup();
    const res = await c.post(path, { campaign: { ...aCampaign(), useCases: [] }, sandbox: true });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details)).toEqual(['campaign.useCases']);
    expect(await list()).toEqual([campaign]);
  });
});

describe('body validation', () => {
  const useCase = aCampaign().useCases[0]!;
  it.each([
    ['useCases missing', { ...aCampaign(), useCases: undefined }, ['campaign.useCases']],
    [
      'an unknown messagingUseCaseUs',
      aCampaign({ useCases: [{ ...useCase, messagingUseCaseUs: 'SPAM' as never }] }),
      ['campaign.useCases[0].messagingUseCaseUs'],
    ],
    [
      'six sample messages',
      aCampaign({ useCases: [{ ...useCase, sampleMessages: ['a', 'b', 'c', 'd', 'e', 'f'] }] }),
      ['campaign.useCases[0].sampleMessages'],
    ],
    [
      'a sample message over 1024 characters, and no name',
      { ...aCampaign({ useCases: [{ ...useCase, sampleMessages: ['x'.repeat(1025)] }] }), name: undefined },
      ['campaign.name', 'campaign.useCases[0].sampleMessages[0]'],
    ],
  ])('refuses %s on create and on replace, keyed by field path', async (_, campaign, paths) => {
    const { c, path, campaign: existing, list } = await setup();
    const created = await c.post(path, { campaign });
    const replaced = await c.put(`${path}/${existing.id}`, { campaign });
    for (const [label, res] of [['POST', created], ['PUT', replaced]] as const) {
      expect(res.status, label).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', message: ERROR_CATALOG.VALIDATION_001.message });
      expect(Object.keys(res.body.error.details).sort()).toEqual(paths);
    }
    expect(await list()).toEqual([existing]);
  });
});

describe('roles', () => {
  it.each(['developer', 'billing'] as const)('lets %s list but not create, replace or delete (403 AUTH_004)', async (role) => {
    const { app, control, path, campaign, list } = await setup();
    const reader = client(app, await control.keyFor(role));
    expect((await reader.get(path)).body.data).toEqual([campaign]);
    for (const [label, res] of [
      ['POST', await reader.post(path, aCampaignRequest())],
      ['PUT', await reader.put(`${path}/${campaign.id}`, aCampaignRequest({ name: 'nope' }))],
      ['DELETE', await reader.delete(`${path}/${campaign.id}`)],
    ] as const) {
      expect(res.status, label).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'AUTH_004', message: ERROR_CATALOG.AUTH_004.message });
    }
    expect(await list()).toEqual([campaign]);
  });

  it('lets admin create, replace and delete', async () => {
    const { app, control, path, campaign, list } = await setup();
    const admin = client(app, await control.keyFor('admin'));
    const created = await admin.post(path, aCampaignRequest({ name: 'By admin' }));
    expect(created.status).toBe(201);
    expect((await admin.put(`${path}/${campaign.id}`, aCampaignRequest({ name: 'Renamed' }))).status).toBe(200);
    expect((await admin.delete(`${path}/${created.body.data.id}`)).status).toBe(204);
    expect((await list()).map((x: { name: string }) => x.name)).toEqual(['Renamed']);
  });
});
