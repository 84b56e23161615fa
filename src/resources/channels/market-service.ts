import { MESSAGES } from '../../errors/catalog.js';
import { simError, validationError } from '../../errors/sim-error.js';
import type { components } from '../../generated/sent-v3.js';
import { limitError } from '../../limits.js';
import type { Tenant } from '../../store/types.js';
import type { Random } from '../../util/random.js';
import { sentTimestamp } from '../../util/time.js';
import type { Account } from '../account.js';
import type { MarketDecl, NumberType } from '../compliance/markets.js';
import { countryOf, declaredMarket, numberTypeOf } from '../compliance/table.js';
import { MARKET_CAP, MARKETS } from './collection.js';
import { applyCompliance, conflicts } from './compliance.js';
import { flatBrand, inheritsBrand, ownBrand } from './identity.js';
import { requestedNumbers } from './inventory.js';
import { accountMarkets, findMarket } from './markets.js';
import type { MarketRecord } from './records.js';
import { activeSender, marketView } from './requirements.js';
import type { MarketReviews, Starter } from './review.js';
import type { IdentityFacts } from './rules.js';
import { whatsappView, rcsView } from './account-views.js';

type Schemas = components['schemas'];

/** What a channels call knows of its request; `requestId` names the events of the chains it starts (null in process). */
export interface ChannelCall extends Starter {
  tenant: Tenant;
  account: Account;
  sandbox: boolean;
}

export interface MarketServiceDeps {
  random: Random;
  reviews: MarketReviews;
  maxMarkets: number;
  maxCampaigns: number;
}

/** What the rules need of the account (rules.ts `IdentityFacts`); `market`: the one a PATCH writes. */
export function identityFacts(tenant: Tenant, account: Account, market?: MarketRecord): IdentityFacts {
  const own = ownBrand(tenant, account);
  const correction = market?.status === 'ACTION_NEEDED' && market.reason_code === 'CHANNEL_002';
  return {
    isOrganization: account.profileId === null,
    hasIdentity: own !== null || inheritsBrand(tenant, account) || (market?.pending_brand ?? null) !== null,
    lockedBrand: own?.submitted_to_tcr && !correction ? flatBrand(own) : null,
  };
}

/** A market in a path: `400` naming a malformed country or type, `501` for one the table does not declare. */
export function marketInPath(countryRaw: string, typeRaw: string): { country: string; type: NumberType } {
  const country = countryOf(countryRaw);
  const type = numberTypeOf(typeRaw);
  const details: Record<string, string[]> = {};
  if (!country) details.country = [MESSAGES.countryNotIso];
  if (!type) details.type = [MESSAGES.typeMustBeOneOf];
  if (!country || !type) throw validationError(details);
  return { country, type };
}

/** The account's market, else `404 RESOURCE_013`. */
export function heldMarket(tenant: Tenant, account: Account, country: string, type: NumberType): MarketRecord {
  const market = findMarket(tenant, account, country, type);
  if (!market) throw simError('RESOURCE_013', { message: MESSAGES.marketNotHeld(country, type) });
  return market;
}

export function declared(country: string, type: NumberType): MarketDecl {
  const decl = declaredMarket(country, type);
  if (!decl) throw simError('BUSINESS_007', { status: 501, message: MESSAGES.marketNotDeclared(country, type) });
  return decl;
}

/**
 * SMS markets (sent-api-v3-2026-11 §2.7, docs/decisions/0073): the overview, list, read, add and
 * amend. Every check runs before anything is written; the review (review.ts) takes it from there.
 */
export class MarketService {
  constructor(private readonly deps: MarketServiceDeps) {}

  retrieveChannels(tenant: Tenant, account: Account): Schemas['Channels'] {
    const markets = accountMarkets(tenant, account);
    const mms = markets
      .filter((m) => declaredMarket(m.country, m.number_type)?.carries.includes('mms'))
      .map((m) => ({ country: m.country, number_type: m.number_type, sender_value: activeSender(m), status: m.status }));
    return {
      customer_id: account.id,
      sms: markets.map((m) => marketView(tenant, account, m)),
      whatsapp: whatsappView(tenant, account),
      rcs: rcsView(tenant, account),
      mms,
    };
  }

  listSmsMarkets(tenant: Tenant, account: Account): Schemas['SmsMarket'][] {
    return accountMarkets(tenant, account).map((m) => marketView(tenant, account, m));
  }

  retrieveSmsMarket(tenant: Tenant, account: Account, countryRaw: string, typeRaw: string): Schemas['SmsMarket'] {
    const { country, type } = marketInPath(countryRaw, typeRaw);
    return marketView(tenant, account, heldMarket(tenant, account, country, type));
  }

  /** `POST /v3/channels/sms`: the body passed the rules (rules.ts `marketBodyProblems`). */
  addSmsMarket(call: ChannelCall, body: Schemas['AddSmsMarketRequest']): Schemas['SmsMarket'] {
    const { tenant, account } = call;
    const country = countryOf(body.country)!;
    const type = numberTypeOf(body.number_type)!;
    const decl = declared(country, type);
    if (findMarket(tenant, account, country, type)) throw simError('RESOURCE_007', { status: 409, message: MESSAGES.marketHeld(country, type) });
    const now = tenant.clock.now();
    const market = this.newMarket(account, decl, body, now);
    const write = { tenant, account, decl, market, compliance: body.compliance, ids: { random: this.deps.random, now }, maxCampaigns: this.deps.maxCampaigns };
    if (call.sandbox) return marketView(tenant, account, market);
    conflicts(write);
    if (MARKETS.in(tenant).size >= this.deps.maxMarkets) throw limitError(MARKET_CAP, this.deps.maxMarkets);
    // Nothing above changed anything; from here on nothing can fail.
    const written = applyCompliance(write).market;
    MARKETS.in(tenant).set(written.id, written);
    const stored = this.deps.reviews.submit(tenant, written, now, { created: true, changed: true, starter: call });
    return marketView(tenant, account, stored);
  }

  /** `PATCH /v3/channels/sms/{country}/{type}`: the body passed the rules (`marketPatchProblems`, `complianceProblems`). */
  updateSmsMarket(call: ChannelCall, countryRaw: string, typeRaw: string, body: Schemas['UpdateSmsMarketRequest']): Schemas['SmsMarket'] {
    const { tenant, account } = call;
    const { country, type } = marketInPath(countryRaw, typeRaw);
    const market = heldMarket(tenant, account, country, type);
    const decl = declared(country, type);
    const now = tenant.clock.now();
    // Compliance written to a simulator-provided market makes it one like any other: judged by what it holds.
    const write = { tenant, account, decl, market: { ...market, seeded: false }, compliance: body.compliance, ids: { random: this.deps.random, now }, maxCampaigns: this.deps.maxCampaigns };
    if (call.sandbox) return marketView(tenant, account, market);
    conflicts(write);
    if (!MARKETS.in(tenant).has(market.id) && MARKETS.in(tenant).size >= this.deps.maxMarkets) throw limitError(MARKET_CAP, this.deps.maxMarkets);
    const { market: written, changed } = applyCompliance(write);
    if (!changed) return marketView(tenant, account, market);
    const next = { ...written, updated_at: sentTimestamp(now) };
    MARKETS.in(tenant).set(next.id, next);
    const stored = this.deps.reviews.submit(tenant, next, now, { created: false, changed, starter: call });
    return marketView(tenant, account, stored);
  }

  /** A new market record (not stored): its numbers asked for (default: one, any area code), or its sender id's one entry. */
  private newMarket(account: Account, decl: MarketDecl, body: Schemas['AddSmsMarketRequest'], now: number): MarketRecord {
    return {
      id: this.deps.random.uuid(),
      account_id: account.id,
      country: decl.country,
      number_type: decl.number_type,
      status: 'PROVISIONING',
      reason_code: null,
      reason: null,
      note: null,
      sender_value: body.sender_value ?? null,
      numbers: decl.inventory ? requestedNumbers(body.numbers, null) : [{ sender_value: null, area_code: null, status: 'PROVISIONING', campaign_id: null }],
      pending_brand: null,
      pending_campaign: null,
      fields: {},
      documents: [],
      approved: false,
      seeded: false,
      review: null,
      job_at: null,
      created_at: sentTimestamp(now),
      updated_at: null,
    };
  }
}
