import { createRequire } from 'node:module';
import type * as LibPhoneNumber from 'google-libphonenumber';

const require = createRequire(import.meta.url);

/** E.164 syntax as Sent accepts it (docs/decisions/0011): fictional numbers such as +14155550100 pass. */
export const E164 = /^\+[1-9]\d{6,14}$/;

export type LineType = 'mobile' | 'landline' | 'fixed_line_or_mobile' | 'toll_free' | 'premium_rate' | 'shared_cost' | 'voip' | 'personal_number' | 'pager' | 'uan' | 'voicemail' | 'unknown';

/** What google-libphonenumber says of a number, in the formats Sent returns. */
export interface PhoneInfo {
  e164: string;
  /** `+1 415-555-0100` */
  international: string;
  /** `(415) 555-0100` */
  national: string;
  /** `tel:+1-415-555-0100` */
  rfc: string;
  /** The calling code, `"1"`. */
  countryCode: string;
  /** ISO 3166 alpha-2, `"US"`; null when the metadata knows no region for the number. */
  regionCode: string | null;
  valid: boolean;
  lineType: LineType;
}

const LINE_TYPES: Record<number, LineType> = {
  0: 'landline',
  1: 'mobile',
  2: 'fixed_line_or_mobile',
  3: 'toll_free',
  4: 'premium_rate',
  5: 'shared_cost',
  6: 'voip',
  7: 'personal_number',
  8: 'pager',
  9: 'uan',
  10: 'voicemail',
};

let lib: typeof LibPhoneNumber | undefined;

/**
 * google-libphonenumber (the JavaScript build of Google's library, whose formats are the ones
 * Sent returns), loaded on first use: it is large, and most runs never format a number.
 * Never hand-written formatting (docs/decisions/0011).
 */
function phoneLib(): typeof LibPhoneNumber {
  return (lib ??= require('google-libphonenumber') as typeof LibPhoneNumber);
}

/**
 * What `phoneInfo` said of the numbers seen last, frozen (callers share them). A test suite sends
 * to a handful of numbers again and again: a message send spent 15% of its CPU in the library
 * (`--cpu-prof`, one recipient, c=50). Bounded: emptied when it reaches `PHONE_CACHE_SIZE`.
 */
const PHONE_CACHE_SIZE = 10_000;
const known = new Map<string, PhoneInfo>();

/** Formats and metadata of an E.164 number (callers check `E164` first). */
export function phoneInfo(e164: string): PhoneInfo {
  let info = known.get(e164);
  if (info === undefined) {
    if (known.size >= PHONE_CACHE_SIZE) known.clear();
    info = Object.freeze(describe(e164));
    known.set(e164, info);
  }
  return info;
}

function describe(e164: string): PhoneInfo {
  const { PhoneNumberUtil, PhoneNumberFormat } = phoneLib();
  const util = PhoneNumberUtil.getInstance();
  let number: LibPhoneNumber.PhoneNumber;
  try {
    number = util.parse(e164);
  } catch {
    // E.164 syntax with a calling code no country has (`+999…`) is still accepted
    // (docs/decisions/0011); the library cannot parse it, so it is shown as typed.
    return { e164, international: e164, national: e164.slice(1), rfc: `tel:${e164}`, countryCode: '', regionCode: null, valid: false, lineType: 'unknown' };
  }
  const countryCode = number.getCountryCode() ?? 0;
  const region = util.getRegionCodeForNumber(number) ?? util.getRegionCodeForCountryCode(countryCode);
  return {
    e164,
    international: util.format(number, PhoneNumberFormat.INTERNATIONAL),
    national: util.format(number, PhoneNumberFormat.NATIONAL),
    rfc: util.format(number, PhoneNumberFormat.RFC3966),
    countryCode: String(countryCode),
    // ISO 3166 alpha-2 only: `ZZ` (unknown) and `001` (non-geographic, e.g. +800) are no region.
    regionCode: region && /^[A-Z]{2}$/.test(region) && region !== 'ZZ' ? region : null,
    valid: util.isValidNumber(number),
    lineType: LINE_TYPES[util.getNumberType(number)] ?? 'unknown',
  };
}
