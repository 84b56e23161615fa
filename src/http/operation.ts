import type { Request } from 'express';
import type { ErrorCode } from '../errors/catalog.js';
import { DetailCollector, simError, type ErrorDetails } from '../errors/sim-error.js';
import type { Scenario } from '../scenarios/types.js';
import type { ApiKeyRecord, Tenant } from '../store/types.js';
import { isUuid } from '../util/random.js';
import type { Access } from './access.js';
import type { Result } from './result.js';
import type { RateTier } from './rate-limit.js';

/**
 * What a handler (and a rule check) sees of a request: built once by the pipeline (api.ts),
 * after the stages that decide its fields and before the rules and the handler, and never
 * changed.
 */
export interface OpContext {
  readonly req: Request;
  readonly tenant: Tenant;
  readonly apiKey: ApiKeyRecord;
  /** Path parameters; UUID ids are lower-cased. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, unknown>>;
  /** The parsed JSON body (`{}` when there was none). */
  readonly body: unknown;
  /** `"sandbox": true` in the body, unless the operation ignores it: decided once, for every operation (docs/decisions/0008). */
  readonly sandbox: boolean;
  /** The profile named by `x-profile-id`, when an organization key acts for one. */
  readonly scopedProfileId: string | undefined;
  /** The scenario in force (header, tenant, default), resolved before the rules run. */
  readonly scenario: Scenario | undefined;
  readonly requestId: string;
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
   * not throw: a record they need that does not exist is the handler's 404. `schema` is what
   * the spec's schema found (null: nothing), so a rule that defers to it need not run ajv again.
   */
  check?: (c: OpContext, schema: ErrorDetails | null) => ErrorDetails;
  /**
   * The code of the one validation answer, from every failing field (schema and rules): for
   * operations whose fields have codes of their own (`VALIDATION_002` for a phone number…).
   * `VALIDATION_001` unless said.
   */
  validationCode?: (details: ErrorDetails) => ErrorCode;
  /**
   * Sent ignores `"sandbox": true` on this operation and acts for real (rest §9.1: deleting a
   * webhook): the request is not a sandbox one, and its answer says nothing of sandbox.
   */
  ignoresSandbox?: boolean;
  handle: (c: OpContext) => Result | Promise<Result>;
}

/**
 * Path ids named by the spec (`x-sim-invalid-id-message`): a malformed UUID is
 * `400 VALIDATION_001` with the operation's message; valid ones are lower-cased.
 */
export function checkPathIds(params: Record<string, string>, idParams: Record<string, string>): Record<string, string> {
  for (const name in idParams) {
    const value = params[name];
    if (value === undefined) continue;
    const message = idParams[name]!;
    if (!isUuid(value)) throw simError('VALIDATION_001', { message, details: { [name]: [message] } });
    params[name] = value.toLowerCase();
  }
  return params;
}

/**
 * Schema problems and rule problems together (docs/decisions/0001: every failing field at
 * once). A rule's message for a field the schema already reported is not added twice.
 */
export function validationProblems(schema: ErrorDetails | null, rules: ErrorDetails | undefined, codeOf?: (details: ErrorDetails) => ErrorCode): void {
  // Nearly every request passes: no collector is made for it (issue 21 counted one per GET).
  if (schema === null && (rules === undefined || isEmpty(rules))) return;
  const details = new DetailCollector();
  if (schema) details.merge(schema);
  for (const [path, messages] of Object.entries(rules ?? {})) {
    if (!schema || !Object.hasOwn(schema, path)) for (const m of messages) details.add(path, m);
  }
  if (codeOf && !details.empty) throw simError(codeOf(details.details), { details: details.details });
  details.throwIfAny();
}

function isEmpty(details: ErrorDetails): boolean {
  for (const _ in details) return false;
  return true;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
