import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import { aProfile, aCompletingProfile } from '../../support/builders.js';
import { aCampaignRequest } from '../../support/campaign-builders.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';
import { aBrand } from '../../support/builders.js';

const H = 'x-sim-scenario';

async function setup() {
  // Scenario latency waits through `sleep`: recorded here, never waited for (no test waits on real time).
  const slept: number[] = [];
  const t = testApp({ sleep: (ms) => Promise.resolve(void slept.push(ms)) });
  const c = client(t.app);
  const profile = (await c.post('/v3/profiles', aProfile())).body.data;
  return { ...t, c, profile, slept, control: sim(t.app, c.key) };
}

describe('scenarios that answer requests with Sent errors', () => {
  it('profile-delete-fails: 500 INTERNAL_001 with Sent’s message and the request id; the profile stays', async () => {
    const { c, profile } = await setup();
    const res = await c.delete(`/v3/profiles/${profile.id}`).set(H, 'profile-delete-fails');
    expect(res.status).toBe(500);
    expect(res.body.error).toEqual({
      code: 'INTERNAL_001',
      message: MESSAGES.deleteFailed('profile', res.headers['x-request-id'] as string),
      details: null,
      doc_url: expect.any(String),
    });
    expect((await c.get(`/v3/profiles/${profile.id}`)).status).toBe(200);
  });

  it('profile-rate-limited: 429 BUSINESS_002 with Retry-After and X-RateLimit-* on the 429 only', async () => {
    const { c } = await setup();
    const res = await c.get('/v3/profiles').set(H, 'profile-rate-limited');
    expect(res.status).toBe(429);
    expect(res.body.error).toMatchObject({ code: 'BUSINESS_002', message: ERROR_CATALOG.BUSINESS_002.message });
    expect(res.headers).toMatchObject({ 'retry-after': '30', 'x-ratelimit-limit': '200', 'x-ratelimit-remaining': '0' });
    expect(Number(res.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
    const ok = await c.get('/v3/profiles');
    expect(ok.status).toBe(200);
    expect(ok.headers['retry-after']).toBeUndefined();
  });

  it('profile-idempotency-store-down: 503 SERVICE_001 and nothing is created', async () => {
    const { c } = await setup();
    const res = await c.post('/v3/profiles', aProfile({ name: 'Never' })).set(H, 'profile-idempotency-store-down').set('Idempotency-Key', 'k-503');
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('SERVICE_001');
    expect((await c.get('/v3/profiles')).body.data.profiles.map((p: { name: string }) => p.name)).not.toContain('Never');
    // Not cached: the same key works once the store is back.
    expect((await c.post('/v3/profiles', aProfile({ name: 'Later' })).set('Idempotency-Key', 'k-503')).status).toBe(201);
  });

  it('profile-retrieve-timeout: waits, then 504 INTERNAL_004', async () => {
    const { c, profile, slept } = await setup();
    const res = await c.get(`/v3/profiles/${profile.id}`).set(H, 'profile-retrieve-timeout');
    expect(slept).toEqual([2000]);
    expect(res.status).toBe(504);
    expect(res.body.error).toMatchObject({ code: 'INTERNAL_004', message: ERROR_CATALOG.INTERNAL_004.message });
  });

  it('profile-create-second-call-fails: only the second matching create fails', async () => {
    const { c, control } = await setup();
    expect((await control.tenant()).profiles).toHaveLength(1);
    const put = await c.put('/_sim/scenarios/active', { name: 'profile-create-second-call-fails' });
    expect(put.status).toBe(200);
    const statuses = [];
    for (const name of ['A', 'B', 'C']) statuses.push((await c.post('/v3/profiles', aProfile({ name }))).status);
    expect(statuses).toEqual([201, 500, 201]);
    expect((await c.get('/v3/profiles')).body.data.profiles.map((p: { name: string }) => p.name)).toEqual(['Sales Team', 'A', 'C']);
  });

  it('profile-create-recovers: 503, then 429, then the real create', async () => {
    const { c } = await setup();
    const codes = [];
    for (let i = 0; i < 3; i++) {
      const res = await c.post('/v3/profiles', aProfile({ name: `Try ${i}` })).set(H, 'profile-create-recovers');
      codes.push(res.body.error?.code ?? res.status);
    }
    expect(codes).toEqual(['INTERNAL_005', 'BUSINESS_002', 201]);
    expect((await c.get('/v3/profiles')).body.data.profiles.map((p: { name: string }) => p.name)).toEqual(['Sales Team', 'Try 2']);
  });

  it('profile-slow: adds latency and then answers normally', async () => {
    const { c, slept } = await setup();
    const res = await c.get('/v3/profiles').set(H, 'profile-slow');
    expect(slept).toEqual([1500]);
    expect(res.status).toBe(200);
    expect(res.body.data.profiles).toHaveLength(1);
  });

  it('profile-update-conflict: 409 CONFLICT_001 and nothing changes', async () => {
    const { c, profile } = await setup();
    const res = await c.patch(`/v3/profiles/${profile.id}`, { name: 'Changed' }).set(H, 'profile-update-conflict');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT_001');
    expect((await c.get(`/v3/profiles/${profile.id}`)).body.data.name).toBe(profile.name);
  });

  it('completion-rate-limited: 429 with the sensitive-tier limit, and nothing is scheduled', async () => {
    const { c, control } = await setup();
    // Its prerequisites are met: they are judged before a scenario answers.
    await control.patchTenant({ brand: aBrand(), campaigns: 1 });
    const profile = (await c.post('/v3/profiles', aCompletingProfile())).body.data;
    const res = await c.post(`/v3/profiles/${profile.id}/complete`, { webHookUrl: 'http://127.0.0.1:9/x' }).set(H, 'completion-rate-limited');
    expect(res.status).toBe(429);
    expect(res.headers['x-ratelimit-limit']).toBe('10');
    expect(res.headers['retry-after']).toBe('60');
    expect((await control.tenant()).pending_jobs).toEqual([]);
  });

  it('campaign-delete-fails: 500 with the campaign wording; the campaign stays', async () => {
    const t = testApp();
    const c = client(t.app);
    const p = (await c.post('/v3/profiles', aProfile({ brand: aBrand(), inherit_tcr_campaign: false }))).body.data;
    const campaign = (await c.post(`/v3/profiles/${p.id}/campaigns`, aCampaignRequest())).body.data;
    const res = await c.delete(`/v3/profiles/${p.id}/campaigns/${campaign.id}`).set(H, 'campaign-delete-fails');
    expect(res.status).toBe(500);
    expect(res.body.error.message).toBe(MESSAGES.deleteFailed('campaign', res.headers['x-request-id'] as string));
    expect((await c.get(`/v3/profiles/${p.id}/campaigns`)).body.data.map((x: { id: string }) => x.id)).toEqual([campaign.id]);
  });
});
