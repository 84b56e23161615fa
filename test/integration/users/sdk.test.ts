import SentDm, { BadRequestError, ConflictError, NotFoundError, PermissionDeniedError } from '@sentdm/sentdm';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { seedDemoTenant } from '../../../src/store/demo.js';
import { DEMO_KEYS } from '../../../src/store/tenants.js';
import { aProfile } from '../../support/builders.js';
import { client, tenantKey, testApp } from '../../support/app.js';
import { serveForFile } from '../../support/listen.js';
import { sim } from '../../support/sim.js';
import { DEMO_USER_IDS } from '../../support/users.js';

// The official SDK, unchanged, against a listening simulator with the demo tenant.
const { app, deps } = testApp();
seedDemoTenant(deps);
const served = serveForFile(app);
const sdk = (apiKey: string) => new SentDm({ apiKey, baseURL: served.url(), maxRetries: 0 });

describe('the official SDK: users', () => {
  it('invites, retrieves, lists, changes the role of and removes a user', async () => {
    const key = tenantKey();
    const c = sdk(key);
    const invited = await c.users.invite({ email: 'newuser@example.com', name: 'New User', role: 'developer' });
    expect(invited.data).toMatchObject({ email: 'newuser@example.com', status: 'invited', last_login_at: null });
    const id = invited.data!.id!;
    expect((await c.users.retrieve(id)).data).toEqual(invited.data);

    const updated = await c.users.updateRole(id, { role: 'billing' });
    expect(updated.data?.role).toBe('billing');
    expect((await c.users.list()).data?.users).toEqual([updated.data]);

    await expect(c.users.remove(id, {})).resolves.toBeNull();
    expect((await c.users.list()).data?.users).toEqual([]);
  });

  it('lists the demo users and raises the documented errors', async () => {
    const admin = sdk(DEMO_KEYS.admin);
    expect((await admin.users.list()).data?.users?.map((u) => u.role)).toEqual(['admin', 'developer', 'billing']);

    const self = await admin.users.remove(DEMO_USER_IDS.admin, {}).catch((e: unknown) => e);
    expect(self).toBeInstanceOf(BadRequestError);
    expect((self as BadRequestError).error).toMatchObject({ error: { code: 'VALIDATION_001', message: MESSAGES.userRemoveSelf } });

    const denied = await sdk(DEMO_KEYS.developer).users.updateRole(DEMO_USER_IDS.billing, { role: 'admin' }).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(PermissionDeniedError);
    expect((denied as PermissionDeniedError).error).toMatchObject({ error: { code: 'AUTH_004', message: MESSAGES.notAdmin } });

    const exists = await admin.users.invite({ email: 'developer@demo.sent-sim.test', name: 'Again', role: 'developer' }).catch((e: unknown) => e);
    expect(exists).toBeInstanceOf(ConflictError);

    const missing = await admin.users.retrieve('not-a-user').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).error).toMatchObject({ error: { code: 'RESOURCE_006' } });
    expect((await admin.users.list()).data?.users).toHaveLength(3);
  });
});

describe('the official SDK: me', () => {
  it('retrieves the organization, and a profile with x-profile-id', async () => {
    const key = tenantKey();
    const c = sdk(key);
    const profile = (await client(app, key).post('/v3/profiles', aProfile())).body.data;
    const org = await c.me.retrieve();
    expect(org.data).toMatchObject({ type: 'organization', organization_id: null, profiles: [expect.objectContaining({ id: profile.id, role: 'owner' })] });
    expect(org.data?.channels).toMatchObject({ sms: { configured: true }, whatsapp: { configured: true }, rcs: { configured: false } });
    const scoped = await c.me.retrieve({ 'x-profile-id': profile.id });
    expect(scoped.data).toMatchObject({ id: profile.id, type: 'profile', organization_id: org.data?.id, short_name: 'SALES', status: 'incomplete', profiles: [] });
  });
});

describe('the official SDK: numbers', () => {
  it('looks a number up, sending the + literally in the path', async () => {
    const key = tenantKey();
    const res = await sdk(key).numbers.lookup('+12025551234');
    expect(res.data).toMatchObject({ phone_number: '+12025551234', is_valid: true, carrier_name: 'T-Mobile', country_code: 'US', mobile_country_code: '310', mobile_network_code: '260' });
    const { requests } = (await client(app, key).get('/_sim/requests')).body as { requests: Array<{ path: string; operation: string | null }> };
    expect(requests.find((r) => r.operation === 'lookupNumber')?.path).toBe('/v3/numbers/lookup/+12025551234');
  });

  it('raises NotFoundError for an invalid number and BadRequestError for a malformed one', async () => {
    const c = sdk(tenantKey());
    const invalid = await c.numbers.lookup('+1234567890').catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(NotFoundError);
    expect((invalid as NotFoundError).error).toMatchObject({ error: { code: 'RESOURCE_013', message: MESSAGES.numberNotFound } });
    const malformed = await c.numbers.lookup('2025551234').catch((e: unknown) => e);
    expect(malformed).toBeInstanceOf(BadRequestError);
    expect((malformed as BadRequestError).error).toMatchObject({ error: { code: 'VALIDATION_002' } });
  });

  it('is answered for a profile key too', async () => {
    const key = tenantKey();
    const profile = (await client(app, key).post('/v3/profiles', aProfile())).body.data;
    const profileKey = await sim(app, key).keyFor('developer', profile.id);
    expect((await sdk(profileKey).numbers.lookup('+447400123456')).data?.carrier_name).toBe('EE');
  });
});
