import { STATUS_CODES } from 'node:http';
import type { components } from '../generated/sent-v3.js';
import { ERROR_DOC_URL } from '../errors/catalog.js';
import type { SimError } from '../errors/sim-error.js';
import { sentTimestamp } from '../util/time.js';
import { ctx, type SimResponse } from './context.js';

type APIMeta = components['schemas']['APIMeta'];
type ErrorResponse = components['schemas']['ErrorResponse'];

/** `meta` of every response (decisions §1); the timestamp follows the tenant's clock when known. */
export function meta(res: SimResponse): APIMeta {
  const c = ctx(res);
  const now = c.tenant ? c.tenant.clock.now() : Date.now();
  const subMs = Number(process.hrtime.bigint() % 10_000n);
  return { request_id: c.requestId, timestamp: sentTimestamp(now, subMs), version: 'v3' };
}

const JSON_TYPE = 'application/json; charset=utf-8';
export const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

/**
 * The one place a `/v3` response is written: status, type, length and body in one `end()`.
 * The body text is handed to `onBody` first (the idempotency stage caches 2xx answers).
 */
export function writeBody(res: SimResponse, status: number, body: string | undefined, type = JSON_TYPE): void {
  res.statusCode = status;
  const context = ctx(res);
  context.onBody?.(body);
  if (body === undefined) {
    res.end();
    return;
  }
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

/** Sends `{success: true, data, error: null, meta}`. */
export function sendData(res: SimResponse, status: number, data: unknown): void {
  writeBody(res, status, JSON.stringify({ success: true, data, error: null, meta: meta(res) }));
}

/** 204 responses carry no body (decisions §1). */
export function sendNoContent(res: SimResponse): void {
  writeBody(res, 204, undefined);
}

/** An RFC 9457 problem document for the `/_sim` control plane. */
export function problemBody(res: SimResponse, error: SimError) {
  return {
    type: 'about:blank',
    title: STATUS_CODES[error.status] ?? 'Error',
    status: error.status,
    detail: error.message,
    code: error.code,
    errors: error.details,
    request_id: ctx(res).requestId,
  };
}

export function errorBody(res: SimResponse, error: SimError): ErrorResponse {
  return {
    success: false,
    data: null,
    error: { code: error.code, message: error.message, details: error.details, doc_url: ERROR_DOC_URL },
    meta: meta(res),
  };
}
