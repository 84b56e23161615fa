import { MESSAGES } from '../../errors/catalog.js';
import { simError, validationError } from '../../errors/sim-error.js';
import type { components } from '../../generated/sent-v3.js';
import type { Tenant } from '../../store/types.js';
import { sentTimestamp } from '../../util/time.js';
import type { Account } from '../account.js';
import { declaredMarket } from '../compliance/table.js';
import { PROFILES } from '../profiles/collection.js';
import { MARKETS } from './collection.js';
import { campaignsOf } from './filing.js';
import { inService } from './identity.js';
import { assignNumbers, counts, requestedNumbers } from './inventory.js';
import { heldMarket, marketInPath, type ChannelCall } from './market-service.js';
import type { MarketRecord, NumberRecord } from './records.js';
import { marketView } from './requirements.js';
import { settleNumbers, type MarketReviews } from './review.js';
import { MAX_NUMBERS } from './rules.js';

type Schemas = components['schemas'];
type NumbersBody = Schemas['MarketNumbersRequest'];

/** Only SMS markets hold numbers through this path; any other channel is `501` (sent-api-v3-2026-11 §2.7). */
function smsOnly(channel: string): void {
  if (channel.toLowerCase() !== 'sms') throw simError('BUSINESS_007', { status: 501, message: MESSAGES.numbersOnlySms(channel) });
}

/** Where numbers go: a US TEN_DLC campaign (its id), or the market itself (null). */
interface Scope {
  campaignId: string | null;
  /** Slots the campaign's inheriting sender profiles take (one each, against the 49). */
  inheriting: number;
  /** The campaign is approved (its numbers are claimed now); always true for a market without campaigns. */
  approved: boolean;
}

/**
 * A market's numbers (sent-api-v3-2026-11 §2.7, docs/decisions/0077): list, add, replace. US
 * TEN_DLC numbers belong to a campaign of the account's own; LOCAL and MOBILE numbers to the
 * market; other sender types take none. At most 49 per campaign (one more per sender profile
 * inheriting it) or per market. Numbers are claimed from the fictional inventory once the market
 * (and campaign) is approved; until then they read PROVISIONING.
 */
export class NumberService {
  constructor(private readonly reviews: MarketReviews) {}

  listMarketNumbers(tenant: Tenant, account: Account, channel: string, countryRaw: string, typeRaw: string, campaignId: unknown): Schemas['SmsNumber'][] {
    smsOnly(channel);
    const { country, type } = marketInPath(countryRaw, typeRaw);
    const market = heldMarket(tenant, account, country, type);
    const only = typeof campaignId === 'string' && campaignId !== '' ? campaignId.toLowerCase() : null;
    return market.numbers.filter((n) => only === null || n.campaign_id === only).map((n) => ({ ...n }));
  }

  addMarketNumbers(call: ChannelCall, channel: string, countryRaw: string, typeRaw: string, body: NumbersBody): Schemas['SmsMarket'] {
    const { market, scope } = this.target(call, channel, countryRaw, typeRaw, body);
    const inScope = (n: NumberRecord) => n.campaign_id === scope.campaignId;
    const mine = market.numbers.filter(inScope);
    // A campaign opened without numbers asks for one in any area code; its first numbers replace that default.
    const isDefault = scope.campaignId !== null && mine.length === 1 && mine[0]!.status === 'PROVISIONING' && mine[0]!.area_code === null;
    const kept = isDefault ? market.numbers.filter((n) => !inScope(n)) : market.numbers;
    const added = requestedNumbers(body.numbers, scope.campaignId);
    if (kept.filter((n) => inScope(n) && counts(n)).length + scope.inheriting + added.length > MAX_NUMBERS) throw validationError({ numbers: [MESSAGES.numbersOverCap(MAX_NUMBERS)] });
    return this.write(call, market, [...kept, ...added], new Set(added), scope);
  }

  replaceMarketNumbers(call: ChannelCall, channel: string, countryRaw: string, typeRaw: string, body: NumbersBody): Schemas['SmsMarket'] {
    const { market, scope } = this.target(call, channel, countryRaw, typeRaw, body);
    const inScope = (n: NumberRecord) => n.campaign_id === scope.campaignId;
    const slots = requestedNumbers(body.numbers, scope.campaignId);
    // Numbers already assigned are kept: the new list must have a place for each (its area code, or any).
    let uncovered = 0;
    for (const held of market.numbers.filter((n) => inScope(n) && n.status === 'ACTIVE')) {
      let i = slots.findIndex((s) => s.area_code !== null && s.area_code === held.area_code);
      if (i < 0) i = slots.findIndex((s) => s.area_code === null);
      if (i < 0) uncovered++;
      else slots.splice(i, 1);
    }
    if (uncovered > 0) throw validationError({ numbers: [MESSAGES.numbersLeaveOut(uncovered)] });
    const kept = market.numbers.filter((n) => !inScope(n) || n.status !== 'PROVISIONING');
    if (kept.filter((n) => inScope(n) && counts(n)).length + scope.inheriting + slots.length > MAX_NUMBERS) throw validationError({ numbers: [MESSAGES.numbersOverCap(MAX_NUMBERS)] });
    return this.write(call, market, [...kept, ...slots], new Set(slots), scope);
  }

  /** The market and where its numbers go; every refusal of §2.7 before anything changes. */
  private target(call: ChannelCall, channel: string, countryRaw: string, typeRaw: string, body: NumbersBody): { market: MarketRecord; scope: Scope } {
    const { tenant, account } = call;
    smsOnly(channel);
    const { country, type } = marketInPath(countryRaw, typeRaw);
    const market = heldMarket(tenant, account, country, type);
    const decl = declaredMarket(country, type);
    if (!decl?.numbersEndpoint) throw validationError({ numbers: [MESSAGES.marketTakesNoNumbers(type)] });
    if (decl.regime !== 'tcr') {
      if (body.campaign_id != null) throw validationError({ campaign_id: [MESSAGES.campaignIdNotTaken(type)] });
      return { market, scope: { campaignId: null, inheriting: 0, approved: true } };
    }
    const campaigns = campaignsOf(tenant, account);
    if (body.campaign_id == null) throw validationError({ campaign_id: [MESSAGES.campaignIdRequired(campaigns.filter((c) => !c.inherit && inService(c.status)).map((c) => c.id))] });
    const campaign = campaigns.find((c) => c.id === body.campaign_id!.toLowerCase());
    if (!campaign) throw simError('RESOURCE_010', { message: MESSAGES.tenDlcCampaignNotFound });
    if (campaign.inherit) throw validationError({ campaign_id: [MESSAGES.campaignInheritedNumbers] });
    if (!inService(campaign.status)) throw simError('BUSINESS_006', { status: 409, message: MESSAGES.campaignOutOfService });
    const inheriting = campaign.record.profileId === null ? this.inheritingProfiles(tenant) : 0;
    return { market, scope: { campaignId: campaign.id, inheriting, approved: campaign.status === 'ACTIVE' } };
  }

  /** Live sender profiles running on the organization's campaigns with a US TEN_DLC market of their own. */
  private inheritingProfiles(tenant: Tenant): number {
    const holders = new Set([...MARKETS.in(tenant).values()].filter((m) => m.country === 'US' && m.number_type === 'TEN_DLC' && m.status !== 'INACTIVE').map((m) => m.account_id));
    return [...PROFILES.in(tenant).values()].filter((p) => p.deleted_at === null && p.inherit_tcr_campaign && holders.has(p.id)).length;
  }

  private write(call: ChannelCall, market: MarketRecord, numbers: NumberRecord[], added: Set<NumberRecord>, scope: Scope): Schemas['SmsMarket'] {
    const { tenant, account } = call;
    const now = tenant.clock.now();
    let next: MarketRecord = { ...market, numbers, updated_at: sentTimestamp(now) };
    if (call.sandbox) return marketView(tenant, account, next);
    const decl = declaredMarket(market.country, market.number_type)!;
    // LOCAL numbers are claimed from the inventory now; a campaign's once the carriers approved it.
    if (market.approved && scope.approved) next = { ...next, numbers: assignNumbers(tenant, decl, next, (n) => added.has(n)) };
    const { record, delivered } = settleNumbers(this.reviews, tenant, next, now, call.requestId);
    this.reviews.background(delivered);
    return marketView(tenant, account, record);
  }
}
