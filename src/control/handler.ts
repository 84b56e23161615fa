import type { RequestHandler, Router } from 'express';
import { MESSAGES } from '../errors/catalog.js';
import { simError, validationError } from '../errors/sim-error.js';
import { authed, exchangeOf, header } from '../http/context.js';
import { renderPlain, write, type ControlHandler, type Result } from '../http/result.js';
import type { RequestValidator } from '../http/validation.js';
import { SCENARIO_HEADER } from '../scenarios/engine.js';
import type { ApiKeyRecord, Tenant } from '../store/types.js';

/** Wraps a control handler: its result is written as plain JSON by the one writer. */
export const handle =
  (fn: ControlHandler): RequestHandler =>
  async (req, res) => {
    write(res, renderPlain(await fn(req, res)));
  };

/**
 * What a control route sees, whichever door the call came through (docs/decisions/0080): the
 * caller's tenant and key, the path parameters, the query, the checked body and the scenario the
 * call names. Nothing of Express: the HTTP route and the in-process method build the same value.
 */
export interface ControlRequest {
  tenant: Tenant;
  apiKey: ApiKeyRecord;
  params: Record<string, string>;
  /** The query string over HTTP (strings); in process, the same names with strings or numbers. */
  query: Record<string, unknown>;
  /** The JSON body, valid against the route's `body` schema (`{}` when none was sent). */
  body: Record<string, unknown>;
  /** The scenario this call names: `x-sim-scenario` over HTTP, `{scenario}` in process. */
  scenario: string | undefined;
  /**
   * This call's `X-Request-Id`: the `request_id` of the webhook events it starts
   * (docs/decisions/0060); `null` in process, where no request carries one.
   */
  requestId: string | null;
}

/**
 * One simulator-only route under `/_sim`, the core's or a resource module's
 * (`ResourceInstance.control`, docs/decisions/0027): every route has this one shape, and two
 * doors (docs/decisions/0080). Before `handle` runs, the caller is authenticated and its role
 * checked (`checkControlAccess`), then `params`, then the body against `body` (a `400` naming
 * every failing field). Over HTTP the result is written as plain JSON and errors are problem
 * documents; in process the result's `data` is returned and errors are thrown as the same
 * `SimError`.
 */
export interface ControlRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Under `/_sim`, in Express's syntax: `/numbers/:e164`. */
  path: string;
  /** Checks the path parameters, before the body: a malformed id is the answer even when the body is wrong too. */
  params?(params: Record<string, string>): void;
  /** JSON Schema of the body (it may `$ref` the spec's components as `sent-v3#/components/schemas/X`). */
  body?: object;
  handle(c: ControlRequest): Result | Promise<Result>;
}

/** A control request before its route's checks: the body as sent. */
export type ControlInput = Omit<ControlRequest, 'body'> & { body: unknown };

/** A route ready to run from either door: its body schema compiled once. */
export type ControlRunner = (input: ControlInput) => Promise<Result>;

export function controlRunner(route: ControlRoute, validator: RequestValidator): ControlRunner {
  const check = route.body ? validator.compile(route.body) : null;
  return async (input) => {
    route.params?.(input.params);
    const body = input.body ?? {};
    const details = check?.(body);
    if (details) throw validationError(details);
    return route.handle({ ...input, body: body as Record<string, unknown> });
  };
}

/**
 * Control-plane roles (docs/decisions/0022), for both doors: profile keys never; developer and
 * billing keys read only (`GET`).
 */
export function checkControlAccess(apiKey: ApiKeyRecord, method: string): void {
  if (apiKey.type === 'profile') throw simError('AUTH_004', { message: MESSAGES.controlPlaneProfileKey });
  const reading = method.toUpperCase() === 'GET' || method.toUpperCase() === 'HEAD';
  if (!reading && apiKey.role !== 'owner' && apiKey.role !== 'admin') throw simError('AUTH_004', { message: MESSAGES.controlPlaneReadOnly });
}

/** The HTTP door: each route on the `/_sim` router, behind its authentication and role stages. */
export function mountControlRoutes(router: Router, routes: ReadonlyArray<{ route: ControlRoute; run: ControlRunner }>): void {
  for (const { route, run } of routes) {
    router[route.method](
      route.path,
      handle((req, res) =>
        run({
          ...authed(res),
          params: req.params as Record<string, string>,
          query: req.query,
          body: req.body,
          scenario: header(req, SCENARIO_HEADER),
          requestId: exchangeOf(res).requestId,
        }),
      ),
    );
  }
}
