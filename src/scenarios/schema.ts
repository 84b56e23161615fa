import { ERROR_CATALOG } from '../errors/catalog.js';

/** The JSON Schema every `scenarios/*.yaml` file is checked against at start-up. */
const action = {
  oneOf: [
    { const: 'pass' },
    {
      type: 'object',
      required: ['error'],
      additionalProperties: false,
      properties: {
        error: { enum: Object.keys(ERROR_CATALOG) },
        status: { type: 'integer', minimum: 400, maximum: 599 },
        message: { type: 'string', minLength: 1 },
        retry_after: { type: 'integer', minimum: 0 },
        headers: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
  ],
};

export const scenarioSchema = {
  type: 'object',
  required: ['name', 'description', 'example'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
    description: { type: 'string', minLength: 1 },
    example: { type: 'string', minLength: 1 },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          operation: { type: 'string', minLength: 1 },
          method: { enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
          path: { type: 'string', description: 'a regular expression matched against the request path' },
          latency_ms: { type: 'integer', minimum: 0, maximum: 120_000 },
          on_call: { type: 'integer', minimum: 1, description: 'act only on the Nth matching call' },
          respond: action,
          sequence: { type: 'array', minItems: 1, items: action, description: 'one action per matching call, in order; then pass' },
        },
        not: { required: ['respond', 'sequence'] },
      },
    },
    completion: {
      type: 'object',
      additionalProperties: false,
      properties: {
        outcome: { enum: ['COMPLETED', 'SUBMITTED', 'failed'] },
        message: { type: 'string', minLength: 1 },
        processing_delay_seconds: { type: 'number', minimum: 0 },
        tcr_review_delay_seconds: { type: 'number', minimum: 0 },
        tcr_outcome: { enum: ['approved', 'rejected'] },
      },
    },
    callback: {
      type: 'object',
      additionalProperties: false,
      properties: {
        drop: { type: 'boolean', description: 'send nothing; the attempt is recorded as dropped' },
        timeout_ms: { type: 'integer', minimum: 1, maximum: 60_000 },
        duplicate: { type: 'boolean' },
        delay_seconds: { type: 'number', minimum: 0 },
        max_attempts: { type: 'integer', minimum: 1, maximum: 20 },
      },
    },
    messages: {
      type: 'object',
      additionalProperties: false,
      properties: {
        outcome: { enum: ['delivered', 'read', 'failed', 'undelivered', 'filtered', 'blocked'] },
        description: { type: 'string', minLength: 1 },
        step_delay_seconds: { type: 'number', minimum: 0, maximum: 31_536_000 },
        receipt_delay_seconds: { type: 'number', minimum: 0, maximum: 31_536_000 },
      },
    },
    events: {
      type: 'object',
      additionalProperties: false,
      properties: {
        drop: { type: 'boolean' },
        duplicate: { type: 'boolean' },
        delay_seconds: { type: 'number', minimum: 0, maximum: 31_536_000 },
        reorder: { type: 'boolean' },
        timeout_ms: { type: 'integer', minimum: 1, maximum: 120_000 },
        down: { type: 'boolean', description: 'nothing is sent; every attempt fails as a refused connection, and is retried' },
      },
    },
    templates: {
      type: 'object',
      additionalProperties: false,
      properties: {
        review: { enum: ['approved', 'rejected', 'paused', 'disabled'] },
        reason: { type: 'string', minLength: 1 },
        review_delay_seconds: { type: 'number', minimum: 0, maximum: 31_536_000 },
        scope: { enum: ['whatsapp', 'template'] },
      },
    },
  },
} as const;
