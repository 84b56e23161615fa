import { MESSAGES } from '../../errors/catalog.js';
import { simError } from '../../errors/sim-error.js';
import type { components } from '../../generated/sent-v3.js';
import { paginate, type Page } from '../../http/pagination.js';
import { limitError } from '../../limits.js';
import type { TenantRegistry } from '../../store/tenants.js';
import type { ApiKeyRecord, Tenant } from '../../store/types.js';
import type { Random } from '../../util/random.js';
import { sentTimestamp } from '../../util/time.js';
import { CAMPAIGNS } from '../campaigns/collection.js';
import { CAMPAIGN_STATE_CAP, CAMPAIGN_STATES, MARKET_CAP, MARKETS } from '../channels/collection.js';
import { campaignRecord, writeOwnBrand } from '../channels/identity.js';
import type { Starter } from '../channels/review.js';
import type { ChannelServices } from '../channels/services.js';
import { block, countryOf, declaredMarket, numberTypeOf } from '../compliance/table.js';
import { liveProfile, PROFILE_CAP, PROFILES } from '../profiles/collection.js';
import type { ProfileRecord } from '../profiles/records.js';
import type { SandboxData } from '../profiles/sandbox.js';
import { ProfileService } from '../profiles/service.js';
import { accountOfProfile, listedSenderProfile, senderProfileToWire } from './to-wire.js';

type Schemas = components['schemas'];
type CreateBody = Schemas['CreateSenderProfileRequest'];

export interface SenderProfileDeps {
  random: Random;
  tenants: TenantRegistry;
  channels: ChannelServices;
  sandbox: SandboxData;
  maxProfiles: number;
  maxKeys: number;
  maxMarkets: number;
  maxCampaigns: number;
}

/** What a sandbox create answers in place of a key: nothing was minted, and no tenant opens on it (docs/decisions/0072). */
export const SANDBOX_API_KEY = 'sandbox_no_key_was_made';

/**
 * `/v3/sender-profiles` (sent-api-v3-2026-11 §2.6, decisions §16, docs/decisions/0072): a view of
 * the profiles module's records. A create makes the profile through the profiles module's own
 * service (so it obeys every rule `/v3/profiles` does), mints its API key and adds its channels
 * through the channels services — every cap checked first, so a refused create changes nothing.
 */
export class SenderProfileService {
  private readonly profiles: ProfileService;

  constructor(private readonly deps: SenderProfileDeps) {
    this.profiles = new ProfileService({ random: deps.random, sandbox: deps.sandbox, maxProfiles: deps.maxProfiles });
  }

  /** `starter`: the create's scenario and `X-Request-Id`, which its channels' `channel.*` events carry (docs/decisions/0092). */
  createSenderProfile(tenant: Tenant, body: CreateBody, sandbox: boolean, starter: Starter): Schemas['SenderProfileCreated'] {
    const request = {
      name: body.name,
      short_name: body.short_name,
      description: body.description ?? null,
      billing_model: body.billing?.inherit === true ? ('organization' as const) : ('profile' as const),
      billing_contact: body.billing?.contact ?? null,
      inherit_tcr_brand: body.compliance?.inherit === true,
      inherit_tcr_campaign: body.compliance?.inherit === true,
      inherit_contacts: false as const,
      inherit_templates: false as const,
    };
    if (sandbox) {
      const record: ProfileRecord = { ...this.deps.sandbox.record(tenant, this.deps.random.uuid()), ...request, billing_contact: request.billing_contact ? { phone: null, address: null, ...request.billing_contact } : null, created_at: sentTimestamp(tenant.clock.now()) };
      return { ...senderProfileToWire(tenant, record), api_key: SANDBOX_API_KEY };
    }
    this.assertRoom(tenant, body);
    // Nothing above changed anything; from here on nothing can fail.
    const profile = this.profiles.createProfile(tenant, request, false);
    const key = this.deps.tenants.addKey(tenant, { role: 'admin', type: 'profile', profileId: profile.id });
    const account = accountOfProfile(profile);
    const now = tenant.clock.now();
    const ids = { random: this.deps.random, now: sentTimestamp(now) };
    const brand = body.compliance?.brand;
    if (brand) writeOwnBrand(tenant, account, brand as Record<string, string | null>, ids);
    const campaign = body.compliance?.campaign;
    if (campaign) {
      const stored = PROFILES.in(tenant).get(profile.id)!;
      const record = campaignRecord(campaign, { profileId: profile.id, brandId: stored.brand?.id ?? null, customerId: tenant.organization.id }, ids);
      CAMPAIGNS.in(tenant).set(record.id, record);
      CAMPAIGN_STATES.in(tenant).set(record.id, { id: record.id, account_id: profile.id, status: 'PENDING_REVIEW', volume: campaign.volume ?? null, reason: null, review: null, job_at: null });
    }
    const call = { tenant, account, sandbox: false, ...starter };
    for (const market of body.channels?.sms ?? []) this.deps.channels.markets.addSmsMarket(call, withDocuments(market, body.documents ?? []));
    if (body.channels?.whatsapp) this.deps.channels.accounts.addWhatsappChannel(call, body.channels.whatsapp);
    if (body.channels?.rcs) this.deps.channels.accounts.addRcsChannel(call, body.channels.rcs);
    return { ...senderProfileToWire(tenant, PROFILES.in(tenant).get(profile.id)!), api_key: key.key };
  }

  listSenderProfiles(tenant: Tenant, apiKey: ApiKeyRecord, page: Page): Schemas['SenderProfileList'] {
    const live = [...PROFILES.in(tenant).values()].filter((p) => p.deleted_at === null && (apiKey.type !== 'profile' || p.id === apiKey.profileId));
    // Newest first (sent-api-v3-2026-11 §2.6); creation order breaks ties, later first.
    const ordered = live.map((p, i) => ({ p, i })).sort((a, b) => (a.p.created_at === b.p.created_at ? b.i - a.i : a.p.created_at < b.p.created_at ? 1 : -1));
    const { items, pagination } = paginate(ordered, page);
    return { sender_profiles: items.map(({ p }) => listedSenderProfile(tenant, p)), pagination };
  }

  retrieveSenderProfile(tenant: Tenant, apiKey: ApiKeyRecord, id: string): Schemas['SenderProfile'] {
    return senderProfileToWire(tenant, this.visible(tenant, apiKey, id));
  }

  updateSenderProfile(tenant: Tenant, id: string, body: Schemas['UpdateSenderProfileRequest'], sandbox: boolean): Schemas['SenderProfile'] {
    // Sandbox makes no lookups: an unknown id answers a generated profile with the change applied.
    const current = sandbox ? (PROFILES.in(tenant).get(id) ?? this.deps.sandbox.record(tenant, id)) : liveProfile(tenant, id);
    const next: ProfileRecord = {
      ...current,
      name: body.name ?? current.name,
      short_name: body.short_name ?? current.short_name,
      description: body.description === undefined ? current.description : body.description,
      updated_at: sentTimestamp(tenant.clock.now()),
    };
    if (!sandbox) PROFILES.in(tenant).set(next.id, next);
    return senderProfileToWire(tenant, next);
  }

  /**
   * Soft delete (decisions §2); its markets are removed (`channel.removed`, carrying the
   * DELETE's `requestId`) and their numbers go back to the inventory.
   */
  deleteSenderProfile(tenant: Tenant, id: string, sandbox: boolean, requestId: string | null): void {
    if (sandbox) return;
    const profile = liveProfile(tenant, id);
    const now = tenant.clock.now();
    PROFILES.in(tenant).set(profile.id, { ...profile, deleted_at: sentTimestamp(now) });
    for (const market of [...MARKETS.in(tenant).values()]) {
      if (market.account_id === profile.id && market.status !== 'INACTIVE') this.deps.channels.reviews.background(this.deps.channels.reviews.remove(tenant, market, now, requestId));
    }
  }

  /** A profile key sees only its own profile; anything else of the organization's, when live. */
  private visible(tenant: Tenant, apiKey: ApiKeyRecord, id: string): ProfileRecord {
    if (apiKey.type === 'profile' && apiKey.profileId !== id) throw simError('RESOURCE_014');
    return liveProfile(tenant, id);
  }

  /** Every cap a create would meet, checked before anything is made: profiles, keys, markets, campaigns. */
  private assertRoom(tenant: Tenant, body: CreateBody): void {
    if (PROFILES.in(tenant).size >= this.deps.maxProfiles) throw limitError(PROFILE_CAP, this.deps.maxProfiles);
    if (tenant.keys.size >= this.deps.maxKeys) throw simError('BUSINESS_008', { message: MESSAGES.keyCap(this.deps.maxKeys) });
    if (MARKETS.in(tenant).size + (body.channels?.sms?.length ?? 0) > this.deps.maxMarkets) throw limitError(MARKET_CAP, this.deps.maxMarkets);
    if (body.compliance?.campaign && CAMPAIGN_STATES.in(tenant).size >= this.deps.maxCampaigns) throw limitError(CAMPAIGN_STATE_CAP, this.deps.maxCampaigns);
  }
}

/** A `channels.sms` entry with the create's documents that its market asks for. */
function withDocuments(market: Schemas['AddSmsMarketRequest'], documents: NonNullable<CreateBody['documents']>): Schemas['AddSmsMarketRequest'] {
  const country = countryOf(market.country);
  const type = numberTypeOf(market.number_type);
  const decl = country && type ? declaredMarket(country, type) : undefined;
  const keys = decl ? new Set(block(decl, 'documents').keys()) : new Set<string>();
  const mine = documents.filter((d) => keys.has(d.key));
  if (mine.length === 0) return market;
  return { ...market, compliance: { ...market.compliance, documents: [...(market.compliance?.documents ?? []), ...mine] } };
}
