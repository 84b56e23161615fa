// Issue 22 (decisions §14): Sent's keys are UUIDs, so any UUID key, like any sk_test_ key, opens
// its own tenant on first use; an sk_live_ key is refused, saying the simulator never takes one.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import { aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';

describe('API keys', () => {
  it('a UUID key opens a fresh organization on first use, with that key as its owner, and keeps it', async () => {
    const { app, deps } = testApp();
    const key = randomUUID();
    const c = client(app, key);
    const created = await c.post('/v3/profiles', aProfile());
    expect(created.status).toBe(201);
    expect(deps.tenants.size).toBe(1);
    expect((await c.get('/v3/profiles')).body.data.profiles.map((p: { id: string }) => p.id)).toEqual([created.body.data.id]);
    const me = (await c.get('/v3/me')).body.data;
    expect(me).toMatchObject({ type: 'organization', id: created.body.data.organization_id });
    expect((await sim(app, key).tenant()).keys).toEqual([expect.objectContaining({ role: 'owner', type: 'organization' })]);
    // The key is masked like any other: never shown in clear.
    expect(JSON.stringify(await sim(app, key).tenant())).not.toContain(key);
    expect(deps.tenants.size).toBe(1);
  });

  it('UUID keys in any case are keys of their own, apart from every other tenant', async () => {
    const { app } = testApp();
    const a = client(app, randomUUID());
    const b = client(app, randomUUID().toUpperCase());
    await a.post('/v3/contacts', { phone_number: '+14155550100' });
    expect((await b.get('/v3/contacts')).body.data.contacts).toEqual([]);
    expect((await a.get('/v3/contacts')).body.data.contacts).toHaveLength(1);
  });

  it('refuses an sk_live_ key with 401 AUTH_002 saying the simulator never takes live keys, and makes no tenant', async () => {
    const { app, deps } = testApp();
    for (const key of ['sk_live_4f9a0c1d2e3b4a5c', 'sk_live_']) {
      const res = await request(app).get('/v3/profiles').set('x-api-key', key);
      expect(res.status, key).toBe(401);
      expect(res.body).toMatchObject({ success: false, data: null, error: { code: 'AUTH_002', message: MESSAGES.liveKeyRefused, details: null } });
      // The control plane refuses it the same way.
      const control = await request(app).get('/_sim/tenant').set('x-api-key', key);
      expect(control.status, key).toBe(401);
      expect(control.body).toMatchObject({ code: 'AUTH_002', detail: MESSAGES.liveKeyRefused });
    }
    expect(deps.tenants.size).toBe(0);
    expect(MESSAGES.liveKeyRefused).not.toBe(ERROR_CATALOG.AUTH_002.message);
  });
});
