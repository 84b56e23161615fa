import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '../../../src/errors/catalog.js';
import { DEMO_KEYS } from '../../../src/store/tenants.js';
import { seedDemoTenant } from '../../../src/store/demo.js';
import { aProfile } from '../../support/builders.js';
import { client, tenantKey, testApp } from '../../support/app.js';

describe('authentication and tenants', () => {
  it('answers 401 AUTH_001 with the full envelope when x-api-key is missing', async () => {
    const { app } = testApp();
    const res = await request(app).get('/v3/profiles');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({
      success: false,
      data: null,
      error: { code: 'AUTH_001', message: ERROR_CATALOG.AUTH_001.message, details: null },
      meta: { version: 'v3' },
    });
  });

  it('answers 401 AUTH_002 for an unknown key that is neither an sk_test_ key nor a UUID', async () => {
    const { app, deps } = testApp();
    for (const key of ['sk_prod_nope', 'not-a-key', 'sk_test_', '00000000-0000-0000-0000-00000000000']) {
      const res = await request(app).get('/v3/profiles').set('x-api-key', key);
      expect(res.status, key).toBe(401);
      expect(res.body.error, key).toMatchObject({ code: 'AUTH_002', message: ERROR_CATALOG.AUTH_002.message });
    }
    expect(deps.tenants.size).toBe(0);
  });

  it('provisions a fresh tenant for an unknown sk_test_ key, with that key as owner', async () => {
    const { app, deps } = testApp();
    const key = tenantKey();
    const res = await client(app, key).get('/v3/profiles');
    expect(res.status).toBe(200);
    expect(res.body.data.profiles).toEqual([]);
    const found = deps.tenants.resolve(key);
    expect(found?.key).toMatchObject({ role: 'owner', type: 'organization' });
    expect(found?.tenant.organization.waba).not.toBeNull();
  });

  it('keeps tenants apart: one tenant never sees another tenant’s profiles', async () => {
    const { app } = testApp();
    const alice = client(app);
    const bob = client(app);
    const created = await alice.post('/v3/profiles', aProfile());
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;

    expect((await bob.get('/v3/profiles')).body.data.profiles).toEqual([]);
    const foreign = await bob.get(`/v3/profiles/${id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('RESOURCE_014');
    expect((await alice.get('/v3/profiles')).body.data.profiles.map((p: { id: string }) => p.id)).toEqual([id]);
  });

  it('seeds the demo tenant with one key per role and a few profiles', async () => {
    const { app, deps } = testApp();
    seedDemoTenant(deps);
    for (const [role, key] of Object.entries(DEMO_KEYS)) {
      expect(deps.tenants.resolve(key)?.key.role).toBe(role);
    }
    const res = await client(app, DEMO_KEYS.developer).get('/v3/profiles');
    expect(res.status).toBe(200);
    expect(res.body.data.profiles.length).toBeGreaterThanOrEqual(3);
    expect(res.body.data.profiles[0]).toMatchObject({ name: 'Marketing Team', status: 'incomplete' });
  });
});
