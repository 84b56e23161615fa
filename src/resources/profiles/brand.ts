import type { components } from '../../generated/sent-v3.js';
import type { Tenant } from '../../store/types.js';
import type { BrandRecord, ProfileRecord } from './records.js';

type RequestBrandData = components['schemas']['BrandData'];
type ProfileBrand = components['schemas']['ProfileBrand'];

/**
 * Brand requests are camelCase, brand responses snake_case (fact sheet §9): this is the one
 * place that maps one onto the other. Updating keeps the brand's identity and TCR state and
 * replaces the data it was sent.
 */
export function brandFromRequest(
  data: RequestBrandData,
  ids: { id: string; now: string },
  existing: BrandRecord | null = null,
): BrandRecord {
  const { contact, business, compliance } = data;
  return {
    id: existing?.id ?? ids.id,
    tcr_brand_id: existing?.tcr_brand_id ?? null,
    status: existing?.status ?? null,
    identity_status: existing?.identity_status ?? null,
    universal_ein: existing?.universal_ein ?? null,
    csp_id: existing?.csp_id ?? null,
    submitted_to_tcr: existing?.submitted_to_tcr ?? false,
    submitted_at: existing?.submitted_at ?? null,
    created_at: existing?.created_at ?? ids.now,
    updated_at: existing ? ids.now : null,
    contact: {
      name: contact.name,
      business_name: contact.businessName ?? null,
      role: contact.role ?? null,
      phone: contact.phone ?? null,
      email: contact.email ?? null,
      phone_country_code: contact.phoneCountryCode ?? null,
    },
    business: business
      ? {
          legal_name: business.legalName ?? null,
          tax_id: business.taxId ?? null,
          tax_id_type: business.taxIdType ?? null,
          entity_type: business.entityType ?? null,
          street: business.street ?? null,
          city: business.city ?? null,
          state: business.state ?? null,
          postal_code: business.postalCode ?? null,
          country: business.country ?? null,
          url: business.url ?? null,
          country_of_registration: business.countryOfRegistration ?? null,
        }
      : null,
    compliance: {
      vertical: compliance.vertical,
      brand_relationship: compliance.brandRelationship,
      destination_countries: compliance.destinationCountries?.map((c) => ({ id: c.id, isMain: c.isMain ?? false })) ?? [],
      is_tcr_application: compliance.isTcrApplication ?? false,
      notes: compliance.notes ?? null,
      phone_number_prefix: compliance.phoneNumberPrefix ?? null,
      // Sent removed `expectedMessagingVolume` and `primaryUseCase` from requests; sent anyway,
      // they are ignored, and `primary_use_case` always reads null (decisions §14).
      primary_use_case: null,
    },
  };
}

/**
 * Stored brand → `ProfileBrand`, in the key order of Sent's docs example. `isInherited`:
 * the brand is shown to a profile that inherits it from its organization.
 */
export function brandToWire(brand: BrandRecord, isInherited = false): ProfileBrand {
  return {
    id: brand.id,
    tcr_brand_id: brand.tcr_brand_id,
    status: brand.status,
    identity_status: brand.identity_status,
    universal_ein: brand.universal_ein,
    csp_id: brand.csp_id,
    submitted_to_tcr: brand.submitted_to_tcr,
    submitted_at: brand.submitted_at,
    is_inherited: isInherited,
    created_at: brand.created_at,
    updated_at: brand.updated_at,
    contact: brand.contact,
    business: brand.business,
    compliance: complianceToWire(brand.compliance),
  };
}

/** The compliance section as Sent returns it now: `expected_messaging_volume` gone, `primary_use_case` always null (decisions §14). */
function complianceToWire(c: ProfileBrand['compliance']): ProfileBrand['compliance'] {
  if (c === null) return null;
  return {
    vertical: c.vertical,
    brand_relationship: c.brand_relationship,
    destination_countries: c.destination_countries,
    is_tcr_application: c.is_tcr_application,
    notes: c.notes,
    phone_number_prefix: c.phone_number_prefix,
    primary_use_case: null,
  };
}

/** `ProfileBrand` (a snapshot's) → stored brand: `is_inherited` is how a profile sees it, not stored. */
export function brandFromWire(brand: ProfileBrand): BrandRecord {
  const { is_inherited: _shownAs, ...record } = brandToWire({ ...brand }, false);
  return record;
}

/** The brand a profile works under: its own, else the organization's when it inherits. */
export function effectiveBrand(profile: ProfileRecord, tenant: Tenant): BrandRecord | null {
  if (profile.brand) return profile.brand;
  return profile.inherit_tcr_brand ? tenant.organization.brand : null;
}
