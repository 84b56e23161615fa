import type { components } from '../../src/generated/sent-v3.js';

type Schemas = components['schemas'];

/** Sent's docs example sample messages (fact sheet §11). */
export const SAMPLE_MESSAGES = [
  'Hi {name}, your appointment is confirmed for {date} at {time}.',
  'Your order #{order_id} has been shipped. Track at {url}',
] as const;

/** A valid `CampaignData` with the docs example values; override what a test is about. */
export function aCampaign(overrides: Partial<Schemas['CampaignData']> = {}): Schemas['CampaignData'] {
  return {
    name: 'Customer Notifications',
    description: 'Appointment reminders and account notifications',
    type: 'App',
    useCases: [{ messagingUseCaseUs: 'ACCOUNT_NOTIFICATION', sampleMessages: [...SAMPLE_MESSAGES] }],
    ...overrides,
  };
}

/** The request body of campaign create and replace: `{campaign, sandbox?}`. */
export function aCampaignRequest(
  overrides: Partial<Schemas['CampaignData']> = {},
  extra: { sandbox?: boolean } = {},
): Schemas['CampaignRequest'] {
  return { campaign: aCampaign(overrides), ...extra };
}
