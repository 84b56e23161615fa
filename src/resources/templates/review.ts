import type { Logger } from 'pino';
import type { Scheduler } from '../../clock/scheduler.js';
import { MESSAGES } from '../../errors/catalog.js';
import type { EventBus } from '../../events/bus.js';
import type { Scenario } from '../../scenarios/types.js';
import type { Tenant } from '../../store/types.js';
import type { Random } from '../../util/random.js';
import { SECOND, sentTimestamp } from '../../util/time.js';
import { TEMPLATES, type TemplateRecord, type TemplateReview } from './collection.js';

export const REVIEW_JOB = 'template.review';

/** The review job's payload: the verdict itself lives on the record (its latest submission's). */
export interface ReviewJob {
  template_id: string;
}

export type ReviewOutcome = TemplateReview['outcome'];

export interface TemplateReviewDeps {
  random: Random;
  scheduler: Scheduler;
  events: EventBus;
  logger: Logger;
}

/**
 * The review lifecycle on the tenant's clock (docs/decisions/0017): a submission makes the
 * template `PENDING` and decides its verdict at once — `APPROVED` after the tenant's
 * `template_review_seconds` (24 h), or what the scenario in force asks for; sms-only templates
 * (and a scenario's verdict without a delay) are decided on submission. The verdict falls due as
 * a job; `POST /_sim/templates/{id}/review` decides a pending one now. Each status reached after
 * `DRAFT` publishes a `templates` event.
 */
export class TemplateReviews {
  constructor(private readonly deps: TemplateReviewDeps) {}

  /** The review a submission at `at` gets. */
  plan(tenant: Tenant, channels: readonly string[], scenario: Scenario | undefined, at: number): TemplateReview {
    const s = scenario?.templates;
    const outcome: ReviewOutcome = s?.review ?? 'approved';
    const delayMs =
      channels.length > 0 && channels.every((ch) => ch === 'sms') ? 0 // sms does not gate on review
      : s?.review_delay_seconds !== undefined ? s.review_delay_seconds * SECOND
      : s?.review !== undefined ? 0 // a scenario's verdict without a delay comes at once
      : tenant.settings.template_review_seconds * SECOND;
    return { due_at: at + delayMs, outcome, reason: outcome === 'rejected' ? (s?.reason ?? MESSAGES.templateRejectedDefault) : null, scenario: scenario?.name ?? null };
  }

  /** What a submission answers without storing anything (sandbox): the verdict when it is due at once, else `PENDING`. */
  preview(record: TemplateRecord, review: TemplateReview, at: number): TemplateRecord {
    const pending: TemplateRecord = { ...record, status: 'PENDING', is_published: false, reason: null, review };
    return review.due_at <= at ? this.verdictRecord(pending, review.outcome, review.reason, at) : pending;
  }

  /**
   * Submits `record` (stored or new): `PENDING` with its review, stored, its event published;
   * the verdict too when it is due now, else a job for it. Returns the record as stored.
   */
  submit(tenant: Tenant, record: TemplateRecord, review: TemplateReview, at: number): TemplateRecord {
    let pending: TemplateRecord = { ...record, status: 'PENDING', is_published: false, reason: null, review };
    TEMPLATES.in(tenant).set(pending.id, pending);
    this.background(this.publish(tenant, pending, at, review.scenario));
    if (review.due_at <= at) {
      const { record: decided, delivered } = this.decide(tenant, pending, review.outcome, review.reason, at, review.scenario);
      this.background(delivered);
      return decided;
    }
    pending = this.arm(tenant, pending, review.due_at);
    TEMPLATES.in(tenant).set(pending.id, pending);
    return pending;
  }

  /** The review job: decides the template's review if it is (still) due; a later one re-arms it. */
  onJob(tenant: Tenant, { template_id: id }: ReviewJob, at: number): Promise<unknown> | undefined {
    const templates = TEMPLATES.in(tenant);
    let t = templates.get(id);
    if (!t) return undefined;
    if (t.review_job_at === at) templates.set(id, (t = { ...t, review_job_at: null }));
    if (t.status !== 'PENDING' || !t.review) return undefined;
    if (t.review.due_at > at) {
      templates.set(id, this.arm(tenant, t, t.review.due_at));
      return undefined;
    }
    return this.decide(tenant, t, t.review.outcome, t.review.reason, at, t.review.scenario).delivered;
  }

  /** Decides a `PENDING` template now: stored, its event published; `delivered` settles when the event's deliveries do. */
  decide(tenant: Tenant, t: TemplateRecord, outcome: ReviewOutcome, reason: string | null, at: number, scenario: string | null) {
    const record = this.verdictRecord(t, outcome, reason, at);
    TEMPLATES.in(tenant).set(record.id, record);
    return { record, delivered: this.publish(tenant, record, at, scenario) };
  }

  private verdictRecord(t: TemplateRecord, outcome: ReviewOutcome, reason: string | null, at: number): TemplateRecord {
    const updated_at = sentTimestamp(at);
    if (outcome === 'rejected') {
      return { ...t, status: 'REJECTED', is_published: false, reason: reason ?? MESSAGES.templateRejectedDefault, review: null, updated_at };
    }
    // Meta's id comes with the first approval of a whatsapp template and stays through later edits.
    const metaId = t.whatsapp_template_id ?? (t.channels?.includes('whatsapp') ? this.metaTemplateId() : null);
    return { ...t, status: 'APPROVED', is_published: true, whatsapp_template_id: metaId, reason: null, review: null, updated_at };
  }

  /** Makes sure a review job falls due at or before `dueAt` (one is scheduled only when none does). */
  private arm(tenant: Tenant, t: TemplateRecord, dueAt: number): TemplateRecord {
    if (t.review_job_at != null && t.review_job_at <= dueAt) return t;
    const payload: ReviewJob = { template_id: t.id };
    this.deps.scheduler.schedule(tenant, { kind: REVIEW_JOB, dueAt, payload });
    return { ...t, review_job_at: dueAt };
  }

  /** The `templates` event of the status `t` just reached (docs/decisions/0016: payload; 0017: when). */
  private publish(tenant: Tenant, t: TemplateRecord, at: number, scenario: string | null): Promise<unknown> | undefined {
    return this.deps.events.publish(tenant, {
      account_id: t.account_id,
      family: 'templates',
      name: 'templates',
      at,
      payload: {
        account_id: t.account_id,
        template_id: t.id,
        template_name: t.name,
        whatsapp_template_id: t.whatsapp_template_id ?? '',
        status: t.status,
        language: t.language,
        category: t.category,
        channel: 'whatsapp',
        reason: t.reason,
      },
      order_key: t.id,
      scenario,
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
