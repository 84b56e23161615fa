import { describe, expect, it } from 'vitest';
import { aBrand, aProfile, aCompletingProfile } from '../../support/builders.js';
import { aCampaignRequest } from '../../support/campaign-builders.js';
import { client, testApp } from '../../support/app.js';
import { startReceiver, type Received } from '../../support/receiver.js';
import { sim } from '../../support/sim.js';

const H = 'x-sim-scenario';

/** A profile that completes COMPLETED by default (inherits the organization's brand and campaign). */
async function completing(scenario: string, profile = aCompletingProfile()) {
  const t = testApp();
  const c = client(t.app);
  const control = sim(t.app, c.key);
  await control.patchTenant({ brand: aBrand(), campaigns: 1 });
  const p = (await c.post('/v3/profiles', profile)).body.data;
  const receiver = await startReceiver();
  const res = await c.post(`/v3/profiles/${p.id}/complete`, { webHookUrl: receiver.url }).set(H, scenario);
  expect(res.status).toBe(202);
  return { ...t, c, control, p, receiver, status: async () => (await c.get(`/v3/profiles/${p.id}`)).body.data.status as string };
}

const statuses = (received: Received[]) => received.map((r) => r.json.status);

describe('completion scenarios', () => {
  it('completion-failed: callback success false with the message; status unchanged', async () => {
    const { control, receiver, status, p } = await completing('completion-failed');
    try {
      await control.advance(2);
      expect(receiver.received.map((r) => r.json)).toEqual([
        { profileId: p.id, success: false, status: 'failed', timestamp: expect.any(String), message: 'WhatsApp number registration failed at the provider' },
      ]);
      expect(await status()).toBe('incomplete');
    } finally {
      await receiver.close();
    }
  });

  it('completion-submitted: a SUBMITTED callback, and the profile approved all the same (Sent, 2026-11)', async () => {
    const { control, receiver, status } = await completing('completion-submitted');
    try {
      await control.advance(2);
      expect(statuses(receiver.received)).toEqual(['SUBMITTED']);
      expect(await status()).toBe('approved');
    } finally {
      await receiver.close();
    }
  });

  it('completion-tcr-rejected: the profile is approved, then the TCR review 48 h later rejects it', async () => {
    const t = testApp();
    const c = client(t.app);
    const control = sim(t.app, c.key);
    const tcr = aBrand({ compliance: { brandRelationship: 'SMALL_ACCOUNT', vertical: 'RETAIL', isTcrApplication: true } });
    const p = (await c.post('/v3/profiles', aProfile({ brand: tcr, inherit_tcr_campaign: false }))).body.data;
    await c.post(`/v3/profiles/${p.id}/campaigns`, aCampaignRequest());
    const receiver = await startReceiver();
    try {
      await c.post(`/v3/profiles/${p.id}/complete`, { webHookUrl: receiver.url }).set(H, 'completion-tcr-rejected');
      await control.advance(2);
      expect((await c.get(`/v3/profiles/${p.id}`)).body.data).toMatchObject({ status: 'approved', brand: { submitted_to_tcr: true } });
      await control.advance(48 * 3600);
      const after = (await c.get(`/v3/profiles/${p.id}`)).body.data;
      expect(after.status).toBe('rejected');
      expect(after.brand.status).toBeNull();
    } finally {
      await receiver.close();
    }
  });

  it('completion-slow: nothing after 2 s; done after 10 minutes', async () => {
    const { control, receiver, status } = await completing('completion-slow');
    try {
      await control.advance(2);
      expect(receiver.received).toHaveLength(0);
      await control.advance(598);
      expect(statuses(receiver.received)).toEqual(['COMPLETED']);
      expect(await status()).toBe('approved');
    } finally {
      await receiver.close();
    }
  });

  it('completion-callback-lost: the status changes, no callback arrives, the attempt is recorded as dropped', async () => {
    const { control, receiver, status } = await completing('completion-callback-lost');
    try {
      await control.advance(2);
      expect(receiver.received).toHaveLength(0);
      expect(await status()).toBe('approved');
      expect(await control.callbacks()).toEqual([expect.objectContaining({ delivered: false, error: 'dropped by scenario', scenario: 'completion-callback-lost' })]);
    } finally {
      await receiver.close();
    }
  });

  it('completion-callback-timeout: recorded as a timeout, no retry', async () => {
    const { control, receiver } = await completing('completion-callback-timeout');
    // The receiver answers after 200 ms, far past the scenario's 1 ms: the outcome is certain.
    receiver.server.removeAllListeners('request');
    receiver.server.on('request', (req, res) => {
      req.resume();
      setTimeout(() => res.end(), 200).unref();
    });
    try {
      await control.advance(2);
      await control.advance(3600);
      const attempts = await control.callbacks();
      expect(attempts).toHaveLength(1);
      expect(attempts[0]).toMatchObject({ delivered: false, error: 'timeout' });
    } finally {
      await receiver.close();
    }
  });

  it('completion-callback-duplicated: delivered twice with the same x-webhook-id', async () => {
    const { control, receiver } = await completing('completion-callback-duplicated');
    try {
      await control.advance(2);
      expect(statuses(receiver.received)).toEqual(['COMPLETED', 'COMPLETED']);
      expect(receiver.received[0]!.headers['x-webhook-id']).toBe(receiver.received[1]!.headers['x-webhook-id']);
      expect(receiver.received[0]!.body).toBe(receiver.received[1]!.body);
    } finally {
      await receiver.close();
    }
  });

  it('completion-callback-late: the status changes first, the callback 15 minutes later', async () => {
    const { control, receiver, status } = await completing('completion-callback-late');
    try {
      await control.advance(2);
      expect(await status()).toBe('approved');
      expect(receiver.received).toHaveLength(0);
      await control.advance(899);
      expect(receiver.received).toHaveLength(0);
      await control.advance(1);
      expect(statuses(receiver.received)).toEqual(['COMPLETED']);
    } finally {
      await receiver.close();
    }
  });

  it('completion-callback-retried: retries a failing receiver with backoff, bound to the request that started it', async () => {
    const t = testApp();
    const c = client(t.app);
    const control = sim(t.app, c.key);
    await control.patchTenant({ brand: aBrand(), campaigns: 1 });
    const p = (await c.post('/v3/profiles', aCompletingProfile())).body.data;
    const receiver = await startReceiver((n, res) => {
      res.statusCode = n < 3 ? 500 : 200;
      res.end();
    });
    try {
      await c.post(`/v3/profiles/${p.id}/complete`, { webHookUrl: receiver.url }).set(H, 'completion-callback-retried');
      // Later requests carry no scenario header: the job keeps the scenario it was started with.
      await control.advance(2);
      await control.advance(60);
      await control.advance(120);
      expect(receiver.received).toHaveLength(3);
      const attempts = await control.callbacks();
      expect(attempts.map((a) => [a.attempt, a.delivered])).toEqual([
        [1, false],
        [2, false],
        [3, true],
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('binds a scenario only to the completion whose request named it', async () => {
    const { c, control, receiver, p } = await completing('completion-submitted');
    try {
      const other = (await c.post('/v3/profiles', aCompletingProfile({ name: 'Plain' }))).body.data;
      await c.post(`/v3/profiles/${other.id}/complete`, { webHookUrl: receiver.url });
      await control.advance(2);
      const byProfile = Object.fromEntries(receiver.received.map((r) => [r.json.profileId, r.json.status]));
      expect(byProfile).toEqual({ [p.id]: 'SUBMITTED', [other.id]: 'COMPLETED' });
    } finally {
      await receiver.close();
    }
  });
});
