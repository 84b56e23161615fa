import { describe, expect, it } from 'vitest';
import type { components } from '../../../../src/generated/sent-v3.js';
import { brandFromRequest, brandFromWire, brandToWire } from '../../../../src/resources/profiles/brand.js';
import { FULL_BRAND_REQUEST, FULL_BRAND_SECTIONS } from '../../../support/brand-fixtures.js';

type Schemas = components['schemas'];

const NOW = '2026-05-21T12:05:03.7544606+00:00';
const LATER = '2026-05-22T08:00:00.0000000+00:00';
const ID = '7d5c1b1e-8a1f-4b7e-9a56-0d2f1b7e4c11';

/** What Sent answers for FULL_BRAND_REQUEST: snake_case, every key present, in the docs example's order. */
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
  ...FULL_BRAND_SECTIONS,
};

describe('brand mapping', () => {
  it('maps every request field to its wire field, byte for byte', () => {
    const stored = brandFromRequest(FULL_BRAND_REQUEST, { id: ID, now: NOW });
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
        is_tcr_application: false,
        notes: null,
        phone_number_prefix: null,
        primary_use_case: null,
      },
    });
  });

  it('ignores expectedMessagingVolume and primaryUseCase, which Sent removed: no volume key, primary_use_case null (issue 22)', () => {
    const withRemoved = { ...FULL_BRAND_REQUEST, compliance: { ...FULL_BRAND_REQUEST.compliance, expectedMessagingVolume: '1000', primaryUseCase: 'Reminders' } } as Schemas['BrandData'];
    const wire = brandToWire(brandFromRequest(withRemoved, { id: ID, now: NOW }));
    expect(wire.compliance).toEqual(FULL_BRAND_SECTIONS.compliance);
    expect(wire.compliance).not.toHaveProperty('expected_messaging_volume');
    // A brand stored before (an old snapshot) reads the same way.
    const old = brandFromWire({ ...WIRE, compliance: { ...WIRE.compliance!, primary_use_case: 'Old', expected_messaging_volume: '5' } as never });
    expect(brandToWire(old).compliance).toEqual(FULL_BRAND_SECTIONS.compliance);
  });

  it('shows an inherited brand with is_inherited: true and nothing else changed', () => {
    const stored = brandFromRequest(FULL_BRAND_REQUEST, { id: ID, now: NOW });
    expect(brandToWire(stored, true)).toEqual({ ...WIRE, is_inherited: true });
    expect(Object.keys(brandToWire(stored, true))).toEqual(Object.keys(WIRE));
  });

  it('keeps the identity and TCR state on update and replaces the data', () => {
    const submitted = {
      ...brandFromRequest(FULL_BRAND_REQUEST, { id: ID, now: NOW }),
      tcr_brand_id: 'BABC123',
      status: 'ACTIVE' as const,
      identity_status: 'VERIFIED' as const,
      universal_ein: 'EIN',
      csp_id: 'CSP',
      submitted_to_tcr: true,
      submitted_at: NOW,
    };
    const updated = brandFromRequest({ ...FULL_BRAND_REQUEST, contact: { name: 'Changed' }, business: null }, { id: 'other-id', now: LATER }, submitted);
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
