import { describe, expect, it } from 'vitest';
import { CARRIERS } from '../../../../src/resources/numbers/carriers.js';
import { lookupNumber } from '../../../../src/resources/numbers/service.js';
import { phoneInfo } from '../../../../src/util/phone.js';

describe('the carrier table', () => {
  it('has a real-looking MCC (3 digits) and MNC (2–3 digits) for every region, keyed by ISO alpha-2', () => {
    for (const [region, carrier] of Object.entries(CARRIERS)) {
      expect(region).toMatch(/^[A-Z]{2}$/);
      expect(carrier.mcc).toMatch(/^\d{3}$/);
      expect(carrier.mnc).toMatch(/^\d{2,3}$/);
    }
  });
});

describe('lookupNumber', () => {
  it('answers the docs example with the US entry', () => {
    expect(lookupNumber('+12025551234')).toMatchObject({ carrier_name: 'T-Mobile', mobile_country_code: '310', mobile_network_code: '260', country_code: 'US' });
  });

  it.each(['+1234567890', '+99912345678'])('throws RESOURCE_013 for %s', (n) => {
    expect(() => lookupNumber(n)).toThrow(expect.objectContaining({ code: 'RESOURCE_013' }));
  });

  it('throws VALIDATION_002 for a value that is not E.164', () => {
    expect(() => lookupNumber('2025551234')).toThrow(expect.objectContaining({ code: 'VALIDATION_002', details: { phoneNumber: [expect.any(String)] } }));
  });
});

describe('phoneInfo', () => {
  it('does not throw for a calling code no country has', () => {
    expect(phoneInfo('+99912345678')).toEqual({ e164: '+99912345678', international: '+99912345678', national: '99912345678', rfc: 'tel:+99912345678', countryCode: '', regionCode: null, valid: false, lineType: 'unknown' });
  });

  it('gives no region for a non-geographic number', () => {
    expect(phoneInfo('+80012345678')).toMatchObject({ regionCode: null, countryCode: '800', valid: true });
  });
});
