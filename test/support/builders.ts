import type { components } from '../../src/generated/sent-v3.js';

type Schemas = components['schemas'];

/** A valid profile create body; override what a test is about. */
export function aProfile(overrides: Partial<Schemas['CreateProfileRequest']> = {}): Schemas['CreateProfileRequest'] {
  return { name: 'Sales Team', short_name: 'SALES', description: 'Sales department sender profile', ...overrides };
}

/**
 * What a profile sends to work under its organization's TCR brand and campaigns: since Sent's
 * 2026-11 semantics both default to false (decisions §14), so a profile that means to inherit
 * says so.
 */
export const INHERITS_TCR = { inherit_tcr_brand: true, inherit_tcr_campaign: true } as const;

/**
 * A profile that completes `COMPLETED` under an organization that has a brand and campaigns: it
 * inherits them, and has a WhatsApp account of its own (a WABA is never inherited now, and a
 * profile with neither SMS nor WhatsApp completes `SUBMITTED`).
 */
export function aCompletingProfile(overrides: Partial<Schemas['CreateProfileRequest']> = {}): Schemas['CreateProfileRequest'] {
  return aProfile({ ...INHERITS_TCR, whatsapp_business_account: { waba_id: '102290129340398', access_token: 'EAAG-test-token' }, ...overrides });
}

/** A valid brand request (camelCase, as Sent's API takes it). */
export function aBrand(overrides: Partial<Schemas['BrandData']> = {}): Schemas['BrandData'] {
  return {
    contact: { name: 'John Smith', businessName: 'Acme Corp', email: 'john@acmecorp.com', phone: '+14155550100' },
    business: { legalName: 'Acme Corporation LLC', country: 'US', entityType: 'PRIVATE_PROFIT', taxId: '12-3456789', taxIdType: 'us_ein' },
    compliance: { brandRelationship: 'SMALL_ACCOUNT', vertical: 'PROFESSIONAL', isTcrApplication: false },
    ...overrides,
  };
}

/** A Luhn-valid card that expires well after any test clock. */
export function aCard(overrides: Partial<Schemas['PaymentDetails']> = {}): Schemas['PaymentDetails'] {
  return { card_number: '4242424242424242', expiry: '12/49', cvc: '123', zip_code: '94105', ...overrides };
}

export function aBillingContact(): Schemas['BillingContactInfo'] {
  return { name: 'Jane Doe', email: 'billing@acme.com' };
}
