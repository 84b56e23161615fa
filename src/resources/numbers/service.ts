import { MESSAGES } from '../../errors/catalog.js';
import { simError } from '../../errors/sim-error.js';
import type { components } from '../../generated/sent-v3.js';
import { E164, phoneInfo } from '../../util/phone.js';
import { CARRIERS } from './carriers.js';

type NumberLookup = components['schemas']['NumberLookup'];

/**
 * `GET /v3/numbers/lookup/{phoneNumber}` (docs/decisions/0020), offline and deterministic:
 * - not E.164 → `400 VALIDATION_002` naming `phoneNumber`;
 * - E.164 but not a valid number for google-libphonenumber → `404 RESOURCE_013`;
 * - else validity, ISO region and line type from the library's metadata, the carrier from the
 *   simulator's table (carriers.ts) for mobile-capable lines, never ported.
 */
export function lookupNumber(phoneNumber: string): NumberLookup {
  if (!E164.test(phoneNumber)) throw simError('VALIDATION_002', { details: { phoneNumber: [MESSAGES.phoneNumberNotE164] } });
  const info = phoneInfo(phoneNumber);
  if (!info.valid) throw simError('RESOURCE_013', { message: MESSAGES.numberNotFound });
  const mobile = info.lineType === 'mobile' || info.lineType === 'fixed_line_or_mobile';
  const carrier = mobile && info.regionCode ? CARRIERS[info.regionCode] : undefined;
  return {
    phone_number: info.e164,
    is_valid: true,
    carrier_name: carrier?.name ?? null,
    line_type: info.lineType === 'unknown' ? null : info.lineType,
    country_code: info.regionCode,
    mobile_country_code: carrier?.mcc ?? null,
    mobile_network_code: carrier?.mnc ?? null,
    is_ported: false,
    is_voip: info.lineType === 'voip',
  };
}
