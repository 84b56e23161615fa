import type { Request, RequestHandler, Router } from 'express';
import { validationError } from '../errors/sim-error.js';
import { authed, ctx } from '../http/context.js';
import { renderPlain, write, type ControlHandler, type Result } from '../http/result.js';
import type { RequestValidator } from '../http/validation.js';
import type { ApiKeyRecord, Tenant } from '../store/types.js';

/** Validates a control-plane body against a schema compiled once; answers 400 with every failing field. */
export type BodyReader = (req: Request, validate: (v: unknown) => Record<string, string[]> | null) => Record<string, unknown>;

/** Wraps a control handler: its result is written as plain JSON by the one writer. */
export const handle =
  (fn: ControlHandler): RequestHandler =>
  async (req, res) => {
    write(res, renderPlain(await fn(req, res)));
  };

/** What a module's control route sees: the caller's tenant and key, the path parameters, the checked body. */
export interface ControlRequest {
  req: Request;
  tenant: Tenant;
  apiKey: ApiKeyRecord;
  params: Record<string, string>;
  /** The JSON body, valid against the route's `body` schema (`{}` when none was sent). */
  body: Record<string, unknown>;
  /** This call's `X-Request-Id`: the `request_id` of the webhook events it starts (docs/decisions/0060). */
  requestId: string;
}

/**
 * One simulator-only route under `/_sim` that a resource module declares
 * (`ResourceInstance.control`, docs/decisions/0027): every module's routes have this one shape.
 * The control router authenticates and checks roles before any of them runs, validates the body
 * against `body` (a `400` naming every failing field, before the handler), and writes the result
 * as plain JSON; errors are problem documents.
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

/** Mounts modules' control routes on the `/_sim` router, each body schema compiled once. */
export function mountControlRoutes(router: Router, routes: readonly ControlRoute[], validator: RequestValidator): void {
  for (const route of routes) {
    const check = route.body ? validator.compile(route.body) : null;
    router[route.method](
      route.path,
      handle((req, res) => {
        const params = req.params as Record<string, string>;
        route.params?.(params);
        const body: unknown = req.body ?? {};
        const details = check?.(body);
        if (details) throw validationError(details);
        const { tenant, apiKey } = authed(res);
        return route.handle({ req, tenant, apiKey, params, body: body as Record<string, unknown>, requestId: ctx(res).requestId });
      }),
    );
  }
}
