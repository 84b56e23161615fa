/**
 * What the market review and the campaign review share (docs/decisions/0075): a record reviewed
 * on the tenant clock holds its pending `review` and the time of the job scheduled for it; one job
 * is kept at or before the review's next step, and a job that finds the step not due yet re-arms.
 */
import type { Scheduler } from '../../clock/scheduler.js';
import type { Records } from '../../store/collections.js';
import type { Tenant } from '../../store/types.js';
import type { ReviewRecord } from './records.js';

interface Reviewed {
  id: string;
  review: ReviewRecord | null;
  job_at: number | null;
}

/** Makes sure a job of `kind` falls due at or before the record's next review step (the record, with `job_at`). */
export function armReview<T extends Reviewed>(scheduler: Scheduler, tenant: Tenant, kind: string, record: T): T {
  const due = record.review?.due_at;
  if (due === undefined || (record.job_at !== null && record.job_at <= due)) return record;
  scheduler.schedule(tenant, { kind, dueAt: due, payload: { id: record.id } });
  return { ...record, job_at: due };
}

/** The record a review job fires for, with its review step due at `at`; undefined when it is gone, has nothing pending, or is due later (re-armed). */
export function dueReview<T extends Reviewed>(records: Records<T>, id: string, at: number, arm: (record: T) => T): { record: T; review: ReviewRecord } | undefined {
  let record = records.get(id);
  if (!record) return undefined;
  if (record.job_at === at) records.set(id, (record = { ...record, job_at: null }));
  const review = record.review;
  if (!review) return undefined;
  if (review.due_at > at) {
    records.set(id, arm(record));
    return undefined;
  }
  return { record, review };
}
