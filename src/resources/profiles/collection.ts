import { simError } from '../../errors/sim-error.js';
import { defineCollection } from '../../store/collections.js';
import type { components } from '../../generated/sent-v3.js';
import type { ProfileRecord, Tenant } from '../../store/types.js';

type ProfileBrand = components['schemas']['ProfileBrand'];
import { brandFromWire, brandToWire } from './brand.js';
import { profileToWire } from './to-wire.js';

const nullableString = { type: ['string', 'null'] };
const nullableBrand = { oneOf: [{ $ref: 'sent-v3#/components/schemas/ProfileBrand' }, { type: 'null' }] };

/**
 * The tenant's profiles, soft-deleted ones included (docs/decisions/0003). A snapshot carries
 * the stored record with its brand in the wire shape and the WhatsApp access token removed.
 */
export const PROFILES = defineCollection<ProfileRecord>({
  name: 'profiles',
  itemSchema: {
    type: 'object',
    required: ['id', 'name', 'status', 'deleted_at'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      name: { type: 'string' },
      status: { $ref: 'sent-v3#/components/schemas/ProfileStatus' },
      deleted_at: nullableString,
      short_name: nullableString,
      description: nullableString,
      icon: nullableString,
      brand: nullableBrand,
      billing_contact: { type: ['object', 'null'] },
      whatsapp: { type: ['object', 'null'], properties: { waba_id: { type: 'string' } } },
      payment: { type: ['object', 'null'] },
    },
  },
  maxPerTenant: (config) => config.maxProfilesPerTenant,
  toSnapshot: (p) => ({ ...p, brand: p.brand ? brandToWire(p.brand) : null, whatsapp: p.whatsapp ? { ...p.whatsapp, access_token: null } : null }),
  fromSnapshot: (item, tenant) => {
    const p = item as Omit<ProfileRecord, 'brand'> & { brand: ProfileBrand | null };
    return { ...p, id: p.id.toLowerCase(), organization_id: tenant.id, brand: p.brand ? brandFromWire(p.brand) : null };
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

/** A profile that exists and is not soft-deleted, else `404 RESOURCE_014` (docs/decisions/0003). */
export function liveProfile(tenant: Tenant, profileId: string): ProfileRecord {
  const profile = PROFILES.in(tenant).get(profileId.toLowerCase());
  if (!profile || profile.deleted_at !== null) throw simError('RESOURCE_014');
  return profile;
}
