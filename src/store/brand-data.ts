import type { components } from '../generated/sent-v3.js';

type ProfileBrand = components['schemas']['ProfileBrand'];

/** A brand's data sections exactly as the wire shows them (snake_case, `isMain` inside). */
export type BrandData = Pick<ProfileBrand, 'contact' | 'business' | 'compliance'>;

declare const packed: unique symbol;

/**
 * `contact`, `business` and `compliance` of a stored brand, packed into one immutable string
 * by `packBrandData`. Stored as ~35 objects and strings, a brand's data cost ~1.3 KB of heap
 * (object headers, one 16-byte string header per value, padding); packed, one string of
 * about the length of its values (~0.35 KB for a typical brand). Read it back with
 * `unpackBrandData`; nothing else looks inside.
 *
 * Layout, section after section, field after field in wire order:
 * - a section (`contact`, `business`, `compliance`): one char, 0 = null, 1 = present;
 * - a string or null: 0 = null, else the length + 1 as a varint, then the characters;
 * - a boolean: 1 = false, 2 = true; 0 = absent (only `isMain`, which is optional);
 * - `destination_countries`: the count as a varint, then `id` and `isMain` of each.
 * A varint is 7 bits per char, low bits first, 0x80 set on every char but the last: every
 * char below 256, so a brand whose values are Latin-1 packs into a one-byte string.
 */
export type PackedBrandData = string & { readonly [packed]: true };

const NULL = '\u0000';
const ABSENT = '\u0000';
const PRESENT = '\u0001';
const FALSE = '\u0001';
const TRUE = '\u0002';

export function packBrandData({ contact, business, compliance }: BrandData): PackedBrandData {
  const out: string[] = [];
  const str = (value: string | null) => {
    if (value === null) out.push(NULL);
    else out.push(varint(value.length + 1), value);
  };
  const bool = (value: boolean | undefined) => out.push(value === undefined ? ABSENT : value ? TRUE : FALSE);

  if (contact === null) out.push(NULL);
  else {
    out.push(PRESENT);
    str(contact.name);
    str(contact.business_name);
    str(contact.role);
    str(contact.phone);
    str(contact.email);
    str(contact.phone_country_code);
  }
  if (business === null) out.push(NULL);
  else {
    out.push(PRESENT);
    str(business.legal_name);
    str(business.tax_id);
    str(business.tax_id_type);
    str(business.entity_type);
    str(business.street);
    str(business.city);
    str(business.state);
    str(business.postal_code);
    str(business.country);
    str(business.url);
    str(business.country_of_registration);
  }
  if (compliance === null) out.push(NULL);
  else {
    out.push(PRESENT);
    str(compliance.vertical);
    str(compliance.brand_relationship);
    out.push(varint(compliance.destination_countries.length));
    for (const country of compliance.destination_countries) {
      str(country.id);
      bool(country.isMain);
    }
    str(compliance.expected_messaging_volume);
    bool(compliance.is_tcr_application);
    str(compliance.notes);
    str(compliance.phone_number_prefix);
    str(compliance.primary_use_case);
  }
  // join() makes one flat string: nothing of the request (or of `out`) stays referenced.
  return out.join('') as PackedBrandData;
}

/** Fresh wire objects, in the key order of Sent's docs example, every call. */
export function unpackBrandData(data: PackedBrandData): BrandData {
  const r = new Reader(data);
  const contact = r.section()
    ? {
        // A contact always has a name (the request requires it); a snapshot's is schema-checked.
        name: r.str()!,
        business_name: r.str(),
        role: r.str(),
        phone: r.str(),
        email: r.str(),
        phone_country_code: r.str(),
      }
    : null;
  const business = r.section()
    ? {
        legal_name: r.str(),
        tax_id: r.str(),
        tax_id_type: r.str(),
        entity_type: r.str(),
        street: r.str(),
        city: r.str(),
        state: r.str(),
        postal_code: r.str(),
        country: r.str(),
        url: r.str(),
        country_of_registration: r.str(),
      }
    : null;
  return { contact, business, compliance: r.section() ? complianceOf(r) : null };
}

/** Only the compliance section (completion rules read it; they need nothing else). */
export function brandCompliance(data: PackedBrandData): BrandData['compliance'] {
  const r = new Reader(data);
  if (r.section()) r.skip(6);
  if (r.section()) r.skip(11);
  return r.section() ? complianceOf(r) : null;
}

type Compliance = NonNullable<BrandData['compliance']>;

function complianceOf(r: Reader): Compliance {
  const vertical = r.str() as Compliance['vertical'];
  const brandRelationship = r.str() as Compliance['brand_relationship'];
  const count = r.varint();
  const countries: Compliance['destination_countries'] = [];
  for (let i = 0; i < count; i++) {
    const id = r.str()!;
    const isMain = r.bool();
    countries.push(isMain === undefined ? { id } : { id, isMain });
  }
  return {
    vertical,
    brand_relationship: brandRelationship,
    destination_countries: countries,
    expected_messaging_volume: r.str(),
    is_tcr_application: r.bool() === true,
    notes: r.str(),
    phone_number_prefix: r.str(),
    primary_use_case: r.str(),
  };
}

class Reader {
  private at = 0;

  constructor(private readonly text: string) {}

  section(): boolean {
    return this.text.charCodeAt(this.at++) !== 0;
  }

  bool(): boolean | undefined {
    const code = this.text.charCodeAt(this.at++);
    return code === 0 ? undefined : code === 2;
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const code = this.text.charCodeAt(this.at++);
      value += (code & 0x7f) * scale;
      if (code < 0x80) return value;
      scale *= 0x80;
    }
  }

  str(): string | null {
    const size = this.varint();
    if (size === 0) return null;
    const start = this.at;
    this.at += size - 1;
    return this.text.slice(start, this.at);
  }

  /** Skips `count` string fields. */
  skip(count: number): void {
    for (let i = 0; i < count; i++) {
      const size = this.varint();
      if (size > 0) this.at += size - 1;
    }
  }
}

function varint(value: number): string {
  let out = '';
  while (value >= 0x80) {
    out += String.fromCharCode(0x80 | (value & 0x7f));
    value = Math.floor(value / 0x80);
  }
  return out + String.fromCharCode(value);
}
