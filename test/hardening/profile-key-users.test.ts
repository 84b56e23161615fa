/**
 * Issue 25 row 15: a profile-scoped admin key changed organization-wide users' roles (and could
 * invite and remove them), which the README's role table never allowed. Users are the
 * organization's dashboard access (docs/decisions/0019): only organization owner and admin keys
 * manage them (docs/decisions/0044); a profile key still reads them.
 */
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/errors/catalog.js';
import { client } from '../support/app.js';
import { sim } from '../support/sim.js';
import { anInvite, demoApp, DEMO_USER_IDS } from '../support/users.js';

describe('a profile key and the organization’s users', () => {
  it('refuses a profile admin key’s role change, invite and removal, sandbox or not, and changes nothing (issue 25 row 15)', async () => {
    const { app, owner } = demoApp();
    const profile = (await owner.get('/v3/profiles')).body.data.profiles[0].id as string;
    const profileAdmin = client(app, await sim(app, owner.key).keyFor('admin', profile));
    const before = (await owner.get('/v3/users')).body.data.users;

    const attempts = [
      profileAdmin.patch(`/v3/users/${DEMO_USER_IDS.developer}`, { role: 'admin' }),
      profileAdmin.patch(`/v3/users/${DEMO_USER_IDS.developer}`, { role: 'admin', sandbox: true }),
      profileAdmin.post('/v3/users', anInvite()),
      profileAdmin.delete(`/v3/users/${DEMO_USER_IDS.billing}`),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'AUTH_004', message: MESSAGES.notAdmin });
    }
    expect((await owner.get('/v3/users')).body.data.users).toEqual(before);
    // It still reads them, as every key of the organization does.
    expect((await profileAdmin.get(`/v3/users/${DEMO_USER_IDS.developer}`)).body.data.role).toBe('developer');
  });

  it('lets an organization admin key change a role while it acts for a profile (issue 25 row 15)', async () => {
    const { admin, owner } = demoApp();
    const profile = (await owner.get('/v3/profiles')).body.data.profiles[0].id as string;
    const res = await admin.patch(`/v3/users/${DEMO_USER_IDS.billing}`, { role: 'developer' }).set('x-profile-id', profile);
    expect(res.status).toBe(200);
    expect((await owner.get(`/v3/users/${DEMO_USER_IDS.billing}`)).body.data.role).toBe('developer');
  });
});
