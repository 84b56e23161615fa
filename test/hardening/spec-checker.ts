/**
 * The fuzzer's own reading of the spec, independent of the simulator's validator: is a request
 * body valid, and does a response match what the spec documents for that operation and status?
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { SpecDocument } from '../../src/http/validation.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

interface OperationObject {
  operationId: string;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: unknown }> }>;
}

export interface SpecResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export class SpecChecker {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false });
  private readonly compiled = new Map<string, ValidateFunction>();
  readonly operations = new Map<string, { path: string; method: string; op: OperationObject }>();

  constructor(private readonly spec: SpecDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema(spec, 'sent-v3');
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(item as Record<string, OperationObject>)) {
        if (op.operationId) this.operations.set(op.operationId, { path, method, op });
      }
    }
  }

  /** Does the spec's request schema accept `body`? (Operations without a body accept anything.) */
  requestValid(operationId: string, body: unknown): boolean {
    const { path, method, op } = this.operations.get(operationId)!;
    if (!op.requestBody) return true;
    return this.validator(`#/paths/${pointer(path)}/${method}/requestBody/content/application~1json/schema`)(body) === true;
  }

  /**
   * Problems with one `/v3` response, or an empty list: the status is documented for the
   * operation; 204 has no body; anything else is the JSON envelope, its `meta.request_id` is the
   * `X-Request-Id` header, and it validates against the documented schema.
   */
  responseProblems(operationId: string, res: SpecResponse): string[] {
    const { path, method, op } = this.operations.get(operationId)!;
    let response = op.responses[String(res.status)];
    if (!response) return [`status ${res.status} is not documented for ${operationId}`];
    let base = `#/paths/${pointer(path)}/${method}/responses/${res.status}`;
    if (response.$ref) {
      base = response.$ref;
      response = (this.spec as unknown as { components: { responses: Record<string, typeof response> } }).components.responses[
        response.$ref.replace('#/components/responses/', '')
      ]!;
    }
    if (res.status === 204) return res.text ? [`204 with a body: ${res.text.slice(0, 100)}`] : [];
    if (!/^application\/json/.test(String(res.headers['content-type']))) return [`content-type ${String(res.headers['content-type'])}`];
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      return ['body is not JSON'];
    }
    const problems = envelopeProblems(body, res.headers);
    if (!response.content?.['application/json']) return [...problems, `no JSON schema documented for ${operationId} ${res.status}`];
    const validate = this.validator(`${base}/content/application~1json/schema`);
    if (!validate(body)) problems.push(`schema: ${this.ajv.errorsText(validate.errors, { separator: '; ' })}`);
    return problems;
  }

  private validator(ref: string): ValidateFunction {
    let v = this.compiled.get(ref);
    if (!v) this.compiled.set(ref, (v = this.ajv.compile({ $ref: `sent-v3${ref}` })));
    return v;
  }
}

/**
 * `{success, data, error, meta}` and nothing else; the request id agrees with `X-Request-Id`, or,
 * for an idempotent replay (whose body is repeated as first sent), with `X-Original-Request-Id`.
 */
export function envelopeProblems(body: unknown, headers: Record<string, string | string[] | undefined>): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return ['body is not an object'];
  const problems: string[] = [];
  const keys = Object.keys(body).sort().join(',');
  if (keys !== 'data,error,meta,success') problems.push(`envelope keys ${keys}`);
  const meta = (body as { meta?: { request_id?: unknown } }).meta;
  const expected = headers['idempotent-replayed'] === 'true' ? headers['x-original-request-id'] : headers['x-request-id'];
  if (meta?.request_id !== expected) problems.push('meta.request_id differs from X-Request-Id (X-Original-Request-Id on a replay)');
  return problems;
}
