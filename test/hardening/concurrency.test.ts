/**
 * Issue 9: concurrency, against a real listening server with requests that truly overlap
 * (fetch + Promise.all on 127.0.0.1): no lost or torn updates, one operation per
 * Idempotency-Key, one completion job per profile, one run per job whatever the clock does.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantKey, testApp } from '../support/app.js';
import { aBrand, aCompletingProfile, aProfile } from '../support/builders.js';
import { startReceiver } from '../support/receiver.js';
import { listen } from './support.js';

const { app, deps } = testApp();
let base: string;
let close: () => Promise<void>;
beforeAll(async () => {
  const server = await listen(app);
  base = server.url;
  close = () => server.close();
});
afterAll(async () => {
  deps.scheduler.stop();
  await close();
});

async function call(key: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { 'x-api-key': key, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

/** A tenant whose organization has a brand and a campaign, so its profiles can complete. */
async function readyTenant() {
  const key = tenantKey();
  expect((await call(key, 'PATCH', '/_sim/tenant', { brand: aBrand(), campaigns: 1 })).status).toBe(200);
  const profile = (await call(key, 'POST', '/v3/profiles', aCompletingProfile())).body!.data as { id: string };
  return { key, profile };
}

describe('concurrent requests', () => {
  it('leaves 500 concurrent PATCHes of one profile in a state some serial order gives: no torn or lost update', async () => {
    const { key, profile } = await readyTenant();
    const tokens = Array.from({ length: 500 }, (_, i) => `token-${i}-${randomUUID().slice(0, 8)}`);
    const answers = await Promise.all(tokens.map((t) => call(key, 'PATCH', `/v3/profiles/${profile.id}`, { name: t, description: t })));
    expect(answers.map((a) => a.status)).toEqual(tokens.map(() => 200));
    // Each answer is the state right after its own PATCH: name and description always agree.
    for (const [i, a] of answers.entries()) expect(a.body!.data).toMatchObject({ name: tokens[i], description: tokens[i] });

    const final = (await call(key, 'GET', `/v3/profiles/${profile.id}`)).body!.data;
    expect(final.name).toBe(final.description);
    const last = answers.find((a) => a.body!.data.name === final.name);
    expect(last, 'the final state is one of the answers').toBeDefined();
    // The last PATCH applied is the whole final state: nothing from another request mixed in.
    expect(final).toEqual(last!.body!.data);
  });

  it('runs 100 concurrent POSTs with one Idempotency-Key once: one profile, one id in every answer', async () => {
    const key = tenantKey();
    const idempotencyKey = `concurrent-${randomUUID()}`;
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => call(key, 'POST', '/v3/profiles', aProfile({ name: 'Once' }), { 'idempotency-key': idempotencyKey })),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    const ids = new Set(answers.map((a) => a.body!.data.id as string));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(99);
    const listed = (await call(key, 'GET', '/v3/profiles')).body!.data.profiles as Array<{ id: string }>;
    expect(listed.map((p) => p.id)).toEqual([...ids]);
  });

  it('schedules one completion job for 50 concurrent completes of one profile', async () => {
    const { key, profile } = await readyTenant();
    const receiver = await startReceiver();
    try {
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => call(key, 'POST', `/v3/profiles/${profile.id}/complete`, { webHookUrl: receiver.url })),
      );
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 202));
      const { pending_jobs: jobs } = (await call(key, 'GET', '/_sim/tenant')).body as { pending_jobs: Array<{ kind: string; profile_id: string }> };
      expect(jobs).toEqual([expect.objectContaining({ kind: 'completion', profile_id: profile.id })]);
    } finally {
      await receiver.close();
    }
  });

  it('runs a due job exactly once under 20 concurrent clock advances', async () => {
    const { key, profile } = await readyTenant();
    const receiver = await startReceiver();
    try {
      // An hour of processing: real time cannot reach the job during the test, only the advances can.
      await call(key, 'PATCH', '/_sim/tenant', { settings: { processing_delay_seconds: 3600 } });
      expect((await call(key, 'POST', `/v3/profiles/${profile.id}/complete`, { webHookUrl: receiver.url })).status).toBe(202);
      const advances = await Promise.all(Array.from({ length: 20 }, () => call(key, 'POST', '/_sim/clock/advance', { seconds: 3600 })));
      expect(advances.map((a) => a.status)).toEqual(advances.map(() => 200));
      const fired = advances.flatMap((a) => a.body!.fired as Array<{ kind: string }>);
      expect(fired.map((f) => f.kind)).toEqual(['completion']);
      expect(receiver.received).toHaveLength(1);
      const attempts = (await call(key, 'GET', '/_sim/callbacks')).body!.callbacks as unknown[];
      expect(attempts).toHaveLength(1);
      expect((await call(key, 'GET', `/v3/profiles/${profile.id}`)).body!.data.status).toBe('approved');
    } finally {
      await receiver.close();
    }
  });
});
