import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import type { Role } from '../../../src/store/types.js';
import { aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';

async function setup() {
  const t = testApp();
  const owner = client(t.app);
  const profile = (await owner.post('/v3/profiles', aProfile())).body.data;
  const other = (await owner.post('/v3/profiles', aProfile({ name: 'Other' }))).body.data;
  const keyFor = async (role: Role, profileId: string | null = null) => client(t.app, await sim(t.app, owner.key).keyFor(role, profileId));
  return { ...t, owner, profile, other, keyFor };
}

describe('roles', () => {
  it.each<Role>(['developer', 'billing'])('lets %s read but not create, update, delete', async (role) => {
    const { keyFor, profile, owner } = await setup();
    const c = await keyFor(role);
    expect((await c.get('/v3/profiles')).status).toBe(200);
    expect((await c.get(`/v3/profiles/${profile.id}`)).status).toBe(200);
    for (const res of [
      await c.post('/v3/profiles', aProfile()),
      await c.patch(`/v3/profiles/${profile.id}`, { name: 'nope' }),
      await c.delete(`/v3/profiles/${profile.id}`),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'AUTH_004', message: ERROR_CATALOG.AUTH_004.message });
    }
    const after = (await owner.get(`/v3/profiles/${profile.id}`)).body.data;
    expect(after).toEqual(profile);
    expect((await owner.get('/v3/profiles')).body.data.profiles).toHaveLength(2);
  });

  it('lets admin create, update and delete', async () => {
    const { keyFor, profile } = await setup();
    const admin = await keyFor('admin');
    expect((await admin.post('/v3/profiles', aProfile())).status).toBe(201);
    expect((await admin.patch(`/v3/profiles/${profile.id}`, { name: 'Renamed' })).body.data.name).toBe('Renamed');
    expect((await admin.delete(`/v3/profiles/${profile.id}`)).status).toBe(204);
    expect((await admin.get(`/v3/profiles/${profile.id}`)).status).toBe(404);
  });
});

describe('profile-scoped keys', () => {
  it('read their own profile, list nothing, and get 403 on writes', async () => {
    const { keyFor, profile } = await setup();
    const p = await keyFor('admin', profile.id);
    expect((await p.get(`/v3/profiles/${profile.id}`)).body.data.id).toBe(profile.id);
    expect((await p.get('/v3/profiles')).body.data.profiles).toEqual([]);
    expect((await p.post('/v3/profiles', aProfile())).status).toBe(403);
    expect((await p.patch(`/v3/profiles/${profile.id}`, { name: 'x' })).status).toBe(403);
    expect((await p.delete(`/v3/profiles/${profile.id}`)).status).toBe(403);
  });

  it('cannot see another profile of the organization', async () => {
    const { keyFor, profile, other } = await setup();
    const res = await (await keyFor('admin', profile.id)).get(`/v3/profiles/${other.id}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('RESOURCE_014');
  });

  it('get 403 AUTH_004 when they send x-profile-id', async () => {
    const { keyFor, profile } = await setup();
    const res = await (await keyFor('admin', profile.id)).get(`/v3/profiles/${profile.id}`).set('x-profile-id', profile.id);
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'AUTH_004', message: MESSAGES.profileKeyCannotScope });
  });
});

describe('x-profile-id from an organization key', () => {
  it('is echoed as X-Profile-Id when it names a profile of the organization', async () => {
    const { owner, profile } = await setup();
    const res = await owner.get('/v3/profiles').set('x-profile-id', profile.id);
    expect(res.status).toBe(200);
    expect(res.headers['x-profile-id']).toBe(profile.id);
    expect(res.body.data.profiles).toHaveLength(2);
  });

  it('answers 404 RESOURCE_014 for a profile of another organization, a deleted one, or garbage', async () => {
    const { owner, app } = await setup();
    const stranger = client(app);
    const foreign = (await stranger.post('/v3/profiles', aProfile())).body.data;
    const mine = (await owner.post('/v3/profiles', aProfile())).body.data;
    await owner.delete(`/v3/profiles/${mine.id}`);
    for (const id of [foreign.id, mine.id, 'not-a-uuid']) {
      const res = await owner.get('/v3/profiles').set('x-profile-id', id);
      expect(res.status, id).toBe(404);
      expect(res.body.error.code).toBe('RESOURCE_014');
      expect(res.headers['x-profile-id']).toBeUndefined();
    }
  });
});
