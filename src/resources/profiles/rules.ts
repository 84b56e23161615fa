/**
 * Profile rules as pure functions (no Express, no I/O, no store). Each returns the field
 * details it finds, keyed by field path, so the service can report every failure at once and
 * refuse the request before anything changes. Messages come from the error catalog.
 */
import { MESSAGES } from '../../errors/catalog.js';
import type { ErrorDetails } from '../../errors/sim-error.js';
import type { components } from '../../generated/sent-v3.js';
import type { ProfileRecord } from './records.js';

type Schemas = components['schemas'];
type BillingModel = Schemas['BillingModel'];
type PaymentDetails = Schemas['PaymentDetails'];

/** A card number the simulated payment processor always declines (docs/decisions/0003). */
export const DECLINED_TEST_CARD = '4000000000000002';

const PROFILE_BILLING: readonly BillingModel[] = ['profile', 'profile_and_organization'];
const KNOWN_BILLING: readonly BillingModel[] = [...PROFILE_BILLING, 'organization'];

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** `MM/YY` is valid through the last day of that month (UTC), judged by the tenant's clock. */
export function expiryInPast(expiry: string, now: number): boolean {
  const match = /^(0[1-9]|1[0-2])\/(\d{2})$/.exec(expiry);
  if (!match) return false; // the format itself is the schema's job
  const month = Number(match[1]);
  const year = 2000 + Number(match[2]);
  const firstOfNextMonth = Date.UTC(year, month, 1);
  return now >= firstOfNextMonth;
}

/**
 * Card checks beyond the schema's patterns: Luhn, expiry not in the past, and the
 * processor's decline of the magic test card. Tolerant of wrong types, because it also
 * runs beside schema validation.
 */
export function cardProblems(payment: unknown, now: number): ErrorDetails {
  const details: ErrorDetails = {};
  if (typeof payment !== 'object' || payment === null) return details;
  const { card_number: number, expiry } = payment as Partial<Record<keyof PaymentDetails, unknown>>;
  if (typeof number === 'string' && /^\d{13,19}$/.test(number)) {
    if (!luhnValid(number)) details['payment_details.card_number'] = [MESSAGES.cardLuhn];
    else if (number === DECLINED_TEST_CARD) details['payment_details.card_number'] = [MESSAGES.cardDeclined];
  }
  if (typeof expiry === 'string' && expiryInPast(expiry, now)) details['payment_details.expiry'] = [MESSAGES.cardExpired];
  return details;
}

/** Fields every create/update body may carry that the rules below look at. */
export interface BillingAndBrandInput {
  billing_model?: BillingModel | null;
  billing_contact?: Schemas['BillingContactInfo'] | null;
  payment_details?: PaymentDetails | null;
  brand?: Schemas['BrandData'] | null;
  inherit_tcr_brand?: boolean | null;
}

/** `brand` together with `inherit_tcr_brand: true` is refused (docs/decisions/0003). */
export function brandWithInheritProblems(input: BillingAndBrandInput): ErrorDetails {
  return input.brand != null && input.inherit_tcr_brand === true ? { brand: [MESSAGES.brandWithInherit] } : {};
}

/** Once the brand is submitted to TCR, any request carrying `brand` is refused whole. */
export function brandLockProblems(profile: Pick<ProfileRecord, 'brand'>, input: BillingAndBrandInput): ErrorDetails {
  return input.brand != null && profile.brand?.submitted_to_tcr === true ? { brand: [MESSAGES.brandLocked] } : {};
}

/**
 * `billing_contact` is required only when `billing_model` is explicitly sent as a profile
 * model and none is stored or sent (docs/decisions/0003, settling the default-model paradox).
 */
export function billingContactProblems(input: BillingAndBrandInput, stored: ProfileRecord['billing_contact']): ErrorDetails {
  const explicitProfileModel = input.billing_model != null && PROFILE_BILLING.includes(input.billing_model);
  return explicitProfileModel && stored === null && input.billing_contact == null
    ? { billing_contact: [MESSAGES.billingContactRequired] }
    : {};
}

/** The model in force after the request: the one sent, else the stored one, else the default. */
export function effectiveBillingModel(input: BillingAndBrandInput, stored: BillingModel | undefined): BillingModel {
  return input.billing_model ?? stored ?? 'profile';
}

/** Payment details only with profile billing; then the card checks (docs/decisions/0003). */
export function paymentProblems(input: BillingAndBrandInput, model: BillingModel, now: number): ErrorDetails {
  if (input.payment_details == null) return {};
  // A billing model the schema refused says nothing about where payment belongs: only the card is judged.
  if (KNOWN_BILLING.includes(model) && !PROFILE_BILLING.includes(model)) return { payment_details: [MESSAGES.paymentWithOrganizationBilling] };
  return cardProblems(input.payment_details, now);
}

/** Every 400-level rule of a profile create or update, in one place. */
export function profileWriteProblems(
  input: BillingAndBrandInput,
  stored: Pick<ProfileRecord, 'brand' | 'billing_contact' | 'billing_model'> | undefined,
  now: number,
): ErrorDetails {
  const model = effectiveBillingModel(input, stored?.billing_model);
  return mergeDetails(
    brandWithInheritProblems(input),
    stored ? brandLockProblems(stored, input) : {},
    billingContactProblems(input, stored?.billing_contact ?? null),
    paymentProblems(input, model, now),
  );
}

export function mergeDetails(...parts: ErrorDetails[]): ErrorDetails {
  const out: ErrorDetails = {};
  for (const part of parts) for (const [k, v] of Object.entries(part)) (out[k] ??= []).push(...v);
  return out;
}

export function cardBrand(number: string): string {
  if (/^4/.test(number)) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  if (/^(6011|65)/.test(number)) return 'discover';
  return 'unknown';
}
