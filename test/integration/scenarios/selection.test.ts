import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';

describe('choosing a scenario', () => {
  it('refuses an unknown scenario header with a clear 400 and changes nothing', async () => {
    const { app, deps } = testApp();
    const c = client(app);
    const res = await c.post('/v3/profiles', aProfile()).set('x-sim-scenario', 'no-such-thing');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'VALIDATION_001',
      details: { 'x-sim-scenario': [MESSAGES.unknownScenario('no-such-thing', deps.scenarios.names())] },
    });
    expect((await c.get('/v3/profiles')).body.data.profiles).toEqual([]);
  });

  it('sets a scenario for one tenant only, until it is cleared', async () => {
    const { app } = testApp();
    const a = client(app);
    const b = client(app);
    const put = await a.put('/_sim/scenarios/active', { name: 'profile-rate-limited' });
    expect(put.body.active).toMatchObject({ name: 'profile-rate-limited' });
    expect((await a.get('/v3/profiles')).status).toBe(429);
    expect((await b.get('/v3/profiles')).status).toBe(200);
    expect((await a.get('/_sim/scenarios/active')).body.active.name).toBe('profile-rate-limited');
    await a.delete('/_sim/scenarios/active');
    expect((await a.get('/v3/profiles')).status).toBe(200);
  });

  it('refuses an unknown scenario name on the control plane with problem+json', async () => {
    const { app } = testApp();
    const res = await client(app).put('/_sim/scenarios/active', { name: 'nope' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.name[0]).toContain('Unknown scenario "nope"');
  });

  it('applies the process default (--scenario) to tenants that chose none; a header overrides it', async () => {
    const { app } = testApp({ defaultScenario: 'profile-rate-limited' });
    const c = client(app);
    expect((await c.get('/v3/profiles')).status).toBe(429);
    expect((await c.get('/v3/profiles').set('x-sim-scenario', 'profile-delete-fails')).status).toBe(200);
  });

  it('lists the scenarios with descriptions and examples', async () => {
    const { app, deps } = testApp();
    const res = await client(app).get('/_sim/scenarios');
    expect(res.status).toBe(200);
    expect(res.body.scenarios).toHaveLength(deps.scenarios.scenarios.size);
    expect(res.body.scenarios[0]).toEqual({ name: expect.any(String), description: expect.any(String), example: expect.any(String) });
  });

  it('keeps scenario call counters per tenant', async () => {
    const { app } = testApp();
    const a = client(app);
    const b = client(app);
    for (const x of [a, b]) await x.put('/_sim/scenarios/active', { name: 'profile-create-second-call-fails' });
    expect((await a.post('/v3/profiles', aProfile())).status).toBe(201);
    expect((await b.post('/v3/profiles', aProfile())).status).toBe(201);
    expect((await a.post('/v3/profiles', aProfile())).status).toBe(500);
    expect((await b.post('/v3/profiles', aProfile())).status).toBe(500);
  });

  it('guards the control plane with --admin-token, and --no-control-plane turns it off', async () => {
    const guarded = testApp({ config: { adminToken: 'let-me-in' } });
    const key = client(guarded.app).key;
    expect((await request(guarded.app).get('/_sim/tenant').set('x-api-key', key)).status).toBe(403);
    expect((await request(guarded.app).get('/_sim/tenant').set('x-api-key', key).set('x-sim-admin-token', 'let-me-in')).status).toBe(200);
    const off = testApp({ config: { controlPlane: false } });
    const res = await request(off.app).get('/_sim/tenant').set('x-api-key', key);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('RESOURCE_013');
  });
});
