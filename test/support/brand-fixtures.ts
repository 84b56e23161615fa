import type { components } from '../../src/generated/sent-v3.js';

type Schemas = components['schemas'];
type Sections = Pick<Schemas['ProfileBrand'], 'contact' | 'business' | 'compliance'>;

/**
 * A brand with every request field set, each to a different value (so a field read into its
 * neighbour's place shows), and the wire sections Sent answers for it. For brand mapping and
 * packing tests; builders.ts `aBrand()` is the everyday brand.
 */
export const FULL_BRAND_REQUEST: Schemas['BrandData'] = {
  contact: {
    name: 'Jordan Smith',
    businessName: 'Acme Corp',
    email: 'jordan.smith@acmecorp.example',
    phone: '+14155550123',
    phoneCountryCode: '1',
    role: 'CEO',
  },
  business: {
    legalName: 'Acme Corporation LLC',
    taxId: '12-3456789',
    taxIdType: 'us_ein',
    entityType: 'PRIVATE_PROFIT',
    street: '123 Market St',
    city: 'San Francisco',
    state: 'CA',
    postalCode: '94105',
    country: 'US',
    countryOfRegistration: 'CA',
    url: 'https://acmecorp.example',
  },
  compliance: {
    brandRelationship: 'SMALL_ACCOUNT',
    vertical: 'PROFESSIONAL',
    destinationCountries: [{ id: 'US', isMain: true }, { id: 'CA' }],
    isTcrApplication: true,
    notes: 'Notes',
    phoneNumberPrefix: '+1',
  },
};

/** `contact`, `business` and `compliance` of FULL_BRAND_REQUEST as Sent answers them. */
export const FULL_BRAND_SECTIONS: Sections = {
  contact: {
    name: 'Jordan Smith',
    business_name: 'Acme Corp',
    role: 'CEO',
    phone: '+14155550123',
    email: 'jordan.smith@acmecorp.example',
    phone_country_code: '1',
  },
  business: {
    legal_name: 'Acme Corporation LLC',
    tax_id: '12-3456789',
    tax_id_type: 'us_ein',
    entity_type: 'PRIVATE_PROFIT',
    street: '123 Market St',
    city: 'San Francisco',
    state: 'CA',
    postal_code: '94105',
    country: 'US',
    url: 'https://acmecorp.example',
    country_of_registration: 'CA',
  },
  compliance: {
    vertical: 'PROFESSIONAL',
    brand_relationship: 'SMALL_ACCOUNT',
    destination_countries: [
      { id: 'US', isMain: true },
      { id: 'CA', isMain: false },
    ],
    is_tcr_application: true,
    notes: 'Notes',
    phone_number_prefix: '+1',
    primary_use_case: null,
  },
};
