import type { Request, Response } from 'express';
import type { ErrorCode } from '../errors/catalog.js';
import { DetailCollector, simError, type ErrorDetails } from '../errors/sim-error.js';
import type { Scenario } from '../scenarios/types.js';
import type { ApiKeyRecord, Tenant } from '../store/types.js';
import { isUuid } from '../util/random.js';
import { checkAccess, type Access } from './access.js';
import { authed, ctx } from './context.js';
import type { Result } from './result.js';
import type { RateTier } from './rate-limit.js';

/** What a handler (and a rule check) sees of a request. */
export interface OpContext {
  req: Request;
  tenant: Tenant;
  apiKey: ApiKeyRecord;
  /** Path parameters; UUID ids are lower-cased. */
  params: Record<string, string>;
  query: Record<string, unknown>;
  /** The parsed JSON body (`{}` when there was none). */
  body: unknown;
  /** `"sandbox": true` in the body: decided here, once, for every operation (docs/decisions/0008). */
  sandbox: boolean;
  /** The profile named by `x-profile-id`, when an organization key acts for one. */
  scopedProfileId: string | undefined;
  scenario: Scenario | undefined;
  requestId: string;
}

/** One operation of the spec, as a resource module serves it. */
export interface OperationDef {
  access: Access;
  /** Sent's rate tier (docs/decisions/0009); `standard` unless said. */
  rateTier?: RateTier;
  /**
   * Rules that JSON Schema cannot express (Luhn, expiry by the tenant's clock, a brand lock…).
   * They run beside schema validation, whether or not the schema found problems, so one answer
   * lists every failing field (docs/decisions/0001). They must tolerate wrong types and must
   * not throw: a record they need that does not exist is the handler's 404.
   */
  check?: (c: OpContext) => ErrorDetails;
  /**
   * The code of the one validation answer, from every failing field (schema and rules): for
   * operations whose fields have codes of their own (`VALIDATION_002` for a phone number…).
   * `VALIDATION_001` unless said.
   */
  validationCode?: (details: ErrorDetails) => ErrorCode;
  handle: (c: OpContext) => Result | Promise<Result>;
}

/** Builds the handler's context once the earlier stages ran. */
export function opContext(req: Request, res: Response): OpContext {
  const { tenant, apiKey } = authed(res);
  const context = ctx(res);
  return {
    req,
    tenant,
    apiKey,
    params: req.params as Record<string, string>,
    query: req.query,
    body: req.body ?? {},
    sandbox: context.sandbox,
    scopedProfileId: context.scopedProfileId,
    scenario: context.scenario,
    requestId: context.requestId,
  };
}

/**
 * Path ids named by the spec (`x-sim-invalid-id-message`): a malformed UUID is
 * `400 VALIDATION_001` with the operation's message; valid ones are lower-cased.
 */
export function checkPathIds(params: Record<string, string>, idParams: Record<string, string>): void {
  for (const [name, message] of Object.entries(idParams)) {
    const value = params[name];
    if (value === undefined) continue;
    if (!isUuid(value)) throw simError('VALIDATION_001', { message, details: { [name]: [message] } });
    params[name] = value.toLowerCase();
  }
}

export function applyAccess(res: Response, access: Access, params: Record<string, string>): void {
  checkAccess(authed(res).apiKey, access, params.profileId);
}

/**
 * Schema problems and rule problems together (docs/decisions/0001: every failing field at
 * once). A rule's message for a field the schema already reported is not added twice.
 */
export function validationProblems(schema: ErrorDetails | null, rules: ErrorDetails | undefined, codeOf?: (details: ErrorDetails) => ErrorCode): void {
  const details = new DetailCollector();
  if (schema) details.merge(schema);
  for (const [path, messages] of Object.entries(rules ?? {})) {
    if (!schema || !Object.hasOwn(schema, path)) for (const m of messages) details.add(path, m);
  }
  if (codeOf && !details.empty) throw simError(codeOf(details.details), { details: details.details });
  details.throwIfAny();
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
