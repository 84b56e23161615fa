import type { Deps } from '../deps.js';
import type { components } from '../generated/sent-v3.js';
import type { TenantSettings } from '../store/types.js';

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

/** `PATCH /_sim/tenant`'s body, as a library user writes it (the schema above checks it). */
export interface TenantPatchRequest {
  /** The organization's WhatsApp Business Account on or off. */
  whatsapp_business_account?: boolean;
  /** The organization's own brand, or `null` to remove it (and its campaigns). */
  brand?: components['schemas']['BrandData'] | null;
  /** How many sample campaigns the organization owns (0–50; they need its brand). */
  campaigns?: number;
  settings?: Partial<TenantSettings>;
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

/** One advance moves the clock at most 10 years. */
export const MAX_ADVANCE_SECONDS = 315_360_000;

/** Seconds in each unit `POST /_sim/clock/advance` takes (docs/decisions/0081). */
export const ADVANCE_UNITS = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 } as const;

/**
 * `POST /_sim/clock/advance`: `{seconds}`, or any of `minutes`, `hours`, `days` (added together).
 * Without another unit, `seconds` is required, as it always was.
 */
export const advanceClockSchema = {
  type: 'object',
  properties: Object.fromEntries(
    Object.entries(ADVANCE_UNITS).map(([unit, size]) => [unit, { type: 'number', minimum: 0, maximum: MAX_ADVANCE_SECONDS / size }]),
  ),
  if: { not: { anyOf: [{ required: ['minutes'] }, { required: ['hours'] }, { required: ['days'] }] } },
  then: { required: ['seconds'] },
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
