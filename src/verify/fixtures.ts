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
  /** Neither Sent's UUID shape nor `sk_test_`: no implementation provisions it (the simulator opens a tenant for those). */
  unknownApiKey: 'not-an-api-key-0000000000unknown',
  developerApiKey: 'sk_test_contract_developer',
  messageId: '8ba7b830-9dad-11d1-80b4-00c04fd430c8',
  templateId: '7ba7b820-9dad-11d1-80b4-00c04fd430c8',
  webhookId: 'd4f5a6b7-c8d9-4e0f-a1b2-c3d4e5f6a7b8',
  contactId: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  userId: '880e8400-e29b-41d4-a716-446655440003',
  unknownMessageId: '00000000-0000-4000-8000-00000000a001',
  unknownTemplateId: '00000000-0000-4000-8000-00000000a002',
  unknownWebhookId: '00000000-0000-4000-8000-00000000a003',
  unknownContactId: '00000000-0000-4000-8000-00000000a004',
  unknownUserId: '00000000-0000-4000-8000-00000000a005',
  /** Where the docs' examples register webhooks; verification injects a URL of its own. */
  endpointUrl: 'https://example.com/webhooks/orders',
  /** A sender profile of the onboarding flow (its id is a profile id: one record). */
  senderProfileId: '770e8400-e29b-41d4-a716-446655440002',
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

/** A fictional number (NANP 555-01xx) the messages states send to. */
export const RECIPIENT = '+14155550100';

/** A free-text SMS, as a partner sends it. */
export const TEXT_MESSAGE: Schemas['SendMessageRequest'] = { to: [RECIPIENT], channel: ['sms'], text: 'Your table is ready.' };

/** A reminder sent for later (docs/decisions/0066): the states put `scheduled_at` an hour after the target's clock. */
export const REMINDER = { to: [RECIPIENT], channel: ['sms'], text: 'Your appointment is tomorrow at 9:00.' } as const;
/** An example release instant (verification replaces it with one an hour after the target's clock). */
export const SCHEDULED_AT_EXAMPLE = '2026-05-21T13:05:03Z';
/** An MMS with one attachment (docs/decisions/0068). */
export const MMS_MESSAGE = { to: [RECIPIENT], channel: ['mms'], text: 'Your receipt is attached.', media_urls: ['https://cdn.example.com/receipt.jpg'], subject: 'Receipt' } as const;

/** Sent's docs welcome template: one body for every channel, one variable. */
export const TEMPLATE_DEFINITION: Schemas['TemplateDefinition'] = {
  body: {
    multiChannel: {
      template: 'Hello {{0:variable}}! Your order is confirmed.',
      variables: [{ id: 0, name: 'name', type: 'variable', props: { variableType: 'text', sample: 'John' } }],
    },
  },
};

export const TEMPLATE: Schemas['CreateTemplateRequest'] = { category: 'UTILITY', language: 'en_US', definition: TEMPLATE_DEFINITION };

/** A body Sent refuses since 2026-11: an sms body alone (every template must be deliverable on every channel). */
export const SMS_ONLY_DEFINITION: Schemas['TemplateDefinition'] = {
  body: { sms: { template: 'Hi {{0:variable}}, your code is ready.', variables: [{ id: 0, name: 'name', type: 'variable', props: { variableType: 'text', sample: 'John' } }] } },
};

/** The docs' webhook example; the states register theirs at a URL verification chooses. */
export const WEBHOOK = {
  display_name: 'Order Notifications',
  event_types: ['message', 'templates'],
  event_filters: { message: ['delivered', 'failed'] },
} as const satisfies Omit<Schemas['CreateWebhookRequest'], 'endpoint_url'>;

/** A fictional number for the contacts interactions (apart from RECIPIENT, which sends create too). */
export const CONTACT_PHONE = '+14155550123';
/** The same number as libphonenumber formats it (the formats Sent returns). */
export const CONTACT_FORMATS = {
  format_e164: '+14155550123',
  format_international: '+1 415-555-0123',
  format_national: '(415) 555-0123',
  format_rfc: 'tel:+1-415-555-0123',
  country_code: '1',
  region_code: 'US',
} as const;
/** Two more, created in this order by the list-order state. */
export const OLDER_CONTACT_PHONE = '+14155550131';
export const NEWER_CONTACT_PHONE = '+14155550132';
/** A number only a profile holds (the organization reads it, and may not change it). */
export const PROFILE_CONTACT_PHONE = '+14155550141';

/** A user the partner invites (Sent's docs example). */
export const INVITE: Schemas['InviteUserRequest'] = { email: 'newuser@example.com', name: 'New User', role: 'developer' };

/** Sent's docs lookup example, a valid US number. */
export const LOOKUP_NUMBER = '+12025551234';

/** A sender profile as the onboarding flow creates it (sent-api-v3-2026-11 §2.6). */
export const SENDER_PROFILE: Schemas['CreateSenderProfileRequest'] = { name: 'Acme Europe', short_name: 'ACME EU', billing: { inherit: true } };

/** A German alphanumeric market: nothing to register, so its setup is this one call. */
export const DE_MARKET: Schemas['AddSmsMarketRequest'] = { country: 'DE', number_type: 'ALPHANUMERIC', sender_value: 'ACME' };

/** A UK number (Ofcom's drama range): a country no new organization holds a sender for. */
export const GB_RECIPIENT = '+447700900123';
