import type { components } from '../../src/generated/sent-v3.js';
import { campaignFromRequest } from '../../src/resources/campaigns/records.js';
import { brandFromRequest } from '../../src/resources/profiles/brand.js';
import type { BrandRecord, CampaignRecord, Tenant } from '../../src/store/types.js';
import type { Random } from '../../src/util/random.js';
import { sentTimestamp } from '../../src/util/time.js';
import { aBrand } from './builders.js';

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

/** Gives the organization a brand directly in the store (what the control plane will do). */
export function seedOrganizationBrand(tenant: Tenant, random: Random): BrandRecord {
  const brand = brandFromRequest(aBrand(), { id: random.uuid(), now: sentTimestamp(tenant.clock.now()) });
  tenant.organization.brand = brand;
  return brand;
}

/** Adds one of the organization's own campaigns (`profileId: null`) directly to the store. */
export function seedOrganizationCampaign(
  tenant: Tenant,
  random: Random,
  overrides: Partial<Schemas['CampaignData']> = {},
): CampaignRecord {
  const owner = { profileId: null, brandId: tenant.organization.brand?.id ?? null, customerId: tenant.organization.id };
  const record = campaignFromRequest(aCampaign(overrides), owner, { random, now: sentTimestamp(tenant.clock.now()) });
  tenant.campaigns.set(record.id, record);
  return record;
}
