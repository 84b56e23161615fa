import { closedPort } from '../../support/listen.js';
import { describe, expect, it, vi } from 'vitest';
import { aBrand, aCompletingProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { startReceiver } from '../../support/receiver.js';
import { sim } from '../../support/sim.js';

async function readyProfile(options: Parameters<typeof testApp>[0] = {}) {
  const t = testApp(options);
  const c = client(t.app);
  const control = sim(t.app, c.key);
  await control.patchTenant({ brand: aBrand(), campaigns: 1 });
  const profile = (await c.post('/v3/profiles', aCompletingProfile())).body.data;
  return { ...t, c, control, profile };
}


describe('callback delivery', () => {
  it('records a receiver answering 500 as a failed attempt and, by default, does not retry', async () => {
    const { c, control, profile } = await readyProfile();
    const receiver = await startReceiver((_n, res) => {
      res.statusCode = 500;
      res.end('boom');
    });
    try {
      await c.post(`/v3/profiles/${profile.id}/complete`, { webHookUrl: receiver.url });
      await control.advance(2);
      await control.advance(24 * 3600);
      expect(receiver.received).toHaveLength(1);
      const attempts = await control.callbacks();
      expect(attempts).toEqual([
        expect.objectContaining({ profile_id: profile.id, attempt: 1, status_code: 500, delivered: false, error: 'HTTP 500', next_attempt_at: null }),
      ]);
      // The outcome still applies: delivery failure does not undo the completion.
      expect((await c.get(`/v3/profiles/${profile.id}`)).body.data.status).toBe('approved');
    } finally {
      await receiver.close();
    }
  });

  it('retries with exponential backoff when the tenant turns retries on', async () => {
    const { c, control, profile } = await readyProfile();
    const receiver = await startReceiver((n, res) => {
      res.statusCode = n < 3 ? 503 : 204;
      res.end();
    });
    try {
      await control.patchTenant({ settings: { callback_max_attempts: 4 } });
      await c.post(`/v3/profiles/${profile.id}/complete`, { webHookUrl: receiver.url });
      await control.advance(2);
      expect(receiver.received).toHaveLength(1);
      await control.advance(59);
      expect(receiver.received).toHaveLength(1); // first retry is due 60 s after the failure
      await control.advance(1);
      expect(receiver.received).toHaveLength(2);
      await control.advance(120); // then 2 min
      expect(receiver.received).toHaveLength(3);
      await control.advance(3600);
      expect(receiver.received).toHaveLength(3); // delivered: no more attempts
      const attempts = await control.callbacks();
      expect(attempts.map((a) => [a.attempt, a.status_code, a.delivered])).toEqual([
        [1, 503, false],
        [2, 503, false],
        [3, 204, true],
      ]);
      expect(new Set(attempts.map((a) => a.callback_id)).size).toBe(1);
      expect(new Set(receiver.received.map((r) => r.headers['x-webhook-id'])).size).toBe(1);
    } finally {
      await receiver.close();
    }
  });

  it('records an unreachable receiver without an unhandled rejection', async () => {
    const { c, control, profile } = await readyProfile();
    const port = await closedPort();
    await c.post(`/v3/profiles/${profile.id}/complete`, { webHookUrl: `http://127.0.0.1:${port}/cb` });
    await control.advance(2);
    const [attempt] = await control.callbacks();
    expect(attempt).toMatchObject({ delivered: false, status_code: null, error: 'ECONNREFUSED' });
  });

  it('does not follow redirects', async () => {
    const { c, control, profile } = await readyProfile();
    const target = await startReceiver();
    const redirector = await startReceiver((_n, res) => {
      res.statusCode = 302;
      res.setHeader('location', target.url);
      res.end();
    });
    try {
      await c.post(`/v3/profiles/${profile.id}/complete`, { webHookUrl: redirector.url });
      await control.advance(2);
      expect(target.received).toHaveLength(0);
      expect((await control.callbacks())[0]).toMatchObject({ status_code: 302, delivered: false, error: 'redirect 302 not followed' });
    } finally {
      await Promise.all([target.close(), redirector.close()]);
    }
  });

  it('gives up on a slow receiver after the timeout', async () => {
    const { c, control, profile } = await readyProfile({ config: { callbackTimeoutMs: 200 } });
    const receiver = await startReceiver(() => {
      // never answers
    });
    try {
      await c.post(`/v3/profiles/${profile.id}/complete`, { webHookUrl: receiver.url });
      await control.advance(2);
      expect((await control.callbacks())[0]).toMatchObject({ delivered: false, status_code: null, error: 'timeout' });
    } finally {
      await receiver.close();
    }
  });

  it('runs a due job on its own when real time reaches it, without a clock advance', async () => {
    // The one test of the real-time timer: test apps leave it off unless asked.
    const { c, control, profile } = await readyProfile({ realTimeJobs: true });
    const receiver = await startReceiver();
    try {
      await control.patchTenant({ settings: { processing_delay_seconds: 0.05 } });
      await c.post(`/v3/profiles/${profile.id}/complete`, { webHookUrl: receiver.url });
      await vi.waitFor(() => expect(receiver.received).toHaveLength(1), { timeout: 15_000, interval: 20 });
      expect((await c.get(`/v3/profiles/${profile.id}`)).body.data.status).toBe('approved');
    } finally {
      await receiver.close();
    }
  });
});
