/** JSON Schemas of the control plane's request bodies (validated with the same ajv as the API). */
const brand = { $ref: 'sent-v3#/components/schemas/BrandData' };

export const patchTenantSchema = {
  type: 'object',
  properties: {
    whatsapp_business_account: { type: 'boolean' },
    brand: { oneOf: [brand, { type: 'null' }] },
    campaigns: { type: 'integer', minimum: 0, maximum: 50 },
    settings: {
      type: 'object',
      properties: {
        processing_delay_seconds: { type: 'number', minimum: 0, maximum: 31_536_000 },
        tcr_review_delay_seconds: { type: 'number', minimum: 0, maximum: 31_536_000 },
        callback_max_attempts: { type: 'integer', minimum: 1, maximum: 20 },
        rate_limits: { type: 'boolean' },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;

export const createKeySchema = {
  type: 'object',
  required: ['role'],
  properties: {
    role: { enum: ['owner', 'admin', 'developer', 'billing'] },
    profile_id: { type: ['string', 'null'], format: 'uuid' },
  },
  additionalProperties: false,
} as const;

export const advanceClockSchema = {
  type: 'object',
  required: ['seconds'],
  properties: { seconds: { type: 'number', minimum: 0, maximum: 315_360_000 } },
  additionalProperties: false,
} as const;

export const activeScenarioSchema = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1 } },
  additionalProperties: false,
} as const;

/** Loose on purpose: a snapshot's records are checked for shape at the top level only. */
export const snapshotSchema = {
  type: 'object',
  required: ['format', 'clock_offset_ms', 'organization', 'settings', 'profiles', 'campaigns'],
  properties: {
    format: { const: 'sent-sim-tenant/1' },
    clock_offset_ms: { type: 'number', minimum: 0 },
    organization: { type: 'object', required: ['name', 'email', 'waba', 'brand'] },
    settings: {
      type: 'object',
      required: ['processingDelayMs', 'tcrReviewDelayMs', 'callbackMaxAttempts'],
      properties: {
        processingDelayMs: { type: 'number', minimum: 0 },
        tcrReviewDelayMs: { type: 'number', minimum: 0 },
        callbackMaxAttempts: { type: 'integer', minimum: 1, maximum: 20 },
        rateLimits: { type: 'boolean' },
      },
    },
    active_scenario: { type: ['string', 'null'] },
    profiles: { type: 'array', maxItems: 200_000, items: { type: 'object', required: ['id', 'name', 'status', 'deleted_at'] } },
    campaigns: { type: 'array', maxItems: 200_000, items: { type: 'object', required: ['id', 'profileId', 'useCases'] } },
  },
} as const;
