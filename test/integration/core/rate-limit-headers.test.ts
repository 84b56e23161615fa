// Issue 22 (decisions §14, docs/decisions/0056): X-RateLimit-Limit, -Remaining and -Reset on every
// /v3 response, success and error, per account (organization or profile, not key) and tier,
// whether or not enforcement is on; 429 BUSINESS_002 with Retry-After only when it is on.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '../../../src/http/rate-limit.js';
import { aProfile } from '../../support/builders.js';
import { client, stillClock, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';

const UNKNOWN = '3f1c2a9e-5b7d-4c8e-9f0a-1b2c3d4e5f60';

function rate(res: { headers: Record<string, string | undefined> }) {
  return { limit: res.headers['x-ratelimit-limit'], remaining: res.headers['x-ratelimit-remaining'], reset: Number(res.headers['x-ratelimit-reset']) };
}

describe('X-RateLimit-* on every /v3 response', () => {
  it('counts an account’s requests in its tier, on successes and errors alike, enforcement off', async () => {
    const now = Date.parse('2026-11-12T10:00:20Z');
    const { app } = testApp({ realNow: stillClock(now) });
    const c = client(app);
    const first = await c.get('/v3/profiles');
    expect(first.status).toBe(200);
    expect(rate(first)).toEqual({ limit: '200', remaining: '199', reset: Math.ceil((now + 60_000) / 1000) });
    // An error counted at the same stage (a 404 of the handler) takes one too.
    const missing = await c.get(`/v3/contacts/${UNKNOWN}`);
    expect(missing.status).toBe(404);
    expect(rate(missing)).toMatchObject({ limit: '200', remaining: '198' });
    // The sensitive tier has its own window: 10 a minute.
    const sensitive = await c.post(`/v3/profiles/${UNKNOWN}/complete`, { webHookUrl: 'https://example.com/cb', sandbox: true });
    expect(sensitive.status).toBe(202);
    expect(rate(sensitive)).toMatchObject({ limit: String(RATE_LIMITS.sensitive), remaining: String(RATE_LIMITS.sensitive - 1) });
    // Messages: 60.
    const send = await c.post('/v3/messages', { to: ['+14155550100'], text: 'Hello there', channel: ['sms'] });
    expect(rate(send)).toMatchObject({ limit: String(RATE_LIMITS.messages), remaining: String(RATE_LIMITS.messages - 1) });
    // A request refused before it is counted shows the window as it is.
    const badId = await c.get('/v3/contacts/not-a-uuid');
    expect(badId.status).toBe(400);
    expect(rate(badId)).toMatchObject({ limit: '200', remaining: '198' });
    const unknownRoute = await c.get('/v3/nothing-here');
    expect(unknownRoute.status).toBe(404);
    expect(rate(unknownRoute)).toMatchObject({ limit: '200', remaining: '198' });
  });

  it('are per account: a second key of the organization shares its window, a profile has its own', async () => {
    const { app } = testApp({ realNow: stillClock() });
    const c = client(app);
    const control = sim(app, c.key);
    const admin = client(app, await control.keyFor('admin'));
    expect(rate(await c.get('/v3/contacts')).remaining).toBe('199');
    expect(rate(await admin.get('/v3/contacts')).remaining).toBe('198');
    const profile = (await c.post('/v3/profiles', aProfile())).body.data;
    const profileKey = client(app, await control.keyFor('admin', profile.id));
    expect(rate(await profileKey.get('/v3/contacts')).remaining).toBe('199');
    // An organization key acting for the profile counts in the profile's window.
    expect(rate(await c.get('/v3/contacts').set('x-profile-id', profile.id)).remaining).toBe('198');
    expect(rate(await c.get('/v3/contacts')).remaining).toBe('196');
    // Another tenant starts afresh.
    expect(rate(await client(app).get('/v3/contacts')).remaining).toBe('199');
  });

  it('never go below 0 with enforcement off, and a new window opens as the clock moves on', async () => {
    const now = Date.parse('2026-11-12T10:00:00Z');
    const { app } = testApp({ realNow: stillClock(now) });
    const c = client(app);
    const control = sim(app, c.key);
    const answers = [];
    for (let i = 0; i < RATE_LIMITS.sensitive + 2; i++) answers.push(await c.post(`/v3/profiles/${UNKNOWN}/complete`, { webHookUrl: 'https://example.com/cb', sandbox: true }));
    expect(answers.map((a) => a.status).every((s) => s === 202)).toBe(true);
    expect(answers.map((a) => rate(a).remaining)).toEqual(['9', '8', '7', '6', '5', '4', '3', '2', '1', '0', '0', '0']);
    expect(rate(answers.at(-1)!)).toMatchObject({ remaining: '0', reset: Math.ceil((now + 60_000) / 1000) });
    await control.advance(60);
    const next = await c.post(`/v3/profiles/${UNKNOWN}/complete`, { webHookUrl: 'https://example.com/cb', sandbox: true });
    expect(rate(next)).toMatchObject({ remaining: String(RATE_LIMITS.sensitive - 1), reset: Math.ceil((now + 120_000) / 1000) });
  });

  it('with enforcement on, the request past the limit is 429 BUSINESS_002 with Retry-After, and the headers say 0 left', async () => {
    const now = Date.parse('2026-11-12T10:00:15Z');
    const { app } = testApp({ realNow: stillClock(now) });
    const c = client(app);
    const control = sim(app, c.key);
    await control.patchTenant({ settings: { rate_limits: true } });
    for (let i = 0; i < RATE_LIMITS.sensitive; i++) {
      expect((await c.post(`/v3/profiles/${UNKNOWN}/complete`, { webHookUrl: 'https://example.com/cb', sandbox: true })).status).toBe(202);
    }
    const limited = await c.post(`/v3/profiles/${UNKNOWN}/complete`, { webHookUrl: 'https://example.com/cb', sandbox: true });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('BUSINESS_002');
    expect(rate(limited)).toEqual({ limit: String(RATE_LIMITS.sensitive), remaining: '0', reset: Math.ceil((now + 60_000) / 1000) });
    expect(limited.headers['retry-after']).toBe('60');
    // The standard tier is untouched; with enforcement off no answer has Retry-After.
    const other = await c.get('/v3/profiles');
    expect(other.status).toBe(200);
    expect(other.headers['retry-after']).toBeUndefined();
  });

  it('an idempotent replay shows the window as it is now, not as it was cached', async () => {
    const { app } = testApp({ realNow: stillClock() });
    const c = client(app);
    const first = await c.post('/v3/contacts', { phone_number: '+14155550100' }).set('Idempotency-Key', 'k1');
    const replay = await c.post('/v3/contacts', { phone_number: '+14155550100' }).set('Idempotency-Key', 'k1');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.data).toEqual(first.body.data);
    expect(rate(first).remaining).toBe('199');
    expect(rate(replay).remaining).toBe('198');
  });

  it('before any account is known (no key, an unknown key, a refused Host) the standard tier, nothing counted', async () => {
    const { app } = testApp();
    for (const res of [await request(app).get('/v3/profiles'), await request(app).get('/v3/profiles').set('x-api-key', 'nope'), await request(app).get('/v3/profiles').set('Host', 'evil.example')]) {
      expect(res.status).toBeGreaterThanOrEqual(401);
      expect(rate(res)).toMatchObject({ limit: '200', remaining: '200' });
      expect(rate(res).reset).toBeGreaterThan(Date.now() / 1000);
    }
    // Outside /v3: none.
    expect((await request(app).get('/healthz')).headers['x-ratelimit-limit']).toBeUndefined();
  });
});
