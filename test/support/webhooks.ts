import request from 'supertest';
import { Webhook } from 'standardwebhooks';
import type { components } from '../../src/generated/sent-v3.js';
import type { SimApp } from './app.js';
import type { Received } from './receiver.js';

type Schemas = components['schemas'];

/** A valid webhook create (or PUT) body; override what a test is about. */
export function aWebhook(url: string, overrides: Partial<Schemas['CreateWebhookRequest']> = {}): Schemas['CreateWebhookRequest'] {
  return { display_name: 'Order Notifications', endpoint_url: url, event_types: ['message', 'templates'], ...overrides };
}

/**
 * What a receiver does with Sent's headers: the standard-webhooks verifier (`standardwebhooks`),
 * fed `x-webhook-*` as `webhook-*`. Returns the parsed body, or throws WebhookVerificationError.
 */
export function verified(secret: string, received: Received): unknown {
  return new Webhook(secret).verify(received.body, {
    'webhook-id': String(received.headers['x-webhook-id']),
    'webhook-timestamp': String(received.headers['x-webhook-timestamp']),
    'webhook-signature': String(received.headers['x-webhook-signature']),
  });
}

/** A sample message id for events that belong to one message (their order key). */
export const MESSAGE_ID = '8ba7b830-9dad-11d1-80b4-00c04fd430c8';

/**
 * `POST /_sim/events` as the key's tenant: publishes one event, answers once the first attempts are
 * made; `requestId` is the call's `X-Request-Id` (the envelope's `request_id`).
 */
export async function publish(app: SimApp, key: string, body: { event: string; account_id?: string; payload?: object }, scenario?: string) {
  let req = request(app).post('/_sim/events').set('x-api-key', key);
  if (scenario) req = req.set('x-sim-scenario', scenario);
  const res = await req.send(body);
  if (res.status !== 200) throw new Error(`publish failed: ${res.status} ${res.text}`);
  return { ...(res.body as { event: Record<string, unknown>; webhooks: string[] }), requestId: String(res.headers['x-request-id']) };
}
