/**
 * `POST /v3/messages/{id}/cancel` and `/resend` (decisions §15, docs/decisions/0067). Both look
 * the message up, refuse a wrong state with `409 BUSINESS_006` before anything changes, and
 * otherwise change the stored message in one step; their events go out from a job due now, in
 * order after whatever the message already published. Sandbox answers what the call would
 * answer and changes nothing.
 */
import { MESSAGES } from '../../errors/catalog.js';
import { simError } from '../../errors/sim-error.js';
import type { components } from '../../generated/sent-v3.js';
import type { Tenant } from '../../store/types.js';
import { parseSentTimestamp, sentTimestamp } from '../../util/time.js';
import type { Account } from '../account.js';
import { MAX_RESENDS, MESSAGE_RECORDS, type MessageRecord, type MessageStatus } from './collection.js';
import { refate } from './gate.js';
import { cancelMessage, MESSAGE_STEP_JOB, stepJobKind } from './lifecycle.js';
import type { MessagePlan } from './rules.js';
import { stepJob, storedPlan, type MessageService } from './service.js';
import { messageToWire } from './to-wire.js';

type Schemas = components['schemas'];

/** What Sent resends: a finished message (TS-msg40 class doc; the resending guide's use cases). FILTERED never. */
const RESENDABLE: ReadonlySet<MessageStatus> = new Set(['DELIVERED', 'READ', 'FAILED', 'BLOCKED']);

export class MessageActions {
  constructor(private readonly service: MessageService) {}

  /**
   * A SCHEDULED message → CANCELLED, answered as the message with the events as they stood just
   * before; already CANCELLED → the same answer again, no second event; anything else → 409.
   * Under a scenario whose cancels lose the race, the message is released now (as Sent's sweep
   * would have) and the cancel is refused: its events stay the send's. A cancel that succeeds
   * starts the message's last chain: `message.cancelled` carries `requestId` (docs/decisions/0094).
   */
  cancelMessage(tenant: Tenant, account: Account, id: string, sandbox: boolean, plan: MessagePlan, requestId: string | null = null): Schemas['MessageStatusDetail'] {
    const m = this.service.visible(tenant, account, id);
    if (m.status === 'CANCELLED') return messageToWire(m, 'CANCELLED');
    if (m.status !== 'SCHEDULED') throw notScheduled();
    const { scheduler } = this.service.deps;
    const now = tenant.clock.now();
    if (plan.cancelLosesRace) {
      if (!sandbox) {
        scheduler.assertRoom(tenant);
        const job = stepJob(tenant, m.plan, [m.id], { step: 'process', release_at: parseSentTimestamp(m.scheduled_at ?? ''), ...attemptOf(m) });
        scheduler.schedule(tenant, { kind: stepJobKind(job), dueAt: now, payload: job });
      }
      throw notScheduled();
    }
    const cancelled: MessageRecord = { ...cancelMessage(m, sentTimestamp(now)), request_id: requestId };
    if (sandbox) return messageToWire(cancelled, 'CANCELLED');
    scheduler.assertRoom(tenant);
    MESSAGE_RECORDS.in(tenant).set(m.id, cancelled);
    scheduler.schedule(tenant, { kind: MESSAGE_STEP_JOB, dueAt: now, payload: stepJob(tenant, m.plan, [m.id], { step: 'cancelled', ...attemptOf(m) }) });
    return messageToWire(cancelled, 'CANCELLED');
  }

  /**
   * A finished message back through the pipeline on the same id (a new attempt): QUEUED again,
   * its fate decided afresh under the scenario in force now, priced again when SENT. Answered
   * with the send response for that one message. The resend starts a new chain: every event of
   * the new attempt carries `requestId`, not the first send's (docs/decisions/0094).
   */
  resendMessage(tenant: Tenant, account: Account, id: string, sandbox: boolean, plan: MessagePlan, requestId: string | null = null): Schemas['MessageSendResult'] {
    const m = this.service.visible(tenant, account, id);
    if (m.direction !== 'outbound' || !RESENDABLE.has(m.status)) throw simError('BUSINESS_006', { status: 409, message: MESSAGES.notResendable });
    const attempt = (m.attempt ?? 0) + 1;
    if (attempt > MAX_RESENDS) throw simError('BUSINESS_006', { status: 409, message: MESSAGES.resendCap(MAX_RESENDS) });
    const answer: Schemas['MessageSendResult'] = {
      status: 'QUEUED',
      template_id: m.template_id,
      template_name: m.template_name,
      recipients: [{ message_id: m.id, to: m.phone, channel: m.channel, body: m.channel === null ? null : (m.message_body?.content ?? null) }],
    };
    if (sandbox) return answer;
    const { scheduler } = this.service.deps;
    scheduler.assertRoom(tenant);
    const now = tenant.clock.now();
    const created = sentTimestamp(now);
    const next: MessageRecord = {
      ...m,
      status: 'QUEUED',
      price: null,
      active_contact_price: null,
      fate: refate(tenant, m, plan, now),
      scenario: plan.scenario ?? null,
      plan: storedPlan(plan),
      attempt,
      request_id: requestId,
      activities: [...m.activities, { status: 'QUEUED', description: MESSAGES.messageQueued, timestamp: created, from: null, price: null, active_contact_price: null }],
    };
    MESSAGE_RECORDS.in(tenant).set(m.id, next);
    scheduler.schedule(tenant, { kind: MESSAGE_STEP_JOB, dueAt: now, payload: stepJob(tenant, plan, [m.id], { attempt }) });
    return answer;
  }
}

/** Sent's cancel refusal (DOC-msg): 409, although the catalog's BUSINESS_006 is a 400 elsewhere. */
function notScheduled() {
  return simError('BUSINESS_006', { status: 409, message: MESSAGES.notScheduled });
}

function attemptOf(m: MessageRecord): { attempt?: number } {
  return m.attempt ? { attempt: m.attempt } : {};
}
