import { createHmac } from 'node:crypto';

/**
 * Sent-style (Svix-compatible) signature, fact sheet §14.3: the secret is `whsec_` + base64 of
 * the key bytes; the signed content is `{id}.{timestamp}.{body}`; the header is `v1,<base64>`.
 */
export function signPayload(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/** What a receiver does: recompute and compare (tests and docs use it). */
export function verifySignature(secret: string, headers: Record<string, string | undefined>, body: string): boolean {
  const id = headers['x-webhook-id'];
  const timestamp = Number(headers['x-webhook-timestamp']);
  const signature = headers['x-webhook-signature'];
  if (!id || !Number.isFinite(timestamp) || !signature) return false;
  return signPayload(secret, id, timestamp, body) === signature;
}

/** What one signed delivery is made of (docs/decisions/0016). */
export interface SignedDelivery {
  /** `whsec_` + base64: the secret that signs it. */
  secret: string;
  /** `x-webhook-id`: the webhook's id (events) or the callback's id (completion). */
  signatureId: string;
  /** Unix seconds, real time at sending. */
  timestamp: number;
  /** The exact JSON text sent. */
  body: string;
  /** `x-webhook-event-type`: the full event name, or the family of an event without one. */
  eventType: string | null;
  /** `X-Webhook-Event-ID` (decisions §14): the same on every retry and duplicate of one event. */
  eventId?: string;
  userAgent: string;
}

/**
 * The headers of one delivery, as Sent sends them: the delivery core and `sent-sim
 * check-receiver` both build theirs here, so a receiver checked by one is checked against the other.
 */
export function deliveryHeaders(d: SignedDelivery): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': d.userAgent,
    'x-webhook-id': d.signatureId,
    'x-webhook-timestamp': String(d.timestamp),
    'x-webhook-signature': signPayload(d.secret, d.signatureId, d.timestamp, d.body),
  };
  if (d.eventType !== null) headers['x-webhook-event-type'] = d.eventType;
  if (d.eventId !== undefined) headers['x-webhook-event-id'] = d.eventId;
  return headers;
}
