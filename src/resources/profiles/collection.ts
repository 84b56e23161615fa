import { MESSAGES } from '../../errors/catalog.js';
import { simError } from '../../errors/sim-error.js';
import { defineLimit } from '../../limits.js';
import { defineCollection } from '../../store/collections.js';
import type { components } from '../../generated/sent-v3.js';
import type { Tenant } from '../../store/types.js';
import type { ProfileRecord } from './records.js';

type ProfileBrand = components['schemas']['ProfileBrand'];
import { brandFromWire, brandToWire } from './brand.js';
import { profileToWire } from './to-wire.js';

/** Bounded memory (docs/decisions/0022): stored profiles per tenant, soft-deleted ones included. */
export const PROFILE_CAP = defineLimit({
  flag: 'max-profiles',
  key: 'maxProfilesPerTenant',
  default: 250_000,
  min: 1,
  max: 10_000_000,
  description: 'stored profiles per tenant before creates answer 400 BUSINESS_008',
  error: { code: 'BUSINESS_008', message: MESSAGES.profileCap },
});

const nullableBrand = { oneOf: [{ $ref: 'sent-v3#/components/schemas/ProfileBrand' }, { type: 'null' }] };
/** The stored fields that are wire fields, checked against the spec's own `ProfileDetail`. */
const WIRE_FIELDS = [
  'id', 'organization_id', 'name', 'icon', 'description', 'short_name', 'status', 'created_at', 'updated_at',
  'inherit_tcr_brand', 'inherit_tcr_campaign', 'billing_model', 'sending_phone_number', 'whatsapp_phone_number',
  'allow_number_change_during_onboarding', 'billing_contact',
] as const satisfies ReadonlyArray<keyof ProfileRecord>;

/**
 * Fields Sent deprecated (decisions §14): always false / null now. A snapshot made before may
 * hold other values; it still imports, and they read as Sent reads them today.
 */
const IGNORED_FLAGS = ['allow_contact_sharing', 'allow_template_sharing', 'inherit_contacts', 'inherit_templates'] as const;
const IGNORED_IDS = ['sending_phone_number_profile_id', 'sending_whatsapp_number_profile_id'] as const;

/**
 * The tenant's profiles, soft-deleted ones included (docs/decisions/0004). A snapshot carries
 * the stored record with its brand in the wire shape and the WhatsApp access token removed.
 * Every field a record has is checked on import, the wire ones by the spec's `ProfileDetail`:
 * an imported profile must read back exactly as the API describes it (issue 15 row 7).
 */
export const PROFILES = defineCollection<ProfileRecord>({
  name: 'profiles',
  itemSchema: {
    type: 'object',
    required: [...WIRE_FIELDS, ...IGNORED_FLAGS, ...IGNORED_IDS, 'brand', 'whatsapp', 'payment', 'deleted_at'],
    properties: {
      ...Object.fromEntries(WIRE_FIELDS.map((f) => [f, { $ref: `sent-v3#/components/schemas/ProfileDetail/properties/${f}` }])),
      ...Object.fromEntries(IGNORED_FLAGS.map((f) => [f, { type: 'boolean' }])),
      ...Object.fromEntries(IGNORED_IDS.map((f) => [f, { type: ['string', 'null'], maxLength: 64 }])),
      brand: nullableBrand,
      whatsapp: {
        type: ['object', 'null'],
        required: ['waba_id', 'access_token', 'phone_number_id', 'inherited'],
        properties: {
          waba_id: { type: 'string', maxLength: 64 },
          access_token: { type: ['string', 'null'], maxLength: 2048 },
          phone_number_id: { type: ['string', 'null'], maxLength: 64 },
          inherited: { type: 'boolean' },
        },
      },
      payment: {
        type: ['object', 'null'],
        required: ['last4', 'card_brand'],
        properties: { last4: { type: 'string', pattern: '^[0-9]{4}$' }, card_brand: { type: 'string', maxLength: 32 } },
      },
      deleted_at: { type: ['string', 'null'], maxLength: 64 },
    },
  },
  limit: PROFILE_CAP,
  toSnapshot: (p) => ({ ...p, brand: p.brand ? brandToWire(p.brand) : null, whatsapp: p.whatsapp ? { ...p.whatsapp, access_token: null } : null }),
  fromSnapshot: (item, tenant) => {
    const p = item as Omit<ProfileRecord, 'brand'> & { brand: ProfileBrand | null };
    const ignored = { ...Object.fromEntries(IGNORED_FLAGS.map((f) => [f, false])), ...Object.fromEntries(IGNORED_IDS.map((f) => [f, null])) } as Pick<ProfileRecord, (typeof IGNORED_FLAGS)[number] | (typeof IGNORED_IDS)[number]>;
    // A WhatsApp account is never inherited now: an inherited one in an older snapshot is none.
    const whatsapp = p.whatsapp?.inherited ? null : p.whatsapp;
    return { ...p, ...ignored, whatsapp, id: p.id.toLowerCase(), organization_id: tenant.id, brand: p.brand ? brandFromWire(p.brand) : null };
  },
  toView: (p, tenant) => ({
    ...profileToWire(p, tenant),
    deleted_at: p.deleted_at,
    simulator: {
      whatsapp_inherited: p.whatsapp?.inherited ?? null,
      whatsapp_access_token_set: p.whatsapp?.access_token != null,
      payment: p.payment,
    },
  }),
});

/** A profile that exists and is not soft-deleted, else `404 RESOURCE_014` (docs/decisions/0004). */
export function liveProfile(tenant: Tenant, profileId: string): ProfileRecord {
  const profile = PROFILES.in(tenant).get(profileId.toLowerCase());
  if (!profile || profile.deleted_at !== null) throw simError('RESOURCE_014');
  return profile;
}
