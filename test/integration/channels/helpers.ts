import request from 'supertest';
import { expect } from 'vitest';
import { client, testApp, type SimApp } from '../../support/app.js';
import { aSenderProfile } from '../../support/channel-builders.js';
import { startReceiver } from '../../support/receiver.js';
import { sim } from '../../support/sim.js';
import { aWebhook, verified } from '../../support/webhooks.js';

/** The default review delays (tenant settings, docs/decisions/0075). */
export const PROVISIONING = 60;
export const REVIEW = 24 * 3600;

/** A simulator, an organization key and its control plane. */
export function channelsApp() {
  const { app, deps } = testApp();
  const c = client(app);
  return { app, deps, c, control: sim(app, c.key) };
}

/** A client that acts for one profile with an organization key (`x-profile-id`). */
export function asProfile(app: SimApp, key: string, profileId: string) {
  const withHeaders = (t: request.Test) => t.set('x-api-key', key).set('x-profile-id', profileId);
  return {
    get: (path: string) => withHeaders(request(app).get(path)),
    post: (path: string, body?: object) => withHeaders(request(app).post(path)).send(body ?? {}),
    patch: (path: string, body?: object) => withHeaders(request(app).patch(path)).send(body ?? {}),
    delete: (path: string) => withHeaders(request(app).delete(path)),
  };
}

/** A new sender profile (its id and own API key). */
export async function aSenderProfileIn(c: ReturnType<typeof client>, body: object = aSenderProfile()): Promise<{ id: string; apiKey: string }> {
  const res = await c.post('/v3/sender-profiles', body);
  expect(res.status, res.text).toBe(201);
  return { id: res.body.data.id as string, apiKey: res.body.data.api_key as string };
}

/** A receiver subscribed to the `channel` family, and every body it got, verified with the webhook's secret. */
export async function channelReceiver(c: ReturnType<typeof client>, only?: string[]) {
  const receiver = await startReceiver();
  const created = await c.post('/v3/webhooks', aWebhook(receiver.url, { event_types: ['channel'], ...(only ? { event_filters: { channel: only } } : {}) }));
  expect(created.status, created.text).toBe(201);
  const webhook = created.body.data as { id: string; signing_secret: string };
  const bodies = () => receiver.received.map((r) => verified(webhook.signing_secret, r) as { field: string; event?: string; timestamp: string; request_id: string | null; payload: Record<string, unknown> });
  return { receiver, webhook, bodies, close: () => receiver.close() };
}

/** The tenant's stored records of a collection, as the control plane shows them. */
export async function stored(control: ReturnType<typeof sim>, collection: string): Promise<Array<Record<string, unknown>>> {
  return ((await control.tenant())[collection] ?? []) as Array<Record<string, unknown>>;
}
