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
