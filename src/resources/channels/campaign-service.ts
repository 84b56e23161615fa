import { MESSAGES } from '../../errors/catalog.js';
import { simError, validationError } from '../../errors/sim-error.js';
import type { components } from '../../generated/sent-v3.js';
import { limitError } from '../../limits.js';
import type { Tenant } from '../../store/types.js';
import type { Random } from '../../util/random.js';
import { sentTimestamp } from '../../util/time.js';
import type { Account } from '../account.js';
import { CAMPAIGNS } from '../campaigns/collection.js';
import { CAMPAIGN_STATE_CAP, CAMPAIGN_STATES, MARKETS } from './collection.js';
import { campaignsOf, newCampaignState, type CampaignReviews } from './filing.js';
import { CAMPAIGN_FIELDS, campaignRecord, effectiveBrand, flatCampaign, inService, tenDlcCampaignView } from './identity.js';
import { heldMarket, type ChannelCall } from './market-service.js';
import { campaignViews, marketView } from './requirements.js';
import type { MarketReviews } from './review.js';

type Schemas = components['schemas'];

/** Below this many messages a day a campaign is on the low-volume tier (sent-api-v3-2026-11 §2.9); omitted: standard. */
const LOW_VOLUME_BELOW = 2000;
const tier = (volume: string | null | undefined) => (volume != null && Number(volume) < LOW_VOLUME_BELOW ? 'low' : 'standard');

export interface CampaignServiceDeps {
  random: Random;
  reviews: MarketReviews;
  campaignReviews: CampaignReviews;
  maxCampaigns: number;
}

/** The campaign fields of a body (snake_case, top level), without what the call ignores. */
function fieldsOf(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([k, v]) => CAMPAIGN_FIELDS.includes(k) && k !== 'volume' && v !== undefined));
}

/**
 * The campaigns of a US TEN_DLC market (sent-api-v3-2026-11 §2.7, docs/decisions/0076): list,
 * add, change. They are the campaigns module's records, so `/v3/profiles/{id}/campaigns` shows
 * them too; their channels-side status and volume tier are a `ten_dlc_campaigns` record.
 */
export class TenDlcCampaignService {
  constructor(private readonly deps: CampaignServiceDeps) {}

  listTenDlcCampaigns(tenant: Tenant, account: Account): Schemas['TenDlcCampaign'][] {
    heldMarket(tenant, account, 'US', 'TEN_DLC');
    return campaignViews(tenant, account);
  }

  /** `POST …/campaigns`: the body passed the rules (complete); the identity must be registered and submitted. */
  addTenDlcCampaign(call: ChannelCall, body: Schemas['TenDlcCampaignRequest']): Schemas['TenDlcCampaign'] {
    const { tenant, account } = call;
    const market = heldMarket(tenant, account, 'US', 'TEN_DLC');
    const { brand } = effectiveBrand(tenant, account);
    if (!brand) throw validationError({ brand: [MESSAGES.identityNotRegistered] });
    if (!brand.submitted_to_tcr) throw validationError({ brand: [MESSAGES.identityNotSubmitted] });
    const now = tenant.clock.now();
    const ids = { random: this.deps.random, now: sentTimestamp(now) };
    const record = campaignRecord(fieldsOf(body), { profileId: account.profileId, brandId: brand.id, customerId: tenant.organization.id }, ids);
    const review = this.deps.reviews.plan(tenant, call, now, 'provisioning');
    const state = newCampaignState(record.id, account.id, body.volume ?? null, review);
    if (call.sandbox) return tenDlcCampaignView(record, false, state);
    if (CAMPAIGN_STATES.in(tenant).size >= this.deps.maxCampaigns) throw limitError(CAMPAIGN_STATE_CAP, this.deps.maxCampaigns);
    CAMPAIGNS.in(tenant).set(record.id, record);
    const armed = this.deps.campaignReviews.arm(tenant, state);
    CAMPAIGN_STATES.in(tenant).set(armed.id, armed);
    // It comes without numbers, asking for one in any area code (replaced by the first it is given).
    MARKETS.in(tenant).set(market.id, { ...market, numbers: [...market.numbers, { sender_value: null, area_code: null, status: 'PROVISIONING', campaign_id: record.id }], updated_at: ids.now });
    return tenDlcCampaignView(record, false, armed);
  }

  /** `PATCH …/campaigns/{campaignId}`: allowed until filed, and again while a correction is asked for (which sends it back for review). */
  updateTenDlcCampaign(call: ChannelCall, campaignId: string, body: Schemas['TenDlcCampaignPatch']): Schemas['SmsMarket'] {
    const { tenant, account } = call;
    const market = heldMarket(tenant, account, 'US', 'TEN_DLC');
    const entry = campaignsOf(tenant, account).find((c) => c.id === campaignId);
    if (!entry) throw simError('RESOURCE_010', { message: MESSAGES.tenDlcCampaignNotFound });
    if (entry.inherit) throw simError('BUSINESS_006', { status: 409, message: MESSAGES.campaignInherited });
    if (!inService(entry.status)) throw simError('BUSINESS_006', { status: 409, message: MESSAGES.campaignOutOfService });
    const correction = entry.status === 'ACTION_NEEDED';
    if (entry.record.submittedToTCR && !correction) throw simError('BUSINESS_006', { status: 409, message: MESSAGES.campaignFiled });
    const state = CAMPAIGN_STATES.in(tenant).get(entry.id);
    const volume = body.volume === undefined ? (state?.volume ?? null) : body.volume;
    if (entry.record.submittedToTCR && tier(volume) !== tier(state?.volume)) throw simError('BUSINESS_006', { status: 409, message: MESSAGES.volumeTierFixed });
    if (call.sandbox) return marketView(tenant, account, market);
    const now = tenant.clock.now();
    const ids = { random: this.deps.random, now: sentTimestamp(now) };
    const merged = { ...flatCampaign(entry.record), ...fieldsOf(body) };
    const record = campaignRecord(merged, { profileId: account.profileId, brandId: entry.record.brandId, customerId: tenant.organization.id }, ids, entry.record);
    CAMPAIGNS.in(tenant).set(record.id, record);
    const base = state ?? newCampaignState(record.id, account.id, volume, this.deps.reviews.plan(tenant, call, now, 'review'));
    let next = { ...base, volume, review: state ? base.review : null };
    if (correction) next = this.deps.campaignReviews.arm(tenant, { ...next, status: 'PENDING_REVIEW', reason: null, review: this.deps.reviews.plan(tenant, call, now, 'review'), job_at: null });
    CAMPAIGN_STATES.in(tenant).set(next.id, next);
    return marketView(tenant, account, market);
  }
}
