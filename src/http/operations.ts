import { MESSAGES } from '../errors/catalog.js';
import { DetailCollector, simError, type ErrorDetails } from '../errors/sim-error.js';
import type { Tenant } from '../store/types.js';
import { isUuid } from '../util/random.js';
import { authed, ctx, type SimRequest, type SimResponse } from './context.js';
import { idempotency } from './idempotency.js';
import { rateLimit } from './rate-limit.js';
import { specOperations, type RequestValidator, type SpecDocument } from './validation.js';
import type { ScenarioEngine } from '../scenarios/engine.js';

/** What an operation needs from the caller's key (decisions §2). */
export type Access = 'read' | 'write' | 'complete';

export interface OperationHandler {
  access: Access;
  handle(req: SimRequest, res: SimResponse): void | Promise<void>;
  /**
   * Stateless field rules that JSON Schema cannot express (Luhn, expiry by the tenant's clock).
   * They run beside schema validation so one response lists every failing field at once.
   */
  fieldChecks?: (body: unknown, tenant: Tenant) => ErrorDetails;
}

export type OperationTable = Record<string, OperationHandler>;

/** One spec operation, ready to serve: its route shape and the pipeline that runs it. */
export interface CompiledOperation {
  operationId: string;
  method: string;
  /** Path segments after the leading `/`: a literal (lower-case) or `{ param }`. */
  segments: Array<string | { param: string }>;
  run(req: SimRequest, res: SimResponse): void | Promise<void>;
}

/**
 * Builds the `/v3` operations from the spec itself: every operation in `spec/sent-v3.yaml` gets
 * a route, so nothing the spec describes can silently 404. Each runs, in order:
 *   1. path ids      — a malformed uuid is `400 VALIDATION_001` "Invalid … ID format";
 *   2. access        — role and key type (decisions §2), then rate limits when a tenant turned them on;
 *   3. idempotency   — replay or run once (decisions §4);
 *   4. validation    — the spec's request schema via ajv, plus the operation's field checks;
 *   5. scenario      — latency and injected Sent errors of the scenario in force;
 *   6. the handler   — routes.ts → service.ts.
 * No promise unless a stage really has to wait. An operation the simulator does not implement
 * yet answers an honest error, never a fake success.
 */
export function compileOperations(
  spec: SpecDocument,
  validator: RequestValidator,
  table: OperationTable,
  scenarios: ScenarioEngine,
): CompiledOperation[] {
  const idempotent = idempotency();
  return specOperations(spec).map((op) => {
    const handler = table[op.operationId];
    const shape = {
      operationId: op.operationId,
      method: op.method.toUpperCase(),
      segments: op.path
        .split('/')
        .slice(1)
        .map((s) => (/^\{\w+\}$/.test(s) ? { param: s.slice(1, -1) } : s.toLowerCase())),
    };
    if (!handler) {
      return { ...shape, run: () => { throw simError('INTERNAL_005', { status: 501, message: `${op.operationId} is not simulated yet` }); } };
    }
    const afterIdempotency = (req: SimRequest, res: SimResponse): void | Promise<void> => {
      validateBody(req, res, op.operationId, validator, handler);
      const waiting = scenarios.apply(req, res);
      return waiting ? waiting.then(() => handler.handle(req, res)) : handler.handle(req, res);
    };
    const run = (req: SimRequest, res: SimResponse): void | Promise<void> => {
      ctx(res).operationId = op.operationId;
      checkPathIds(req);
      checkAccess(res, handler.access, req.params.profileId);
      rateLimit(res);
      const replayed = idempotent(req, res);
      if (replayed === true) return;
      if (replayed === false) return afterIdempotency(req, res);
      return replayed.then((done) => (done ? undefined : afterIdempotency(req, res)));
    };
    return { ...shape, run };
  });
}

/**
 * The operation a method and path name, with its decoded path parameters. Like Express's
 * defaults: literal segments match case-insensitively, one trailing slash is ignored, HEAD is
 * served by GET. A parameter that is not valid percent-encoding throws a URIError (→ 400).
 */
export function matchOperation(
  operations: CompiledOperation[],
  method: string,
  path: string,
): { operation: CompiledOperation; params: Record<string, string> } | undefined {
  const parts = (path.endsWith('/') && path.length > 1 ? path.slice(0, -1) : path).split('/');
  const wanted = method === 'HEAD' ? 'GET' : method;
  outer: for (const operation of operations) {
    const { segments } = operation;
    if (operation.method !== wanted || segments.length !== parts.length - 1) continue;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!;
      const part = parts[i + 1]!;
      if (typeof segment === 'string' ? part.toLowerCase() !== segment : part === '') continue outer;
    }
    const params: Record<string, string> = {};
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!;
      if (typeof segment !== 'string') params[segment.param] = decodeURIComponent(parts[i + 1]!);
    }
    return { operation, params };
  }
  return undefined;
}

function checkPathIds(req: SimRequest): void {
  const { profileId, campaignId } = req.params as Record<string, string | undefined>;
  if (campaignId !== undefined) {
    if (!isUuid(campaignId) || (profileId !== undefined && !isUuid(profileId))) {
      throw simError('VALIDATION_001', {
        message: MESSAGES.invalidProfileOrCampaignId,
        details: { campaignId: [MESSAGES.invalidProfileOrCampaignId] },
      });
    }
  } else if (profileId !== undefined && !isUuid(profileId)) {
    // Sent's documented wording is the error's message (decisions §1); details name the field.
    throw simError('VALIDATION_001', { message: MESSAGES.invalidProfileId, details: { profileId: [MESSAGES.invalidProfileId] } });
  }
}

/** Roles and key types (decisions §2). A profile key sees only its own profile. */
function checkAccess(res: SimResponse, access: Access, profileId: string | undefined): void {
  const { apiKey } = authed(res);
  const privileged = apiKey.role === 'owner' || apiKey.role === 'admin';
  if (access !== 'read' && !privileged) throw simError('AUTH_004');
  if (apiKey.type === 'profile') {
    if (access === 'write') throw simError('AUTH_004');
    if (profileId !== undefined && profileId.toLowerCase() !== apiKey.profileId) throw simError('RESOURCE_014');
  }
}

function validateBody(
  req: SimRequest,
  res: SimResponse,
  operationId: string,
  validator: RequestValidator,
  handler: OperationHandler,
): void {
  const body: unknown = req.body;
  if (isRecord(body) && body.sandbox === true) {
    ctx(res).sandbox = true;
    res.setHeader('X-Sandbox', 'true');
  }
  // DELETE may come with no body at all (the SDK sends `{}`, curl usually nothing): both are fine.
  if (body === undefined && req.method === 'DELETE') return;
  const schemaErrors = validator.validate(operationId, body ?? {});
  if (!schemaErrors) return;
  const details = new DetailCollector();
  details.merge(schemaErrors);
  if (handler.fieldChecks && isRecord(body)) {
    const { tenant } = authed(res);
    for (const [path, messages] of Object.entries(handler.fieldChecks(body, tenant))) {
      if (!details.details[path]) for (const m of messages) details.add(path, m);
    }
  }
  details.throwIfAny();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
