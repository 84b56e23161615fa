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
