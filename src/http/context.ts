import type { IncomingMessage } from 'node:http';
import type { Request, Response } from 'express';
import type { ApiKeyRecord, Tenant } from '../store/types.js';

/**
 * What the request stage knows of a request before any route runs (http/request-stage.ts). Built
 * once, on `res.locals.exchange`, and never changed: the writer, the error handler, the access
 * log and `X-Response-Time` read it.
 */
export interface Exchange {
  readonly requestId: string;
  /** `process.hrtime.bigint()` when the request stage ran: every duration is measured from it. */
  readonly startedAt: bigint;
  readonly method: string;
  /** The path inside the simulator (without a host app's mount prefix or the query string). */
  readonly path: string;
  /** Served by the `/_sim` control plane, whose errors are problem documents. */
  readonly controlPlane: boolean;
  /** A `/v3` request: every answer carries the `X-RateLimit-*` headers (docs/decisions/0056). */
  readonly api: boolean;
}

/** Who is calling: built once, by authentication (http/auth.ts), before any body is read. */
export interface Caller {
  readonly tenant: Tenant;
  readonly apiKey: ApiKeyRecord;
  /** The profile named by `x-profile-id`, when an organization key acts for one. */
  readonly scopedProfileId: string | undefined;
}

/** The request's exchange; the request stage sets it before anything else runs. */
export function exchangeOf(res: Response): Exchange {
  return res.locals.exchange as Exchange;
}

/** The authenticated caller of a control-plane request (the `/v3` pipeline keeps its own). */
export function callerOf(res: Response): Caller | undefined {
  return res.locals.caller as Caller | undefined;
}

/** The authenticated tenant and key; the control plane's authentication guarantees both behind it. */
export function authed(res: Response): { tenant: Tenant; apiKey: ApiKeyRecord } {
  const caller = callerOf(res);
  if (!caller) throw new Error('authed() called before authentication');
  return caller;
}

export function header(req: IncomingMessage | Request, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
