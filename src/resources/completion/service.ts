import type { CallbackDeliverer } from '../../callbacks/deliver.js';
import type { Scheduler } from '../../clock/scheduler.js';
import { MESSAGES } from '../../errors/catalog.js';
import { validationError } from '../../errors/sim-error.js';
import type { components } from '../../generated/sent-v3.js';
import { liveProfile } from '../../store/profiles.js';
import type { CampaignRecord, ProfileRecord, Tenant } from '../../store/types.js';
import { ALPHABETS, type Random } from '../../util/random.js';
import { sentTimestamp } from '../../util/time.js';
import { completionOutcome, retryDelayMs, submitsBrand, unmetPrerequisites, type CompletionOutcome } from './rules.js';

type CompleteProfileRequest = components['schemas']['CompleteProfileRequest'];
type ProfileCompleteResult = components['schemas']['ProfileCompleteResult'];
type CompletionCallback = components['schemas']['CompletionCallback'];

/** What a scenario may impose on a completion (the scenario engine fills this in). */
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

export interface CompletionServiceDeps {
  random: Random;
  scheduler: Scheduler;
  deliverer: CallbackDeliverer;
}

/**
 * `POST /v3/profiles/{id}/complete` (decisions §3): prerequisites, then 200 when already
 * approved or 202 with one job per profile on the tenant's clock. The job sets the outcome,
 * submits a TCR brand, schedules the TCR review and sends the signed callback.
 */
export class CompletionService {
  constructor(private readonly deps: CompletionServiceDeps) {}

  completeProfile(
    tenant: Tenant,
    profileId: string,
    body: CompleteProfileRequest,
    plan: CompletionPlan = {},
  ): { status: 200 | 202; data: ProfileCompleteResult } {
    const accepted = { status: 202 as const, data: { message: MESSAGES.completionInProgress } };
    // Sandbox validates and answers like a real call, but looks nothing up and starts nothing.
    if (body.sandbox === true) return accepted;
    const profile = liveProfile(tenant, profileId);
    if (profile.status === 'approved') {
      return { status: 200, data: { status: 'completed', message: MESSAGES.completionAlreadyDone } };
    }
    const unmet = unmetPrerequisites(this.facts(tenant, profile));
    if (unmet.length > 0) throw validationError({ prerequisites: unmet });
    const key = `completion:${profile.id}`;
    // One pending job per profile: a repeat while it is pending answers 202 and schedules nothing.
    if (tenant.jobs.hasKey(key)) return accepted;
    this.deps.scheduler.schedule(tenant, {
      kind: 'completion',
      key,
      profileId: profile.id,
      dueAt: tenant.clock.now() + (plan.processingDelayMs ?? tenant.settings.processingDelayMs),
      run: (at) => this.finish(tenant, profile.id, body.webHookUrl, plan, at),
    });
    return accepted;
  }

  private facts(tenant: Tenant, profile: ProfileRecord) {
    const ownCampaigns: CampaignRecord[] = [];
    const orgCampaigns: CampaignRecord[] = [];
    for (const c of tenant.campaigns.values()) {
      if (c.profileId === profile.id) ownCampaigns.push(c);
      else if (c.profileId === null) orgCampaigns.push(c);
    }
    return { profile, orgBrand: tenant.organization.brand, ownCampaigns, orgCampaigns };
  }

  /** The background job: runs at `at` on the tenant's clock. */
  private finish(tenant: Tenant, profileId: string, url: string, plan: CompletionPlan, at: number): Promise<unknown> | void {
    const profile = tenant.profiles.get(profileId);
    const timestamp = sentTimestamp(at);
    if (!profile || profile.deleted_at !== null) {
      return this.callback(tenant, url, { profileId, success: false, status: 'failed', timestamp, message: MESSAGES.completionProfileDeleted }, plan, at);
    }
    const outcome = plan.outcome ?? completionOutcome(this.facts(tenant, profile));
    if (typeof outcome === 'object') {
      // A failed completion leaves the profile as it was; the callback says why.
      return this.callback(tenant, url, { profileId, success: false, status: 'failed', timestamp, message: outcome.failed }, plan, at);
    }
    const next: ProfileRecord = { ...profile, status: outcome === 'COMPLETED' ? 'approved' : 'pending_review', updated_at: timestamp };
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
      this.deps.scheduler.schedule(tenant, {
        kind: 'tcr-review',
        key: `tcr-review:${profileId}`,
        profileId,
        dueAt: at + (plan.tcrReviewDelayMs ?? tenant.settings.tcrReviewDelayMs),
        run: (reviewAt) => this.review(tenant, profileId, plan.tcrRejects === true, reviewAt),
      });
    }
    tenant.profiles.set(profileId, next);
    return this.callback(tenant, url, { profileId, success: true, status: outcome, timestamp }, plan, at);
  }

  /** The profile's own campaigns go to TCR with its brand, and are locked from then on. */
  private submitCampaigns(tenant: Tenant, profileId: string, timestamp: string): void {
    for (const [id, c] of tenant.campaigns) {
      if (c.profileId !== profileId || c.submittedToTCR) continue;
      tenant.campaigns.set(id, {
        ...c,
        submittedToTCR: true,
        submittedAt: timestamp,
        status: 'SENT_CREATED',
        tcrCampaignId: `C${this.deps.random.string(6, ALPHABETS.UPPER_ALNUM)}`,
        updatedAt: timestamp,
      });
    }
  }

  /** TCR's verdict 48 h later: approved (brand ACTIVE/VERIFIED, campaigns ACTIVE) or rejected. */
  private review(tenant: Tenant, profileId: string, rejects: boolean, at: number): void {
    const profile = tenant.profiles.get(profileId);
    if (!profile || profile.deleted_at !== null || profile.status !== 'pending_review' || !profile.brand) return;
    const timestamp = sentTimestamp(at);
    tenant.profiles.set(profileId, {
      ...profile,
      status: rejects ? 'rejected' : 'approved',
      updated_at: timestamp,
      brand: rejects
        ? { ...profile.brand, updated_at: timestamp }
        : { ...profile.brand, status: 'ACTIVE', identity_status: 'VERIFIED', updated_at: timestamp },
    });
    if (rejects) return;
    for (const [id, c] of tenant.campaigns) {
      if (c.profileId === profileId && c.submittedToTCR) tenant.campaigns.set(id, { ...c, status: 'ACTIVE', updatedAt: timestamp });
    }
  }

  /** Sends the callback now, or later when a scenario delays it. */
  private callback(tenant: Tenant, url: string, payload: CompletionCallback, plan: CompletionPlan, at: number): Promise<unknown> | void {
    const callbackId = `cb_${this.deps.random.string(16)}`;
    const delay = plan.callback?.delayMs;
    if (!delay) return this.attempt(tenant, url, payload, plan, at, 1, callbackId);
    this.deps.scheduler.schedule(tenant, {
      kind: 'callback-retry',
      profileId: payload.profileId,
      dueAt: at + delay,
      run: (lateAt) => this.attempt(tenant, url, payload, plan, lateAt, 1, callbackId),
    });
  }

  /** One attempt; on failure, a retry job when the policy allows more attempts. */
  private async attempt(tenant: Tenant, url: string, payload: CompletionCallback, plan: CompletionPlan, at: number, attempt: number, callbackId: string): Promise<void> {
    const maxAttempts = plan.callbackMaxAttempts ?? tenant.settings.callbackMaxAttempts;
    const input = { callbackId, url, payload, attempt, at, timeoutMs: plan.callback?.timeoutMs, scenario: plan.scenario };
    if (plan.callback?.drop) {
      tenant.deliveries.push(this.deps.deliverer.dropped(input));
      return;
    }
    if (plan.callback?.duplicate) tenant.deliveries.push(await this.deps.deliverer.deliver(tenant, input));
    await this.deps.deliverer.deliver(tenant, input).then((result) => {
      if (!result.delivered && attempt < maxAttempts) {
        const dueAt = at + retryDelayMs(attempt);
        result.next_attempt_at = sentTimestamp(dueAt);
        this.deps.scheduler.schedule(tenant, {
          kind: 'callback-retry',
          profileId: payload.profileId,
          dueAt,
          run: (retryAt) => this.attempt(tenant, url, payload, plan, retryAt, attempt + 1, callbackId),
        });
      }
      tenant.deliveries.push(result);
    });
  }
}
