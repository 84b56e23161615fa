import type { Deps } from '../deps.js';

/** JSON Schemas of the control plane's request bodies (validated with the same ajv as the API). */

/**
 * `PATCH /_sim/tenant`: the fields modules own (the organization's WABA, brand and campaigns:
 * the profiles module's `tenantPatch`) and the declared settings.
 */
export function patchTenantSchema(deps: Deps): object {
  const owned = [...deps.resources.values()].reduce<Record<string, object>>((all, r) => ({ ...all, ...r.tenantPatch?.schema }), {});
  return {
    type: 'object',
    properties: {
      ...owned,
      settings: {
        type: 'object',
        properties: Object.fromEntries(Object.entries(deps.settings).map(([name, d]) => [name, d.schema])),
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  };
}

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
  properties: { name: { type: 'string', minLength: 1, maxLength: 255 } },
  additionalProperties: false,
} as const;

export const viewPageSchema = {
  type: 'object',
  properties: {
    page: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    page_size: { type: 'integer', minimum: 1, maximum: 1000 },
  },
} as const;
