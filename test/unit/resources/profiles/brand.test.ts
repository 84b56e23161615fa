import { describe, expect, it } from 'vitest';
import type { components } from '../../../../src/generated/sent-v3.js';
import { brandFromRequest, brandFromWire, brandToWire } from '../../../../src/resources/profiles/brand.js';

type Schemas = components['schemas'];

const NOW = '2026-05-21T12:05:03.7544606+00:00';
const LATER = '2026-05-22T08:00:00.0000000+00:00';
const ID = '7d5c1b1e-8a1f-4b7e-9a56-0d2f1b7e4c11';

/** Every request field set, each to a different value. */
const REQUEST: Schemas['BrandData'] = {
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
    expectedMessagingVolume: '1000',
    isTcrApplication: true,
    notes: 'Notes',
    phoneNumberPrefix: '+1',
    primaryUseCase: 'Appointment reminders',
  },
};

/** What Sent answers for REQUEST: snake_case, every key present, in the docs example's order. */
const WIRE: Schemas['ProfileBrand'] = {
  id: ID,
  tcr_brand_id: null,
  status: null,
  identity_status: null,
  universal_ein: null,
  csp_id: null,
  submitted_to_tcr: false,
  submitted_at: null,
  is_inherited: false,
  created_at: NOW,
  updated_at: null,
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
    expected_messaging_volume: '1000',
    is_tcr_application: true,
    notes: 'Notes',
    phone_number_prefix: '+1',
    primary_use_case: 'Appointment reminders',
  },
};

describe('brand mapping', () => {
  it('maps every request field to its wire field, byte for byte', () => {
    const stored = brandFromRequest(REQUEST, { id: ID, now: NOW });
    expect(JSON.stringify(brandToWire(stored))).toBe(JSON.stringify(WIRE));
  });

  it('fills what the request leaves out: nulls, an empty destination list, false', () => {
    const minimal: Schemas['BrandData'] = {
      contact: { name: 'J' },
      compliance: { brandRelationship: 'KEY_ACCOUNT', vertical: 'RETAIL' },
    };
    expect(brandToWire(brandFromRequest(minimal, { id: ID, now: NOW }))).toEqual({
      ...WIRE,
      contact: { name: 'J', business_name: null, role: null, phone: null, email: null, phone_country_code: null },
      business: null,
      compliance: {
        vertical: 'RETAIL',
        brand_relationship: 'KEY_ACCOUNT',
        destination_countries: [],
        expected_messaging_volume: null,
        is_tcr_application: false,
        notes: null,
        phone_number_prefix: null,
        primary_use_case: null,
      },
    });
  });

  it('shows an inherited brand with is_inherited: true and nothing else changed', () => {
    const stored = brandFromRequest(REQUEST, { id: ID, now: NOW });
    expect(brandToWire(stored, true)).toEqual({ ...WIRE, is_inherited: true });
    expect(Object.keys(brandToWire(stored, true))).toEqual(Object.keys(WIRE));
  });

  it('keeps the identity and TCR state on update and replaces the data', () => {
    const submitted = {
      ...brandFromRequest(REQUEST, { id: ID, now: NOW }),
      tcr_brand_id: 'BABC123',
      status: 'ACTIVE' as const,
      identity_status: 'VERIFIED' as const,
      universal_ein: 'EIN',
      csp_id: 'CSP',
      submitted_to_tcr: true,
      submitted_at: NOW,
    };
    const updated = brandFromRequest({ ...REQUEST, contact: { name: 'Changed' }, business: null }, { id: 'other-id', now: LATER }, submitted);
    expect(brandToWire(updated)).toEqual({
      ...WIRE,
      tcr_brand_id: 'BABC123',
      status: 'ACTIVE',
      identity_status: 'VERIFIED',
      universal_ein: 'EIN',
      csp_id: 'CSP',
      submitted_to_tcr: true,
      submitted_at: NOW,
      updated_at: LATER,
      contact: { name: 'Changed', business_name: null, role: null, phone: null, email: null, phone_country_code: null },
      business: null,
    });
  });

  it('round-trips every wire field through the stored form (snapshots)', () => {
    const tcr: Schemas['ProfileBrand'] = {
      ...WIRE,
      tcr_brand_id: 'BABC123',
      status: 'SUSPENDED',
      identity_status: 'SELF_DECLARED',
      universal_ein: 'EIN',
      csp_id: 'CSP',
      submitted_to_tcr: true,
      submitted_at: NOW,
      updated_at: LATER,
      compliance: { ...WIRE.compliance!, destination_countries: [{ id: 'US' }] },
    };
    for (const wire of [WIRE, tcr, { ...WIRE, contact: null, business: null, compliance: null }]) {
      expect(JSON.stringify(brandToWire(brandFromWire(wire)))).toBe(JSON.stringify(wire));
    }
  });
});
