import { describe, expect, it } from 'vitest';
import { phoneInfo } from '../../../src/util/phone.js';

describe('phoneInfo', () => {
  it.each([
    ['+14155550100', { international: '+1 415-555-0100', national: '(415) 555-0100', rfc: 'tel:+1-415-555-0100', countryCode: '1', regionCode: 'US' }],
    ['+447700900123', { international: '+44 7700 900123', national: '07700 900123', rfc: 'tel:+44-7700-900123', countryCode: '44', regionCode: 'GB' }],
    ['+99912345678', { international: '+99912345678', national: '99912345678', rfc: 'tel:+99912345678', countryCode: '', regionCode: null, valid: false }],
  ])('describes %s in the formats Sent returns', (e164, expected) => {
    expect(phoneInfo(e164)).toMatchObject({ e164, ...expected });
  });

  it('answers a number seen before with the same frozen description (a send looks its recipients up again and again)', () => {
    const first = phoneInfo('+14155550123');
    expect(phoneInfo('+14155550123')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => {
      (first as { national: string }).national = 'changed';
    }).toThrow(TypeError);
    expect(phoneInfo('+14155550123').national).toBe('(415) 555-0123');
  });
});
