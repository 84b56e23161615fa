import { Router, type Request, type Response } from 'express';
import type { Deps } from '../deps.js';
import { simError } from '../errors/sim-error.js';
import { authenticate } from './auth.js';
import { jsonBody } from './body.js';
import { jsonLimits } from './json-limits.js';
import { multipartBody } from './multipart.js';
import { authed, ctx } from './context.js';
import { withIdempotency } from './idempotency.js';
import { applyAccess, checkPathIds, isRecord, opContext, validationProblems, type OperationDef } from './operation.js';
import { RATE_LIMITS, rateLimit } from './rate-limit.js';
import { renderEnvelope, write, type Rendered } from './result.js';
import { specOperations, type SpecOperation } from './validation.js';

/**
 * The `/v3` API: authentication (before any body is read), the JSON body, then one
 * `express.Router` per resource module, whose routes are compiled from the spec's paths and
 * operationIds — nothing the spec describes can silently 404, and nothing outside it is served.
 */
export function apiRouter(deps: Deps): Router {
  const api = Router();
  const limits = jsonLimits(deps.config);
  api.use(authenticate(deps.tenants), multipartBody(deps.spec, deps.config.bodyLimit, () => limits), ...jsonBody(deps.config.bodyLimit, () => limits));
  const ops = specOperations(deps.spec);
  const served = new Set<string>();
  for (const module of deps.modules) {
    const defs = deps.resources.get(module.name)?.operations ?? {};
    const router = Router();
    // Literal segments before parameters, so `/webhooks/event-types` wins over `/webhooks/{id}`.
    for (const op of ops.filter((o) => defs[o.operationId]).sort(bySpecificity)) {
      router[op.method as 'get' | 'post' | 'put' | 'patch' | 'delete'](expressPath(op.path), operationHandler(deps, op, defs[op.operationId]!));
      served.add(op.operationId);
    }
    api.use(router);
  }
  // An operation the spec describes that no module serves yet answers an honest error, never a fake success.
  for (const op of ops.filter((o) => !served.has(o.operationId))) {
    api[op.method as 'get'](expressPath(op.path), () => {
      throw simError('INTERNAL_005', { status: 501, message: `${op.operationId} is not simulated yet` });
    });
  }
  api.use(() => {
    throw simError('RESOURCE_013');
  });
  return api;
}

/**
 * One operation's pipeline, in order:
 *   1. path ids     — a malformed UUID is `400 VALIDATION_001` with the spec's message;
 *   2. access       — role and key type, then Sent's rate limits when a tenant turned them on;
 *   3. idempotency  — replay, wait for a duplicate in flight, or run once (around 4–6);
 *   4. validation   — the spec's request schema (ajv) and the operation's rules, in one pass;
 *   5. scenario     — latency and injected Sent errors of the scenario in force;
 *   6. the handler  — routes.ts → service.ts, returning a result that one writer sends.
 */
function operationHandler(deps: Deps, op: SpecOperation, def: OperationDef) {
  return async (req: Request, res: Response): Promise<void> => {
    const context = ctx(res);
    context.operationId = op.operationId;
    const params = req.params as Record<string, string>;
    checkPathIds(params, op.idParams);
    applyAccess(res, def.access, params);
    const { tenant, apiKey } = authed(res);
    rateLimit(tenant, apiKey, def.rateTier ?? 'standard');
    const rendered = await withIdempotency(req, tenant, `${op.method} ${op.path}`, context.requestId, () => run(deps, op, def, req, res), deps.config.idempotencyWaitMs);
    write(res, rendered);
  };
}

async function run(deps: Deps, op: SpecOperation, def: OperationDef, req: Request, res: Response): Promise<Rendered> {
  const context = ctx(res);
  // Sandbox is decided here, once, for every operation (docs/decisions/0008).
  if (isRecord(req.body) && req.body.sandbox === true) context.sandbox = true;
  const c = opContext(req, res);
  // DELETE may come with no body at all (the SDK sends `{}`, curl usually nothing): both are fine.
  const schema = req.body === undefined && req.method === 'DELETE' ? null : deps.validator.validate(op.operationId, req.body ?? {});
  validationProblems(schema, def.check?.(c), def.validationCode);
  await deps.scenarios.apply(req, res, deps.sleep, RATE_LIMITS[def.rateTier ?? 'standard']);
  c.scenario = context.scenario;
  const result = await def.handle(c);
  const rendered = renderEnvelope(res, result);
  if (context.scopedProfileId) rendered.headers['X-Profile-Id'] = context.scopedProfileId;
  if (context.sandbox) rendered.headers['X-Sandbox'] = 'true';
  return rendered;
}

/** `/v3/profiles/{profileId}` → `/profiles/:profileId` (the router is mounted at `/v3`). */
function expressPath(path: string): string {
  return path.replace(/^\/v3/, '').replace(/\{(\w+)\}/g, ':$1');
}

function bySpecificity(a: SpecOperation, b: SpecOperation): number {
  const rank = (p: string) => p.split('/').map((s) => (s.startsWith('{') ? '1' : '0')).join('');
  return rank(a.path).localeCompare(rank(b.path));
}
