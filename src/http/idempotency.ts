import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { MESSAGES } from '../errors/catalog.js';
import { simError } from '../errors/sim-error.js';
import type { Tenant } from '../store/types.js';
import { header } from './context.js';
import { IDEMPOTENCY_TTL_MS, type CachedResponse } from './idempotency-store.js';
import type { Rendered } from './result.js';

const KEY_RE = /^[A-Za-z0-9_-]{1,255}$/;
const HONOURED = new Set(['POST', 'PUT', 'PATCH']);
/** Headers of the original response that a replay repeats. */
const REPLAYED_HEADERS = ['content-type', 'x-profile-id', 'x-sandbox'];
export const CONCURRENT_WAIT_MS = 5000;

/**
 * `Idempotency-Key` (docs/decisions/0007), around the part of the pipeline that does the work.
 * Per tenant, key and operation, 24 h of the tenant's clock; only 2xx responses are cached; a
 * concurrent duplicate waits for the first (up to 5 s) and replays it, so the operation runs
 * exactly once; a key reused on another operation runs normally, with a warning header.
 * It reads the rendered result the work returns: nothing patches the response.
 */
export async function withIdempotency(
  req: Request,
  tenant: Tenant,
  operation: string,
  requestId: string,
  work: () => Promise<Rendered> | Rendered,
  waitMs = CONCURRENT_WAIT_MS,
): Promise<Rendered> {
  const key = header(req, 'idempotency-key');
  if (key === undefined || !HONOURED.has(req.method)) return work();
  if (!KEY_RE.test(key)) throw simError('VALIDATION_007', { message: MESSAGES.invalidIdempotencyKey });

  const store = tenant.idempotency;
  const fingerprint = fingerprintOf(req);
  let entry = store.get(key, operation, tenant.clock.now());
  if (entry?.state === 'pending') {
    await Promise.race([entry.done, new Promise((r) => setTimeout(r, waitMs).unref())]);
    entry = store.get(key, operation, tenant.clock.now());
    if (entry?.state === 'pending') throw simError('CONFLICT_001');
  }
  if (entry?.state === 'done') return replay(entry, fingerprint);

  if (store.usedElsewhere(key, operation, tenant.clock.now())) {
    // Replaying another operation's answer would give a status this one never declares.
    const rendered = await work();
    return { ...rendered, headers: { ...rendered.headers, 'X-Sim-Warning': 'idempotency-key-reused-on-another-operation' } };
  }

  const settle = store.begin(key, operation, fingerprint, tenant.clock.now());
  let rendered: Rendered;
  try {
    rendered = await work();
  } catch (err) {
    settle(null);
    throw err;
  }
  if (rendered.status >= 200 && rendered.status < 300) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(rendered.headers)) if (REPLAYED_HEADERS.includes(name.toLowerCase())) headers[name] = value;
    const cached: CachedResponse = { status: rendered.status, headers, body: rendered.body, requestId, fingerprint, expiresAt: tenant.clock.now() + IDEMPOTENCY_TTL_MS };
    settle(cached);
  } else {
    settle(null);
  }
  return rendered;
}

/**
 * What "the same request" means for a replay: method, URL and body, hashed. The record lives
 * for 24 h, so it must not hold the body itself: card data is never stored (docs/decisions/0003).
 */
function fingerprintOf(req: Request): string {
  let body: string;
  try {
    body = JSON.stringify(req.body ?? null);
  } catch {
    body = '(unserialisable body)';
  }
  return createHash('sha256').update(`${req.method} ${req.originalUrl} ${body}`).digest('base64url');
}

function replay(cached: CachedResponse, fingerprint: string): Rendered {
  const headers: Record<string, string> = { ...cached.headers, 'Idempotent-Replayed': 'true', 'X-Original-Request-Id': cached.requestId };
  // Sent replays the first response even for a different body; we say so in a header.
  if (cached.fingerprint !== fingerprint) headers['X-Sim-Warning'] = 'idempotency-key-reused-with-different-body';
  return { status: cached.status, headers, body: cached.body };
}
