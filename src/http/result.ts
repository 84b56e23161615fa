import type { Request, Response } from 'express';
import type { components } from '../generated/sent-v3.js';
import { ERROR_DOC_URL } from '../errors/catalog.js';
import type { SimError } from '../errors/sim-error.js';
import type { Tenant } from '../store/types.js';
import { sentTimestamp } from '../util/time.js';
import { callerOf, exchangeOf, type Exchange } from './context.js';
import { anonymousRate, setRateHeaders } from './rate-limit.js';
import { makeRecord, type Facts } from './record.js';

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
export function meta(requestId: string, tenant: Tenant | undefined): APIMeta {
  const now = tenant ? tenant.clock.now() : Date.now();
  const subMs = Number(process.hrtime.bigint() % 10_000n);
  return { request_id: requestId, timestamp: sentTimestamp(now, subMs), version: 'v3' };
}

/** A `/v3` result as Sent's envelope: `{success: true, data, error: null, meta}`. */
export function renderEnvelope(result: Result, requestId: string, tenant: Tenant): Rendered {
  const headers = { ...result.headers };
  if (result.data === undefined) return { status: result.status, headers, body: undefined };
  headers['Content-Type'] = JSON_TYPE;
  const json = { success: true, data: result.data, error: null, meta: meta(requestId, tenant) };
  return { status: result.status, headers, body: JSON.stringify(json), json };
}

/** A `/_sim` result: plain JSON, the control plane is ours and has no envelope. */
export function renderPlain(result: Result): Rendered {
  const headers = { ...result.headers };
  if (result.data === undefined) return { status: result.status, headers, body: undefined };
  headers['Content-Type'] = JSON_TYPE;
  return { status: result.status, headers, body: JSON.stringify(result.data), json: result.data };
}

/**
 * The one writer: status, headers and body in one `end()`, and the request's record
 * (http/record.ts), made here, once, from what the stage that served the request knows
 * (`facts`; by default the control plane's caller and body). `X-Response-Time` is added as the
 * head goes out, from that record (request-stage.ts).
 */
export function write(res: Response, rendered: Rendered, facts: Facts = controlFacts(res)): void {
  const exchange = exchangeOf(res);
  res.locals.record = makeRecord(exchange, rendered.status, rendered, facts);
  res.statusCode = rendered.status;
  setCommonHeaders(res, exchange, facts);
  for (const name in rendered.headers) res.setHeader(name, rendered.headers[name]!);
  if (rendered.body === undefined) {
    res.end();
    return;
  }
  res.setHeader('Content-Length', Buffer.byteLength(rendered.body));
  res.end(rendered.body);
}

/**
 * The head of a response written as it happens (`GET /_sim/stream`), with its record: the only
 * response not written whole by `write`.
 */
export function writeStreamHead(res: Response, headers: Record<string, string>, facts: Facts = controlFacts(res)): void {
  const exchange = exchangeOf(res);
  res.locals.record = makeRecord(exchange, 200, undefined, facts);
  res.statusCode = 200;
  setCommonHeaders(res, exchange, facts);
  for (const name in headers) res.setHeader(name, headers[name]!);
  res.flushHeaders();
}

/**
 * Headers every answer carries: the request id and API version, and the profile acted for once
 * known. `X-Sandbox` comes from the facts on an error only: a success carries it in its own
 * headers (api.ts), so an idempotent replay repeats what the original said. A `/v3` answer
 * carries the caller's `X-RateLimit-*` (docs/decisions/0056): set here, from the facts, never
 * from a cached answer, so a replay shows the window as it is now.
 */
function setCommonHeaders(res: Response, exchange: Exchange, facts: Facts): void {
  res.setHeader('X-Request-Id', exchange.requestId);
  res.setHeader('X-API-Version', 'v3');
  if (exchange.api) setRateHeaders(res, facts.rate ?? anonymousRate());
  if (facts.scopedProfileId) res.setHeader('X-Profile-Id', facts.scopedProfileId);
  if (facts.sandbox && facts.errorCode !== undefined) res.setHeader('X-Sandbox', 'true');
}

/** What the control plane (and anything outside `/v3`) knows: its authenticated caller and the body it read. */
export function controlFacts(res: Response): Facts {
  const caller = callerOf(res);
  const body = (res.req as Request | undefined)?.body as unknown;
  return { tenant: caller?.tenant, scopedProfileId: caller?.scopedProfileId, body: body === undefined ? undefined : { value: body } };
}

/** An RFC 9457 problem document for the `/_sim` control plane. */
export function problemBody(requestId: string, error: SimError) {
  return {
    type: 'about:blank',
    title: statusTitle(error.status),
    status: error.status,
    detail: error.message,
    code: error.code,
    errors: error.details,
    request_id: requestId,
  };
}

export function errorBody(requestId: string, tenant: Tenant | undefined, error: SimError): ErrorResponse {
  return {
    success: false,
    data: null,
    error: { code: error.code, message: error.message, details: error.details, doc_url: ERROR_DOC_URL },
    meta: meta(requestId, tenant),
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
