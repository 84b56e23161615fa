import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import type { ErrorDetails } from '../errors/sim-error.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export const SPEC_URL = new URL('../../spec/sent-v3.yaml', import.meta.url);

export interface SpecOperation {
  operationId: string;
  method: string;
  /** OpenAPI path template, e.g. `/v3/profiles/{profileId}`. */
  path: string;
  hasBody: boolean;
}

export interface SpecDocument {
  paths: Record<string, Record<string, { operationId?: string; requestBody?: unknown }>>;
  components: { schemas: Record<string, unknown> };
}

export function loadSpec(url: URL = SPEC_URL): SpecDocument {
  return parseYaml(readFileSync(url, 'utf8')) as SpecDocument;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export function specOperations(spec: SpecDocument): SpecOperation[] {
  const ops: SpecOperation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op?.operationId) ops.push({ operationId: op.operationId, method, path, hasBody: op.requestBody !== undefined });
    }
  }
  return ops;
}

/**
 * Request-body validators compiled once, at start-up, from the spec's own schemas
 * (no hand-written shape checks). `allErrors` so that one response lists every failing field.
 */
export class RequestValidator {
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly components = new Map<string, ValidateFunction>();
  private readonly ajv: Ajv2020;

  constructor(spec: SpecDocument) {
    const ajv = (this.ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true }));
    addFormats(ajv);
    ajv.addSchema(spec, 'sent-v3');
    for (const op of specOperations(spec)) {
      if (!op.hasBody) continue;
      const pointer = `#/paths/${escapePointer(op.path)}/${op.method}/requestBody/content/application~1json/schema`;
      this.validators.set(op.operationId, ajv.compile({ $ref: `sent-v3${pointer}` }));
    }
  }

  /**
   * Compiles a schema of our own (the control plane's bodies); it may `$ref` the spec's
   * components as `sent-v3#/components/schemas/X`.
   */
  compile(schema: object): (value: unknown) => ErrorDetails | null {
    const validate = this.ajv.compile(schema);
    return (value) => (validate(value) ? null : toDetails(validate.errors ?? []));
  }

  /** Validates a value against one of the spec's component schemas (the control plane uses it). */
  validateComponent(name: string, value: unknown): ErrorDetails | null {
    let validate = this.components.get(name);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `sent-v3#/components/schemas/${name}` });
      this.components.set(name, validate);
    }
    return validate(value) ? null : toDetails(validate.errors ?? []);
  }

  /** Returns field-path details for an invalid body, or null when it is valid. */
  validate(operationId: string, body: unknown): ErrorDetails | null {
    const validate = this.validators.get(operationId);
    if (!validate) return null;
    return validate(body) ? null : toDetails(validate.errors ?? []);
  }
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

/** Field-specific wording for the rules users hit most; generic wording otherwise. */
const FIELD_MESSAGES: Record<string, string> = {
  short_name:
    'Short name must be 3-11 characters long, contain only letters, digits and spaces, and include at least one letter',
  'payment_details.card_number': 'Card number must be 13-19 digits',
  'payment_details.expiry': 'Expiry must be in MM/YY format',
  'payment_details.cvc': 'CVC must be 3 or 4 digits',
  'payment_details.zip_code': 'ZIP code is required',
  webHookUrl: 'Webhook URL must be a valid HTTP or HTTPS URL',
};

function messageFor(error: ErrorObject, path: string): string {
  const field = path || 'body';
  const specific = FIELD_MESSAGES[path.replace(/\[\d+\]/g, '')];
  if (specific && ['pattern', 'minLength', 'maxLength', 'format', 'required', 'type'].includes(error.keyword)) {
    if (error.keyword !== 'required' || path === 'webHookUrl' || path.startsWith('payment_details.')) return specific;
  }
  switch (error.keyword) {
    case 'required':
      return `The ${field} field is required`;
    case 'type':
      return `The ${field} field must be of type ${String(error.params.type).replace(',', ' or ')}`;
    case 'enum':
      return `The ${field} field must be one of: ${(error.params.allowedValues as unknown[]).filter((v) => v !== null).map(String).join(', ')}`;
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
