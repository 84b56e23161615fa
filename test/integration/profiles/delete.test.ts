import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';

describe('DELETE /v3/profiles/{id} (soft delete)', () => {
  it('answers 204 with no body, then every route answers 404 RESOURCE_014 and the list omits it', async () => {
    const { app } = testApp();
    const c = client(app);
    const keep = (await c.post('/v3/profiles', aProfile({ name: 'Keep' }))).body.data;
    const gone = (await c.post('/v3/profiles', aProfile({ name: 'Gone' }))).body.data;

    const res = await c.delete(`/v3/profiles/${gone.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');

    for (const attempt of [
      c.get(`/v3/profiles/${gone.id}`),
      c.patch(`/v3/profiles/${gone.id}`, { name: 'back' }),
      c.delete(`/v3/profiles/${gone.id}`),
    ]) {
      const r = await attempt;
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('RESOURCE_014');
    }
    expect((await c.get('/v3/profiles')).body.data.profiles.map((p: { id: string }) => p.id)).toEqual([keep.id]);

    // The record and its data stay in the store, marked deleted (the control plane shows it).
    const stored = (await sim(app, c.key).tenant()).profiles.find((p: { id: string }) => p.id === gone.id);
    expect(stored.name).toBe('Gone');
    expect(stored.deleted_at).toMatch(/\+00:00$/);
  });

  it('accepts a JSON body, as the SDK sends one, and no body at all', async () => {
    const { app } = testApp();
    const c = client(app);
    const a = (await c.post('/v3/profiles', aProfile())).body.data;
    const b = (await c.post('/v3/profiles', aProfile())).body.data;
    expect((await c.delete(`/v3/profiles/${a.id}`).send({})).status).toBe(204);
    const bare = await request(app).delete(`/v3/profiles/${b.id}`).set('x-api-key', c.key);
    expect(bare.status).toBe(204);
    expect((await c.get('/v3/profiles')).body.data.profiles).toEqual([]);
  });

  it('does nothing for a sandbox delete', async () => {
    const { app } = testApp();
    const c = client(app);
    const p = (await c.post('/v3/profiles', aProfile())).body.data;
    const res = await c.delete(`/v3/profiles/${p.id}`).send({ sandbox: true });
    expect(res.status).toBe(204);
    expect(res.headers['x-sandbox']).toBe('true');
    expect((await c.get(`/v3/profiles/${p.id}`)).status).toBe(200);
  });
});
