import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';
import type { components } from '../generated/sent-v3.js';
import { ERROR_DOC_URL } from '../errors/catalog.js';
import type { SimError } from '../errors/sim-error.js';
import { sentTimestamp } from '../util/time.js';
import { ctx } from './context.js';

type APIMeta = components['schemas']['APIMeta'];
type ErrorResponse = components['schemas']['ErrorResponse'];

/** `meta` of every response (decisions §1); the timestamp follows the tenant's clock when known. */
export function meta(res: Response): APIMeta {
  const c = ctx(res);
  const now = c.tenant ? c.tenant.clock.now() : Date.now();
  const subMs = Number(process.hrtime.bigint() % 10_000n);
  return { request_id: c.requestId, timestamp: sentTimestamp(now, subMs), version: 'v3' };
}

/** Sends `{success: true, data, error: null, meta}`. */
export function sendData(res: Response, status: number, data: unknown): void {
  res.status(status).json({ success: true, data, error: null, meta: meta(res) });
}

/** 204 responses carry no body (decisions §1). */
export function sendNoContent(res: Response): void {
  res.status(204).end();
}

/** An RFC 9457 problem document for the `/_sim` control plane. */
export function problemBody(res: Response, error: SimError) {
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

export function errorBody(res: Response, error: SimError): ErrorResponse {
  return {
    success: false,
    data: null,
    error: { code: error.code, message: error.message, details: error.details, doc_url: ERROR_DOC_URL },
    meta: meta(res),
  };
}
