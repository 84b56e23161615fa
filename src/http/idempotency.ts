import { createHash } from 'node:crypto';
import type { Tenant } from '../store/types.js';
import { MESSAGES } from '../errors/catalog.js';
import { simError } from '../errors/sim-error.js';
import { authed, ctx, header, type SimRequest, type SimResponse } from './context.js';
import { writeBody } from './envelope.js';
import { IDEMPOTENCY_TTL_MS, type CachedResponse } from './idempotency-store.js';

const KEY_RE = /^[A-Za-z0-9_-]{1,255}$/;
const HONOURED = new Set(['POST', 'PUT', 'PATCH']);
/** Headers of the original response that a replay repeats. */
const REPLAYED_HEADERS = ['content-type', 'x-profile-id', 'x-sandbox'];
export const CONCURRENT_WAIT_MS = 5000;

/**
 * Stage 4: `Idempotency-Key` (decisions §4). Per tenant and key, 24 h of the tenant's clock;
 * only 2xx responses are cached; a concurrent duplicate waits for the first (up to 5 s) and
 * replays it, so the operation runs exactly once. Ignored on GET and DELETE.
 */
export function idempotency(options: { waitMs?: number } = {}) {
  const waitMs = options.waitMs ?? CONCURRENT_WAIT_MS;
  /** Returns true when it answered (a replay); synchronous unless a duplicate is in flight. */
  return (req: SimRequest, res: SimResponse): boolean | Promise<boolean> => {
    const key = header(req, 'idempotency-key');
    if (key === undefined || !HONOURED.has(req.method ?? '')) return false;
    if (!KEY_RE.test(key)) throw simError('VALIDATION_007', { message: MESSAGES.invalidIdempotencyKey });

    const { tenant } = authed(res);
    const fingerprint = fingerprintOf(req, ctx(res).url);
    const entry = tenant.idempotency.get(key, tenant.clock.now());
    if (entry?.state === 'pending') {
      return Promise.race([entry.done, new Promise((r) => setTimeout(r, waitMs).unref())]).then(() => {
        const after = tenant.idempotency.get(key, tenant.clock.now());
        if (after?.state === 'pending') throw simError('CONFLICT_001');
        return after?.state === 'done' ? (replay(res, after, fingerprint), true) : start(res, tenant, key, fingerprint);
      });
    }
    if (entry?.state === 'done') {
      replay(res, entry, fingerprint);
      return true;
    }
    return start(res, tenant, key, fingerprint);
  };
}

/** Marks the key in flight and caches the response this request will send, if it is a 2xx. */
function start(res: SimResponse, tenant: Tenant, key: string, fingerprint: string): false {
    const settle = tenant.idempotency.begin(key, fingerprint);
    capture(res, (status, body) => {
      if (status < 200 || status >= 300) return settle(null);
      const headers: Record<string, string> = {};
      for (const name of REPLAYED_HEADERS) {
        const value = res.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      const cached: CachedResponse = {
        status,
        headers,
        body,
        requestId: ctx(res).requestId,
        fingerprint,
        expiresAt: tenant.clock.now() + IDEMPOTENCY_TTL_MS,
      };
      settle(cached);
    });
    return false;
}

/**
 * What "the same request" means for a replay: method, URL and body, hashed. The record lives
 * for 24 h, so it must not hold the body itself: card data is never stored (decisions §2).
 * A body nested too deeply to serialise (a hostile one) still gets a fingerprint, not a 500.
 */
function fingerprintOf(req: SimRequest, url: string): string {
  let body: string;
  try {
    body = JSON.stringify(req.body ?? null);
  } catch {
    body = '(unserialisable body)';
  }
  return createHash('sha256').update(`${req.method} ${url} ${body}`).digest('base64url');
}

function replay(res: SimResponse, cached: CachedResponse, fingerprint: string): void {
  for (const [name, value] of Object.entries(cached.headers)) res.setHeader(name, value);
  res.setHeader('Idempotent-Replayed', 'true');
  res.setHeader('X-Original-Request-Id', cached.requestId);
  // Sent replays the first response even for a different body; we say so in a header.
  if (cached.fingerprint !== fingerprint) res.setHeader('X-Sim-Warning', 'idempotency-key-reused-with-different-body');
  writeBody(res, cached.status, cached.body, cached.headers['content-type']);
}

/** Calls `done(status, body)` exactly once, when the response finishes or the connection closes. */
function capture(res: SimResponse, done: (status: number, body: string | undefined) => void): void {
  let body: string | undefined;
  let settled = false;
  ctx(res).onBody = (text) => {
    body = text;
  };
  const finish = (completed: boolean) => {
    if (settled) return;
    settled = true;
    done(completed ? res.statusCode : 0, body);
  };
  res.once('finish', () => finish(true));
  res.once('close', () => finish(res.writableFinished));
}
