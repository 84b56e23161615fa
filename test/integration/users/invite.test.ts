import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import { aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';
import { anInvite, demoApp } from '../../support/users.js';

function setup() {
  const { app } = testApp();
  const c = client(app);
  const control = sim(app, c.key);
  const users = async () => (await c.get('/v3/users')).body.data.users as Array<Record<string, unknown>>;
  const accept = (id: string) => request(app).post(`/_sim/users/${id}/accept`).set('x-api-key', c.key);
  return { app, c, control, users, accept };
}

describe('POST /v3/users', () => {
  it('invites a user: 201, status invited, invited_at by the tenant clock, listed and retrievable', async () => {
    const { c, control, users } = setup();
    const { now } = await control.advance(3600);
    const res = await c.post('/v3/users', anInvite());
    expect(res.status).toBe(201);
    const user = res.body.data;
    expect(user).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      customer_id: (await control.tenant()).organization_id,
      email: 'newuser@example.com',
      name: 'New User',
      role: 'developer',
      status: 'invited',
      invited_at: user.created_at,
      last_login_at: null,
      created_at: expect.any(String),
      updated_at: null,
    });
    expect(Date.parse(user.invited_at)).toBeGreaterThanOrEqual(Date.parse(now) - 1);
    expect(await users()).toEqual([user]);
    expect((await c.get(`/v3/users/${user.id}`)).body.data).toEqual(user);
  });

  it('lists users in the order they were invited', async () => {
    const { c, users } = setup();
    for (const role of ['admin', 'billing', 'developer']) await c.post('/v3/users', anInvite({ email: `${role}@example.com`, role }));
    expect((await users()).map((u) => u.role)).toEqual(['admin', 'billing', 'developer']);
  });

  it('refuses an email already present, whatever its case, with 409 RESOURCE_007', async () => {
    const { c, users } = setup();
    const first = (await c.post('/v3/users', anInvite())).body.data;
    const res = await c.post('/v3/users', anInvite({ email: 'NewUser@Example.com', role: 'admin' }));
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'RESOURCE_007', message: MESSAGES.userExists });
    expect(await users()).toEqual([first]);
  });

  it('refuses a bad email and role with both fields in details, storing nothing', async () => {
    const { c, users } = setup();
    const res = await c.post('/v3/users', anInvite({ email: 'not-an-email', role: 'owner' }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'VALIDATION_001',
      details: { email: [MESSAGES.userEmailInvalid], role: ['Role must be one of: admin, billing, developer'] },
    });
    expect(await users()).toEqual([]);
  });

  it.each([
    ['no email', { email: undefined }, 'email'],
    ['no name', { name: undefined }, 'name'],
    ['no role', { role: undefined }, 'role'],
    ['an empty name', { name: '' }, 'name'],
    ['an email past 254 characters', { email: `${'a'.repeat(250)}@example.com` }, 'email'],
    ['a name past 255 characters', { name: 'n'.repeat(256) }, 'name'],
  ])('refuses %s with 400 VALIDATION_001 naming the field', async (_, override, field) => {
    const { c, users } = setup();
    const res = await c.post('/v3/users', anInvite(override));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_001');
    expect(Object.keys(res.body.error.details)).toEqual([field]);
    expect(await users()).toEqual([]);
  });

  it('in sandbox answers the invitation, checks no existing email, and stores nothing', async () => {
    const { c, users } = setup();
    const first = (await c.post('/v3/users', anInvite())).body.data;
    const res = await c.post('/v3/users', anInvite({ sandbox: true }));
    expect(res.status).toBe(201);
    expect(res.headers['x-sandbox']).toBe('true');
    expect(res.body.data).toMatchObject({ email: 'newuser@example.com', status: 'invited' });
    expect(await users()).toEqual([first]);
  });

  it.each(['developer', 'billing'])('is refused to a %s key with 403 AUTH_004 and Sent\'s wording', async (role) => {
    const { app, control, users } = setup();
    const key = client(app, await control.keyFor(role));
    const res = await key.post('/v3/users', anInvite());
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'AUTH_004', message: MESSAGES.notAdmin });
    expect(await users()).toEqual([]);
    // 403 before validation: a bad body from a non-admin is still a 403.
    expect((await key.post('/v3/users', {})).status).toBe(403);
  });

  it('is refused to an admin profile key: users are the organization’s (docs/decisions/0044)', async () => {
    const { c, app, control, users } = setup();
    const profile = (await c.post('/v3/profiles', aProfile())).body.data;
    const key = client(app, await control.keyFor('admin', profile.id));
    const res = await key.post('/v3/users', anInvite());
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'AUTH_004', message: MESSAGES.notAdmin });
    expect(await users()).toEqual([]);
  });

  it('is allowed to an organization admin key acting for a profile (x-profile-id); the user belongs to the organization', async () => {
    const { c, app, control, users } = setup();
    const profile = (await c.post('/v3/profiles', aProfile())).body.data;
    const admin = client(app, await control.keyFor('admin'));
    const res = await admin.post('/v3/users', anInvite()).set('x-profile-id', profile.id);
    expect(res.status).toBe(201);
    expect(await users()).toEqual([res.body.data]);
  });

  it('is in the sensitive rate tier (10 a minute) when rate limits are on', async () => {
    const { c, control } = setup();
    expect((await control.patchTenant({ settings: { rate_limits: true } })).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await c.post('/v3/users', anInvite({ email: `u${i}@example.com` }))).status).toBe(201);
    const limited = await c.post('/v3/users', anInvite({ email: 'u10@example.com' }));
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('BUSINESS_002');
    expect(limited.headers['x-ratelimit-limit']).toBe('10');
    expect((await c.get('/v3/users')).body.data.users).toHaveLength(10);
    await control.advance(60);
    expect((await c.post('/v3/users', anInvite({ email: 'u10@example.com' }))).status).toBe(201);
  });
});

describe('POST /_sim/users/{id}/accept', () => {
  it('turns an invitation active, sets updated_at, and is read back', async () => {
    const { c, control, users, accept } = setup();
    const invited = (await c.post('/v3/users', anInvite())).body.data;
    await control.advance(600);
    const res = await accept(invited.id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...invited, status: 'active', updated_at: expect.any(String) });
    expect(Date.parse(res.body.updated_at) - Date.parse(invited.invited_at)).toBeGreaterThanOrEqual(600_000);
    expect(await users()).toEqual([res.body]);
  });

  it('answers an active user unchanged', async () => {
    const { c, accept } = setup();
    const invited = (await c.post('/v3/users', anInvite())).body.data;
    const active = (await accept(invited.id)).body;
    const again = await accept(invited.id);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(active);
  });

  it('answers an unknown id with a 404 problem', async () => {
    const { accept } = setup();
    const res = await accept('nobody');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'RESOURCE_006', detail: ERROR_CATALOG.RESOURCE_006.message });
  });

  it('is refused to a developer key (the control plane is read-only for it)', async () => {
    const { owner, developer } = demoApp();
    const invited = (await owner.post('/v3/users', anInvite())).body.data;
    const res = await developer.post(`/_sim/users/${invited.id}/accept`);
    expect(res.status).toBe(403);
    expect((await owner.get(`/v3/users/${invited.id}`)).body.data.status).toBe('invited');
  });
});
