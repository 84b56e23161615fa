/**
 * Request bodies and example values shared by the consumer tests (what the partner sends) and
 * the provider states (what they set up), so the two cannot drift apart. Values are the ones
 * Sent's own docs use (fact sheet §17).
 */
import type { components } from '../generated/sent-v3.js';

type Schemas = components['schemas'];

/** Example ids from Sent's docs; verification replaces them with the ids the states create. */
export const EXAMPLE = {
  profileId: '660e8400-e29b-41d4-a716-446655440000',
  campaignId: 'b2c3d4e5-f6a7-8901-bcde-f12345678901',
  /** Ids no implementation will have handed out. */
  unknownProfileId: '00000000-0000-4000-8000-00000000dead',
  unknownCampaignId: '00000000-0000-4000-8000-00000000beef',
  requestId: 'req_7X9zKp2jDw',
  timestamp: '2026-05-21T12:05:03.7544606+00:00',
  idempotencyKey: 'req_abc123_retry1',
  webHookUrl: 'https://your-app.com/webhook/profile-complete',
  unknownApiKey: 'sk_live_0000000000000000unknown',
  developerApiKey: 'sk_test_contract_developer',
} as const;

export const PROFILE_NAME = 'Sales Team';

/** A profile with the general data completion needs. */
export const PROFILE: Schemas['CreateProfileRequest'] = {
  name: PROFILE_NAME,
  short_name: 'SALES',
  description: 'Sales department sender profile',
};

/** A brand request (camelCase, as Sent takes it), not a TCR application. */
export const BRAND: Schemas['BrandData'] = {
  contact: { name: 'John Smith', businessName: 'Acme Corp', email: 'john@acmecorp.com', phone: '+14155550100' },
  business: { legalName: 'Acme Corporation LLC', country: 'US', entityType: 'PRIVATE_PROFIT', taxId: '12-3456789', taxIdType: 'us_ein' },
  compliance: { brandRelationship: 'SMALL_ACCOUNT', vertical: 'PROFESSIONAL', isTcrApplication: false },
};

/** The same brand as a TCR application: completion submits it to TCR, which locks it. */
export const TCR_BRAND: Schemas['BrandData'] = {
  ...BRAND,
  compliance: { ...BRAND.compliance, isTcrApplication: true },
};

/** A profile that owns its brand and campaigns, so completion depends on nothing else. */
export const PROFILE_WITH_BRAND: Schemas['CreateProfileRequest'] = {
  ...PROFILE,
  inherit_tcr_brand: false,
  inherit_tcr_campaign: false,
  brand: BRAND,
};

/** Sent's docs example campaign. */
export const CAMPAIGN: Schemas['CampaignData'] = {
  name: 'Customer Notifications',
  description: 'Appointment reminders and account notifications',
  type: 'App',
  useCases: [
    {
      messagingUseCaseUs: 'ACCOUNT_NOTIFICATION',
      sampleMessages: [
        'Hi {name}, your appointment is confirmed for {date} at {time}.',
        'Your order #{order_id} has been shipped. Track at {url}',
      ],
    },
  ],
  optinKeywords: 'YES, START, SUBSCRIBE',
  optoutKeywords: 'STOP, UNSUBSCRIBE, END',
  helpKeywords: 'HELP, INFO, SUPPORT',
};

/** A Luhn-valid test card that expires long after any test clock. */
export const CARD: Schemas['PaymentDetails'] = { card_number: '4242424242424242', expiry: '12/49', cvc: '123', zip_code: '94105' };
