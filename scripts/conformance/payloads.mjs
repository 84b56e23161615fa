// Request bodies for scripts/conformance.mjs, with the values of Sent's docs and SDK examples
// (the same ones test/support/builders.ts and campaign-builders.ts use).

import { brand } from '../../bench/payloads.mjs';

export const UNKNOWN_PROFILE = '7d5c1b1e-8a1f-4b7e-9a56-0d2f1b7e4c11';
export const UNKNOWN_CAMPAIGN = '0f6c2f4e-3b1a-4c59-8d2e-7a9b1c3d5e6f';

export const aProfile = (overrides = {}) => ({
  name: 'Sales Team',
  short_name: 'SALES',
  description: 'Sales department sender profile',
  ...overrides,
});

export const aBrand = (compliance = {}) => ({
  contact: { name: 'John Smith', businessName: 'Acme Corp', email: 'john@acmecorp.com', phone: '+14155550100' },
  business: { legalName: 'Acme Corporation LLC', country: 'US', entityType: 'PRIVATE_PROFIT', taxId: '12-3456789', taxIdType: 'us_ein' },
  compliance: { brandRelationship: 'SMALL_ACCOUNT', vertical: 'PROFESSIONAL', isTcrApplication: false, ...compliance },
});

export const aTcrBrand = () => aBrand({ isTcrApplication: true, destinationCountries: [{ id: 'US', isMain: true }], phoneNumberPrefix: '+1' });

export const aCard = (overrides = {}) => ({ card_number: '4242424242424242', expiry: '12/49', cvc: '123', zip_code: '94105', ...overrides });

export const aBillingContact = () => ({ name: 'Jane Doe', email: 'billing@acme.com', phone: '+14155550123', address: '123 Market St, San Francisco, CA 94105, US' });

/** The spec's `withBrandAndBilling` + `directWhatsapp` examples in one create. */
export const aFullProfile = () => ({
  ...aProfile({ name: 'Support Team', short_name: 'Support1', description: 'Customer support sender profile' }),
  icon: 'https://example.com/support-icon.png',
  allow_contact_sharing: true,
  allow_template_sharing: false,
  inherit_contacts: true,
  inherit_templates: false,
  inherit_tcr_campaign: false,
  billing_model: 'profile',
  billing_contact: aBillingContact(),
  payment_details: aCard(),
  // Every brand field set: the same full brand the benchmark sends.
  brand: brand(),
  whatsapp_business_account: { waba_id: '109876543210987', access_token: 'EAAGm0PX4ZCpsBAJZC0conformance', phone_number_id: '105954558954427' },
  sandbox: false,
});

/** Sent's docs PATCH example: explicit nulls next to real values. */
export const docsPatch = () => ({
  name: 'Sales Team - Updated',
  short_name: 'SALES',
  description: 'Updated sales department sender profile',
  icon: null,
  allow_contact_sharing: null,
  allow_template_sharing: null,
  inherit_contacts: null,
  inherit_templates: null,
  inherit_tcr_brand: null,
  inherit_tcr_campaign: null,
  billing_model: 'organization',
  billing_contact: null,
  sandbox: false,
});

export const SAMPLE_MESSAGES = [
  'Hi {name}, your appointment is confirmed for {date} at {time}.',
  'Your order #{order_id} has been shipped. Track at {url}',
];

export const aCampaign = (overrides = {}) => ({
  name: 'Customer Notifications',
  description: 'Appointment reminders and account notifications',
  type: 'App',
  useCases: [{ messagingUseCaseUs: 'ACCOUNT_NOTIFICATION', sampleMessages: [...SAMPLE_MESSAGES] }],
  ...overrides,
});

/** The spec's `CampaignRequestCreate` example: every optional field set. */
export const aFullCampaign = () =>
  aCampaign({
    messageFlow: 'Customers opt in by ticking the SMS consent box when booking at https://acmecorp.com/book',
    privacyPolicyLink: 'https://acmecorp.com/privacy',
    termsAndConditionsLink: 'https://acmecorp.com/terms',
    optinKeywords: 'YES, START, SUBSCRIBE',
    optoutKeywords: 'STOP, UNSUBSCRIBE, END',
    helpKeywords: 'HELP, INFO, SUPPORT',
    optinMessage: 'Acme Corp: you are subscribed to appointment and account alerts. Reply STOP to opt out.',
    optoutMessage: 'Acme Corp: you are unsubscribed and will receive no further messages.',
    helpMessage: 'Acme Corp: for help email support@acmecorp.com. Reply STOP to opt out.',
  });
