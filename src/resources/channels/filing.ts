/**
 * US TEN_DLC campaigns filed with TCR and approved (docs/decisions/0076): by their market's
 * review (the campaigns there when it is filed), or by a review of their own (a campaign added
 * to a market whose identity was already submitted). The campaign data stays the campaigns
 * module's record; its channels-side status, volume tier and review are a `ten_dlc_campaigns` record.
 */
import type { Logger } from 'pino';
import type { Scheduler } from '../../clock/scheduler.js';
import { MESSAGES } from '../../errors/catalog.js';
import type { EventBus } from '../../events/bus.js';
import type { Tenant } from '../../store/types.js';
import { ALPHABETS, type Random } from '../../util/random.js';
import { sentTimestamp } from '../../util/time.js';
import type { Account } from '../account.js';
import { CAMPAIGNS } from '../campaigns/collection.js';
import type { CampaignRecord } from '../campaigns/records.js';
import { declaredMarket } from '../compliance/table.js';
import { CAMPAIGN_STATES, MARKETS } from './collection.js';
import { marketEvent } from './events.js';
import { accountCampaigns, campaignState, campaignStatus } from './identity.js';
import { assignNumbers } from './inventory.js';
import { findMarket } from './markets.js';
import type { CampaignStatus, CampaignStateRecord, Origin, ReviewRecord } from './records.js';
import { armReview, dueReview } from './review-job.js';

export const CAMPAIGN_REVIEW_JOB = 'channel.campaign-review';

/** The account's campaigns with their channels-side status. */
export function campaignsOf(tenant: Tenant, account: Account): Array<{ id: string; status: CampaignStatus; inherit: boolean; record: CampaignRecord }> {
  return accountCampaigns(tenant, account).map(({ record, inherit }) => ({ id: record.id, status: campaignStatus(record, campaignState(tenant, record.id)), inherit, record }));
}

function fileRecord(record: CampaignRecord, at: string, random: Random): CampaignRecord {
  return { ...record, submittedToTCR: true, submittedAt: at, status: 'SENT_CREATED', tcrCampaignId: `C${random.string(6, ALPHABETS.UPPER_ALNUM)}`, updatedAt: at };
}

/** The market's filing: every campaign it runs that is not filed yet goes to TCR with the identity. */
export function fileCampaigns(tenant: Tenant, account: Account, at: number, random: Random): void {
  const timestamp = sentTimestamp(at);
  for (const { record } of accountCampaigns(tenant, account)) {
    if (record.submittedToTCR) continue;
    CAMPAIGNS.in(tenant).set(record.id, fileRecord(record, timestamp, random));
  }
}

/** The market's approval: its filed campaigns without a review of their own, and not declined or out of service, are ACTIVE. */
export function activateCampaigns(tenant: Tenant, account: Account, at: number): void {
  const timestamp = sentTimestamp(at);
  for (const { record } of accountCampaigns(tenant, account)) {
    const state = campaignState(tenant, record.id);
    if (!record.submittedToTCR || state?.review || (state && state.status !== 'PENDING_REVIEW')) continue;
    CAMPAIGNS.in(tenant).set(record.id, { ...record, status: 'ACTIVE', updatedAt: timestamp });
    if (state) CAMPAIGN_STATES.in(tenant).set(state.id, { ...state, status: 'ACTIVE', reason: null });
  }
}

export interface CampaignReviewDeps {
  random: Random;
  scheduler: Scheduler;
  events: EventBus;
  logger: Logger;
}

export type CampaignVerdict = 'ACTIVE' | 'ACTION_NEEDED' | 'DECLINED' | 'INACTIVE';

/**
 * A campaign's own review on the tenant clock: filed with TCR after the provisioning delay,
 * decided after the review delay (or by the control plane). Approved, it gets its numbers; the
 * market turns ACTIVE if that gives it its first (a `channel.activated`).
 */
export class CampaignReviews {
  constructor(private readonly deps: CampaignReviewDeps) {}

  /** Starts (or restarts, after a correction) the campaign's review; the caller stored the state with `review`. */
  arm(tenant: Tenant, state: CampaignStateRecord): CampaignStateRecord {
    return armReview(this.deps.scheduler, tenant, CAMPAIGN_REVIEW_JOB, state);
  }

  onJob(tenant: Tenant, { id }: { id: string }, at: number): Promise<unknown> | undefined {
    const states = CAMPAIGN_STATES.in(tenant);
    const due = dueReview(states, id, at, (s) => this.arm(tenant, s));
    if (!due) return undefined;
    const { record: state, review } = due;
    if (review.stage === 'provisioning') {
      this.file(tenant, id, at);
      states.set(id, this.arm(tenant, { ...state, review: { ...review, stage: 'review', due_at: at + review.review_ms } }));
      return undefined;
    }
    const outcome: CampaignVerdict = review.outcome === 'ACTION_NEEDED' ? 'ACTION_NEEDED' : review.outcome === 'INACTIVE' ? 'DECLINED' : 'ACTIVE';
    return this.verdict(tenant, state, outcome, review.reason, at, review);
  }

  /**
   * A verdict now (the review's, or the control call's: `origin`); an ACTIVE one files the
   * campaign first if it was not. Returns the deliveries it started.
   */
  verdict(tenant: Tenant, state: CampaignStateRecord, outcome: CampaignVerdict, reason: string | null, at: number, origin: Origin): Promise<unknown> | undefined {
    const record = CAMPAIGNS.in(tenant).get(state.id);
    if (!record) return undefined;
    const timestamp = sentTimestamp(at);
    const filed = record.submittedToTCR ? record : fileRecord(record, timestamp, this.deps.random);
    const defaultReason = outcome === 'ACTION_NEEDED' ? MESSAGES.campaignCorrectionRequested : outcome === 'DECLINED' ? MESSAGES.campaignDeclined : outcome === 'INACTIVE' ? MESSAGES.campaignOutOfServiceReason : null;
    CAMPAIGNS.in(tenant).set(record.id, { ...filed, status: outcome === 'ACTIVE' ? 'ACTIVE' : outcome === 'INACTIVE' ? 'EXPIRED' : filed.status, updatedAt: timestamp });
    CAMPAIGN_STATES.in(tenant).set(state.id, { ...state, status: outcome, reason: reason ?? defaultReason, review: null });
    return outcome === 'ACTIVE' ? this.numbersFor(tenant, state, at, origin) : undefined;
  }

  private file(tenant: Tenant, id: string, at: number): void {
    const record = CAMPAIGNS.in(tenant).get(id);
    if (record && !record.submittedToTCR) CAMPAIGNS.in(tenant).set(id, fileRecord(record, sentTimestamp(at), this.deps.random));
  }

  /** An approved campaign's numbers, claimed if its market passed review; the market goes ACTIVE with its first. */
  private numbersFor(tenant: Tenant, state: CampaignStateRecord, at: number, origin: Origin): Promise<unknown> | undefined {
    const account: Account = state.account_id === tenant.id ? { id: tenant.id, profileId: null } : { id: state.account_id, profileId: state.account_id };
    const market = findMarket(tenant, account, 'US', 'TEN_DLC');
    const decl = declaredMarket('US', 'TEN_DLC')!;
    if (!market || !market.approved) return undefined;
    // The market's own request, left without a campaign when it was approved with none ACTIVE, goes to the first approved (as the market's verdict places it).
    const placed = { ...market, numbers: market.numbers.map((n) => (n.campaign_id === null && n.status === 'PROVISIONING' ? { ...n, campaign_id: state.id } : n)) };
    const numbers = assignNumbers(tenant, decl, placed, (n) => n.campaign_id === state.id);
    const activated = market.status !== 'ACTIVE' && market.status !== 'INACTIVE' && numbers.some((n) => n.status === 'ACTIVE');
    const next = { ...market, numbers, ...(activated ? { status: 'ACTIVE' as const, reason: null, reason_code: null } : {}), updated_at: sentTimestamp(at) };
    MARKETS.in(tenant).set(next.id, next);
    return activated ? this.deps.events.publish(tenant, marketEvent(tenant, account, next, 'channel.activated', at, origin)) : undefined;
  }
}

/** A campaign state for a campaign added through the channels API, its review planned. */
export function newCampaignState(id: string, accountId: string, volume: string | null, review: ReviewRecord): CampaignStateRecord {
  return { id, account_id: accountId, status: 'PENDING_REVIEW', volume, reason: null, review, job_at: null };
}
