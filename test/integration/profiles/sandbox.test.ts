import { describe, expect, it } from 'vitest';
import { aBrand, aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';

describe('sandbox ("sandbox": true)', () => {
  it('answers a create like a real one, with X-Sandbox, and stores nothing', async () => {
    const { app } = testApp();
    const c = client(app);
    const res = await c.post('/v3/profiles', aProfile({ sandbox: true, brand: aBrand() }));
    expect(res.status).toBe(201);
    expect(res.headers['x-sandbox']).toBe('true');
    expect(res.body.data).toMatchObject({ name: 'Sales Team', status: 'incomplete', brand: { submitted_to_tcr: false } });
    expect(res.body.data.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await c.get('/v3/profiles')).body.data.profiles).toEqual([]);
    expect((await c.get(`/v3/profiles/${res.body.data.id}`)).status).toBe(404);
  });

  it('still validates: a bad sandbox request gets the real 400', async () => {
    const { app } = testApp();
    const res = await client(app).post('/v3/profiles', { sandbox: true, short_name: '!' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details).sort()).toEqual(['name', 'short_name']);
  });

  it('makes no lookups: a PATCH of an unknown id succeeds with generated data', async () => {
    const { app } = testApp();
    const c = client(app);
    const id = '3f1c2a9e-5b7d-4c8e-9f0a-1b2c3d4e5f60';
    const res = await c.patch(`/v3/profiles/${id}`, { sandbox: true, name: 'Preview' });
    expect(res.status).toBe(200);
    expect(res.headers['x-sandbox']).toBe('true');
    expect(res.body.data).toMatchObject({ id, name: 'Preview' });
    expect(res.body.data.description).toEqual(expect.any(String));
    expect((await c.get(`/v3/profiles/${id}`)).status).toBe(404);
  });

  it('changes nothing on a PATCH of a real profile', async () => {
    const { app } = testApp();
    const c = client(app);
    const p = (await c.post('/v3/profiles', aProfile())).body.data;
    const res = await c.patch(`/v3/profiles/${p.id}`, { sandbox: true, name: 'Preview' });
    expect(res.status).toBe(200);
    expect((await c.get(`/v3/profiles/${p.id}`)).body.data).toEqual(p);
  });
});
