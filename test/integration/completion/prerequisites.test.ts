import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { aBrand, aProfile, aCompletingProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';

const hook = { webHookUrl: 'http://127.0.0.1:9/never-called' };

describe('completion prerequisites and answers', () => {
  it('lists every unmet prerequisite at once and starts nothing', async () => {
    const { app } = testApp();
    const c = client(app);
    const p = (await c.post('/v3/profiles', { name: 'Bare', inherit_tcr_campaign: true })).body.data;
    const res = await c.post(`/v3/profiles/${p.id}/complete`, hook);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_001');
    // inherit_tcr_brand defaults to false now (decisions §14): the profile needs its own brand.
    expect(res.body.error.details).toEqual({
      prerequisites: [MESSAGES.prerequisiteGeneralData(['short_name', 'description']), MESSAGES.prerequisiteOwnBrand, MESSAGES.prerequisiteParentCampaigns],
    });
    expect((await sim(app, c.key).tenant()).pending_jobs).toEqual([]);
    expect((await c.get(`/v3/profiles/${p.id}`)).body.data.status).toBe('incomplete');
  });

  it('names a bad webHookUrl and every unmet prerequisite in one answer (issue 22)', async () => {
    const { app } = testApp();
    const c = client(app);
    const p = (await c.post('/v3/profiles', { name: 'Bare' })).body.data;
    const res = await c.post(`/v3/profiles/${p.id}/complete`, { webHookUrl: 'ftp://example.com/x' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details).sort()).toEqual(['prerequisites', 'webHookUrl']);
    expect(res.body.error.details.prerequisites).toEqual([
      MESSAGES.prerequisiteGeneralData(['short_name', 'description']),
      MESSAGES.prerequisiteOwnBrand,
      MESSAGES.prerequisiteOwnCampaigns,
    ]);
  });

  it('judges the prerequisites before answering an approved profile 200 (issue 22)', async () => {
    const { app } = testApp();
    const c = client(app);
    const control = sim(app, c.key);
    await control.patchTenant({ brand: aBrand(), campaigns: 1 });
    const p = (await c.post('/v3/profiles', aCompletingProfile())).body.data;
    expect((await c.post(`/v3/profiles/${p.id}/complete`, hook)).status).toBe(202);
    await control.advance(2);
    expect((await c.post(`/v3/profiles/${p.id}/complete`, hook)).status).toBe(200);
    // An approved profile that no longer meets them gets the 400, and stays approved.
    await c.patch(`/v3/profiles/${p.id}`, { description: null });
    const res = await c.post(`/v3/profiles/${p.id}/complete`, hook);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual({ prerequisites: [MESSAGES.prerequisiteGeneralData(['description'])] });
    expect((await c.get(`/v3/profiles/${p.id}`)).body.data.status).toBe('approved');
  });

  it('requires the own brand and own campaigns when not inheriting, and a campaign for a TCR application', async () => {
    const { app } = testApp();
    const c = client(app);
    const p = (await c.post('/v3/profiles', aProfile({ inherit_tcr_brand: false, inherit_tcr_campaign: false }))).body.data;
    const res = await c.post(`/v3/profiles/${p.id}/complete`, hook);
    expect(res.body.error.details.prerequisites).toEqual([MESSAGES.prerequisiteOwnBrand, MESSAGES.prerequisiteOwnCampaigns]);

    const tcr = aBrand({ compliance: { brandRelationship: 'BASIC_ACCOUNT', vertical: 'RETAIL', isTcrApplication: true } });
    await c.patch(`/v3/profiles/${p.id}`, { brand: tcr });
    const again = await c.post(`/v3/profiles/${p.id}/complete`, hook);
    expect(again.body.error.details.prerequisites).toEqual([MESSAGES.prerequisiteTcrCampaign, MESSAGES.prerequisiteOwnCampaigns]);
  });

  it('requires an http(s) webHookUrl', async () => {
    const { app } = testApp();
    const c = client(app);
    await sim(app, c.key).patchTenant({ brand: aBrand(), campaigns: 1 });
    const p = (await c.post('/v3/profiles', aCompletingProfile())).body.data;
    for (const body of [{}, { webHookUrl: 'not a url' }, { webHookUrl: 'ftp://example.com/x' }]) {
      const res = await c.post(`/v3/profiles/${p.id}/complete`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error.details)).toEqual(['webHookUrl']);
    }
  });

  it('schedules one job per profile: a repeat while pending answers 202 and adds nothing', async () => {
    const { app } = testApp();
    const c = client(app);
    const control = sim(app, c.key);
    await control.patchTenant({ brand: aBrand(), campaigns: 1 });
    const p = (await c.post('/v3/profiles', aCompletingProfile())).body.data;
    const answers = await Promise.all([1, 2, 3].map(() => c.post(`/v3/profiles/${p.id}/complete`, hook)));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    expect(answers[0]!.body.data).toEqual({ message: MESSAGES.completionInProgress });
    expect((await control.tenant()).pending_jobs).toHaveLength(1);
    const { fired } = await control.advance(2);
    expect(fired).toHaveLength(1);
  });

  it('answers sandbox completion 202 with X-Sandbox, without a job or a lookup', async () => {
    const { app } = testApp();
    const c = client(app);
    const res = await c.post('/v3/profiles/5d2b8c4e-1f3a-4b6c-8d9e-0a1b2c3d4e5f/complete', { ...hook, sandbox: true });
    expect(res.status).toBe(202);
    expect(res.headers['x-sandbox']).toBe('true');
    expect((await sim(app, c.key).tenant()).pending_jobs).toEqual([]);
  });

  it('answers 404 RESOURCE_014 for an unknown or deleted profile', async () => {
    const { app } = testApp();
    const c = client(app);
    const p = (await c.post('/v3/profiles', aProfile())).body.data;
    await c.delete(`/v3/profiles/${p.id}`);
    const res = await c.post(`/v3/profiles/${p.id}/complete`, hook);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('RESOURCE_014');
  });

  it('lets a profile-scoped key complete its own profile but not a developer key', async () => {
    const { app } = testApp();
    const c = client(app);
    const control = sim(app, c.key);
    await control.patchTenant({ brand: aBrand(), campaigns: 1 });
    const p = (await c.post('/v3/profiles', aCompletingProfile())).body.data;
    const dev = client(app, (await control.createKey({ role: 'developer' })).body.key);
    expect((await dev.post(`/v3/profiles/${p.id}/complete`, hook)).status).toBe(403);
    const own = client(app, (await control.createKey({ role: 'admin', profile_id: p.id })).body.key);
    expect((await own.post(`/v3/profiles/${p.id}/complete`, hook)).status).toBe(202);
  });
});
