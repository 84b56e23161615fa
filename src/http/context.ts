import type { IncomingMessage } from 'node:http';
import type { Request, Response } from 'express';
import type { Scenario } from '../scenarios/types.js';
import type { ApiKeyRecord, Tenant } from '../store/types.js';

/** What the pipeline learns about a request, kept on `res.locals.ctx`. */
export interface RequestContext {
  requestId: string;
  startedAt: bigint;
  /** The path inside the simulator (without a host app's mount prefix or the query string). */
  path: string;
  tenant?: Tenant;
  apiKey?: ApiKeyRecord;
  /** The profile named by `x-profile-id`, once checked. */
  scopedProfileId?: string;
  sandbox: boolean;
  /** The response body as written (`write` in result.ts), for the journal. */
  responseBody?: string;
  /** The object the response body serializes, when the writer had one. */
  responseJson?: unknown;
  /** The spec operation being served. */
  operationId?: string;
  /** Served by the `/_sim` control plane, whose errors are problem documents. */
  controlPlane?: boolean;
  /** The error code answered, if any (journal and access log). */
  errorCode?: string;
  /** The scenario in force for this request, if any. */
  scenario?: Scenario;
  /** The body scan saw a string or key that may be over the length limits (http/json-limits.ts). */
  longStrings?: boolean;
}

export function ctx(res: Response): RequestContext {
  return res.locals.ctx as RequestContext;
}

/** The authenticated tenant and key; the auth stage guarantees both behind it. */
export function authed(res: Response): { tenant: Tenant; apiKey: ApiKeyRecord } {
  const c = ctx(res);
  if (!c.tenant || !c.apiKey) throw new Error('authed() called before authentication');
  return { tenant: c.tenant, apiKey: c.apiKey };
}

export function header(req: IncomingMessage | Request, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
