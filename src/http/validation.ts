import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { parseYaml } from '../util/yaml.js';
import { ENUM_LABELS, FIELD_MESSAGES } from '../errors/catalog.js';
import type { ErrorDetails } from '../errors/sim-error.js';

const require = createRequire(import.meta.url);

/**
 * A spec-loaded ajv (JSON Schema 2020-12, with formats). ajv is loaded on first use, not at
 * start-up (~40 ms of cold start): requests without a body never need it.
 */
function specAjv(spec: SpecDocument, allErrors: boolean): Ajv2020 {
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = require('ajv-formats') as (ajv: Ajv2020) => Ajv2020;
  const ajv = new Ajv({ allErrors, strict: false, validateFormats: true });
  addFormats(ajv);
  // Not checked against the JSON Schema meta-schema here (~50 ms): Redocly lints the spec in CI,
  // and each schema is still compiled (and so checked) before its first use.
  ajv.addSchema(spec, 'sent-v3', undefined, false);
  return ajv;
}

export const SPEC_URL = new URL('../../spec/sent-v3.yaml', import.meta.url);

export interface SpecOperation {
  operationId: string;
  method: string;
  /** OpenAPI path template, e.g. `/v3/profiles/{profileId}`. */
  path: string;
  hasBody: boolean;
  /** The spec's `requestBody.required`: a request without a body is refused (issue 25 row 11). */
  bodyRequired: boolean;
  /**
   * Path parameters the server checks as UUIDs, with the message a malformed one gets: those
   * whose parameter (or operation) carries `x-sim-invalid-id-message` in the spec.
   */
  idParams: Record<string, string>;
}

interface SpecParameter {
  $ref?: string;
  name?: string;
  in?: string;
  'x-sim-invalid-id-message'?: string;
}

interface SpecOperationObject {
  operationId?: string;
  requestBody?: { required?: boolean };
  parameters?: SpecParameter[];
  'x-sim-invalid-id-message'?: string;
}

export interface SpecDocument {
  paths: Record<string, Record<string, SpecOperationObject>>;
  components: { schemas: Record<string, unknown>; parameters?: Record<string, SpecParameter> };
}

/** The JSON copy `npm run build` writes beside the compiled code (absent when running from src/). */
const BUILT_SPEC_URL = new URL('../sent-v3.json', import.meta.url);

/** The spec document: the build's JSON copy when there is one (no YAML parse at start-up), else the YAML. */
export function loadSpec(url?: URL): SpecDocument {
  if (url === undefined && existsSync(BUILT_SPEC_URL)) return JSON.parse(readFileSync(BUILT_SPEC_URL, 'utf8')) as SpecDocument;
  return parseYaml(readFileSync(url ?? SPEC_URL, 'utf8')) as SpecDocument;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export function specOperations(spec: SpecDocument): SpecOperation[] {
  const ops: SpecOperation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op?.operationId) continue;
      ops.push({
        operationId: op.operationId,
        method,
        path,
        hasBody: op.requestBody !== undefined,
        bodyRequired: op.requestBody?.required === true,
        idParams: idParams(spec, op),
      });
    }
  }
  return ops;
}

/** `{param: message}` for the path ids an operation checks (spec extension `x-sim-invalid-id-message`). */
function idParams(spec: SpecDocument, op: SpecOperationObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of op.parameters ?? []) {
    const param = raw.$ref ? spec.components.parameters?.[raw.$ref.split('/').pop()!] : raw;
    const message = op['x-sim-invalid-id-message'] ?? param?.['x-sim-invalid-id-message'];
    if (param?.in === 'path' && param.name && message) out[param.name] = message;
  }
  return out;
}

export type Check = (value: unknown) => ErrorDetails | null;

/**
 * Above this many array items and object keys, a body is checked for its first failing field
 * only: ajv's allErrors mode is quadratic in the number of failing array items (each `$ref`'d
 * item's errors are concatenated onto all the previous ones), so a 1 MiB body of 250,000 empty
 * use cases held the process for minutes. Real requests are far below it.
 */
export const FULL_REPORT_MAX_NODES = 5_000;

/**
 * Request-body validators compiled once, at start-up, from the spec's own schemas
 * (no hand-written shape checks). `allErrors` so that one response lists every failing field.
 */
export class RequestValidator {
  private readonly validators = new Map<string, Check>();
  private readonly components = new Map<string, Check>();
  private allErrorsAjv?: Ajv2020;
  private firstErrorAjv?: Ajv2020;

  constructor(private readonly spec: SpecDocument) {
    for (const op of specOperations(spec)) {
      if (!op.hasBody) continue;
      const pointer = `#/paths/${escapePointer(op.path)}/${op.method}/requestBody/content/application~1json/schema`;
      // Compiled on first use: start-up stays fast, and each schema is still compiled only once.
      let compiled: Check | undefined;
      this.validators.set(op.operationId, (body) => (compiled ??= this.check({ $ref: `sent-v3${pointer}` }))(body));
    }
  }

  /**
   * Compiles a schema of our own (the control plane's bodies); it may `$ref` the spec's
   * components as `sent-v3#/components/schemas/X`.
   */
  compile(schema: object): Check {
    // Compiled on first use, like the request validators (control-plane schemas pull in BrandData).
    let compiled: Check | undefined;
    return (value) => (compiled ??= this.check(schema))(value);
  }

  /** Validates a value against one of the spec's component schemas (the control plane uses it). */
  validateComponent(name: string, value: unknown): ErrorDetails | null {
    let check = this.components.get(name);
    if (!check) {
      check = this.check({ $ref: `sent-v3#/components/schemas/${name}` });
      this.components.set(name, check);
    }
    return check(value);
  }

  /** Returns field-path details for an invalid body, or null when it is valid. */
  validate(operationId: string, body: unknown): ErrorDetails | null {
    return this.validators.get(operationId)?.(body) ?? null;
  }

  /** Every failing field for ordinary bodies; the first one for huge bodies (FULL_REPORT_MAX_NODES). */
  private check(schema: object): Check {
    const all = (this.allErrorsAjv ??= specAjv(this.spec, true)).compile(schema);
    let first: ValidateFunction | undefined;
    return (value) => {
      const validate = exceedsNodes(value, FULL_REPORT_MAX_NODES) ? (first ??= (this.firstErrorAjv ??= specAjv(this.spec, false)).compile(schema)) : all;
      return validate(value) ? null : toDetails(validate.errors ?? []);
    };
  }

}

/** Counts array items and object keys, without recursion, and stops once past `budget`. */
function exceedsNodes(value: unknown, budget: number): boolean {
  const stack: unknown[] = [value];
  let seen = 0;
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    const children = Array.isArray(v) ? v : Object.values(v);
    seen += children.length;
    if (seen > budget) return true;
    for (const child of children) stack.push(child);
  }
  return false;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Turns ajv errors into Sent's `details` (field path → messages). Noise from the
 * `oneOf: [{$ref}, {type: 'null'}]` pattern used for nullable objects is dropped: the
 * "must be null" branch and the oneOf summary say nothing a user can act on.
 */
export function toDetails(errors: ErrorObject[]): ErrorDetails {
  const details: ErrorDetails = {};
  const paths = errors.map((e) => fieldPath(e));
  errors.forEach((error, i) => {
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if') return;
    const path = paths[i]!;
    if (error.keyword === 'type' && error.params.type === 'null') {
      const explained = paths.some((p, j) => j !== i && errors[j]!.keyword !== 'oneOf' && (p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`)));
      if (explained) return;
    }
    const message = messageFor(error, path);
    const list = (details[path || 'body'] ??= []);
    if (!list.includes(message)) list.push(message);
  });
  return details;
}

function fieldPath(error: ErrorObject): string {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required') segments.push(String(error.params.missingProperty));
  let path = '';
  for (const s of segments) path += /^\d+$/.test(s) ? `[${s}]` : path ? `.${s}` : s;
  return path;
}

function messageFor(error: ErrorObject, path: string): string {
  const field = path || 'body';
  const unindexed = path.replace(/\[\d+\]/g, '');
  // Own entries only: a body field named `constructor` is not the catalog's.
  const specific = Object.hasOwn(FIELD_MESSAGES, unindexed) ? FIELD_MESSAGES[unindexed] : undefined;
  if (specific && ['pattern', 'minLength', 'maxLength', 'format', 'required', 'type'].includes(error.keyword)) {
    if (error.keyword !== 'required' || specific.whenMissing) return specific.text;
  }
  switch (error.keyword) {
    case 'required':
      return `The ${field} field is required`;
    case 'type':
      return `The ${field} field must be of type ${String(error.params.type).replace(',', ' or ')}`;
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).filter((v) => v !== null).map(String).join(', ');
      const label = Object.hasOwn(ENUM_LABELS, path) ? ENUM_LABELS[path] : undefined;
      return label ? `${label} must be one of: ${allowed}` : `The ${field} field must be one of: ${allowed}`;
    }
    case 'minLength':
      return error.params.limit === 1 ? `The ${field} field must not be empty` : `The ${field} field must be at least ${error.params.limit} characters`;
    case 'maxLength':
      return `The ${field} field must be at most ${error.params.limit} characters`;
    case 'minItems':
      return `The ${field} field must contain at least ${error.params.limit} item(s)`;
    case 'maxItems':
      return `The ${field} field must contain at most ${error.params.limit} item(s)`;
    case 'format':
      return `The ${field} field must be a valid ${String(error.params.format)}`;
    case 'pattern':
      return `The ${field} field has an invalid format`;
    case 'const':
      return `The ${field} field has an invalid value`;
    default:
      return `The ${field} field is invalid`;
  }
}
