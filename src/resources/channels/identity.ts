/**
 * The US TEN_DLC identity and campaigns of an account, read and written where the profiles and
 * campaigns modules keep them (docs/decisions/0073): a market's `compliance.brand` IS the
 * account's brand (the profile's own, or the organization's it inherits) and its `campaigns` ARE
 * the account's campaign records, so `/v3/profiles`, completion, the brand lock and
 * `/v3/profiles/{id}/campaigns` see what the channels API wrote, and the other way round.
 */
import type { components } from '../../generated/sent-v3.js';
import type { Tenant } from '../../store/types.js';
import { ALPHABETS, type Random } from '../../util/random.js';
import type { Account } from '../account.js';
import { CAMPAIGNS } from '../campaigns/collection.js';
import { campaignFromRequest, type CampaignRecord } from '../campaigns/records.js';
import { TEN_DLC_BRAND, TEN_DLC_CAMPAIGN } from '../compliance/markets.js';
import { brandFromRequest } from '../profiles/brand.js';
import { PROFILES } from '../profiles/collection.js';
import type { BrandRecord, ProfileRecord } from '../profiles/records.js';
import { CAMPAIGN_STATES } from './collection.js';
import type { CampaignStatus, CampaignStateRecord } from './records.js';

type Schemas = components['schemas'];
export type FlatBrand = Record<string, string | null>;
export type FlatCampaign = Record<string, unknown>;

export const BRAND_FIELDS: readonly string[] = TEN_DLC_BRAND.map((r) => r.key.slice('brand.'.length));
export const CAMPAIGN_FIELDS: readonly string[] = TEN_DLC_CAMPAIGN.map((r) => r.key.slice('campaign.'.length));

export function profileOf(tenant: Tenant, account: Account): ProfileRecord | null {
  return account.profileId === null ? null : (PROFILES.in(tenant).get(account.profileId) ?? null);
}

/** The account's own brand: the organization's, or the profile's. */
export function ownBrand(tenant: Tenant, account: Account): BrandRecord | null {
  return account.profileId === null ? tenant.organization.brand : (profileOf(tenant, account)?.brand ?? null);
}

/** A profile without a brand of its own that runs on its organization's. */
export function inheritsBrand(tenant: Tenant, account: Account): boolean {
  const profile = profileOf(tenant, account);
  return profile !== null && profile.brand === null && profile.inherit_tcr_brand;
}

/** The brand the account's registrations are filed against, and whether it is inherited. */
export function effectiveBrand(tenant: Tenant, account: Account): { brand: BrandRecord | null; inherit: boolean } {
  if (inheritsBrand(tenant, account)) return { brand: tenant.organization.brand, inherit: true };
  return { brand: ownBrand(tenant, account), inherit: false };
}

/** A stored brand in the market's flat, snake_case keys. */
export function flatBrand(b: BrandRecord): FlatBrand {
  return {
    legal_name: b.business?.legal_name ?? null,
    entity_type: b.business?.entity_type ?? null,
    tax_id: b.business?.tax_id ?? null,
    country: b.business?.country ?? null,
    street: b.business?.street ?? null,
    city: b.business?.city ?? null,
    state: b.business?.state ?? null,
    postal_code: b.business?.postal_code ?? null,
    website: b.business?.url ?? null,
    vertical: b.compliance?.vertical ?? null,
    contact_name: b.contact?.name ?? null,
    contact_email: b.contact?.email ?? null,
    contact_phone: b.contact?.phone ?? null,
  };
}

/** `MarketBrand`: the identity in full, with `inherit`. */
export function marketBrandView(flat: FlatBrand, inherit: boolean, submitted: boolean): Schemas['MarketBrand'] {
  const field = (k: string) => flat[k] ?? null;
  return {
    inherit,
    submitted_to_tcr: submitted,
    legal_name: field('legal_name'),
    entity_type: field('entity_type'),
    tax_id: field('tax_id'),
    country: field('country'),
    street: field('street'),
    city: field('city'),
    state: field('state'),
    postal_code: field('postal_code'),
    website: field('website'),
    vertical: field('vertical'),
    contact_name: field('contact_name'),
    contact_email: field('contact_email'),
    contact_phone: field('contact_phone'),
  };
}

/**
 * A complete flat identity onto the account's own brand record: the existing one keeps its id,
 * its TCR state and every field the flat keys do not carry; a new one is made the way
 * `/v3/profiles` makes brands. A profile that writes its own brand stops inheriting.
 */
export function writeOwnBrand(tenant: Tenant, account: Account, flat: FlatBrand, ids: { random: Random; now: string }): void {
  const existing = ownBrand(tenant, account);
  const vertical = flat.vertical as Schemas['TcrVertical'];
  const base =
    existing ??
    brandFromRequest({ contact: { name: flat.contact_name ?? '' }, compliance: { brandRelationship: 'BASIC_ACCOUNT', vertical, isTcrApplication: true } }, { id: ids.random.uuid(), now: ids.now });
  const business = base.business ?? { legal_name: null, tax_id: null, tax_id_type: null, entity_type: null, street: null, city: null, state: null, postal_code: null, country: null, url: null, country_of_registration: null };
  const brand: BrandRecord = {
    ...base,
    updated_at: existing ? ids.now : null,
    contact: { ...base.contact!, name: flat.contact_name ?? '', email: flat.contact_email ?? null, phone: flat.contact_phone ?? null },
    business: {
      ...business,
      legal_name: flat.legal_name ?? null,
      entity_type: flat.entity_type ?? null,
      tax_id: flat.tax_id ?? null,
      tax_id_type: 'us_ein',
      country: flat.country ?? null,
      street: flat.street ?? null,
      city: flat.city ?? null,
      state: flat.state ?? null,
      postal_code: flat.postal_code ?? null,
      url: flat.website ?? null,
    },
    compliance: { ...base.compliance!, vertical, is_tcr_application: true },
  };
  setOwnBrand(tenant, account, brand, ids.now);
}

function setOwnBrand(tenant: Tenant, account: Account, brand: BrandRecord | null, now: string): void {
  if (account.profileId === null) {
    tenant.organization.brand = brand;
    return;
  }
  const profile = profileOf(tenant, account)!;
  PROFILES.in(tenant).set(profile.id, { ...profile, brand, inherit_tcr_brand: brand === null, updated_at: now });
}

/** `"brand": {"inherit": true}` (or `null`) on a profile: its own brand goes, it runs on the organization's. */
export function inheritBrand(tenant: Tenant, account: Account, now: string): void {
  setOwnBrand(tenant, account, null, now);
}

/** The identity goes to TCR (the review's PENDING_REVIEW step): submitted, with a TCR id; locked from then on. */
export function fileBrand(tenant: Tenant, account: Account, at: string, random: Random): void {
  const { brand, inherit } = effectiveBrand(tenant, account);
  if (!brand || brand.submitted_to_tcr) return;
  const filed: BrandRecord = { ...brand, submitted_to_tcr: true, submitted_at: at, tcr_brand_id: `B${random.string(6, ALPHABETS.UPPER_ALNUM)}`, identity_status: 'UNVERIFIED', updated_at: at };
  if (inherit) tenant.organization.brand = filed;
  else setOwnBrand(tenant, account, filed, at);
}

/** TCR's approval (the review's verdict): the brand ACTIVE and VERIFIED. */
export function activateBrand(tenant: Tenant, account: Account, at: string): void {
  const { brand, inherit } = effectiveBrand(tenant, account);
  if (!brand || !brand.submitted_to_tcr || brand.status === 'ACTIVE') return;
  const active: BrandRecord = { ...brand, status: 'ACTIVE', identity_status: 'VERIFIED', updated_at: at };
  if (inherit) tenant.organization.brand = active;
  else setOwnBrand(tenant, account, active, at);
}

// ---------------------------------------------------------------------------------------
// Campaigns
// ---------------------------------------------------------------------------------------

/** The account's own campaigns (the organization's are those without a profile), oldest first. */
export function ownCampaigns(tenant: Tenant, account: Account): CampaignRecord[] {
  return [...CAMPAIGNS.in(tenant).values()].filter((c) => c.profileId === account.profileId);
}

/** A profile running on its organization's campaigns. */
export function inheritsCampaigns(tenant: Tenant, account: Account): boolean {
  return profileOf(tenant, account)?.inherit_tcr_campaign === true;
}

/** Every campaign the account's US TEN_DLC market runs: its own, then the organization's it inherits. */
export function accountCampaigns(tenant: Tenant, account: Account): Array<{ record: CampaignRecord; inherit: boolean }> {
  const own = ownCampaigns(tenant, account).map((record) => ({ record, inherit: false }));
  if (!inheritsCampaigns(tenant, account)) return own;
  return [...own, ...ownCampaigns(tenant, { id: tenant.id, profileId: null }).map((record) => ({ record, inherit: true }))];
}

/** A campaign's status on the channels surface: its review's, else what TCR left on the record. */
export function campaignStatus(record: CampaignRecord, state: CampaignStateRecord | undefined): CampaignStatus {
  if (state) return state.status;
  if (record.status === 'ACTIVE') return 'ACTIVE';
  if (record.status === 'EXPIRED') return 'INACTIVE';
  return 'PENDING_REVIEW';
}

/** Campaigns that may still get numbers: not declined, not out of service. */
export function inService(status: CampaignStatus): boolean {
  return status !== 'DECLINED' && status !== 'INACTIVE';
}

export function campaignState(tenant: Tenant, id: string): CampaignStateRecord | undefined {
  return CAMPAIGN_STATES.in(tenant).get(id);
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** A campaign record in the flat, snake_case keys of the channels surface. */
export function flatCampaign(c: CampaignRecord): FlatCampaign {
  return {
    name: c.name,
    description: c.description,
    message_flow: c.messageFlow,
    use_cases: c.useCases.map((u) => u.messagingUseCaseUs),
    sample_messages: c.useCases[0]?.sampleMessages ?? [],
    opt_in_keywords: c.optinKeywords,
    opt_out_keywords: c.optoutKeywords,
    help_keywords: c.helpKeywords,
    opt_in_message: c.optinMessage,
    opt_out_message: c.optoutMessage,
    help_message: c.helpMessage,
    privacy_policy_url: c.privacyPolicyLink,
    terms_and_conditions_url: c.termsAndConditionsLink,
  };
}

/** A complete flat campaign → the campaigns module's record (new, or `existing` with its identity and TCR state kept). */
export function campaignRecord(flat: FlatCampaign, owner: { profileId: string | null; brandId: string | null; customerId: string }, ids: { random: Random; now: string }, existing?: CampaignRecord): CampaignRecord {
  const useCases = list(flat.use_cases) as Schemas['MessagingUseCaseUs'][];
  const samples = list(flat.sample_messages);
  return campaignFromRequest(
    {
      name: str(flat.name) ?? useCases.map((u) => u.toLowerCase().replace(/_/g, ' ')).join(', '),
      description: str(flat.description) ?? '',
      type: existing?.type ?? 'App',
      useCases: useCases.map((messagingUseCaseUs) => ({ messagingUseCaseUs, sampleMessages: samples })),
      messageFlow: str(flat.message_flow),
      optinKeywords: str(flat.opt_in_keywords),
      optoutKeywords: str(flat.opt_out_keywords),
      helpKeywords: str(flat.help_keywords),
      optinMessage: str(flat.opt_in_message),
      optoutMessage: str(flat.opt_out_message),
      helpMessage: str(flat.help_message),
      privacyPolicyLink: str(flat.privacy_policy_url),
      termsAndConditionsLink: str(flat.terms_and_conditions_url),
    },
    owner,
    ids,
    existing,
  );
}

/** `TenDlcCampaign`: a campaign as the US TEN_DLC market lists it. */
export function tenDlcCampaignView(record: CampaignRecord, inherit: boolean, state: CampaignStateRecord | undefined): Schemas['TenDlcCampaign'] {
  const flat = flatCampaign(record);
  return {
    id: record.id,
    status: campaignStatus(record, state),
    inherit,
    name: record.name ?? '',
    description: record.description ?? '',
    message_flow: str(flat.message_flow),
    use_cases: list(flat.use_cases),
    sample_messages: list(flat.sample_messages),
    volume: state?.volume ?? null,
    opt_in_keywords: str(flat.opt_in_keywords),
    opt_out_keywords: str(flat.opt_out_keywords),
    help_keywords: str(flat.help_keywords),
    opt_in_message: str(flat.opt_in_message),
    opt_out_message: str(flat.opt_out_message),
    help_message: str(flat.help_message),
    privacy_policy_url: str(flat.privacy_policy_url),
    terms_and_conditions_url: str(flat.terms_and_conditions_url),
    reason: state?.reason ?? null,
    created_at: record.createdAt,
  };
}
