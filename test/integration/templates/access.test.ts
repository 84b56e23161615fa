import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '../../../src/errors/catalog.js';
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
  it('a template made for a profile belongs to it: the organization reads it (read-time widening), names are unique per account', async () => {
    const { c, app, owner } = setup();
    const profile = (await c.post('/v3/profiles', aProfile())).body.data;
    const asProfile = as(app, c.key, profile.id);
    const org = (await owner.post('/v3/templates', aTemplate())).body.data;
    const own = await asProfile.post('/v3/templates', aTemplate());
    expect(own.status).toBe(201);
    expect(own.headers['x-profile-id']).toBe(profile.id);
    expect(own.body.data.customer_id).toBe(profile.id);
    // Unique per account: the organization's template of the same name does not count.
    expect(own.body.data.name).toBe(org.name);
    // Issue 22 (decisions §14): the organization lists and reads its profiles' templates too…
    expect((await owner.list()).sort()).toEqual([org.id, own.body.data.id].sort());
    expect((await owner.get(`/v3/templates/${own.body.data.id}`)).body.data).toEqual(own.body.data);
    // …while the profile sees only its own.
    expect(await asProfile.list()).toEqual([own.body.data.id]);
  });

  it('an admin profile key writes its profile’s templates; a developer profile key may only read', async () => {
    const { c, app, control, owner } = setup();
    const profile = (await c.post('/v3/profiles', aProfile())).body.data;
    const admin = as(app, await control.keyFor('admin', profile.id));
    const t = (await admin.post('/v3/templates', aTemplate())).body.data;
    expect((await admin.put(`/v3/templates/${t.id}`, { name: 'Profile template' })).body.data.name).toBe('Profile template');
    expect(await owner.list()).toEqual([t.id]);
    const developer = as(app, await control.keyFor('developer', profile.id));
    expect((await developer.get(`/v3/templates/${t.id}`)).body.data.name).toBe('Profile template');
    expect((await developer.post('/v3/templates', aTemplate())).status).toBe(403);
    expect((await admin.delete(`/v3/templates/${t.id}`)).status).toBe(204);
    expect(await admin.list()).toEqual([]);
  });

  it('a profile never sees its organization’s templates, even when it asks to inherit them (issue 22)', async () => {
    const { c, app, owner } = setup();
    const profile = (await c.post('/v3/profiles', aProfile({ inherit_templates: true }))).body.data;
    expect(profile.inherit_templates).toBe(false);
    const asProfile = as(app, c.key, profile.id);
    const org = (await owner.post('/v3/templates', aTemplate())).body.data;
    expect(await asProfile.list()).toEqual([]);
    for (const res of [await asProfile.get(`/v3/templates/${org.id}`), await asProfile.put(`/v3/templates/${org.id}`, { name: 'Mine now' }), await asProfile.delete(`/v3/templates/${org.id}`)]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('RESOURCE_002');
    }
    // Nor can it send with one.
    const send = await asProfile.post('/v3/messages', { to: ['+14155550100'], template: { id: org.id }, channel: ['sms'] });
    expect(send.status).toBe(404);
    expect(send.body.error.code).toBe('RESOURCE_002');
    expect((await owner.get(`/v3/templates/${org.id}`)).body.data).toEqual(org);
  });

  it('the organization may not change or send with a profile’s template: 404 RESOURCE_002, the template unchanged', async () => {
    const { c, app, owner } = setup();
    const profile = (await c.post('/v3/profiles', aProfile())).body.data;
    const own = (await as(app, c.key, profile.id).post('/v3/templates', aTemplate())).body.data;
    for (const res of [await owner.put(`/v3/templates/${own.id}`, { name: 'Taken over' }), await owner.delete(`/v3/templates/${own.id}`), await owner.post('/v3/messages', { to: ['+14155550100'], template: { id: own.id }, channel: ['sms'] })]) {
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'RESOURCE_002', message: ERROR_CATALOG.RESOURCE_002.message });
    }
    expect((await owner.get(`/v3/templates/${own.id}`)).body.data).toEqual(own);
  });
});
