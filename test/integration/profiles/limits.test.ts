import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import { RATE_LIMITS } from '../../../src/http/rate-limit.js';
import { aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';

describe('rate limits (off by default)', () => {
  it('answer 429 BUSINESS_002 past 200 requests a minute per account once turned on, and reset with the clock', async () => {
    const { app } = testApp();
    const c = client(app);
    const control = sim(app, c.key);
    for (let i = 0; i < RATE_LIMITS.standard + 5; i++) expect((await c.get('/v3/profiles')).status).toBe(200);

    await control.patchTenant({ settings: { rate_limits: true } });
    for (let i = 0; i < RATE_LIMITS.standard; i++) {
      const ok = await c.get('/v3/profiles');
      expect(ok.status).toBe(200);
      expect(ok.headers['x-ratelimit-remaining']).toBe(String(RATE_LIMITS.standard - 1 - i));
    }
    const limited = await c.get('/v3/profiles');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: 'BUSINESS_002', message: ERROR_CATALOG.BUSINESS_002.message });
    expect(limited.headers).toMatchObject({ 'x-ratelimit-limit': '200', 'x-ratelimit-remaining': '0' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another tenant is unaffected; the next window is open again.
    expect((await client(app).get('/v3/profiles')).status).toBe(200);
    await control.advance(60);
    expect((await c.get('/v3/profiles')).status).toBe(200);
  });

  it('allow 10 completions a minute', async () => {
    const { app } = testApp();
    const c = client(app);
    await sim(app, c.key).patchTenant({ settings: { rate_limits: true } });
    const codes: number[] = [];
    for (let i = 0; i < RATE_LIMITS.sensitive + 1; i++) {
      codes.push((await c.post('/v3/profiles/5d2b8c4e-1f3a-4b6c-8d9e-0a1b2c3d4e5f/complete', { webHookUrl: 'http://127.0.0.1:9/x', sandbox: true })).status);
    }
    expect(codes.slice(0, RATE_LIMITS.sensitive).every((s) => s === 202)).toBe(true);
    expect(codes.at(-1)).toBe(429);
  });
});

describe('stored-profile cap', () => {
  it('refuses creates past the cap with a clear Sent error and stores nothing more', async () => {
    const { app } = testApp({ config: { maxProfilesPerTenant: 2 } });
    const c = client(app);
    expect((await c.post('/v3/profiles', aProfile())).status).toBe(201);
    expect((await c.post('/v3/profiles', aProfile())).status).toBe(201);
    const res = await c.post('/v3/profiles', aProfile());
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'BUSINESS_008', message: MESSAGES.profileCap(2) });
    expect((await c.get('/v3/profiles')).body.data.profiles).toHaveLength(2);
  });
});
