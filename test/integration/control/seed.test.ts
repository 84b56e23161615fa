import { describe, expect, it } from 'vitest';
import { seedDemoTenant } from '../../../src/store/demo.js';
import { DEMO_KEYS } from '../../../src/store/tenants.js';
import { aBrand, aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';

/** Everything that is not time: ids, names, generated data. */
function stable(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) => (/(_at|At|timestamp|request_id|now)$/.test(key) ? '<time>' : v));
}

async function run(seed: number) {
  const { app, deps } = testApp({ seed });
  seedDemoTenant(deps);
  const demo = client(app, DEMO_KEYS.admin);
  const other = client(app, 'sk_test_fixed_key_for_seed_test');
  const created = await other.post('/v3/profiles', aProfile({ brand: aBrand() }));
  const sandbox = await other.patch('/v3/profiles/3f1c2a9e-5b7d-4c8e-9f0a-1b2c3d4e5f60', { sandbox: true, name: 'x' });
  return stable([(await demo.get('/v3/profiles')).body.data, created.body.data, sandbox.body.data, (await other.get('/_sim/tenant')).body.organization_id]);
}

describe('--seed', () => {
  it('makes generated ids and demo data identical across runs', async () => {
    const first = await run(42);
    expect(await run(42)).toEqual(first);
    expect(await run(43)).not.toEqual(first);
  });
});

describe('the demo organization', () => {
  it('holds profiles that complete with the complete call alone: they ask to inherit its brand and campaign (issue 22)', async () => {
    const { app, deps } = testApp();
    seedDemoTenant(deps);
    const demo = client(app, DEMO_KEYS.admin);
    const [profile] = (await demo.get('/v3/profiles')).body.data.profiles as Array<{ id: string; inherit_tcr_brand: boolean; inherit_tcr_campaign: boolean }>;
    expect(profile).toMatchObject({ inherit_tcr_brand: true, inherit_tcr_campaign: true });
    expect((await demo.post(`/v3/profiles/${profile!.id}/complete`, { webHookUrl: 'http://127.0.0.1:9/hook' })).status).toBe(202);
    await demo.post('/_sim/clock/advance', { seconds: 2 });
    expect((await demo.get(`/v3/profiles/${profile!.id}`)).body.data.status).toBe('approved');
  });
});
