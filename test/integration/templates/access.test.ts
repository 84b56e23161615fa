import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import { client, testApp, type SimApp } from '../../support/app.js';
import { aProfile } from '../../support/builders.js';
import { sim } from '../../support/sim.js';
import { aTemplate } from '../../support/template-builders.js';

/** An API client for `key`, optionally acting for a profile through `x-profile-id`. */
function as(app: SimApp, key: string, profileId?: string) {
  const h = (t: request.Test) => (profileId ? t.set('x-api-key', key).set('x-profile-id', profileId) : t.set('x-api-key', key));
  return {
    get: (path: string) => h(request(app).get(path)),
    post: (path: string, body: object) => h(request(app).post(path)).send(body),
    put: (path: string, body: object) => h(request(app).put(path)).send(body),
    delete: (path: string) => h(request(app).delete(path)),
    list: async () => ((await h(request(app).get('/v3/templates?page=1&page_size=100'))).body.data.templates as Array<{ id: string; name: string }>).map((t) => t.id),
  };
}

function setup() {
  const { app } = testApp();
  const c = client(app);
  const control = sim(app, c.key);
  return { app, c, control, owner: as(app, c.key) };
}

describe('roles', () => {
  it('owner and admin keys write; developer and billing keys read and get 403 AUTH_004 on writes, changing nothing', async () => {
    const { app, control, owner } = setup();
    const admin = as(app, await control.keyFor('admin'));
    const t = (await admin.post('/v3/templates', aTemplate())).body.data;
    expect((await admin.put(`/v3/templates/${t.id}`, { name: 'By admin' })).status).toBe(200);
    const current = (await owner.get(`/v3/templates/${t.id}`)).body.data;
    for (const role of ['developer', 'billing']) {
      const k = as(app, await control.keyFor(role));
      expect((await k.get(`/v3/templates/${t.id}`)).body.data, role).toEqual(current);
      expect(await k.list(), role).toEqual([t.id]);
      for (const res of [await k.post('/v3/templates', aTemplate()), await k.put(`/v3/templates/${t.id}`, { name: 'x' }), await k.delete(`/v3/templates/${t.id}`)]) {
        expect(res.status, role).toBe(403);
        expect(res.body.error, role).toMatchObject({ code: 'AUTH_004', message: ERROR_CATALOG.AUTH_004.message });
      }
    }
    expect(await owner.list()).toEqual([t.id]);
    expect((await owner.get(`/v3/templates/${t.id}`)).body.data).toEqual(current);
  });
});

describe('accounts', () => {
  it('a template made for a profile belongs to it: the organization does not see it, and names are unique per account', async () => {
    const { c, app, owner } = setup();
    const profile = (await c.post('/v3/profiles', aProfile())).body.data;
    const asProfile = as(app, c.key, profile.id);
    const org = (await owner.post('/v3/templates', aTemplate())).body.data;
    const own = await asProfile.post('/v3/templates', aTemplate());
    expect(own.status).toBe(201);
    expect(own.headers['x-profile-id']).toBe(profile.id);
    // Unique per account: the organization's template of the same name does not count.
    expect(own.body.data.name).toBe(org.name);
    expect(await owner.list()).toEqual([org.id]);
    expect((await owner.get(`/v3/templates/${own.body.data.id}`)).status).toBe(404);
    expect((await asProfile.list()).sort()).toEqual([org.id, own.body.data.id].sort());
  });

  it('an admin profile key writes its profile’s templates; a developer profile key may only read', async () => {
    const { c, app, control, owner } = setup();
    const profile = (await c.post('/v3/profiles', aProfile())).body.data;
    const admin = as(app, await control.keyFor('admin', profile.id));
    const t = (await admin.post('/v3/templates', aTemplate())).body.data;
    expect((await admin.put(`/v3/templates/${t.id}`, { name: 'Profile template' })).body.data.name).toBe('Profile template');
    expect(await owner.list()).toEqual([]);
    const developer = as(app, await control.keyFor('developer', profile.id));
    expect((await developer.get(`/v3/templates/${t.id}`)).body.data.name).toBe('Profile template');
    expect((await developer.post('/v3/templates', aTemplate())).status).toBe(403);
    expect((await admin.delete(`/v3/templates/${t.id}`)).status).toBe(204);
    expect(await admin.list()).toEqual([]);
  });

  it('a profile reads its organization’s templates but may not change them (400 VALIDATION_001, read-only)', async () => {
    const { c, app, owner } = setup();
    const profile = (await c.post('/v3/profiles', aProfile())).body.data;
    const asProfile = as(app, c.key, profile.id);
    const org = (await owner.post('/v3/templates', aTemplate())).body.data;
    expect((await asProfile.get(`/v3/templates/${org.id}`)).body.data).toEqual(org);
    for (const res of [await asProfile.put(`/v3/templates/${org.id}`, { name: 'Mine now' }), await asProfile.delete(`/v3/templates/${org.id}`)]) {
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', message: MESSAGES.templateReadOnly });
    }
    expect((await owner.get(`/v3/templates/${org.id}`)).body.data).toEqual(org);
  });

  it('a profile with inherit_templates false does not see the organization’s templates', async () => {
    const { c, app, owner } = setup();
    const profile = (await c.post('/v3/profiles', aProfile({ inherit_templates: false }))).body.data;
    const asProfile = as(app, c.key, profile.id);
    const org = (await owner.post('/v3/templates', aTemplate())).body.data;
    expect(await asProfile.list()).toEqual([]);
    expect((await asProfile.get(`/v3/templates/${org.id}`)).status).toBe(404);
    expect((await asProfile.delete(`/v3/templates/${org.id}`)).status).toBe(404);
    expect(await owner.list()).toEqual([org.id]);
    // Turning inheritance on shows them.
    await c.patch(`/v3/profiles/${profile.id}`, { inherit_templates: true });
    expect(await asProfile.list()).toEqual([org.id]);
  });
});
