import SentDm from '@sentdm/sentdm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { client, tenantKey, testApp } from '../../support/app.js';
import { aBrand, aProfile } from '../../support/builders.js';
import { listenOnLoopback, type Listening } from '../../support/listen.js';
import { startReceiver } from '../../support/receiver.js';
import { sim } from '../../support/sim.js';
import { openStream } from '../../support/stream.js';

const { app, deps } = testApp();
let served: Listening;
beforeAll(async () => {
  served = await listenOnLoopback(app);
});
afterAll(() => served.close());

describe('GET /_sim/stream', () => {
  it('sends what the logs hold, then ready, then each request, delivery and clock advance as it is recorded', async () => {
    const key = tenantKey();
    const c = client(app, key);
    const control = sim(app, key);
    await control.patchTenant({ brand: aBrand(), campaigns: 1 });
    const before = (await c.post('/v3/profiles', aProfile({ name: 'Before' }))).body.data;
    const stream = await openStream(served.url, { 'x-api-key': key });
    const receiver = await startReceiver();
    try {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toBe('text/event-stream; charset=utf-8');
      const backlog = await stream.next('request');
      expect(backlog).toMatchObject({ method: 'PATCH', path: '/_sim/tenant' });
      expect(await stream.next('request')).toMatchObject({ method: 'POST', path: '/v3/profiles', status: 201, response_body: { data: { id: before.id } } });
      expect(await stream.next('ready')).toEqual({ now: expect.any(String) });

      // A request through the official SDK arrives live, with its answer.
      const sdk = new SentDm({ apiKey: key, baseURL: served.url, maxRetries: 0 });
      const profile = (await sdk.profiles.create({ name: 'Live', short_name: 'LIVE', description: 'Made through the SDK', inherit_tcr_brand: true, inherit_tcr_campaign: true })).data!;
      expect(await stream.next('request', (r) => r.path === '/v3/profiles')).toMatchObject({
        method: 'POST',
        status: 201,
        operation: 'createProfile',
        headers: { 'x-api-key': expect.stringContaining('…') },
        response_body: { data: { id: profile.id, name: 'Live' } },
      });

      expect((await c.post(`/v3/profiles/${profile.id}/complete`, { webHookUrl: receiver.url })).status).toBe(202);
      await control.advance(60);
      const delivery = await stream.next('delivery');
      expect(delivery).toMatchObject({ source: 'completion', ref: profile.id, delivered: true, status_code: 200, attempt: 1, max_attempts: 1, signature_verifies: true, payload: { profileId: profile.id } });
      expect(JSON.stringify(delivery.payload)).toBe(receiver.received[0]!.body);
      expect(await stream.next('clock')).toMatchObject({ seconds: 60, fired: [expect.objectContaining({ kind: 'completion', profile_id: profile.id })] });
      // The key itself is never on the stream.
      expect(JSON.stringify(stream.seen)).not.toContain(key);
    } finally {
      await stream.close();
      await receiver.close();
    }
  });

  it('sends a backlog larger than its buffer, whole, to a reader that keeps reading', async () => {
    const key = tenantKey();
    const c = client(app, key);
    const buffer = deps.config.streamBufferBytes;
    // About 8 KiB per entry (request and answer, each cut at 4 KiB): past the stream's buffer in all.
    const n = Math.ceil(buffer / 8000) + 10;
    for (let i = 0; i < n; i++) expect((await c.post('/v3/profiles', aProfile({ name: `P${i}`, description: 'd'.repeat(4096) }))).status).toBe(201);
    const stream = await openStream(served.url, { 'x-api-key': key });
    try {
      await stream.next('ready');
      expect(stream.seen.filter((e) => e.event === 'request')).toHaveLength(n);
      expect(stream.seen.reduce((sum, e) => sum + JSON.stringify(e.data).length, 0)).toBeGreaterThan(buffer);
      expect(stream.seen.some((e) => e.event === 'resync')).toBe(false);
    } finally {
      await stream.close();
    }
  });

  it('tells of a reset: each log it emptied', async () => {
    const key = tenantKey();
    await client(app, key).get('/v3/profiles');
    const stream = await openStream(served.url, { 'x-api-key': key });
    try {
      expect(await stream.next('request')).toMatchObject({ path: '/v3/profiles' });
      await stream.next('ready');
      expect((await sim(app, key).reset()).status).toBe(200);
      const cleared = [await stream.next('cleared'), await stream.next('cleared'), await stream.next('cleared')];
      expect(cleared.map((e) => e.log).sort()).toEqual(['clock', 'deliveries', 'requests']);
      // The reset's own request is the first entry of the emptied journal.
      expect(await stream.next('request')).toMatchObject({ method: 'POST', path: '/_sim/reset' });
    } finally {
      await stream.close();
    }
  });

  it('shows a tenant only its own entries', async () => {
    const mine = tenantKey();
    const theirs = tenantKey();
    const stream = await openStream(served.url, { 'x-api-key': mine });
    try {
      await stream.next('ready');
      await client(app, theirs).post('/v3/profiles', aProfile({ name: 'Theirs' }));
      await client(app, mine).get('/v3/profiles');
      expect(await stream.next('request')).toMatchObject({ method: 'GET', path: '/v3/profiles' });
      expect(JSON.stringify(stream.seen)).not.toContain('Theirs');
    } finally {
      await stream.close();
    }
  });

  it('is open to read-only keys, and refuses no key, unknown keys and profile keys', async () => {
    const owner = tenantKey();
    const developer = await sim(app, owner).keyFor('developer');
    const ok = await openStream(served.url, { 'x-api-key': developer });
    try {
      expect(ok.status).toBe(200);
      await ok.next('ready');
    } finally {
      await ok.close();
    }
    const profile = (await client(app, owner).post('/v3/profiles', aProfile())).body.data;
    const profileKey = await sim(app, owner).keyFor('admin', profile.id);
    for (const [headers, status] of [[{}, 401], [{ 'x-api-key': 'nope' }, 401], [{ 'x-api-key': profileKey }, 403]] as const) {
      const refused = await openStream(served.url, headers);
      expect(refused.status).toBe(status);
      expect(refused.contentType).toBe('application/problem+json; charset=utf-8');
      await refused.close();
    }
  });

  it('needs the admin token when the simulator has one', async () => {
    const guarded = await listenOnLoopback(createApp({ ...deps, config: { ...deps.config, adminToken: 'let-me-in' } }));
    try {
      const key = tenantKey();
      const refused = await openStream(guarded.url, { 'x-api-key': key });
      expect(refused.status).toBe(403);
      await refused.close();
      const allowed = await openStream(guarded.url, { 'x-api-key': key, 'x-sim-admin-token': 'let-me-in' });
      await allowed.next('ready');
      await allowed.close();
    } finally {
      await guarded.close();
    }
  });

  it('ends when its server stops accepting, so a shutdown is not held up', async () => {
    const own = await listenOnLoopback(app);
    const stream = await openStream(own.url, { 'x-api-key': tenantKey() });
    await stream.next('ready');
    // Stops accepting and waits for open requests, as a graceful shutdown does: the stream ends by itself.
    own.server.close();
    await expect(stream.next('never')).rejects.toThrow(/ended/);
    expect(stream.ended).toBe(true);
    await own.close();
  });
});
