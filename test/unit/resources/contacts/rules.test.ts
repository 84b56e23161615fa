import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../../src/errors/catalog.js';
import { matchesFilters, phoneFilter, phoneNumberDetails, phoneNumberProblem, queryText } from '../../../../src/resources/contacts/rules.js';

describe('phoneNumberProblem', () => {
  it.each([
    [{}, 'VALIDATION_001', MESSAGES.phoneNumberRequired],
    [{ phone_number: '' }, 'VALIDATION_001', MESSAGES.phoneNumberRequired],
    [{ phone_number: null }, 'VALIDATION_001', MESSAGES.phoneNumberRequired],
    ['not an object', 'VALIDATION_001', MESSAGES.phoneNumberRequired],
    [{ phone_number: '4155550100' }, 'VALIDATION_002', 'Invalid phone number format'],
  ])('%j → %s', (body, code, message) => {
    expect(phoneNumberProblem(body)).toMatchObject({ code, message });
  });

  it('leaves a valid number and a wrongly typed one (the schema reports it) alone', () => {
    expect(phoneNumberProblem({ phone_number: '+14155550100' })).toBeNull();
    expect(phoneNumberProblem({ phone_number: 42 })).toBeNull();
  });

  it('gives field details for a combined answer', () => {
    expect(phoneNumberDetails({ phone_number: 'x' })).toEqual({ phone_number: [MESSAGES.phoneNumberNotE164] });
    expect(phoneNumberDetails({})).toEqual({ phone_number: [MESSAGES.phoneNumberRequired] });
    expect(phoneNumberDetails({ phone_number: '+14155550100' })).toEqual({});
  });
});

describe('query values', () => {
  it.each([
    ['abc', 'abc'],
    ['', undefined],
    [undefined, undefined],
    [['a', 'b'], undefined],
  ])('queryText(%j) → %j', (value, expected) => expect(queryText(value)).toBe(expected));

  it.each([
    ['+14155550100', '+14155550100'],
    [' 14155550100', '+14155550100'],
    [' 1415 555', ' 1415 555'],
    ['', undefined],
  ])('phoneFilter(%j) → %j', (value, expected) => expect(phoneFilter(value)).toBe(expected));
});

describe('matchesFilters', () => {
  const contact = { format_national: '(415) 555-0100', available_channels: 'sms,whatsapp' };
  it.each([
    [undefined, undefined, true],
    ['555-0100', undefined, true],
    ['5550100', undefined, false],
    [undefined, 'whatsapp', true],
    [undefined, 'what', false],
    ['(415)', 'rcs', false],
  ])('search %j, channel %j → %s', (search, channel, expected) => expect(matchesFilters(contact, search, channel)).toBe(expected));
});
