/**
 * The step job (docs/decisions/0013, 0066, 0067): moves every message of a batch one step,
 * publishes their events and schedules the next step for those that go on. The release of a
 * held batch is its `process` step, due at the release instant: there the tenant's quiet hours
 * may hold a message again, and a held message's fate is decided again from the tenant as it is
 * then. Jobs are data: a job of an earlier attempt (before a resend) or of a hold that no longer
 * stands finds nothing to do.
 */
import type { Job } from '../../clock/job-queue.js';
import type { Scheduler } from '../../clock/scheduler.js';
import type { EventBus } from '../../events/bus.js';
import type { Tenant } from '../../store/types.js';
import { parseSentTimestamp, sentTimestamp } from '../../util/time.js';
import { MESSAGE_RECORDS, type MessageRecord } from './collection.js';
import { refate } from './gate.js';
import { holdMessage, nextStep, statusEvent, stepJobKind, stepMessage, STEPS, type StepJob } from './lifecycle.js';
import { quietHoursEnd } from './schedule.js';

export interface StepDeps {
  scheduler: Scheduler;
  events: EventBus;
}

export function runStepJob(deps: StepDeps, tenant: Tenant, job: Job): Promise<unknown> | undefined {
  const payload = job.payload as Partial<StepJob> | null;
  // A hand-edited payload that is not a step job does nothing.
  if (!payload || !STEPS.includes(payload.step as StepJob['step']) || !Array.isArray(payload.ids)) return undefined;
  const step = payload as StepJob;
  const at = job.due_at;
  const timestamp = sentTimestamp(at);
  const records = MESSAGE_RECORDS.in(tenant);
  const attempt = step.attempt ?? 0;
  const goOn: string[] = [];
  const held = new Map<number, string[]>();
  const deliveries: Promise<unknown>[] = [];
  const publish = (...args: Parameters<typeof statusEvent>) => {
    const delivery = deps.events.publish(tenant, statusEvent(...args));
    if (delivery) deliveries.push(delivery);
  };
  for (const id of step.ids) {
    let message = typeof id === 'string' ? records.get(id) : undefined;
    if (!message || (message.attempt ?? 0) !== attempt) continue;
    if (step.step === 'process') {
      // A held batch's release: only messages still held for this very instant (not cancelled, not released early).
      if (step.release_at !== undefined && !heldFor(message, step.release_at)) continue;
      const until = quietHoursEnd(tenant.settings.quiet_hours, at);
      if (until !== null) {
        const hold = holdMessage(message, timestamp, until, true);
        records.set(id, hold);
        publish(hold, 'SCHEDULED', at, { scheduledAt: until, reason: 'quiet_hours' });
        held.set(until, [...(held.get(until) ?? []), id]);
        continue;
      }
      // Balance, template approval and gating are checked at release (Sent's send doc).
      if (message.status === 'SCHEDULED') message = { ...message, fate: refate(tenant, message, message.plan ?? {}, at) };
    }
    const result = stepMessage(message, step.step, timestamp);
    if (!result) continue;
    if (result.record !== records.get(id)) records.set(id, result.record);
    if (result.published) publish(result.record, result.published, at, holdFacts(result.record, result.published));
    // A batch held at acceptance reports its hold right after `message.queued`.
    if (step.step === 'queued' && step.release_at !== undefined) publish(result.record, 'SCHEDULED', at, { scheduledAt: step.release_at, reason: 'requested' });
    if (result.continues) goOn.push(id);
  }
  const base = { step_ms: step.step_ms, receipt_ms: step.receipt_ms, read_ms: step.read_ms, ...(step.attempt !== undefined ? { attempt } : {}) };
  for (const [until, ids] of held) schedule(deps.scheduler, tenant, until, { ...base, step: 'process', ids, release_at: until });
  if (goOn.length > 0) {
    if (step.step === 'queued' && step.release_at !== undefined) {
      schedule(deps.scheduler, tenant, step.release_at, { ...base, step: 'process', ids: goOn, release_at: step.release_at });
    } else {
      const next = nextStep(step.step, step);
      if (next) schedule(deps.scheduler, tenant, at + next.delayMs, { ...base, step: next.step, ids: goOn });
    }
  }
  return deliveries.length === 0 ? undefined : Promise.all(deliveries);
}

/** Whether a message is (still) held for release at `releaseAt`. */
function heldFor(m: MessageRecord, releaseAt: number): boolean {
  return m.status === 'SCHEDULED' && typeof m.scheduled_at === 'string' && parseSentTimestamp(m.scheduled_at) === releaseAt;
}

/** `message.cancelled` carries the release instant called off (docs/decisions/0066). */
function holdFacts(m: MessageRecord, status: string): { scheduledAt: number } | undefined {
  if (status !== 'CANCELLED' || typeof m.scheduled_at !== 'string') return undefined;
  return { scheduledAt: parseSentTimestamp(m.scheduled_at) };
}

function schedule(scheduler: Scheduler, tenant: Tenant, dueAt: number, payload: StepJob): void {
  scheduler.schedule(tenant, { kind: stepJobKind(payload), dueAt, payload });
}
