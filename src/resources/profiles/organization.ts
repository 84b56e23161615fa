import { MESSAGES } from '../../errors/catalog.js';
import { validationError } from '../../errors/sim-error.js';
import type { components } from '../../generated/sent-v3.js';
import type { Tenant } from '../../store/types.js';
import type { BrandRecord } from './records.js';
import { createRandom, type Random } from '../../util/random.js';
import { sentTimestamp } from '../../util/time.js';
import { CAMPAIGNS } from '../campaigns/collection.js';
import { campaignFromRequest } from '../campaigns/records.js';
import type { OrganizationFields, TenantPatch } from '../module.js';
import { brandFromRequest, brandFromWire, brandToWire } from './brand.js';
import { SandboxData } from './sandbox.js';
import { ProfileService } from './service.js';

type Schemas = components['schemas'];

declare module '../../store/types.js' {
  interface OrganizationRecord {
    /** Profiles without a WABA of their own inherit this one (docs/decisions/0010); every new tenant has one. */
    waba: { waba_id: string } | null;
    /** The organization's own (non-TCR) brand, which profiles with `inherit_tcr_brand` show (docs/decisions/0004). */
    brand: BrandRecord | null;
  }
}

/**
 * The organization's brand, WhatsApp Business Account and campaigns belong to the profiles
 * module (docs/decisions/0027): what a new tenant starts with, what `GET /_sim/tenant` and
 * snapshots show of them, the `PATCH /_sim/tenant` fields that set them, a reset, and the demo seed.
 */

/** A WhatsApp Business Account id as Meta issues them: 15 digits. */
export function newWabaId(random: Random): string {
  return String(100_000_000_000_000 + Math.floor(random.next() * 899_999_999_999_999));
}

export const ORGANIZATION_FIELDS: OrganizationFields = {
  // Every new tenant has a WABA, so profile creation works out of the box (docs/decisions/0010).
  initial: (random) => ({ waba: { waba_id: newWabaId(random) }, brand: null }),
  view: (tenant) => ({
    whatsapp_business_account: tenant.organization.waba,
    brand: tenant.organization.brand ? brandToWire(tenant.organization.brand) : null,
  }),
  snapshot: {
    schema: {
      // Brands travel in the wire shape, as `GET /_sim/tenant` shows them (`is_inherited: false`).
      brand: { oneOf: [{ $ref: 'sent-v3#/components/schemas/ProfileBrand' }, { type: 'null' }] },
      waba: { oneOf: [{ type: 'object', required: ['waba_id'], properties: { waba_id: { type: 'string', maxLength: 64 } } }, { type: 'null' }] },
    },
    toSnapshot: (tenant) => ({ waba: tenant.organization.waba, brand: tenant.organization.brand ? brandToWire(tenant.organization.brand) : null }),
    fromSnapshot: (organization) => {
      const { waba, brand } = organization as { waba: { waba_id: string } | null; brand: Schemas['ProfileBrand'] | null };
      return { waba, brand: brand ? brandFromWire(brand) : null };
    },
  },
};

/** A reset (docs/decisions/0022): no brand; the WABA stays, or a new one if it was removed. */
export function resetOrganization(tenant: Tenant, random: Random): void {
  tenant.organization.brand = null;
  tenant.organization.waba ??= { waba_id: newWabaId(random) };
}

const USE_CASES = ['ACCOUNT_NOTIFICATION', 'CUSTOMER_CARE', 'DELIVERY_NOTIFICATION', 'TWO_FA', 'MARKETING'] as const;

/** Sample data for the organization's own campaigns (`PATCH /_sim/tenant {campaigns: n}`, the demo). */
export function organizationCampaignData(sample: SandboxData, index: number): Schemas['CampaignData'] {
  const useCase = USE_CASES[index % USE_CASES.length]!;
  return {
    name: `${sample.companyName()} ${useCase.toLowerCase().replace(/_/g, ' ')}`,
    description: sample.catchPhrase(),
    type: 'App',
    useCases: [{ messagingUseCaseUs: useCase, sampleMessages: ['Hi {name}, your appointment is confirmed for {date} at {time}.'] }],
    optinKeywords: 'YES, START, SUBSCRIBE',
    optoutKeywords: 'STOP, UNSUBSCRIBE, END',
    helpKeywords: 'HELP, INFO, SUPPORT',
  };
}

function dropOrganizationCampaigns(tenant: Tenant): void {
  const campaigns = CAMPAIGNS.in(tenant);
  for (const [id, c] of campaigns) if (c.profileId === null) campaigns.delete(id);
}

interface OrganizationInput {
  whatsapp_business_account?: boolean;
  brand?: Schemas['BrandData'] | null;
  campaigns?: number;
}

/**
 * `PATCH /_sim/tenant {whatsapp_business_account?, brand?, campaigns?}`: the organization's WABA
 * on or off, its brand set or removed (removing it drops its campaigns), and `n` sample campaigns
 * in place of its own. Checked before anything changes: campaigns need the brand the organization
 * will have afterwards.
 */
export function organizationPatch(random: Random): TenantPatch {
  // Made on first use: its seed is drawn from the simulator's random source.
  let sample: SandboxData | undefined;
  return {
    schema: {
      whatsapp_business_account: { type: 'boolean' },
      brand: { oneOf: [{ $ref: 'sent-v3#/components/schemas/BrandData' }, { type: 'null' }] },
      campaigns: { type: 'integer', minimum: 0, maximum: 50 },
    },
    prepare: (tenant, body) => {
      const input = body as OrganizationInput;
      const brandAfter = input.brand === undefined ? tenant.organization.brand : input.brand;
      if ((input.campaigns ?? 0) > 0 && !brandAfter) throw validationError({ campaigns: [MESSAGES.organizationCampaignsNeedBrand] });
      return () => {
        const org = tenant.organization;
        const now = sentTimestamp(tenant.clock.now());
        if (input.whatsapp_business_account !== undefined) org.waba = input.whatsapp_business_account ? (org.waba ?? { waba_id: newWabaId(random) }) : null;
        if (input.brand !== undefined) {
          org.brand = input.brand ? brandFromRequest(input.brand, { id: random.uuid(), now }, org.brand) : null;
          if (!input.brand) dropOrganizationCampaigns(tenant);
        }
        if (input.campaigns !== undefined) {
          dropOrganizationCampaigns(tenant);
          sample ??= new SandboxData(random);
          const owner = { profileId: null, brandId: org.brand?.id ?? null, customerId: tenant.id };
          for (let i = 0; i < input.campaigns; i++) {
            const c = campaignFromRequest(organizationCampaignData(sample, i), owner, { random, now });
            CAMPAIGNS.in(tenant).set(c.id, c);
          }
        }
      };
    },
  };
}

/** The fixed seed of the demo tenant's data, so every start (and every reset) shows the same demo. */
export const DEMO_SEED = 4010;

/**
 * The demo organization's (non-TCR) brand and a campaign, so its profiles, which inherit both,
 * can complete; then a few faker-made profiles from a fixed seed, created through the profile
 * service so they obey every rule a real create does (docs/decisions/0010). Ids come from the
 * demo's own seed too, so a reset gives back the very same records (docs/decisions/0022).
 */
export function seedDemoOrganization(tenant: Tenant, profileCount = 3): void {
  const random = createRandom(DEMO_SEED);
  const data = new SandboxData(random);
  const now = sentTimestamp(tenant.clock.now());
  tenant.organization.brand = brandFromRequest(
    {
      contact: { name: 'John Smith', businessName: 'Acme Corp', email: 'john@acmecorp.com' },
      business: { legalName: 'Acme Corporation LLC', country: 'US' },
      compliance: { brandRelationship: 'SMALL_ACCOUNT', vertical: 'PROFESSIONAL' },
    },
    { id: random.uuid(), now },
  );
  const campaign = campaignFromRequest(
    organizationCampaignData(data, 0),
    { profileId: null, brandId: tenant.organization.brand.id, customerId: tenant.id },
    { random, now },
  );
  CAMPAIGNS.in(tenant).set(campaign.id, campaign);
  const service = new ProfileService({ random, sandbox: data });
  const teams = ['Marketing Team', 'Sales Team', 'Support Team', 'Alerts Team', 'Billing Team'];
  for (let i = 0; i < profileCount; i++) {
    const team = teams[i % teams.length]!;
    service.createProfile(
      tenant,
      {
        name: team,
        short_name: team.split(' ')[0]!.toUpperCase().slice(0, 11),
        description: `${team.split(' ')[0]} sender profile — ${data.catchPhrase()}`,
        billing_model: 'organization',
        billing_contact: { name: data.personName(), email: data.email() },
        // They work under the organization's brand and campaign, so they can complete; since Sent's
        // 2026-11 semantics inheritance is asked for (both flags default to false).
        inherit_tcr_brand: true,
        inherit_tcr_campaign: true,
      },
      false,
    );
  }
}
