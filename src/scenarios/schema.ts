import { ERROR_CATALOG } from '../errors/catalog.js';

/** The JSON Schema of the generic parts of every `scenarios/*.yaml` file, checked at start-up. */
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

/**
 * The generic parts of a scenario file. Any other top-level key is a block a resource module
 * declares (scenarios/blocks.ts): here it need only be an object; `checkScenarioBlocks` checks it
 * is declared and valid against its declaration's schema.
 */
export const scenarioSchema = {
  type: 'object',
  // `example` is optional (docs/decisions/0084): a partner's own file need not show a curl command.
  required: ['name', 'description'],
  additionalProperties: { type: 'object' },
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
  },
} as const;
