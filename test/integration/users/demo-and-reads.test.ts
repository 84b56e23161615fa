import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '../../../src/errors/catalog.js';
import { aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';
import { DEMO_USER_IDS, demoApp } from '../../support/users.js';

const SENT_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}\+00:00$/;

describe('the demo tenant', () => {
  it('lists the three active users behind its admin, developer and billing keys, and never the owner', async () => {
    const { owner } = demoApp();
    const res = await owner.get('/v3/users');
    expect(res.status).toBe(200);
    // customer_id: the organization the users belong to (issue 22).
    const customer_id = (await owner.get('/_sim/tenant')).body.organization_id as string;
    expect(customer_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.data.users).toEqual([
      { id: DEMO_USER_IDS.admin, customer_id, email: 'admin@demo.sent-sim.test', name: 'Demo Admin', role: 'admin', status: 'active', invited_at: expect.stringMatching(SENT_TIMESTAMP), last_login_at: null, created_at: expect.stringMatching(SENT_TIMESTAMP), updated_at: expect.stringMatching(SENT_TIMESTAMP) },
      { id: DEMO_USER_IDS.developer, customer_id, email: 'developer@demo.sent-sim.test', name: 'Demo Developer', role: 'developer', status: 'active', invited_at: expect.any(String), last_login_at: null, created_at: expect.any(String), updated_at: expect.any(String) },
      { id: DEMO_USER_IDS.billing, customer_id, email: 'billing@demo.sent-sim.test', name: 'Demo Billing', role: 'billing', status: 'active', invited_at: expect.any(String), last_login_at: null, created_at: expect.any(String), updated_at: expect.any(String) },
    ]);
    expect(res.body.data.pagination).toEqual({ page: 1, page_size: 3, total_count: 3, total_pages: 1, has_more: false, cursors: null });
  });

  it('links each user to its key in the tenant view', async () => {
    const { owner } = demoApp();
    const view = (await owner.get('/_sim/tenant')).body;
    expect(view.users.map((u: { role: string; simulator: { api_key: string } }) => [u.role, u.simulator.api_key])).toEqual([
      ['admin', 'sk_test_…in'],
      ['developer', 'sk_test_…er'],
      ['billing', 'sk_test_…ng'],
    ]);
  });

  it('gets its users back on reset', async () => {
    const { owner } = demoApp();
    const before = (await owner.get('/v3/users')).body.data.users;
    expect((await owner.delete(`/v3/users/${DEMO_USER_IDS.billing}`)).status).toBe(204);
    expect((await owner.post('/v3/users', { email: 'x@example.com', name: 'X', role: 'billing' })).status).toBe(201);
    expect((await owner.post('/_sim/reset')).status).toBe(200);
    const after = (await owner.get('/v3/users')).body.data.users;
    expect(after.map((u: { id: string }) => u.id)).toEqual(before.map((u: { id: string }) => u.id));
  });
});

describe('reading users', () => {
  it('a new tenant lists none', async () => {
    const { app } = testApp();
    const res = await client(app).get('/v3/users');
    expect(res.status).toBe(200);
    expect(res.body.data.users).toEqual([]);
  });

  it.each(['owner', 'admin', 'developer', 'billing'] as const)('a %s key lists and retrieves users', async (role) => {
    const app = demoApp();
    const c = app[role];
    expect((await c.get('/v3/users')).body.data.users).toHaveLength(3);
    const res = await c.get(`/v3/users/${DEMO_USER_IDS.developer}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: DEMO_USER_IDS.developer, role: 'developer', status: 'active' });
  });

  it("a profile key, or x-profile-id, sees the organization's users", async () => {
    const { app, owner } = demoApp();
    const profile = (await owner.post('/v3/profiles', aProfile())).body.data;
    const profileKey = client(app, await sim(app, owner.key).keyFor('billing', profile.id));
    expect((await profileKey.get('/v3/users')).body.data.users).toHaveLength(3);
    const scoped = await owner.get('/v3/users').set('x-profile-id', profile.id);
    expect(scoped.headers['x-profile-id']).toBe(profile.id);
    expect(scoped.body.data.users).toHaveLength(3);
  });

  it.each(['aa0e8400-e29b-41d4-a716-446655440099', 'not-an-id', '42', 'ADMIN'])('an unknown or malformed userId (%s) is 404 RESOURCE_006', async (id) => {
    const { owner } = demoApp();
    const res = await owner.get(`/v3/users/${id}`);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'RESOURCE_006', message: ERROR_CATALOG.RESOURCE_006.message, details: null });
  });

  it('an upper-case id finds the user', async () => {
    const { owner } = demoApp();
    expect((await owner.get(`/v3/users/${DEMO_USER_IDS.admin.toUpperCase()}`)).body.data.id).toBe(DEMO_USER_IDS.admin);
  });

  it("another tenant's user is not found", async () => {
    const { app } = demoApp();
    expect((await client(app).get(`/v3/users/${DEMO_USER_IDS.admin}`)).status).toBe(404);
  });
});
