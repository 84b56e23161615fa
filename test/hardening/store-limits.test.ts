/**
 * Issue 15 row 3: every store is bounded, with a flag and a clear Sent error when full
 * (docs/decisions/0022) — tenants, keys, pending jobs, the idempotency cache in bytes, the
 * journal and the delivery log — and the lengths of API keys, URLs and stored strings are capped.
 * A refused request changes nothing (read back); the tenant keeps working afterwards.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../src/errors/catalog.js';
import { client, testApp } from '../support/app.js';
import { aCompletingProfile, aProfile } from '../support/builders.js';
import { closedPort } from '../support/listen.js';
import { sim } from '../support/sim.js';
import { expectCleanError } from './hostile-support.js';
import { exportedState } from './support.js';

describe('tenants (issue 15 row 3)', () => {
  it('refuses a new sk_test_ key past --max-tenants with 503 INTERNAL_005 and keeps serving the others (issue 15 row 3)', async () => {
    const { app, deps } = testApp({ config: { maxTenants: 3, tenantIdleMs: 0 } });
    const keys = [client(app), client(app), client(app)];
    for (const c of keys) expect((await c.post('/v3/profiles', aProfile())).status).toBe(201);
    const refused = await client(app).get('/v3/profiles');
    expectCleanError(refused, '/v3/profiles', 503);
    expect(refused.body.error).toMatchObject({ code: 'INTERNAL_005', message: MESSAGES.tenantCap(3) });
    expect(deps.tenants.size).toBe(3);
    for (const c of keys) expect((await c.get('/v3/profiles')).body.data.profiles).toHaveLength(1);
    // A run that cleans up after itself frees its place.
    expect((await keys[0]!.delete('/_sim/tenant')).status).toBe(204);
    expect((await client(app).get('/v3/profiles')).status).toBe(200);
  });

  it('makes room by forgetting the least recently used tenant once it has been idle --tenant-idle-ttl', async () => {
    let now = Date.UTC(2026, 0, 1);
    const { app } = testApp({ realNow: () => now, config: { maxTenants: 2, tenantIdleMs: 60_000 } });
    const [old, recent] = [client(app), client(app)];
    await old.post('/v3/profiles', aProfile({ name: 'Old' }));
    now += 30_000;
    await recent.post('/v3/profiles', aProfile({ name: 'Recent' }));
    // Nobody idle for a minute yet: full.
    expect((await client(app).get('/v3/profiles')).status).toBe(503);
    now += 40_000;
    const newcomer = client(app);
    expect((await newcomer.get('/v3/profiles')).status).toBe(200);
    // The idle one is gone (its key would make a fresh tenant); the recent one is intact.
    expect((await recent.get('/v3/profiles')).body.data.profiles.map((p: { name: string }) => p.name)).toEqual(['Recent']);
    now += 61_000;
    expect((await old.get('/v3/profiles')).body.data.profiles).toEqual([]);
  });

  it('treats an API key longer than 255 characters as unknown, and makes no tenant for it', async () => {
    const { app, deps } = testApp();
    const res = await client(app, `sk_test_${'k'.repeat(248)}`).get('/v3/profiles');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('AUTH_002');
    expect(deps.tenants.size).toBe(0);
    expect((await client(app, `sk_test_${'k'.repeat(247)}`).get('/v3/profiles')).status).toBe(200);
  });
});

describe('keys per tenant (issue 15 row 3)', () => {
  it('refuses a key past --max-keys with 400 BUSINESS_008 and adds nothing', async () => {
    const { app } = testApp({ config: { maxKeysPerTenant: 3 } });
    const c = client(app);
    const control = sim(app, c.key);
    expect((await control.createKey({ role: 'developer' })).status).toBe(201);
    expect((await control.createKey({ role: 'billing' })).status).toBe(201);
    const refused = await control.createKey({ role: 'admin' });
    expect(expectCleanError(refused, '/_sim/tenant/keys', 400)).toMatchObject({ code: 'BUSINESS_008', detail: MESSAGES.keyCap(3) });
    expect((await control.tenant()).keys).toHaveLength(3);
  });
});

describe('pending jobs per tenant (issue 15 row 3)', () => {
  async function readyProfiles(app: Parameters<typeof client>[0], n: number) {
    const c = client(app);
    await sim(app, c.key).organization({ campaigns: 1 });
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await c.post('/v3/profiles', aCompletingProfile())).body.data.id);
    return { c, ids };
  }

  it('refuses a completion past --max-pending-jobs with 400 BUSINESS_008, scheduling nothing, until jobs run', async () => {
    const { app } = testApp({ config: { maxPendingJobsPerTenant: 2 } });
    const { c, ids } = await readyProfiles(app, 3);
    const url = `http://127.0.0.1:${await closedPort()}/hook`;
    expect((await c.post(`/v3/profiles/${ids[0]}/complete`, { webHookUrl: url })).status).toBe(202);
    expect((await c.post(`/v3/profiles/${ids[1]}/complete`, { webHookUrl: url })).status).toBe(202);
    const refused = await c.post(`/v3/profiles/${ids[2]}/complete`, { webHookUrl: url });
    expectCleanError(refused, '/v3/profiles', 400);
    expect(refused.body.error).toMatchObject({ code: 'BUSINESS_008', message: MESSAGES.pendingJobsCap(2) });
    expect((await sim(app, c.key).tenant()).totals.pending_jobs).toBe(2);
    await sim(app, c.key).advance(2);
    expect((await c.post(`/v3/profiles/${ids[2]}/complete`, { webHookUrl: url })).status).toBe(202);
  });

  it('still schedules the retries of a delivery already admitted when the cap is reached', async () => {
    const { app } = testApp({ config: { maxPendingJobsPerTenant: 1 } });
    const { c, ids } = await readyProfiles(app, 1);
    await sim(app, c.key).patchTenant({ settings: { callback_max_attempts: 3 } });
    expect((await c.post(`/v3/profiles/${ids[0]}/complete`, { webHookUrl: `http://127.0.0.1:${await closedPort()}/hook` })).status).toBe(202);
    await sim(app, c.key).advance(2);
    const [attempt] = await sim(app, c.key).callbacks();
    expect(attempt).toMatchObject({ attempt: 1, delivered: false, next_attempt_at: expect.any(String) });
    expect((await sim(app, c.key).tenant()).pending_jobs).toEqual([expect.objectContaining({ kind: 'delivery.attempt' })]);
  });
});

describe('the idempotency cache (issue 15 row 3)', () => {
  it('answers 503 SERVICE_001 to a new key once the tenant’s cached responses reach --idempotency-cache-bytes, storing nothing (issue 15 row 3)', async () => {
    const { app } = testApp({ config: { idempotencyBytesPerTenant: 20_000 } });
    const c = client(app);
    let refused: request.Response | undefined;
    let cached = 0;
    for (let i = 0; i < 100 && !refused; i++) {
      const res = await c.post('/v3/profiles', aProfile({ name: `P${i}`, description: 'd'.repeat(2000) })).set('idempotency-key', `key-${i}`);
      if (res.status === 201) cached++;
      else refused = res;
    }
    expect(cached).toBeGreaterThan(1);
    expect(cached).toBeLessThan(10);
    expectCleanError(refused!, '/v3/profiles', 503);
    expect(refused!.body.error).toMatchObject({ code: 'SERVICE_001', message: MESSAGES.idempotencyCacheFull(20_000) });
    expect((await c.get('/v3/profiles')).body.data.profiles).toHaveLength(cached);
    // Replays still work; requests without a key still run; 24 h later the cache has room again.
    const replay = await c.post('/v3/profiles', aProfile({ name: 'P0', description: 'd'.repeat(2000) })).set('idempotency-key', 'key-0');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect((await c.post('/v3/profiles', aProfile())).status).toBe(201);
    await sim(app, c.key).advance(24 * 3600 + 1);
    expect((await c.post('/v3/profiles', aProfile()).set('idempotency-key', 'after-a-day')).status).toBe(201);
  });

  it('counts sandbox answers too, which store nothing else', async () => {
    const { app } = testApp({ config: { idempotencyBytesPerTenant: 20_000 } });
    const c = client(app);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      statuses.push((await c.post('/v3/profiles', aProfile({ description: 'd'.repeat(4000), sandbox: true })).set('idempotency-key', `sandbox-${i}`)).status);
    }
    expect(statuses).toContain(503);
    expect(statuses.filter((s) => s === 201).length).toBeLessThan(10);
    expect(ERROR_CATALOG.SERVICE_001.status).toBe(503);
  });
});

describe('journal and delivery log sizes (issue 15 row 3)', () => {
  it('keeps the newest --journal-size requests and --delivery-log-size attempts', async () => {
    const { app } = testApp({ config: { journalSize: 5, deliveryLogSize: 2 } });
    const c = client(app);
    await sim(app, c.key).organization({ campaigns: 1 });
    const url = `http://127.0.0.1:${await closedPort()}/hook`;
    for (let i = 0; i < 3; i++) {
      const id = (await c.post('/v3/profiles', aCompletingProfile())).body.data.id;
      await c.post(`/v3/profiles/${id}/complete`, { webHookUrl: url });
    }
    await sim(app, c.key).advance(2);
    const journal = (await c.get('/_sim/requests')).body;
    expect(journal.requests).toHaveLength(5);
    expect(journal.dropped).toBeGreaterThan(0);
    const deliveries = (await c.get('/_sim/deliveries')).body;
    expect(deliveries.deliveries).toHaveLength(2);
    expect(deliveries.dropped).toBe(1);
  });

  it('holds in the process-wide body budget only the entries journals still show, through resets and deleted tenants', async () => {
    const { app, deps } = testApp({ config: { journalSize: 5 } });
    const a = client(app);
    const b = client(app);
    for (let i = 0; i < 40; i++) await (i % 2 ? a : b).patch('/_sim/tenant', { settings: { processing_delay_seconds: i } });
    // Five bodies per journal; the rest left with their entries (GET /_sim/requests has no body).
    expect(deps.journalBodies.queued).toBe(10);
    // A reset empties the journal, whose first entry is then the reset itself.
    await sim(app, a.key).reset();
    expect(deps.journalBodies.queued).toBe(6);
    // A deleted tenant's entries go, the DELETE's own included.
    await b.delete('/_sim/tenant');
    expect(deps.journalBodies.queued).toBe(1);
  });
});

describe('lengths (issue 15 row 3)', () => {
  it('answers a request target over 2,048 characters with 414, in the envelope on /v3 and a problem on /_sim', async () => {
    const { app } = testApp();
    const c = client(app);
    const long = `/v3/profiles?q=${'x'.repeat(2048)}`;
    const res = await c.get(long);
    expectCleanError(res, '/v3/profiles', 414);
    expect(res.body.error.details).toEqual({ path: [MESSAGES.urlTooLong(2048)] });
    expectCleanError(await c.get(`/_sim/tenant?q=${'x'.repeat(2048)}`), '/_sim/tenant', 414);
    expect((await c.get(`/v3/profiles?q=${'x'.repeat(2048 - '/v3/profiles?q='.length)}`)).status).toBe(200);
  });

  it('refuses request strings past the spec’s maxLength and past --max-string-length, naming the field, storing nothing', async () => {
    const { app } = testApp();
    const c = client(app);
    const before = await exportedState(app, c.key);
    const name = await c.post('/v3/profiles', aProfile({ name: 'n'.repeat(256) }));
    expect(name.status).toBe(400);
    expect(name.body.error.details).toEqual({ name: ['The name field must be at most 255 characters'] });
    const url = await c.post('/v3/profiles/5d2b8c4e-1f3a-4b6c-8d9e-0a1b2c3d4e5f/complete', { webHookUrl: `https://example.com/${'a'.repeat(2048)}` });
    expect(url.status).toBe(400);
    expect(Object.keys(url.body.error.details)).toEqual(['webHookUrl']);
    // A field no schema reads is capped too (every string a client sends may be journalled or echoed).
    const unknown = await c.post('/v3/profiles', { ...aProfile(), notes: { deep: ['x'.repeat(10_001)] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual({ 'notes.deep[0]': [MESSAGES.stringTooLong(10_000)] });
    const key = await c.post('/v3/profiles', { ...aProfile(), extra: { ['k'.repeat(256)]: 1 } });
    expect(key.body.error.details).toEqual({ extra: [MESSAGES.keyTooLong(255)] });
    // Escapes count as the characters they stand for: 10,000 of them pass.
    const escaped = `{"name":"ok","notes":"${'\\u00e9'.repeat(10_000)}"}`;
    expect((await request(app).post('/v3/profiles').set('x-api-key', c.key).set('content-type', 'application/json').send(escaped)).status).toBe(201);
    const after = (await exportedState(app, c.key)) as { collections: { profiles: unknown[] } };
    expect(after.collections.profiles).toHaveLength(1);
    expect((before as { collections: { profiles: unknown[] } }).collections.profiles).toHaveLength(0);
  });
});
