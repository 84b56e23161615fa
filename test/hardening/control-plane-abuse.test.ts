/**
 * Issue 15: one request must never take the shared simulator down — the control plane.
 * Rows 1 (the clock past year 9999), 2 (a huge tenant view), 4 (roles on /_sim), 7 (a hostile
 * import), 10 (an Idempotency-Key reused on another operation), and reset. Each test fails on
 * the behaviour the issue measured; the process must still answer afterwards.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/errors/catalog.js';
import { seedDemoTenant } from '../../src/store/demo.js';
import { DEMO_KEYS } from '../../src/store/tenants.js';
import { client, testApp, type SimApp } from '../support/app.js';
import { aBrand, aProfile } from '../support/builders.js';
import { aCampaignRequest } from '../support/campaign-builders.js';
import { aTemplate } from '../support/template-builders.js';
import { sim } from '../support/sim.js';
import { expectCleanError } from './hostile-support.js';
import { exportedState } from './support.js';

const YEAR_9999_END = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** The process is up and the tenant still reads: the API, the view and the journal. */
async function stillServes(app: SimApp, key: string) {
  const c = client(app, key);
  expect((await c.get('/v3/profiles')).status).toBe(200);
  expect((await c.get('/_sim/tenant')).status).toBe(200);
  const journal = await c.get('/_sim/requests');
  expect(journal.status).toBe(200);
  for (const entry of journal.body.requests as Array<{ at: string }>) expect(entry.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$/);
}

describe('the tenant clock (issue 15 row 1)', () => {
  it('survives an import with clock_offset_ms 1e20 (issue 15 row 1)', async () => {
    const { app } = testApp();
    const c = client(app);
    await c.post('/v3/profiles', aProfile());
    const snapshot = await sim(app, c.key).export();
    const before = await exportedState(app, c.key);
    for (const offset of [1e20, Number.MAX_SAFE_INTEGER, YEAR_9999_END]) {
      const res = await sim(app, c.key).import({ ...snapshot, clock_offset_ms: offset });
      expectCleanError(res, '/_sim/import', 400);
      expect(Object.keys(res.body.errors)).toEqual(['clock_offset_ms']);
    }
    expect(await exportedState(app, c.key)).toEqual(before);
    await stillServes(app, c.key);
  });

  it('stops the clock at the end of year 9999 with a 400, however many maximal advances come (issue 15 row 1)', async () => {
    const { app } = testApp();
    const c = client(app);
    const profile = (await c.post('/v3/profiles', aProfile())).body.data;
    let refused: request.Response | undefined;
    // 315,360,000 s (10 years) is the most one advance may ask: about 800 of them reach year 9999.
    for (let i = 0; i < 1000 && !refused; i++) {
      const res = await c.post('/_sim/clock/advance', { seconds: 315_360_000 });
      if (res.status !== 200) refused = res;
    }
    expect(refused, 'an advance past year 9999 is refused').toBeDefined();
    const body = expectCleanError(refused!, '/_sim/clock/advance', 400);
    expect(body.errors).toEqual({ seconds: [MESSAGES.clockPastYear9999] });
    // Within ten years of the end: the next maximal advance would pass it.
    const { now } = (await c.get('/_sim/tenant')).body;
    expect(Number(now.slice(0, 4))).toBeGreaterThanOrEqual(9989);
    expect((await c.post('/_sim/clock/advance', { seconds: (YEAR_9999_END - Date.parse(now)) / 1000 - 60 })).status).toBe(200);
    expect((await c.get('/_sim/tenant')).body.now.slice(0, 4)).toBe('9999');
    // What the late clock stamps still has Sent's format, and the tenant keeps working.
    const patched = await c.patch(`/v3/profiles/${profile.id}`, { description: 'late' });
    expect(patched.body.data.updated_at).toMatch(/^9999-/);
    expect(patched.body.meta.timestamp).toMatch(/^9999-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$/);
    expect((await c.post(`/v3/profiles/${profile.id}/complete`, { webHookUrl: 'http://127.0.0.1:9/late' })).status).toBe(400);
    await stillServes(app, c.key);
  });
});

describe('the tenant view (issue 15 row 2)', () => {
  /** A snapshot of `n` profiles and `n` of their campaigns, made from one real record of each. */
  async function bigSnapshot(app: SimApp, key: string, n: number) {
    const c = client(app, key);
    const profile = (await c.post('/v3/profiles', aProfile({ brand: aBrand(), inherit_tcr_campaign: false }))).body.data;
    expect((await c.post(`/v3/profiles/${profile.id}/campaigns`, aCampaignRequest())).status).toBe(201);
    const snapshot = await sim(app, key).export();
    const [p] = snapshot.collections.profiles!;
    const [k] = snapshot.collections.campaigns!;
    const profiles = Array.from({ length: n }, (_, i) => ({ ...p, id: randomUUID(), name: `Profile ${i}` }));
    const campaigns = profiles.map((x, i) => ({ ...k, id: randomUUID(), profileId: x.id, name: `Campaign ${i}` }));
    return { ...snapshot, collections: { ...snapshot.collections, profiles, campaigns } };
  }

  it('answers GET /_sim/tenant for 10,000 profiles and 10,000 campaigns in one page, fast (issue 15 row 2)', async () => {
    const { app } = testApp({ config: { bodyLimit: 64 * 1024 * 1024 } });
    const c = client(app);
    const snapshot = await bigSnapshot(app, c.key, 10_000);
    const imported = await sim(app, c.key).import(snapshot);
    expect(imported.status).toBe(200);
    // The import answers the view's first page only.
    expect(imported.body.profiles).toHaveLength(100);

    const started = performance.now();
    const view = await c.get('/_sim/tenant');
    const ms = performance.now() - started;
    expect(view.status).toBe(200);
    expect(view.body.totals).toMatchObject({ profiles: 10_000, campaigns: 10_000 });
    expect(view.body.profiles).toHaveLength(100);
    // The old view rendered every profile against every campaign: 5.5 s here.
    expect(ms).toBeLessThan(1000);

    const last = await c.get('/_sim/tenant?page=10&page_size=1000');
    expect(last.body.page).toEqual({ page: 10, page_size: 1000 });
    expect(last.body.profiles.map((p: { name: string }) => p.name)).toEqual(Array.from({ length: 1000 }, (_, i) => `Profile ${9000 + i}`));
    expect((await c.get('/_sim/tenant?page=11&page_size=1000')).body.profiles).toEqual([]);
    const tooBig = await c.get('/_sim/tenant?page_size=100000');
    expectCleanError(tooBig, '/_sim/tenant', 400);
  });
});

describe('control-plane roles (issue 15 row 4)', () => {
  it('lets developer, billing and profile keys change nothing through /_sim, and shows the signing secret to owner and admin only (issue 15 row 4)', async () => {
    const { app } = testApp();
    const owner = client(app);
    const control = sim(app, owner.key);
    const profile = (await owner.post('/v3/profiles', aProfile())).body.data;
    const keys = {
      developer: await control.keyFor('developer'),
      billing: await control.keyFor('billing'),
      'profile (admin)': await control.keyFor('admin', profile.id),
      'profile (owner)': await control.keyFor('owner', profile.id),
    };
    const snapshot = await control.export();
    const writes: Array<[string, (c: ReturnType<typeof client>) => request.Test]> = [
      ['PATCH /_sim/tenant', (c) => c.patch('/_sim/tenant', { settings: { callback_max_attempts: 5 } })],
      ['POST /_sim/tenant/keys', (c) => c.post('/_sim/tenant/keys', { role: 'owner' })],
      ['POST /_sim/clock/advance', (c) => c.post('/_sim/clock/advance', { seconds: 3600 })],
      ['POST /_sim/import', (c) => c.post('/_sim/import', { ...snapshot, collections: { ...snapshot.collections, profiles: [] } })],
      ['POST /_sim/reset', (c) => c.post('/_sim/reset')],
      ['PUT /_sim/scenarios/active', (c) => c.put('/_sim/scenarios/active', { name: 'completion-failed' })],
      ['DELETE /_sim/tenant', (c) => c.delete('/_sim/tenant')],
    ];
    const before = await exportedState(app, owner.key);
    let checked = 0;
    for (const [kind, key] of Object.entries(keys)) {
      const c = client(app, key);
      for (const [label, send] of writes) {
        const res = await send(c);
        expect(res.status, `${kind}: ${label}`).toBe(403);
        expect(res.body.code, `${kind}: ${label}`).toBe('AUTH_004');
        checked++;
      }
      const view = await c.get('/_sim/tenant');
      if (kind.startsWith('profile')) {
        expect(view.status, `${kind}: GET /_sim/tenant`).toBe(403);
      } else {
        expect(view.status).toBe(200);
        expect(view.body.callback_signing_secret, `${kind} sees no secret`).toBeNull();
      }
    }
    expect(checked).toBe(28);
    expect(await exportedState(app, owner.key)).toEqual(before);
    expect((await owner.get('/_sim/tenant')).body.callback_signing_secret).toMatch(/^whsec_/);
    expect((await client(app, await control.keyFor('admin')).get('/_sim/tenant')).body.callback_signing_secret).toMatch(/^whsec_/);
  });
});

describe('imports (issue 15 row 7)', () => {
  it('refuses a snapshot with a billing_contact nested 20,000 deep before replacing anything (issue 15 row 7)', async () => {
    const { app } = testApp();
    const c = client(app);
    await c.post('/v3/profiles', aProfile({ name: 'Kept' }));
    const snapshot = await sim(app, c.key).export();
    const before = await exportedState(app, c.key);
    const deep = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
    const [p] = snapshot.collections.profiles!;
    const text = JSON.stringify({ ...snapshot, collections: { ...snapshot.collections, profiles: [{ ...p, billing_contact: '§' }] } }).replace('"§"', deep);
    const res = await request(app).post('/_sim/import').set('x-api-key', c.key).set('content-type', 'application/json').send(text);
    const body = expectCleanError(res, '/_sim/import', 400);
    expect(body.errors).toEqual({ body: [MESSAGES.jsonTooDeep(32)] });
    expect(await exportedState(app, c.key)).toEqual(before);
    expect((await c.get('/v3/profiles')).body.data.profiles.map((x: { name: string }) => x.name)).toEqual(['Kept']);
    await stillServes(app, c.key);
  });

  it('refuses a snapshot that holds more records than the caps allow, whole', async () => {
    const { app } = testApp({ config: { maxProfilesPerTenant: 2, maxPendingJobsPerTenant: 1 } });
    const c = client(app);
    const first = (await c.post('/v3/profiles', aProfile())).body.data;
    const snapshot = await sim(app, c.key).export();
    const [p] = snapshot.collections.profiles!;
    const before = await exportedState(app, c.key);
    const three = [p, { ...p, id: randomUUID() }, { ...p, id: randomUUID() }];
    const tooMany = await sim(app, c.key).import({ ...snapshot, collections: { ...snapshot.collections, profiles: three } });
    expect(Object.keys(expectCleanError(tooMany, '/_sim/import', 400).errors as object)).toEqual(['collections.profiles']);
    const job = { id: 'job_1', kind: 'completion', due_at: '2030-01-01T00:00:00.0000000+00:00', key: null, payload: { profile_id: first.id, url: 'http://127.0.0.1:9/x', plan: {} } };
    const jobs = await sim(app, c.key).import({ ...snapshot, jobs: [job, { ...job, id: 'job_2' }] });
    expect(Object.keys(expectCleanError(jobs, '/_sim/import', 400).errors as object)).toEqual(['jobs']);
    expect(await exportedState(app, c.key)).toEqual(before);
  });

  it('refuses a snapshot whose record would read back out of the spec (a contact whose phone_number is true), naming the field (found by fuzzing)', async () => {
    const { app } = testApp();
    const c = client(app);
    const contact = (await c.post('/v3/contacts', { phone_number: '+14155550170' })).body.data;
    const hook = (await c.post('/v3/webhooks', { display_name: 'h', endpoint_url: 'http://127.0.0.1:9/hook', event_types: ['message'] })).body.data;
    const snapshot = await sim(app, c.key).export();
    const before = await exportedState(app, c.key);
    const broken = (name: 'contacts' | 'webhooks', field: string, value: unknown) => {
      const [record] = snapshot.collections[name]!;
      return { ...snapshot, collections: { ...snapshot.collections, [name]: [{ ...record, [field]: value }] } };
    };
    const phone = await sim(app, c.key).import(broken('contacts', 'phone_number', true));
    expect(Object.keys(expectCleanError(phone, '/_sim/import', 400).errors as object)).toEqual(['collections.contacts[0].phone_number']);
    const retries = await sim(app, c.key).import(broken('webhooks', 'retry_count', 'many'));
    expect(Object.keys(expectCleanError(retries, '/_sim/import', 400).errors as object)).toEqual(['collections.webhooks[0].retry_count']);
    expect(await exportedState(app, c.key)).toEqual(before);
    expect((await c.get(`/v3/contacts/${contact.id}`)).body.data.phone_number).toBe('+14155550170');
    expect((await c.get(`/v3/webhooks/${hook.id}`)).body.data.retry_count).toBe(hook.retry_count);
  });

  it('holds the messaging collections of a snapshot to their caps too: webhooks, contacts, templates', async () => {
    const { app } = testApp({ config: { maxWebhooksPerTenant: 1, maxContactsPerTenant: 1, maxTemplatesPerTenant: 1 } });
    const c = client(app);
    expect((await c.post('/v3/webhooks', { display_name: 'h', endpoint_url: 'http://127.0.0.1:9/hook', event_types: ['message'] })).status).toBe(201);
    expect((await c.post('/v3/contacts', { phone_number: '+14155550170' })).status).toBe(201);
    expect((await c.post('/v3/templates', aTemplate())).status).toBe(201);
    const snapshot = await sim(app, c.key).export();
    const before = await exportedState(app, c.key);
    for (const name of ['webhooks', 'contacts', 'templates'] as const) {
      const [record] = snapshot.collections[name]! as Array<{ id: string }>;
      const twice = { ...snapshot, collections: { ...snapshot.collections, [name]: [record, { ...record, id: randomUUID() }] } };
      const res = await sim(app, c.key).import(twice);
      expect(Object.keys(expectCleanError(res, '/_sim/import', 400).errors as object), name).toEqual([`collections.${name}`]);
    }
    expect(await exportedState(app, c.key)).toEqual(before);
    // The snapshot as exported, at the caps, loads.
    expect((await sim(app, c.key).import(snapshot)).status).toBe(200);
  });
});

describe('idempotency across operations (issue 15 row 10)', () => {
  it('runs a PATCH whose Idempotency-Key a create already used, instead of replaying the create (issue 15 row 10)', async () => {
    const { app } = testApp();
    const c = client(app);
    const created = await c.post('/v3/profiles', aProfile({ name: 'First' })).set('idempotency-key', 'shared-key');
    expect(created.status).toBe(201);
    const patched = await c.patch(`/v3/profiles/${created.body.data.id}`, { name: 'Renamed' }).set('idempotency-key', 'shared-key');
    expect(patched.status).toBe(200);
    expect(patched.headers['idempotent-replayed']).toBeUndefined();
    expect(patched.headers['x-sim-warning']).toBe('idempotency-key-reused-on-another-operation');
    expect(patched.body.data.name).toBe('Renamed');
    expect((await c.get(`/v3/profiles/${created.body.data.id}`)).body.data.name).toBe('Renamed');
    // The create's own replay is untouched.
    const replay = await c.post('/v3/profiles', aProfile({ name: 'First' })).set('idempotency-key', 'shared-key');
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.data.id).toBe(created.body.data.id);
    expect((await c.get('/v3/profiles')).body.data.profiles).toHaveLength(1);
  });
});

describe('reset', () => {
  it('returns the tenant clock to real time', async () => {
    const { app } = testApp();
    const c = client(app);
    await sim(app, c.key).advance(86_400 * 30);
    expect(Date.parse((await sim(app, c.key).tenant()).now) - Date.now()).toBeGreaterThan(86_400_000 * 29);
    const reset = await sim(app, c.key).reset();
    expect(reset.status).toBe(200);
    expect(reset.body.clock_offset_ms).toBe(0);
    expect(Math.abs(Date.parse(reset.body.now) - Date.now())).toBeLessThan(60_000);
  });

  it('returns the demo tenant to its seed', async () => {
    const { app, deps } = testApp();
    seedDemoTenant(deps);
    const demo = client(app, DEMO_KEYS.admin);
    const seeded = (await demo.get('/v3/profiles')).body.data.profiles;
    expect(seeded.length).toBeGreaterThan(0);
    await demo.post('/v3/profiles', aProfile({ name: 'Added by a test' }));
    await demo.delete(`/v3/profiles/${seeded[0].id}`);
    await sim(app, DEMO_KEYS.admin).advance(3600);
    expect((await sim(app, DEMO_KEYS.owner).reset()).status).toBe(200);
    // The same records, ids included; only the times are new.
    const untimed = (v: unknown) => JSON.parse(JSON.stringify(v), (k, x: unknown) => (/_at$/.test(k) ? '<time>' : x));
    expect(untimed((await demo.get('/v3/profiles')).body.data.profiles)).toEqual(untimed(seeded));
    expect((await sim(app, DEMO_KEYS.admin).tenant()).clock_offset_ms).toBe(0);
  });
});

describe('DELETE /_sim/tenant', () => {
  it('forgets the tenant and its keys; the owner key then makes a fresh one; the demo tenant stays', async () => {
    const { app, deps } = testApp();
    seedDemoTenant(deps);
    const c = client(app);
    const control = sim(app, c.key);
    const other = await control.keyFor('admin');
    await c.post('/v3/profiles', aProfile());
    const before = (await control.tenant()).organization_id;
    const count = deps.tenants.size;
    const res = await c.delete('/_sim/tenant');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(deps.tenants.size).toBe(count - 1);
    // The admin key now names nothing: as an sk_test_ key it makes a fresh organization of its own.
    expect((await sim(app, other).tenant()).organization_id).not.toBe(before);
    const fresh = await control.tenant();
    expect(fresh.organization_id).not.toBe(before);
    expect(fresh.totals.profiles).toBe(0);
    const demo = await client(app, DEMO_KEYS.owner).delete('/_sim/tenant');
    expect(expectCleanError(demo, '/_sim/tenant', 400).errors).toEqual({ tenant: [MESSAGES.demoTenantNotDeletable] });
    expect((await client(app, DEMO_KEYS.admin).get('/v3/profiles')).status).toBe(200);
  });
});
