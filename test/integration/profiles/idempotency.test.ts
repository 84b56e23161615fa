import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { HOUR } from '../../../src/util/time.js';
import { aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';


describe('Idempotency-Key', () => {
  it('refuses a malformed key with 400 VALIDATION_007 and stores nothing', async () => {
    const { app } = testApp();
    const c = client(app);
    for (const key of ['has space', 'semi;colon', 'x'.repeat(256)]) {
      const res = await c.post('/v3/profiles', aProfile()).set('Idempotency-Key', key);
      expect(res.status, key).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_007', message: MESSAGES.invalidIdempotencyKey });
    }
    expect((await c.get('/v3/profiles')).body.data.profiles).toEqual([]);
  });

  it('replays the first response with Idempotent-Replayed and X-Original-Request-Id', async () => {
    const { app } = testApp();
    const c = client(app);
    const first = await c.post('/v3/profiles', aProfile()).set('Idempotency-Key', 'req_abc123_retry1');
    const again = await c.post('/v3/profiles', aProfile()).set('Idempotency-Key', 'req_abc123_retry1');
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['x-original-request-id']).toBe(first.headers['x-request-id']);
    expect(again.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    expect(again.headers['x-sim-warning']).toBeUndefined();
    expect((await c.get('/v3/profiles')).body.data.profiles).toHaveLength(1);
  });

  it('replays the first response for a reused key with a different body, and says so', async () => {
    const { app } = testApp();
    const c = client(app);
    const first = await c.post('/v3/profiles', aProfile({ name: 'First' })).set('Idempotency-Key', 'k1');
    const second = await c.post('/v3/profiles', aProfile({ name: 'Second' })).set('Idempotency-Key', 'k1');
    expect(second.body.data.name).toBe('First');
    expect(second.headers['x-sim-warning']).toBe('idempotency-key-reused-with-different-body');
    expect(second.body.data.id).toBe(first.body.data.id);
    expect((await c.get('/v3/profiles')).body.data.profiles.map((p: { name: string }) => p.name)).toEqual(['First']);
  });

  it('does not cache errors: a corrected retry with the same key runs', async () => {
    const { app } = testApp();
    const c = client(app);
    expect((await c.post('/v3/profiles', { short_name: 'SALES' }).set('Idempotency-Key', 'k2')).status).toBe(400);
    const ok = await c.post('/v3/profiles', aProfile()).set('Idempotency-Key', 'k2');
    expect(ok.status).toBe(201);
    expect(ok.headers['idempotent-replayed']).toBeUndefined();
  });

  it('runs concurrent duplicates exactly once', async () => {
    const { app } = testApp();
    const c = client(app);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => c.post('/v3/profiles', aProfile()).set('Idempotency-Key', 'burst')),
    );
    const ids = new Set(responses.map((r) => r.body.data.id));
    expect(responses.every((r) => r.status === 201)).toBe(true);
    expect(ids.size).toBe(1);
    expect((await c.get('/v3/profiles')).body.data.profiles).toHaveLength(1);
  });

  it('expires after 24 hours of the tenant’s clock', async () => {
    const { app } = testApp();
    const c = client(app);
    const first = await c.post('/v3/profiles', aProfile()).set('Idempotency-Key', 'daily');
    const clock = sim(app, c.key);
    await clock.advance((24 * HOUR - 1000) / 1000);
    expect((await c.post('/v3/profiles', aProfile()).set('Idempotency-Key', 'daily')).body.data.id).toBe(first.body.data.id);
    await clock.advance(1);
    const fresh = await c.post('/v3/profiles', aProfile()).set('Idempotency-Key', 'daily');
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    expect(fresh.body.data.id).not.toBe(first.body.data.id);
    expect((await c.get('/v3/profiles')).body.data.profiles).toHaveLength(2);
  });

  it('keeps keys independent between tenants', async () => {
    const { app } = testApp();
    const a = client(app);
    const b = client(app);
    const ra = await a.post('/v3/profiles', aProfile()).set('Idempotency-Key', 'shared');
    const rb = await b.post('/v3/profiles', aProfile()).set('Idempotency-Key', 'shared');
    expect(rb.headers['idempotent-replayed']).toBeUndefined();
    expect(rb.body.data.id).not.toBe(ra.body.data.id);
    expect((await b.get('/v3/profiles')).body.data.profiles).toHaveLength(1);
  });

  it('is ignored on GET and DELETE', async () => {
    const { app } = testApp();
    const c = client(app);
    const p = (await c.post('/v3/profiles', aProfile())).body.data;
    const get = await c.get('/v3/profiles').set('Idempotency-Key', 'bad key ignored');
    expect(get.status).toBe(200);
    expect((await c.delete(`/v3/profiles/${p.id}`).set('Idempotency-Key', 'd')).status).toBe(204);
    expect((await c.delete(`/v3/profiles/${p.id}`).set('Idempotency-Key', 'd')).status).toBe(404);
  });
});
