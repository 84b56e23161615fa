import type { Request, Response } from 'express';
import type { Deps } from '../deps.js';
import { MESSAGES } from '../errors/catalog.js';
import type { ErrorDetails } from '../errors/sim-error.js';
import { checkAccess } from './access.js';
import { identify, scopedProfile } from './auth.js';
import { bodyReader } from './body.js';
import { exchangeOf, header, type Caller, type Exchange } from './context.js';
import { writeError } from './error-handler.js';
import { accountScope, withIdempotency } from './idempotency.js';
import { jsonLimits } from './json-limits.js';
import { checkPathIds, isRecord, validationProblems, type OpContext } from './operation.js';
import { isMultipart, multipartSchemaOf, readMultipart } from './multipart.js';
import { currentRate, RATE_LIMITS, rateLimit, type RateTier } from './rate-limit.js';
import type { BodyRef, Facts } from './record.js';
import { renderEnvelope, write, type Rendered } from './result.js';
import { RouteTable, type Route } from './routes.js';
import { specOperations } from './validation.js';

type Served = Route & { def: NonNullable<Route['def']> };

/**
 * The `/v3` API as one function per request (issue 21: one route table and one body stage, no
 * chain of middlewares), in order:
 *   1. authentication — before any body is read (http/auth.ts);
 *   2. the route     — the spec's table (http/routes.ts): 404, or 501 for what no module serves;
 *   3. the body      — returns at once without one (http/body.ts);
 *   4. path ids      — a malformed UUID is `400 VALIDATION_001` with the spec's message;
 *   5. access        — role and key type, then the request counts against its account's rate
 *                      window (http/rate-limit.ts: `429` only where a tenant turned limits on);
 *   6. idempotency   — replay, wait for a duplicate in flight, or run once (around 7–9);
 *   7. validation    — the spec's request schema (ajv) and the operation's rules, in one pass;
 *   8. scenario      — latency and injected Sent errors of the scenario in force;
 *   9. the handler   — routes.ts → service.ts, returning a result that one writer sends.
 * Errors are answered here, with what the stages learnt so far (`facts`), so a refusal after
 * authentication is journaled under its tenant and carries its account's rate-limit window.
 */
export function apiPipeline(deps: Deps): (req: Request, res: Response) => Promise<void> {
  const table = new RouteTable(specOperations(deps.spec), (operationId) => {
    for (const instance of deps.resources.values()) {
      const def = instance.operations?.[operationId];
      if (def) return def;
    }
    return undefined;
  });
  const readBody = bodyReader(deps.config.bodyLimit);
  const limits = jsonLimits(deps.config);
  return async (req, res) => {
    const exchange = exchangeOf(res);
    // What is known so far, for an answer to an error: filled in as the stages learn it.
    const facts: Facts = {};
    // The account whose rate window the answer shows, and the operation's tier, once known.
    let account: string | undefined;
    let tier: RateTier = 'standard';
    try {
      const identity = identify(deps.tenants, req);
      facts.tenant = identity.tenant;
      account = accountScope({ apiKey: identity.apiKey, scopedProfileId: undefined });
      const caller: Caller = { ...identity, scopedProfileId: scopedProfile(deps.tenants, identity, req) };
      facts.scopedProfileId = caller.scopedProfileId;
      account = accountScope(caller);
      const { route, params } = table.require(req.method, exchange.path);
      facts.operationId = route.op.operationId;
      tier = route.def.rateTier ?? 'standard';
      // A multipart body where the spec declares one (adding an SMS market…, docs/decisions/0073), else JSON.
      const multipart = isMultipart(req.headers['content-type']) ? multipartSchemaOf(deps.spec, route.op.method, route.op.path) : undefined;
      const body = multipart ? { value: await readMultipart(req, multipart, deps.config.bodyLimit, limits) } : await readBody(req, res, limits);
      facts.body = body;
      checkPathIds(params, route.op.idParams);
      checkAccess(caller.apiKey, route.def.access, params.profileId);
      facts.rate = rateLimit(caller.tenant, account, tier);
      const rendered = await withIdempotency(
        {
          key: header(req, 'idempotency-key'),
          method: req.method,
          url: req.originalUrl,
          body: body?.value,
          store: caller.tenant.idempotency,
          now: () => caller.tenant.clock.now(),
          account: accountScope(caller),
          operation: `${route.op.method} ${route.op.path}`,
          requestId: exchange.requestId,
          waitMs: deps.config.idempotencyWaitMs,
          maxResponseBytes: deps.config.idempotencyMaxResponseBytes,
        },
        () => run(deps, exchange, route, { req, caller, params, body, facts }),
      );
      write(res, rendered, facts);
    } catch (err) {
      // Refused before it was counted (or over the limit): the window as it stands.
      if (facts.tenant && account !== undefined) facts.rate ??= currentRate(facts.tenant, account, tier);
      writeError(res, err, facts, deps.logger);
    }
  };
}

interface RunInput {
  req: Request;
  caller: Caller;
  params: Record<string, string>;
  body: BodyRef | undefined;
  facts: Facts;
}

/** Stages 7–9: what idempotency runs once (and a replay skips). */
async function run(deps: Deps, exchange: Exchange, route: Served, input: RunInput): Promise<Rendered> {
  const { req, caller, params, body, facts } = input;
  const { op, def } = route;
  const { tenant } = caller;
  // Sandbox is decided here, once, for every operation (docs/decisions/0008).
  const sandbox = !def.ignoresSandbox && isRecord(body?.value) && body.value.sandbox === true;
  facts.sandbox = sandbox;
  const scenario = deps.scenarios.resolve(req, tenant);
  facts.scenario = scenario?.name;
  const c: OpContext = {
    req,
    tenant,
    apiKey: caller.apiKey,
    params,
    query: req.query,
    body: body?.value ?? {},
    sandbox,
    scopedProfileId: caller.scopedProfileId,
    scenario,
    requestId: exchange.requestId,
  };
  const schema = schemaProblems(deps, op, body);
  validationProblems(schema, def.check?.(c, schema), def.validationCode);
  await deps.scenarios.apply(scenario, { tenant, method: req.method, path: exchange.path, operationId: op.operationId, requestId: exchange.requestId }, deps.sleep, RATE_LIMITS[def.rateTier ?? 'standard']);
  const rendered = renderEnvelope(await def.handle(c), exchange.requestId, tenant);
  if (caller.scopedProfileId) rendered.headers['X-Profile-Id'] = caller.scopedProfileId;
  if (sandbox) rendered.headers['X-Sandbox'] = 'true';
  return rendered;
}

/**
 * The spec's schema on the body. No body: refused where the spec requires one (issue 25 row 11),
 * nothing to check on a DELETE (the SDK sends `{}`, curl usually nothing), else checked as `{}`.
 */
function schemaProblems(deps: Deps, op: Route['op'], body: BodyRef | undefined): ErrorDetails | null {
  if (body !== undefined) return deps.validator.validate(op.operationId, body.value);
  if (op.bodyRequired) return { body: [MESSAGES.bodyRequired] };
  return op.method === 'delete' ? null : deps.validator.validate(op.operationId, {});
}
