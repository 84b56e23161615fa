import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Scenario } from '../scenarios/types.js';
import type { ApiKeyRecord, Tenant } from '../store/types.js';

/**
 * A request as the pipeline sees it: Node's own, plus the path ids and the parsed JSON body.
 * Express's `Request` has the same shape, so the `/_sim` control plane (an Express router) and
 * the `/v3` pipeline (plain `node:http`, see app.ts) share every helper below.
 */
export interface SimRequest extends IncomingMessage {
  params: Record<string, string>;
  body: unknown;
}

/** A response that carries the request context on `locals` (as Express's does). */
export interface SimResponse extends ServerResponse {
  locals: Record<string, unknown>;
}

/** What the pipeline learns about a request, kept on `res.locals.ctx`. */
export interface RequestContext {
  requestId: string;
  startedAt: bigint;
  /** The decoded path, without the query string (for the journal, the log and scenario rules). */
  path: string;
  /** The path and query as the client sent them. */
  url: string;
  tenant?: Tenant;
  apiKey?: ApiKeyRecord;
  /** The profile named by `x-profile-id`, once checked. */
  scopedProfileId?: string;
  sandbox: boolean;
  /** Set by the route layer: the spec operation being served. */
  operationId?: string;
  /** Served by the `/_sim` control plane, whose errors are problem documents. */
  controlPlane?: boolean;
  /** The error code answered, if any (for the journal). */
  errorCode?: string;
  /** The scenario in force for this request, if any. */
  scenario?: Scenario;
  /** Called with the body text of the response, once it is written (idempotency caches it). */
  onBody?: (body: string | undefined) => void;
}

export function ctx(res: SimResponse): RequestContext {
  return res.locals.ctx as RequestContext;
}

/** The authenticated tenant and key; the auth stage guarantees both on `/v3` routes. */
export function authed(res: SimResponse): { tenant: Tenant; apiKey: ApiKeyRecord } {
  const c = ctx(res);
  if (!c.tenant || !c.apiKey) throw new Error('authed() called before authentication');
  return { tenant: c.tenant, apiKey: c.apiKey };
}

/** A path id, lower-cased (ids are case-insensitive uuids; the pipeline already checked their form). */
export function pathId(req: SimRequest, name: 'profileId' | 'campaignId'): string {
  return String(req.params[name]).toLowerCase();
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
