import type { Logger } from 'pino';
import type { Scheduler } from '../../clock/scheduler.js';
import { MESSAGES } from '../../errors/catalog.js';
import type { EventBus } from '../../events/bus.js';
import type { Scenario } from '../../scenarios/types.js';
import type { Tenant } from '../../store/types.js';
import type { Random } from '../../util/random.js';
import { SECOND, sentTimestamp } from '../../util/time.js';
import type { Account } from '../account.js';
import { declaredMarket } from '../compliance/table.js';
import { MARKETS } from './collection.js';
import { type ChannelEventName, marketEvent } from './events.js';
import { activateCampaigns, campaignsOf, fileCampaigns } from './filing.js';
import { activateBrand, fileBrand } from './identity.js';
import { assignNumbers } from './inventory.js';
import { NO_ORIGIN, type MarketRecord, type Origin, type ReasonCode, type ReviewRecord } from './records.js';
import { outstanding } from './requirements.js';
import { armReview, dueReview } from './review-job.js';

export const MARKET_REVIEW_JOB = 'channel.market-review';

/** A review job's payload: what it reviews (a market's, a campaign's id, an account's for RCS). */
export interface ReviewJob {
  id: string;
}

export interface ReviewDeps {
  random: Random;
  scheduler: Scheduler;
  events: EventBus;
  logger: Logger;
}

export type Verdict = ReviewRecord['outcome'];

/** The call that starts a chain of steps, as a service sees it: the scenario in force and its `X-Request-Id` (null in process). */
export interface Starter {
  scenario: Scenario | undefined;
  requestId: string | null;
}

/** The account a market belongs to. */
export function accountOfMarket(tenant: Tenant, market: Pick<MarketRecord, 'account_id'>): Account {
  return market.account_id === tenant.id ? { id: tenant.id, profileId: null } : { id: market.account_id, profileId: market.account_id };
}

/**
 * The review of SMS markets on the tenant clock (docs/decisions/0075). A market that owes
 * nothing goes PROVISIONING → (after `channel_provisioning_seconds`) PENDING_REVIEW, where a US
 * TEN_DLC identity and its campaigns are filed with TCR → (after `channel_review_seconds`) its
 * verdict: ACTIVE (numbers claimed, brand and campaigns approved), or ACTION_NEEDED with
 * `CHANNEL_002`, or INACTIVE — the scenario in force decides, else ACTIVE. A market that
 * registers with nobody skips PENDING_REVIEW. One that owes something is ACTION_NEEDED with
 * `CHANNEL_001` until its compliance is written. Every step publishes its `channel.*` event.
 */
export class MarketReviews {
  constructor(private readonly deps: ReviewDeps) {}

  /** The review a submission at `at` by `starter` gets, from the scenario in force or the tenant's delays; its steps carry the starter's request id. */
  plan(tenant: Tenant, starter: Starter, at: number, stage: ReviewRecord['stage']): ReviewRecord {
    const scenario = starter.scenario;
    const s = scenario?.channels;
    const provisioningMs = (s?.provisioning_seconds ?? tenant.settings.channel_provisioning_seconds) * SECOND;
    const reviewMs = (s?.review_seconds ?? tenant.settings.channel_review_seconds) * SECOND;
    const outcome: Verdict = s?.outcome === 'action_needed' ? 'ACTION_NEEDED' : s?.outcome === 'inactive' ? 'INACTIVE' : 'ACTIVE';
    return {
      stage,
      due_at: at + (stage === 'provisioning' ? provisioningMs : reviewMs),
      review_ms: reviewMs,
      outcome,
      reason_code: outcome === 'ACTION_NEEDED' ? (s?.reason_code ?? 'CHANNEL_002') : null,
      reason: s?.reason ?? null,
      scenario: scenario?.name ?? null,
      request_id: starter.requestId,
    };
  }

  /**
   * A market created, or its compliance written (`changed`: something differed), by `starter`:
   * what it owes decides where it goes. Stores it, publishes its step and arms its job. A replay
   * that changed nothing files nothing twice and publishes nothing.
   */
  submit(tenant: Tenant, market: MarketRecord, at: number, change: { created: boolean; changed: boolean; starter: Starter }): MarketRecord {
    if (!change.created && !change.changed) return market;
    const account = accountOfMarket(tenant, market);
    const owed = outstanding(tenant, account, market);
    const timestamp = sentTimestamp(at);
    let next: MarketRecord;
    if (owed.length > 0) {
      next = { ...market, status: 'ACTION_NEEDED', reason_code: 'CHANNEL_001', reason: MESSAGES.channelOwes(owed.map((r) => r.key)), review: null, updated_at: change.created ? null : timestamp };
    } else if (market.status === 'ACTIVE' && !change.created) {
      // A correction on a live market: it keeps sending while the change is reviewed.
      next = { ...market, review: this.plan(tenant, change.starter, at, 'review'), updated_at: timestamp };
      this.file(tenant, account, next, at);
    } else if (change.created) {
      next = { ...market, status: 'PROVISIONING', reason_code: null, reason: null, review: this.plan(tenant, change.starter, at, 'provisioning') };
    } else {
      next = { ...market, status: 'PENDING_REVIEW', reason_code: null, reason: null, review: this.plan(tenant, change.starter, at, 'review'), updated_at: timestamp };
      this.file(tenant, account, next, at);
    }
    const name: ChannelEventName = market.status === 'ACTIVE' && next.status !== 'ACTIVE' ? 'channel.deactivated' : 'channel.submitted';
    return this.store(tenant, account, next, name, at, { scenario: change.starter.scenario?.name ?? null, request_id: change.starter.requestId });
  }

  /** The review job: the step due (PENDING_REVIEW, or the verdict); a later one re-arms it. */
  onJob(tenant: Tenant, { id }: ReviewJob, at: number): Promise<unknown> | undefined {
    const due = dueReview(MARKETS.in(tenant), id, at, (m) => this.arm(tenant, m));
    if (!due) return undefined;
    const { record: market, review } = due;
    const account = accountOfMarket(tenant, market);
    const registers = declaredMarket(market.country, market.number_type)?.regime !== 'none';
    if (review.stage === 'provisioning' && registers) {
      const next: MarketRecord = { ...market, status: 'PENDING_REVIEW', review: { ...review, stage: 'review', due_at: at + review.review_ms }, updated_at: sentTimestamp(at) };
      this.file(tenant, account, next, at);
      return this.published(tenant, account, next, 'channel.submitted', at, review);
    }
    return this.verdict(tenant, market, review.outcome, review.reason_code, review.reason, at, review).delivered;
  }

  /**
   * A verdict now (the review's, or the control plane's): ACTIVE claims the numbers (a US
   * TEN_DLC market: those of its approved campaigns) and approves the brand and campaigns filed;
   * ACTION_NEEDED asks for a correction; INACTIVE deactivates. `origin`: the review's, or the
   * control call's. `delivered` settles when the event's deliveries do.
   */
  verdict(tenant: Tenant, market: MarketRecord, outcome: Verdict, reasonCode: ReasonCode | null, reason: string | null, at: number, origin: Origin) {
    const account = accountOfMarket(tenant, market);
    const decl = declaredMarket(market.country, market.number_type);
    const base = { ...market, review: null, updated_at: sentTimestamp(at) };
    let next: MarketRecord;
    let name: ChannelEventName;
    if (outcome === 'ACTIVE') {
      this.file(tenant, account, base, at);
      const tcr = decl?.regime === 'tcr';
      if (tcr) {
        activateBrand(tenant, account, sentTimestamp(at));
        activateCampaigns(tenant, account, at);
      }
      const active = tcr ? new Set(campaignsOf(tenant, account).filter((c) => c.status === 'ACTIVE').map((c) => c.id)) : null;
      const placed = tcr ? { ...base, numbers: base.numbers.map((n) => (n.campaign_id === null && active!.size > 0 ? { ...n, campaign_id: [...active!][0]! } : n)) } : base;
      const numbers = decl ? assignNumbers(tenant, decl, placed, (n) => active === null || (n.campaign_id !== null && active.has(n.campaign_id))) : placed.numbers;
      const sends = !decl?.inventory || numbers.some((n) => n.status === 'ACTIVE');
      next = { ...placed, numbers, approved: true, status: sends ? 'ACTIVE' : 'PROVISIONING', reason_code: null, reason: sends ? null : MESSAGES.marketAwaitsNumbers };
      name = sends ? 'channel.activated' : 'channel.submitted';
    } else if (outcome === 'ACTION_NEEDED') {
      next = { ...base, status: 'ACTION_NEEDED', reason_code: reasonCode ?? 'CHANNEL_002', reason: reason ?? MESSAGES.correctionRequested };
      name = market.status === 'ACTIVE' ? 'channel.deactivated' : 'channel.submitted';
    } else {
      next = { ...base, status: 'INACTIVE', reason_code: null, reason: reason ?? MESSAGES.marketDeactivated, numbers: base.numbers.map((n) => ({ ...n, status: 'INACTIVE' as const })) };
      name = 'channel.deactivated';
    }
    const delivered = this.published(tenant, account, next, name, at, origin);
    return { record: MARKETS.in(tenant).get(next.id)!, delivered };
  }

  /** A market removed (its sender profile deleted by the call `requestId`): INACTIVE, its numbers back in the inventory, `channel.removed`. */
  remove(tenant: Tenant, market: MarketRecord, at: number, requestId: string | null): Promise<unknown> | undefined {
    const next: MarketRecord = {
      ...market,
      status: 'INACTIVE',
      reason_code: null,
      reason: MESSAGES.marketRemoved,
      review: null,
      numbers: market.numbers.map((n) => ({ ...n, status: 'INACTIVE' as const })),
      updated_at: sentTimestamp(at),
    };
    return this.published(tenant, accountOfMarket(tenant, market), next, 'channel.removed', at, { scenario: null, request_id: requestId });
  }

  /** Publishes a step's event for a market just stored; deliveries a request started run on after its answer. */
  private store(tenant: Tenant, account: Account, market: MarketRecord, name: ChannelEventName, at: number, origin: Origin): MarketRecord {
    this.background(this.published(tenant, account, market, name, at, origin));
    return MARKETS.in(tenant).get(market.id)!;
  }

  private published(tenant: Tenant, account: Account, market: MarketRecord, name: ChannelEventName, at: number, origin: Origin): Promise<unknown> | undefined {
    const stored = this.arm(tenant, market);
    MARKETS.in(tenant).set(stored.id, stored);
    return this.deps.events.publish(tenant, marketEvent(tenant, account, stored, name, at, origin));
  }

  /** US TEN_DLC at PENDING_REVIEW: the identity and the campaigns go to TCR. */
  private file(tenant: Tenant, account: Account, market: MarketRecord, at: number): void {
    if (declaredMarket(market.country, market.number_type)?.regime !== 'tcr') return;
    fileBrand(tenant, account, sentTimestamp(at), this.deps.random);
    fileCampaigns(tenant, account, at, this.deps.random);
  }

  /** Makes sure a job falls due at or before the review's next step. */
  private arm(tenant: Tenant, market: MarketRecord): MarketRecord {
    return armReview(this.deps.scheduler, tenant, MARKET_REVIEW_JOB, market);
  }

  background(work: Promise<unknown> | undefined): void {
    work?.catch((err: unknown) => this.deps.logger.error({ err }, 'channel event delivery failed'));
  }
}

/**
 * Stores a market whose numbers changed outside its review (numbers added by the call
 * `requestId`): one that passed review and sends now for the first time turns ACTIVE with
 * `channel.activated`.
 */
export function settleNumbers(reviews: MarketReviews, tenant: Tenant, market: MarketRecord, at: number, requestId: string | null): { record: MarketRecord; delivered: Promise<unknown> | undefined } {
  const sends = market.numbers.some((n) => n.status === 'ACTIVE');
  if (!market.approved || !sends || market.status !== 'PROVISIONING') {
    MARKETS.in(tenant).set(market.id, market);
    return { record: market, delivered: undefined };
  }
  return reviews.verdict(tenant, { ...market, status: 'PROVISIONING' }, 'ACTIVE', null, null, at, { ...NO_ORIGIN, request_id: requestId });
}
