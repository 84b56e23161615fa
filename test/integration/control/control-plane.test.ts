import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { aBrand, aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';

describe('/_sim control plane', () => {
  it('shows the tenant: clock, masked keys, signing secret, and soft-deleted profiles', async () => {
    const { app } = testApp();
    const c = client(app);
    const keep = (await c.post('/v3/profiles', aProfile({ name: 'Keep' }))).body.data;
    const gone = (await c.post('/v3/profiles', aProfile({ name: 'Gone' }))).body.data;
    await c.delete(`/v3/profiles/${gone.id}`);
    const view = await sim(app, c.key).tenant();
    expect(view.organization_id).toBe(keep.organization_id);
    expect(view.callback_signing_secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    expect(view.keys).toEqual([expect.objectContaining({ role: 'owner', type: 'organization' })]);
    expect(JSON.stringify(view)).not.toContain(c.key);
    expect(view.profiles.map((p: { name: string; deleted_at: string | null }) => [p.name, p.deleted_at === null])).toEqual([
      ['Keep', true],
      ['Gone', false],
    ]);
  });

  it('creates keys for roles and profiles, shown whole only at creation', async () => {
    const { app } = testApp();
    const c = client(app);
    const p = (await c.post('/v3/profiles', aProfile())).body.data;
    const control = sim(app, c.key);
    const created = await control.createKey({ role: 'billing' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ key: expect.stringMatching(/^sk_test_/), role: 'billing', type: 'organization', profile_id: null });
    const scoped = await control.createKey({ role: 'admin', profile_id: p.id });
    expect(scoped.body).toMatchObject({ type: 'profile', profile_id: p.id });
    expect((await client(app, scoped.body.key).get(`/v3/profiles/${p.id}`)).status).toBe(200);
    expect((await control.tenant()).keys).toHaveLength(3);
    const bad = await control.createKey({ role: 'emperor' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body).toMatchObject({ status: 400, code: 'VALIDATION_001', errors: { role: [expect.any(String)] } });
    expect((await control.createKey({ role: 'admin', profile_id: '7d5c1b1e-8a1f-4b7e-9a56-0d2f1b7e4c11' })).status).toBe(404);
  });

  it('sets the organization’s WABA, brand and campaigns', async () => {
    const { app } = testApp();
    const c = client(app);
    const control = sim(app, c.key);
    const res = await control.patchTenant({ whatsapp_business_account: false, brand: aBrand(), campaigns: 3 });
    expect(res.status).toBe(200);
    expect(res.body.organization.whatsapp_business_account).toBeNull();
    expect(res.body.organization.brand).toMatchObject({ contact: { name: 'John Smith' }, is_inherited: false });
    expect(res.body.campaigns.filter((x: { profile_id: string | null }) => x.profile_id === null)).toHaveLength(3);
    // The organization's own WhatsApp: it sends on it (GET /v3/me); profiles never inherit it (issue 22).
    expect((await c.get('/v3/me')).body.data.channels.whatsapp.configured).toBe(false);
    expect((await c.post('/v3/profiles', aProfile())).status).toBe(201);
    await control.patchTenant({ whatsapp_business_account: true });
    expect((await c.get('/v3/me')).body.data.channels.whatsapp.configured).toBe(true);
    const bad = await control.patchTenant({ brand: { contact: {} }, campaigns: -1 });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['brand.compliance', 'brand.contact.name', 'campaigns']);
    expect((await control.tenant()).totals.campaigns).toBe(3);
  });

  it('keeps each tenant’s clock to itself', async () => {
    const { app } = testApp();
    const a = sim(app, client(app).key);
    const b = sim(app, client(app).key);
    const before = Date.parse((await b.tenant()).now);
    const { now } = await a.advance(86_400);
    expect(Date.parse(now) - before).toBeGreaterThanOrEqual(86_400_000);
    expect(Date.parse((await b.tenant()).now) - before).toBeLessThan(60_000);
  });

  it('resets the caller’s tenant only', async () => {
    const { app } = testApp();
    const a = client(app);
    const b = client(app);
    await a.post('/v3/profiles', aProfile());
    await b.post('/v3/profiles', aProfile());
    expect((await sim(app, a.key).reset()).status).toBe(200);
    expect((await a.get('/v3/profiles')).body.data.profiles).toEqual([]);
    expect((await b.get('/v3/profiles')).body.data.profiles).toHaveLength(1);
  });

  it('answers problem+json for authentication failures', async () => {
    const { app } = testApp();
    const res = await request(app).get('/_sim/tenant');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, code: 'AUTH_001', title: 'Unauthorized' });
  });
});
