import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { client, tenantKey, testApp } from '../../support/app.js';
import { aBrand, aProfile, aCompletingProfile } from '../../support/builders.js';
import { startReceiver } from '../../support/receiver.js';
import { sim } from '../../support/sim.js';

describe('the inspector page (/_sim/ui)', () => {
  it('loads without a key, sends /_sim/ui to /_sim/ui/, and lets the page run only its own files', async () => {
    const { app } = testApp();
    const bare = await request(app).get('/_sim/ui');
    expect(bare.status).toBe(302);
    expect(bare.headers.location).toBe('ui/');

    const page = await request(app).get('/_sim/ui/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.text).toContain('<script type="module" src="app.js"></script>');
    // Nothing is fetched from the internet at run time.
    expect(page.text).not.toMatch(/(src|href)="https?:/);

    const script = await request(app).get('/_sim/ui/app.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await request(app).get('/_sim/ui/inspector.css')).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('serves only the files of ui/, as a problem document otherwise', async () => {
    const { app } = testApp();
    for (const path of ['/_sim/ui/nope.js', '/_sim/ui/..%2fpackage.json', '/_sim/ui/%2e%2e/package.json']) {
      const res = await request(app).get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    }
  });

  it('loads without the admin token, while the API behind it still needs it', async () => {
    const { app } = testApp({ config: { adminToken: 'let-me-in' } });
    const key = tenantKey();
    expect((await request(app).get('/_sim/ui/')).status).toBe(200);
    expect((await request(app).get('/_sim/whoami').set('x-api-key', key)).status).toBe(403);
    const me = await request(app).get('/_sim/whoami').set('x-api-key', key).set('x-sim-admin-token', 'let-me-in');
    expect(me.status).toBe(200);
  });
});

describe('GET /_sim/whoami', () => {
  it('tells the page the key’s role and whether it may only read', async () => {
    const { app } = testApp();
    const owner = client(app);
    const me = await owner.get('/_sim/whoami');
    expect(me.body).toEqual({ organization_id: expect.any(String), name: expect.any(String), role: 'owner', type: 'organization', read_only: false });
    for (const role of ['admin', 'developer', 'billing']) {
      const key = await sim(app, owner.key).keyFor(role);
      const res = await request(app).get('/_sim/whoami').set('x-api-key', key);
      expect(res.body, role).toMatchObject({ organization_id: me.body.organization_id, role, read_only: role !== 'admin' });
    }
  });

  it('refuses a missing key and a profile key', async () => {
    const { app } = testApp();
    const c = client(app);
    expect((await request(app).get('/_sim/whoami')).status).toBe(401);
    const profile = (await c.post('/v3/profiles', aProfile())).body.data;
    const profileKey = await sim(app, c.key).keyFor('admin', profile.id);
    expect((await request(app).get('/_sim/whoami').set('x-api-key', profileKey)).status).toBe(403);
  });
});

describe('GET /_sim/clock', () => {
  it('lists each advance with what it fired, and a reset empties the list', async () => {
    const { app } = testApp();
    const c = client(app);
    const control = sim(app, c.key);
    await control.patchTenant({ brand: aBrand(), campaigns: 1 });
    const profile = (await c.post('/v3/profiles', aCompletingProfile())).body.data;
    expect((await c.post(`/v3/profiles/${profile.id}/complete`, { webHookUrl: 'http://127.0.0.1:9/hook' })).status).toBe(202);
    const first = await control.advance(60);
    await control.advance(0.5);

    const clock = (await c.get('/_sim/clock')).body;
    expect(clock).toMatchObject({ now: expect.any(String), clock_offset_ms: 60_500, dropped: 0 });
    expect(clock.advances).toEqual([
      { from: expect.any(String), at: first.now, seconds: 60, fired: [expect.objectContaining({ kind: 'completion', profile_id: profile.id })] },
      { from: expect.any(String), at: expect.any(String), seconds: 0.5, fired: [] },
    ]);
    expect(clock.advances[0].from < clock.advances[0].at).toBe(true);

    expect((await control.reset()).status).toBe(200);
    expect((await c.get('/_sim/clock')).body).toMatchObject({ clock_offset_ms: 0, advances: [] });
  });

  it('records nothing for a refused advance', async () => {
    const { app } = testApp();
    const c = client(app);
    expect((await c.post('/_sim/clock/advance', { seconds: -1 })).status).toBe(400);
    const developer = await sim(app, c.key).keyFor('developer');
    expect((await request(app).post('/_sim/clock/advance').set('x-api-key', developer).send({ seconds: 60 })).status).toBe(403);
    expect((await c.get('/_sim/clock')).body.advances).toEqual([]);
  });
});

describe('signature_verifies on the delivery log', () => {
  it('is true for a callback signed with the tenant’s current secret, null for one never sent', async () => {
    const { app } = testApp();
    const c = client(app);
    const control = sim(app, c.key);
    await control.patchTenant({ brand: aBrand(), campaigns: 1 });
    const receiver = await startReceiver();
    try {
      const sent = (await c.post('/v3/profiles', aCompletingProfile())).body.data;
      const lost = (await c.post('/v3/profiles', aCompletingProfile({ name: 'Lost' }))).body.data;
      await c.post(`/v3/profiles/${sent.id}/complete`, { webHookUrl: receiver.url });
      await c.post(`/v3/profiles/${lost.id}/complete`, { webHookUrl: receiver.url }).set('x-sim-scenario', 'completion-callback-lost');
      await control.advance(2);
      expect(receiver.received).toHaveLength(1);

      const { deliveries } = (await c.get('/_sim/deliveries')).body;
      const byRef = Object.fromEntries(deliveries.map((d: { ref: string }) => [d.ref, d]));
      expect(byRef[sent.id]).toMatchObject({ source: 'completion', delivered: true, signature_verifies: true });
      // What the page shows is exactly what the receiver got.
      expect(JSON.stringify(byRef[sent.id].payload)).toBe(receiver.received[0]!.body);
      expect(byRef[sent.id].headers['x-webhook-signature']).toBe(receiver.received[0]!.headers['x-webhook-signature']);
      expect(byRef[lost.id]).toMatchObject({ delivered: false, error: 'dropped by scenario', headers: {}, signature_verifies: null });
      // The secret itself never travels with the log.
      expect(JSON.stringify(deliveries)).not.toContain((await control.tenant()).callback_signing_secret);
    } finally {
      await receiver.close();
    }
  });
});

describe('signature_verifies for webhook events', () => {
  it('is true with the webhook’s secret, and false once the secret is rotated', async () => {
    const { app } = testApp();
    const c = client(app);
    const receiver = await startReceiver();
    try {
      const hook = (await c.post('/v3/webhooks', { display_name: 'Inspector', endpoint_url: receiver.url, event_types: ['message'] })).body.data;
      expect((await c.post('/_sim/events', { event: 'message.delivered' })).status).toBe(200);
      const verifies = async () => ((await c.get('/_sim/deliveries')).body.deliveries as Array<{ ref: string; signature_verifies: boolean | null }>).filter((d) => d.ref === hook.id).map((d) => d.signature_verifies);
      expect(await verifies()).toEqual([true]);
      expect((await c.post(`/v3/webhooks/${hook.id}/rotate-secret`, {})).status).toBe(200);
      expect(await verifies()).toEqual([false]);
      expect(JSON.stringify((await c.get('/_sim/deliveries')).body)).not.toContain(hook.signing_secret);
    } finally {
      await receiver.close();
    }
  });
});
