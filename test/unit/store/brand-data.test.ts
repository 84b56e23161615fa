import { describe, expect, it } from 'vitest';
import { type BrandData, brandCompliance, packBrandData, unpackBrandData } from '../../../src/store/brand-data.js';
import { FULL_BRAND_SECTIONS } from '../../support/brand-fixtures.js';

/** Every field set, each to a different value, so a field read into its neighbour's place shows. */
const FULL: BrandData = FULL_BRAND_SECTIONS;

/** Every nullable field null, the optional `isMain` absent, the other boolean false. */
const SPARSE: BrandData = {
  contact: { name: 'J', business_name: null, role: null, phone: null, email: null, phone_country_code: null },
  business: {
    legal_name: null,
    tax_id: null,
    tax_id_type: null,
    entity_type: null,
    street: null,
    city: null,
    state: null,
    postal_code: null,
    country: null,
    url: null,
    country_of_registration: null,
  },
  compliance: {
    vertical: null,
    brand_relationship: null,
    destination_countries: [{ id: 'MX' }],
    expected_messaging_volume: null,
    is_tcr_application: false,
    notes: null,
    phone_number_prefix: null,
    primary_use_case: null,
  },
};

const roundTrip = (data: BrandData) => unpackBrandData(packBrandData(data));

describe('packed brand data', () => {
  it('gives back every field of a full brand, with the same values and key order', () => {
    const back = roundTrip(FULL);
    expect(back).toEqual(FULL);
    expect(JSON.stringify(back)).toBe(JSON.stringify(FULL));
  });

  it('keeps nulls, false and an absent isMain apart from empty strings and false', () => {
    const back = roundTrip(SPARSE);
    expect(JSON.stringify(back)).toBe(JSON.stringify(SPARSE));
    expect(back.compliance!.destination_countries[0]).not.toHaveProperty('isMain');

    const empty: BrandData = { ...SPARSE, contact: { ...SPARSE.contact!, name: '', role: '' } };
    expect(roundTrip(empty).contact).toEqual({ ...SPARSE.contact!, name: '', role: '' });
  });

  it('keeps null sections and an empty destination list', () => {
    const data: BrandData = { contact: null, business: null, compliance: { ...SPARSE.compliance!, destination_countries: [] } };
    expect(JSON.stringify(roundTrip(data))).toBe(JSON.stringify(data));
    const none: BrandData = { contact: null, business: null, compliance: null };
    expect(roundTrip(none)).toEqual(none);
  });

  it('keeps values of any length and any characters, separators and varint bytes included', () => {
    const odd = ['\u0000', '\u0001\u0002', '\u0080\u00ff', 'Zoë 東京 😀 \ud800', 'x'.repeat(127), 'y'.repeat(128), 'z'.repeat(16_384), 'w'.repeat(2_100_000)];
    for (const value of odd) {
      const data: BrandData = {
        contact: { ...FULL.contact!, name: value, email: value },
        business: { ...FULL.business!, street: value },
        compliance: { ...FULL.compliance!, notes: value, destination_countries: [{ id: value, isMain: true }] },
      };
      const back = roundTrip(data);
      expect(back.contact!.name).toBe(value);
      expect(back.contact!.email).toBe(value);
      expect(back.business!.street).toBe(value);
      expect(back.compliance!.notes).toBe(value);
      expect(back).toEqual(data);
    }
  });

  it('is about as long as the values it holds, keys and structure not repeated', () => {
    const values = [...Object.values(FULL.contact!), ...Object.values(FULL.business!)].join('');
    const packed = packBrandData(FULL);
    expect(packed.length).toBeGreaterThan(values.length);
    expect(packed.length).toBeLessThan(values.length + 100);
    expect(packed.length).toBeLessThan(JSON.stringify(FULL).length / 2);
  });

  it('reads the compliance section alone, as unpacking the whole does', () => {
    for (const data of [FULL, SPARSE, { ...FULL, contact: null, business: null }, { ...FULL, compliance: null }]) {
      expect(brandCompliance(packBrandData(data))).toEqual(data.compliance);
    }
  });

  it('answers fresh objects each time, so a caller cannot change the stored brand', () => {
    const packed = packBrandData(FULL);
    const first = unpackBrandData(packed);
    first.contact!.name = 'Changed';
    first.compliance!.destination_countries.push({ id: 'FR', isMain: false });
    expect(unpackBrandData(packed)).toEqual(FULL);
  });
});
