import type { Scheduler } from '../../clock/scheduler.js';
import type { DeliveryCore } from '../../delivery/core.js';
import type { Outbound } from '../../delivery/types.js';
import { MESSAGES } from '../../errors/catalog.js';
import type { components } from '../../generated/sent-v3.js';
import type { Tenant } from '../../store/types.js';
import type { CampaignRecord } from '../campaigns/records.js';
import type { ProfileRecord } from '../profiles/records.js';
import { ALPHABETS, type Random } from '../../util/random.js';
import { SECOND, sentTimestamp } from '../../util/time.js';
import { CAMPAIGNS } from '../campaigns/collection.js';
import { liveProfile, PROFILES } from '../profiles/collection.js';
import { completionOutcome, submitsBrand, unmetPrerequisites, type CompletionOutcome } from './rules.js';

type CompleteProfileRequest = components['schemas']['CompleteProfileRequest'];
type ProfileCompleteResult = components['schemas']['ProfileCompleteResult'];
type CompletionCallback = components['schemas']['CompletionCallback'];

/** What a scenario may impose on a completion (scenarios/engine.ts fills it in). Plain data: it travels in the job. */
export interface CompletionPlan {
  outcome?: CompletionOutcome | { failed: string };
  processingDelayMs?: number;
  tcrReviewDelayMs?: number;
  tcrRejects?: boolean;
  callbackMaxAttempts?: number;
  /** Callback misbehaviour: not sent, a short timeout, sent twice, or sent late. */
  callback?: { drop?: boolean; timeoutMs?: number; duplicate?: boolean; delayMs?: number };
  /** The scenario that imposed this plan, recorded with each attempt. */
  scenario?: string;
}

export const COMPLETION_JOB = 'completion';
export const TCR_REVIEW_JOB = 'tcr-review';
export const COMPLETION_SOURCE = 'completion';

export interface CompletionJob {
  profile_id: string;
  url: string;
  plan: CompletionPlan;
}

export interface TcrReviewJob {
  profile_id: string;
  rejects: boolean;
}

export interface CompletionServiceDeps {
  random: Random;
  scheduler: Scheduler;
  delivery: DeliveryCore;
}

/**
 * `POST /v3/profiles/{id}/complete` (docs/decisions/0005, 0059): every prerequisite first (the
 * operation's check, in the one validation answer), then 200 when already approved or 202 with
 * one job per profile on the tenant's clock. The job approves the profile (Sent, 2026-11: even
 * while TCR is pending), submits a TCR brand, schedules the TCR review and sends the signed
 * callback through the delivery core.
 */
export class CompletionService {
  constructor(private readonly deps: CompletionServiceDeps) {}

  /** What is wrong with `url` as the callback's target, in words, or null (docs/decisions/0046). */
  targetRefusal(url: string): string | null {
    return this.deps.delivery.refuseTarget(url);
  }

  completeProfile(
    tenant: Tenant,
    profileId: string,
    body: CompleteProfileRequest,
    sandbox: boolean,
    plan: CompletionPlan = {},
  ): { status: 200 | 202; data: ProfileCompleteResult } {
    const accepted = { status: 202 as const, data: { message: MESSAGES.completionInProgress } };
    // Sandbox validates and answers like a real call, but looks nothing up and starts nothing.
    if (sandbox) return accepted;
    const profile = liveProfile(tenant, profileId);
    if (profile.status === 'approved') {
      return { status: 200, data: { status: 'completed', message: MESSAGES.completionAlreadyDone } };
    }
    const key = `completion:${profile.id}`;
    // One pending job per profile: a repeat while it is pending answers 202 and schedules nothing.
    if (tenant.jobs.hasKey(key)) return accepted;
    const payload: CompletionJob = { profile_id: profile.id, url: body.webHookUrl, plan };
    const delay = plan.processingDelayMs ?? tenant.settings.processing_delay_seconds * SECOND;
    this.deps.scheduler.schedule(tenant, { kind: COMPLETION_JOB, key, dueAt: tenant.clock.now() + delay, payload });
    return accepted;
  }

  /** The live profile's unmet prerequisites, in the documented order; none for an unknown or deleted one (its 404 comes later). */
  unmetPrerequisites(tenant: Tenant, profileId: string): string[] {
    const profile = PROFILES.in(tenant).get(profileId.toLowerCase());
    if (!profile || profile.deleted_at !== null) return [];
    return unmetPrerequisites(this.facts(tenant, profile));
  }

  private facts(tenant: Tenant, profile: ProfileRecord) {
    const ownCampaigns: CampaignRecord[] = [];
    const orgCampaigns: CampaignRecord[] = [];
    for (const c of CAMPAIGNS.in(tenant).values()) {
      if (c.profileId === profile.id) ownCampaigns.push(c);
      else if (c.profileId === null) orgCampaigns.push(c);
    }
    return { profile, orgBrand: tenant.organization.brand, ownCampaigns, orgCampaigns };
  }

  /** The completion job: runs at `at` on the tenant's clock. */
  finish(tenant: Tenant, { profile_id: profileId, url, plan }: CompletionJob, at: number): Promise<unknown> | void {
    const profiles = PROFILES.in(tenant);
    const profile = profiles.get(profileId);
    const timestamp = sentTimestamp(at);
    if (!profile || profile.deleted_at !== null) {
      return this.callback(tenant, url, { profileId, success: false, status: 'failed', timestamp, message: MESSAGES.completionProfileDeleted }, plan, at);
    }
    const outcome = plan.outcome ?? completionOutcome(this.facts(tenant, profile));
    if (typeof outcome === 'object') {
      // A failed completion leaves the profile as it was; the callback says why.
      return this.callback(tenant, url, { profileId, success: false, status: 'failed', timestamp, message: outcome.failed }, plan, at);
    }
    // Onboarded either way (Sent, 2026-11): `approved` even while TCR or documents are pending;
    // the callback still says COMPLETED or SUBMITTED, and a TCR rejection may follow (review).
    const next: ProfileRecord = { ...profile, status: 'approved', updated_at: timestamp };
    if (outcome === 'SUBMITTED' && submitsBrand(profile)) {
      next.brand = {
        ...profile.brand!,
        submitted_to_tcr: true,
        submitted_at: timestamp,
        tcr_brand_id: `B${this.deps.random.string(6, ALPHABETS.UPPER_ALNUM)}`,
        identity_status: 'UNVERIFIED',
        updated_at: timestamp,
      };
      this.submitCampaigns(tenant, profileId, timestamp);
      const review: TcrReviewJob = { profile_id: profileId, rejects: plan.tcrRejects === true };
      const delay = plan.tcrReviewDelayMs ?? tenant.settings.tcr_review_delay_seconds * SECOND;
      this.deps.scheduler.schedule(tenant, { kind: TCR_REVIEW_JOB, key: `tcr-review:${profileId}`, dueAt: at + delay, payload: review });
    }
    profiles.set(profileId, next);
    return this.callback(tenant, url, { profileId, success: true, status: outcome, timestamp }, plan, at);
  }

  /** The profile's own campaigns go to TCR with its brand, and are locked from then on. */
  private submitCampaigns(tenant: Tenant, profileId: string, timestamp: string): void {
    const campaigns = CAMPAIGNS.in(tenant);
    for (const [id, c] of campaigns) {
      if (c.profileId !== profileId || c.submittedToTCR) continue;
      campaigns.set(id, {
        ...c,
        submittedToTCR: true,
        submittedAt: timestamp,
        status: 'SENT_CREATED',
        tcrCampaignId: `C${this.deps.random.string(6, ALPHABETS.UPPER_ALNUM)}`,
        updatedAt: timestamp,
      });
    }
  }

  /**
   * The TCR review job: TCR's verdict 48 h later on the submitted brand — approved (brand
   * ACTIVE/VERIFIED, campaigns ACTIVE; the profile stays `approved`) or, by scenario, rejected
   * (the profile becomes `rejected`).
   */
  review(tenant: Tenant, { profile_id: profileId, rejects }: TcrReviewJob, at: number): void {
    const profiles = PROFILES.in(tenant);
    const profile = profiles.get(profileId);
    if (!profile || profile.deleted_at !== null || profile.status !== 'approved' || !profile.brand?.submitted_to_tcr) return;
    const timestamp = sentTimestamp(at);
    profiles.set(profileId, {
      ...profile,
      status: rejects ? 'rejected' : profile.status,
      updated_at: timestamp,
      brand: rejects
        ? { ...profile.brand, updated_at: timestamp }
        : { ...profile.brand, status: 'ACTIVE', identity_status: 'VERIFIED', updated_at: timestamp },
    });
    if (rejects) return;
    const campaigns = CAMPAIGNS.in(tenant);
    for (const [id, c] of campaigns) {
      if (c.profileId === profileId && c.submittedToTCR) campaigns.set(id, { ...c, status: 'ACTIVE', updatedAt: timestamp });
    }
  }

  /** Hands the callback to the delivery core: now, or later when a scenario delays it. */
  private callback(tenant: Tenant, url: string, payload: CompletionCallback, plan: CompletionPlan, at: number): Promise<unknown> | void {
    const callbackId = `cb_${this.deps.random.string(16)}`;
    const out: Outbound = {
      source: COMPLETION_SOURCE,
      ref: payload.profileId,
      delivery_id: callbackId,
      signature_id: callbackId,
      event_type: null,
      url,
      body: JSON.stringify(payload),
      attempt: 1,
      max_attempts: plan.callbackMaxAttempts ?? tenant.settings.callback_max_attempts,
      order_key: null,
      fault: { drop: plan.callback?.drop, duplicate: plan.callback?.duplicate, timeout_ms: plan.callback?.timeoutMs },
      scenario: plan.scenario ?? null,
    };
    const delay = plan.callback?.delayMs;
    if (delay) {
      this.deps.delivery.sendLater(tenant, out, at + delay);
      return;
    }
    return this.deps.delivery.send(tenant, out, at);
  }
}
