import type { Request, Response } from 'express';
import type { components } from '../generated/sent-v3.js';
import { ERROR_DOC_URL } from '../errors/catalog.js';
import type { SimError } from '../errors/sim-error.js';
import { sentTimestamp } from '../util/time.js';
import { ctx } from './context.js';

type APIMeta = components['schemas']['APIMeta'];
type ErrorResponse = components['schemas']['ErrorResponse'];

/**
 * What a handler returns: a status, the `data` of the envelope (none for a 204) and any
 * headers of its own. One writer turns it into the response; nothing else writes one.
 */
export interface Result {
  status: number;
  data?: unknown;
  headers?: Record<string, string>;
}

/** A result as text, ready to write (and for idempotency to cache). */
export interface Rendered {
  status: number;
  headers: Record<string, string>;
  body: string | undefined;
  /** The object `body` is the JSON of, when the writer has it (the journal copies it instead of parsing `body`). */
  json?: unknown;
}

export const ok = (data: unknown): Result => ({ status: 200, data });
export const created = (data: unknown): Result => ({ status: 201, data });
export const accepted = (data: unknown): Result => ({ status: 202, data });
/** 204 responses carry no body (docs/decisions/0001). */
export const noContent = (): Result => ({ status: 204 });

const JSON_TYPE = 'application/json; charset=utf-8';
export const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

/** `meta` of every response (docs/decisions/0001); the timestamp follows the tenant's clock when known. */
export function meta(res: Response): APIMeta {
  const c = ctx(res);
  const now = c.tenant ? c.tenant.clock.now() : Date.now();
  const subMs = Number(process.hrtime.bigint() % 10_000n);
  return { request_id: c.requestId, timestamp: sentTimestamp(now, subMs), version: 'v3' };
}

/** A `/v3` result as Sent's envelope: `{success: true, data, error: null, meta}`. */
export function renderEnvelope(res: Response, result: Result): Rendered {
  const headers = { ...result.headers };
  if (result.data === undefined) return { status: result.status, headers, body: undefined };
  headers['Content-Type'] = JSON_TYPE;
  const json = { success: true, data: result.data, error: null, meta: meta(res) };
  return { status: result.status, headers, body: JSON.stringify(json), json };
}

/** A `/_sim` result: plain JSON, the control plane is ours and has no envelope. */
export function renderPlain(result: Result): Rendered {
  const headers = { ...result.headers };
  if (result.data === undefined) return { status: result.status, headers, body: undefined };
  headers['Content-Type'] = JSON_TYPE;
  return { status: result.status, headers, body: JSON.stringify(result.data), json: result.data };
}

/** The one place a response is written: status, headers and body in one `end()`. */
export function write(res: Response, rendered: Rendered): void {
  res.status(rendered.status);
  for (const [name, value] of Object.entries(rendered.headers)) res.setHeader(name, value);
  if (rendered.body === undefined) {
    res.end();
    return;
  }
  res.setHeader('Content-Length', Buffer.byteLength(rendered.body));
  // Kept for the request journal (request-context.ts), which records the answer once it is sent.
  const context = res.locals.ctx as { responseBody?: string; responseJson?: unknown } | undefined;
  if (context) {
    context.responseBody = rendered.body;
    context.responseJson = rendered.json;
  }
  res.end(rendered.body);
}

/** An RFC 9457 problem document for the `/_sim` control plane. */
export function problemBody(res: Response, error: SimError) {
  return {
    type: 'about:blank',
    title: statusTitle(error.status),
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

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 413: 'Payload Too Large', 414: 'URI Too Long', 422: 'Unprocessable Entity', 429: 'Too Many Requests',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

function statusTitle(status: number): string {
  return TITLES[status] ?? 'Error';
}

/** Handlers of the control plane are Express handlers that return a `Result` (or a promise of one). */
export type ControlHandler = (req: Request, res: Response) => Result | Promise<Result>;
