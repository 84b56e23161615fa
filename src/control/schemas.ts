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

const nullableBrand = { oneOf: [{ $ref: 'sent-v3#/components/schemas/ProfileBrand' }, { type: 'null' }] };
const nullableString = { type: ['string', 'null'] };

/**
 * The fields of a snapshot's records that the simulator reads (a wrong type there made the
 * import answer 500 after replacing the state, and every later read of the tenant fail).
 */
const snapshotProfile = {
  type: 'object',
  required: ['id', 'name', 'status', 'deleted_at'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    status: { $ref: 'sent-v3#/components/schemas/ProfileStatus' },
    deleted_at: nullableString,
    short_name: nullableString,
    description: nullableString,
    icon: nullableString,
    brand: nullableBrand,
    billing_contact: { type: ['object', 'null'] },
    whatsapp: { type: ['object', 'null'] },
    payment: { type: ['object', 'null'] },
  },
} as const;

const snapshotCampaign = {
  type: 'object',
  required: ['id', 'profileId', 'useCases'],
  properties: {
    id: { type: 'string' },
    profileId: nullableString,
    useCases: {
      type: 'array',
      items: { type: 'object', required: ['sampleMessages'], properties: { sampleMessages: { type: 'array', items: { type: 'string' } } } },
    },
  },
} as const;

/** Loose on purpose: a snapshot's records are checked only where the simulator reads them. */
export const snapshotSchema = {
  type: 'object',
  required: ['format', 'clock_offset_ms', 'organization', 'settings', 'profiles', 'campaigns'],
  properties: {
    format: { const: 'sent-sim-tenant/1' },
    clock_offset_ms: { type: 'number', minimum: 0 },
    organization: {
      type: 'object',
      required: ['name', 'email', 'waba', 'brand'],
      properties: { name: { type: 'string' }, email: { type: 'string' }, brand: nullableBrand, waba: { type: ['object', 'null'] } },
    },
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
    profiles: { type: 'array', maxItems: 200_000, items: snapshotProfile },
    campaigns: { type: 'array', maxItems: 200_000, items: snapshotCampaign },
  },
} as const;
