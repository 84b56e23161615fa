import { createHash } from 'node:crypto';
import { MESSAGES } from '../errors/catalog.js';
import { simError } from '../errors/sim-error.js';
import type { Caller } from './context.js';
import { IDEMPOTENCY_TTL_MS, responseBytes, type CachedResponse, type IdempotencyStore } from './idempotency-store.js';
import type { Rendered } from './result.js';

const KEY_RE = /^[A-Za-z0-9_-]{1,255}$/;
const HONOURED = new Set(['POST', 'PUT', 'PATCH']);
/** Headers of the original response that a replay repeats. */
const REPLAYED_HEADERS = ['content-type', 'x-profile-id', 'x-sandbox'];
export const CONCURRENT_WAIT_MS = 5000;

/** One request as idempotency sees it. */
export interface IdempotentCall {
  /** The `Idempotency-Key` header, if sent. */
  key: string | undefined;
  method: string;
  /** The request target, path and query (part of what "the same request" means). */
  url: string;
  body: unknown;
  /** The tenant's records, and its clock. */
  store: IdempotencyStore;
  now: () => number;
  /** The account the key belongs to (`accountScope`): a key never replays across accounts. */
  account: string;
  /** The operation (method and route template): each operation keeps its own answer for a key. */
  operation: string;
  requestId: string;
  waitMs?: number;
  /** The largest answer to cache (`--idempotency-max-response`); a larger one makes its retries `409`. */
  maxResponseBytes?: number;
}

/**
 * `Idempotency-Key` (docs/decisions/0007), around the part of the pipeline that does the work.
 * Per tenant, account, key and operation, 24 h of the tenant's clock; only 2xx responses are
 * cached; a concurrent duplicate waits for the first (up to 5 s) and replays it, so the operation
 * runs exactly once. A key first used on another operation runs this one once too, cached under
 * this operation (issue 25 row 9), with a warning header on that first answer.
 * It reads the rendered result the work returns: nothing patches the response.
 */
export async function withIdempotency(call: IdempotentCall, work: () => Promise<Rendered> | Rendered): Promise<Rendered> {
  const { key, store, operation } = call;
  if (key === undefined || !HONOURED.has(call.method)) return work();
  if (!KEY_RE.test(key)) throw simError('VALIDATION_007', { message: MESSAGES.invalidIdempotencyKey });

  // Row 10 (issue 25): the account is part of the key, so a profile key cannot replay the organization's answers.
  const scoped = `${call.account} ${key}`;
  const fingerprint = fingerprintOf(call);
  let entry = store.get(scoped, operation, call.now());
  if (entry?.state === 'pending') {
    await Promise.race([entry.done, new Promise((r) => setTimeout(r, call.waitMs ?? CONCURRENT_WAIT_MS).unref())]);
    entry = store.get(scoped, operation, call.now());
    if (entry?.state === 'pending') throw simError('CONFLICT_001');
  }
  if (entry?.state === 'done') return replay(entry, fingerprint);
  // Ran once, answer too large to keep (issue 25 row 2): running it again would do it twice.
  if (entry?.state === 'oversize') throw simError('CONFLICT_001', { message: MESSAGES.idempotencyResponseTooLarge(entry.requestId, entry.bytes, call.maxResponseBytes ?? Infinity) });

  const reused = store.usedElsewhere(scoped, operation, call.now());
  const settle = store.begin(scoped, operation, fingerprint, call.now());
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
    const cached: CachedResponse = { status: rendered.status, headers, body: rendered.body, requestId: call.requestId, fingerprint, expiresAt: call.now() + IDEMPOTENCY_TTL_MS };
    const bytes = responseBytes(cached);
    // One 71.7 MB answer was cached under the 8 MiB cap (issue 25 row 2): a large one is remembered, not kept.
    if (bytes > (call.maxResponseBytes ?? Infinity)) settle({ state: 'oversize', requestId: call.requestId, fingerprint, expiresAt: cached.expiresAt, bytes });
    else settle({ state: 'done', ...cached });
  } else {
    settle(null);
  }
  // Replaying another operation's answer would give a status this one never declares: it ran, and says so.
  return reused ? { ...rendered, headers: { ...rendered.headers, 'X-Sim-Warning': 'idempotency-key-reused-on-another-operation' } } : rendered;
}

/** The account a caller acts as, for idempotency: the profile (a profile key, or `x-profile-id`), else the organization. */
export function accountScope(caller: Pick<Caller, 'apiKey' | 'scopedProfileId'>): string {
  return (caller.apiKey.type === 'profile' ? caller.apiKey.profileId : caller.scopedProfileId) ?? 'organization';
}

/**
 * What "the same request" means for a replay: method, URL and body, hashed. The record lives
 * for 24 h, so it must not hold the body itself: card data is never stored (docs/decisions/0003).
 */
function fingerprintOf(call: IdempotentCall): string {
  let body: string;
  try {
    body = JSON.stringify(call.body ?? null);
  } catch {
    body = '(unserialisable body)';
  }
  return createHash('sha256').update(`${call.method} ${call.url} ${body}`).digest('base64url');
}

function replay(cached: CachedResponse, fingerprint: string): Rendered {
  const headers: Record<string, string> = { ...cached.headers, 'Idempotent-Replayed': 'true', 'X-Original-Request-Id': cached.requestId };
  // Sent replays the first response even for a different body; we say so in a header.
  if (cached.fingerprint !== fingerprint) headers['X-Sim-Warning'] = 'idempotency-key-reused-with-different-body';
  return { status: cached.status, headers, body: cached.body };
}
