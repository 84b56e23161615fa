import type { Logger } from 'pino';
import type { Scheduler } from '../../clock/scheduler.js';
import type { EventBus } from '../../events/bus.js';
import type { Scenario } from '../../scenarios/types.js';
import type { Tenant } from '../../store/types.js';
import type { Random } from '../../util/random.js';
import { SECOND } from '../../util/time.js';
import { TEMPLATES, type TemplateRecord, type TemplateReview } from './collection.js';
import { applyVerdict, legStatus, submitLegs, type LegChange, type Verdict, type VerdictScope } from './legs.js';

export const REVIEW_JOB = 'template.review';

/** The review job's payload: the verdict itself lives on the record (its latest submission's). */
export interface ReviewJob {
  template_id: string;
}

/** A review's outcome as the verdicts it walks through: Meta pauses or disables only an approved template. */
const OUTCOME_VERDICTS: Record<TemplateReview['outcome'], readonly Verdict[]> = {
  approved: ['APPROVED'],
  rejected: ['REJECTED'],
  paused: ['APPROVED', 'PAUSED'],
  disabled: ['APPROVED', 'DISABLED'],
};

export interface TemplateReviewDeps {
  random: Random;
  scheduler: Scheduler;
  events: EventBus;
  logger: Logger;
}

/**
 * The review lifecycle on the tenant's clock, per channel leg (docs/decisions/0049): a submission
 * approves the sms and rcs legs at once and leaves the whatsapp leg `PENDING`, its verdict decided
 * at once — `APPROVED` after the tenant's `template_review_seconds` (24 h), or what the scenario
 * in force asks for, for the whatsapp leg or the whole template. The verdict falls due as a job;
 * `POST /_sim/templates/{id}/review` decides now. Each status a leg reaches publishes a
 * `templates` event with its `channel`; a template-wide verdict publishes one without.
 */
export class TemplateReviews {
  constructor(private readonly deps: TemplateReviewDeps) {}

  /** The review a submission at `at` gets. */
  plan(tenant: Tenant, scenario: Scenario | undefined, at: number): TemplateReview {
    const s = scenario?.templates;
    const outcome = s?.review ?? 'approved';
    const delayMs =
      s?.review_delay_seconds !== undefined ? s.review_delay_seconds * SECOND
      : s?.review !== undefined ? 0 // a scenario's verdict without a delay comes at once
      : tenant.settings.template_review_seconds * SECOND;
    return { due_at: at + delayMs, outcome, scope: s?.scope ?? 'whatsapp', reason: s?.reason ?? null, scenario: scenario?.name ?? null };
  }

  /** What a submission answers without storing or publishing anything (sandbox). */
  preview(record: TemplateRecord, review: TemplateReview, at: number): TemplateRecord {
    let t = this.submitted(record, review, at).record;
    if (review.due_at <= at) for (const { record: next } of this.verdicts(t, review, at)) t = next;
    return t;
  }

  /**
   * Submits `record` (stored or new): its legs, stored, one event per leg; the whatsapp verdict
   * too when it is due now, else a job for it. Returns the record as stored. The events published
   * now carry `requestId`, the submitting call's; a verdict the clock reaches later carries none
   * (docs/decisions/0060).
   */
  submit(tenant: Tenant, record: TemplateRecord, review: TemplateReview, at: number, requestId: string | null = null): TemplateRecord {
    const { record: submitted, changes } = this.submitted(record, review, at);
    TEMPLATES.in(tenant).set(submitted.id, submitted);
    for (const change of changes) this.background(this.publish(tenant, submitted, change, at, review.scenario, requestId));
    if (!submitted.review) return submitted;
    if (review.due_at <= at) {
      const { record: decided, delivered } = this.decideReview(tenant, submitted, at, requestId);
      this.background(delivered);
      return decided;
    }
    const armed = this.arm(tenant, submitted, review.due_at);
    TEMPLATES.in(tenant).set(armed.id, armed);
    return armed;
  }

  /** The review job: decides the template's review if it is (still) due; a later one re-arms it. */
  onJob(tenant: Tenant, { template_id: id }: ReviewJob, at: number): Promise<unknown> | undefined {
    const templates = TEMPLATES.in(tenant);
    let t = templates.get(id);
    if (!t) return undefined;
    if (t.review_job_at === at) templates.set(id, (t = { ...t, review_job_at: null }));
    if (!t.review) return undefined;
    if (t.review.due_at > at) {
      templates.set(id, this.arm(tenant, t, t.review.due_at));
      return undefined;
    }
    // The review clock decides on its own: no request started this verdict.
    return this.decideReview(tenant, t, at, null).delivered;
  }

  /**
   * One verdict now, from the control plane: stored, its event published; `delivered` settles
   * when the event's deliveries do. A verdict on the whatsapp leg or the whole template ends the
   * review in progress. The caller checked it may follow (legs.ts `verdictRefusal`).
   */
  decide(tenant: Tenant, t: TemplateRecord, verdict: Verdict, scope: VerdictScope, reason: string | null, at: number, requestId: string | null = null) {
    const applied = applyVerdict(t, verdict, scope, reason, at);
    if (!applied) return { record: t, delivered: undefined };
    const record = scope === 'whatsapp' || scope === 'template' ? { ...applied.record, review: null } : applied.record;
    TEMPLATES.in(tenant).set(record.id, record);
    return { record, delivered: this.publish(tenant, record, applied.change, at, null, requestId) };
  }

  /** The record right after submission: legs set, Meta's id assigned (Sent assigns it on submission), the whatsapp review kept while due. */
  private submitted(record: TemplateRecord, review: TemplateReview, at: number): { record: TemplateRecord; changes: LegChange[] } {
    const { record: submitted, changes } = submitLegs(record, at);
    const waits = legStatus(submitted, 'whatsapp') === 'PENDING' || review.scope === 'template';
    const whatsapp_template_id = submitted.whatsapp_template_id ?? (submitted.channels?.includes('whatsapp') ? this.metaTemplateId() : null);
    return { record: { ...submitted, whatsapp_template_id, review: waits ? review : null }, changes };
  }

  /** The records the review's verdicts lead to, one per verdict applied (a refused step ends the walk). */
  private verdicts(t: TemplateRecord, review: TemplateReview, at: number): Array<{ record: TemplateRecord; change: LegChange }> {
    const steps: Array<{ record: TemplateRecord; change: LegChange }> = [];
    let current = t;
    for (const verdict of OUTCOME_VERDICTS[review.outcome]) {
      const applied = applyVerdict(current, verdict, review.scope ?? 'whatsapp', review.reason, at);
      if (!applied) break;
      steps.push(applied);
      current = applied.record;
    }
    return steps;
  }

  /** Decides the review the record holds: every verdict stored and published in order, the review done. */
  private decideReview(tenant: Tenant, t: TemplateRecord, at: number, requestId: string | null) {
    const review = t.review!;
    const deliveries: Array<Promise<unknown> | undefined> = [];
    let record: TemplateRecord = { ...t, review: null };
    for (const step of this.verdicts(record, review, at)) {
      record = { ...step.record, review: null };
      deliveries.push(this.publish(tenant, record, step.change, at, review.scenario, requestId));
    }
    TEMPLATES.in(tenant).set(record.id, record);
    const pending = deliveries.filter((d) => d !== undefined);
    return { record, delivered: pending.length === 0 ? undefined : Promise.all(pending) };
  }

  /** Makes sure a review job falls due at or before `dueAt` (one is scheduled only when none does). */
  private arm(tenant: Tenant, t: TemplateRecord, dueAt: number): TemplateRecord {
    if (t.review_job_at != null && t.review_job_at <= dueAt) return t;
    const payload: ReviewJob = { template_id: t.id };
    this.deps.scheduler.schedule(tenant, { kind: REVIEW_JOB, dueAt, payload });
    return { ...t, review_job_at: dueAt };
  }

  /**
   * The `templates` event of one change (Sent's `TemplateEventPayload`, sent-api-v3-2026-11 §2.4):
   * `channel` names the leg and is omitted for a template-wide verdict; `auto_reply_action` only
   * on Sent's auto-replies.
   */
  private publish(tenant: Tenant, t: TemplateRecord, change: LegChange, at: number, scenario: string | null, requestId: string | null): Promise<unknown> | undefined {
    return this.deps.events.publish(tenant, {
      account_id: t.account_id,
      family: 'templates',
      name: 'templates',
      at,
      payload: {
        status: change.status,
        whatsapp_template_id: t.whatsapp_template_id ?? '',
        account_id: t.account_id,
        ...(t.auto_reply_action ? { auto_reply_action: t.auto_reply_action } : {}),
        category: t.category,
        ...(change.channel ? { channel: change.channel } : {}),
        language: t.language,
        reason: change.reason,
        template_id: t.id,
        template_name: t.name,
      },
      order_key: t.id,
      scenario,
      request_id: requestId,
    });
  }

  /** Deliveries started by a request run on after its answer; a failure is logged, never thrown. */
  private background(work: Promise<unknown> | undefined): void {
    work?.catch((err: unknown) => this.deps.logger.error({ err }, 'template event delivery failed'));
  }

  /** Meta's template ids are 15–16 digit numbers; 16 here, never starting with 0. */
  private metaTemplateId(): string {
    return `${1 + Math.floor(this.deps.random.next() * 9)}${this.deps.random.string(15, '0123456789')}`;
  }
}
