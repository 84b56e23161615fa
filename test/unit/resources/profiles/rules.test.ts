import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../../src/errors/catalog.js';
import {
  billingContactProblems,
  brandLockProblems,
  brandWithInheritProblems,
  cardProblems,
  DECLINED_TEST_CARD,
  effectiveBillingModel,
  expiryInPast,
  luhnValid,
  paymentProblems,
} from '../../../../src/resources/profiles/rules.js';
import { aBillingContact, aBrand, aCard } from '../../../support/builders.js';

const NOV_2026 = Date.UTC(2026, 10, 24, 12);

describe('luhnValid', () => {
  it.each([
    ['4242424242424242', true],
    ['4000000000000002', true],
    ['5555555555554444', true],
    ['378282246310005', true],
    ['4242424242424241', false],
    ['1234567890123', false],
    ['42424242a4242424', false],
  ])('%s → %s', (number, valid) => expect(luhnValid(number)).toBe(valid));
});

describe('expiryInPast', () => {
  it.each([
    ['10/26', true],
    ['11/26', false], // valid through the end of the month
    ['12/26', false],
    ['01/20', true],
    ['12/49', false],
  ])('%s in Nov 2026 → %s', (expiry, past) => expect(expiryInPast(expiry, NOV_2026)).toBe(past));

  it('treats the first instant of the next month as expired', () => {
    expect(expiryInPast('11/26', Date.UTC(2026, 11, 1))).toBe(true);
    expect(expiryInPast('11/26', Date.UTC(2026, 11, 1) - 1)).toBe(false);
  });
});

describe('cardProblems', () => {
  it.each([
    [aCard(), {}],
    [aCard({ card_number: '4242424242424241' }), { 'payment_details.card_number': [MESSAGES.cardLuhn] }],
    [aCard({ card_number: DECLINED_TEST_CARD }), { 'payment_details.card_number': [MESSAGES.cardDeclined] }],
    [aCard({ expiry: '01/21' }), { 'payment_details.expiry': [MESSAGES.cardExpired] }],
    [
      aCard({ card_number: '4242424242424241', expiry: '01/21' }),
      { 'payment_details.card_number': [MESSAGES.cardLuhn], 'payment_details.expiry': [MESSAGES.cardExpired] },
    ],
  ])('checks %j', (card, expected) => expect(cardProblems(card, NOV_2026)).toEqual(expected));

  it('leaves malformed values to the schema instead of crashing', () => {
    expect(cardProblems({ card_number: 42, expiry: null }, NOV_2026)).toEqual({});
    expect(cardProblems('nope', NOV_2026)).toEqual({});
  });
});

describe('brand rules', () => {
  it.each([
    [{ brand: aBrand(), inherit_tcr_brand: true }, { brand: [MESSAGES.brandWithInherit] }],
    [{ brand: aBrand(), inherit_tcr_brand: false }, {}],
    [{ brand: aBrand() }, {}],
    [{ brand: null, inherit_tcr_brand: true }, {}],
  ])('brand with inherit %#', (input, expected) => expect(brandWithInheritProblems(input)).toEqual(expected));

  it('locks a brand submitted to TCR against any request carrying brand', () => {
    const submitted = { brand: { submitted_to_tcr: true } } as Parameters<typeof brandLockProblems>[0];
    const draft = { brand: { submitted_to_tcr: false } } as Parameters<typeof brandLockProblems>[0];
    expect(brandLockProblems(submitted, { brand: aBrand() })).toEqual({ brand: [MESSAGES.brandLocked] });
    expect(brandLockProblems(submitted, { name: 'x' } as object)).toEqual({});
    expect(brandLockProblems(draft, { brand: aBrand() })).toEqual({});
    expect(brandLockProblems({ brand: null }, { brand: aBrand() })).toEqual({});
  });
});

describe('billing rules', () => {
  it.each([
    [{ billing_model: 'profile' as const }, null, { billing_contact: [MESSAGES.billingContactRequired] }],
    [{ billing_model: 'profile_and_organization' as const }, null, { billing_contact: [MESSAGES.billingContactRequired] }],
    [{ billing_model: 'organization' as const }, null, {}],
    [{}, null, {}], // the default model alone does not demand a contact
    [{ billing_model: 'profile' as const, billing_contact: aBillingContact() }, null, {}],
    [{ billing_model: 'profile' as const }, { name: 'a', email: 'a@b.c', phone: null, address: null }, {}],
  ])('billing contact %#', (input, stored, expected) => expect(billingContactProblems(input, stored)).toEqual(expected));

  it('takes the billing model sent, else the stored one, else profile', () => {
    expect(effectiveBillingModel({ billing_model: 'organization' }, 'profile')).toBe('organization');
    expect(effectiveBillingModel({ billing_model: null }, 'organization')).toBe('organization');
    expect(effectiveBillingModel({}, undefined)).toBe('profile');
  });

  it('allows payment details only with profile billing', () => {
    expect(paymentProblems({ payment_details: aCard() }, 'organization', NOV_2026)).toEqual({
      payment_details: [MESSAGES.paymentWithOrganizationBilling],
    });
    expect(paymentProblems({ payment_details: aCard() }, 'profile', NOV_2026)).toEqual({});
    expect(paymentProblems({ payment_details: aCard() }, 'profile_and_organization', NOV_2026)).toEqual({});
  });
});
