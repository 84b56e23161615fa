import { defineJobKind } from '../../clock/scheduler.js';
import { MAX_CLOCK_MS } from '../../clock/tenant-clock.js';
import type { ResourceModule } from '../module.js';
import { MessageActions } from './actions.js';
import { MESSAGE_FAMILY } from './event-family.js';
import { MAX_RESENDS, MESSAGE_CAP, MESSAGE_RECORDS, NUMBER_OUTCOME_CAP, NUMBER_OUTCOMES, SCHEDULED_CAP } from './collection.js';
import { messageControl } from './control.js';
import { InboundService } from './inbound.js';
import { MESSAGE_RELEASE_JOB, MESSAGE_STEP_JOB, STEPS } from './lifecycle.js';
import { messageOperations } from './routes.js';
import { MESSAGES_BLOCK } from './scenario.js';
import { QUIET_HOURS_SCHEMA, type QuietHours } from './schedule.js';
import { SEND_FANOUT_CAP } from './send-bounds.js';
import { MessageService } from './service.js';

declare module '../../limits.js' {
  interface ResourceLimits {
    /** `--max-messages`: stored messages per tenant (outbound and inbound) before sends answer `400 BUSINESS_008`. */
    maxMessagesPerTenant: number;
    /** `--max-number-outcomes`: per-number outcomes (`PUT /_sim/numbers/{e164}`) a tenant may set. */
    maxNumberOutcomesPerTenant: number;
    /** `--max-scheduled`: messages a tenant may hold scheduled before sends with `scheduled_at` answer `429 LIMIT_001`. */
    maxScheduledPerTenant: number;
    /** `--max-send-fanout`: recipients × channels × webhooks taking message events, per send; past it `400 BUSINESS_008` (docs/decisions/0086). */
    maxSendFanout: number;
  }
}

declare module '../../store/types.js' {
  interface TenantSettings {
    /** Seconds between QUEUED, PROCESSED, ROUTED and SENT (docs/decisions/0013: 1 s). */
    message_step_seconds: number;
    /** Seconds from SENT to the delivery receipt (2 s). */
    message_receipt_seconds: number;
    /** Seconds from DELIVERED to READ, when a message is read (5 s). */
    message_read_seconds: number;
    /** Simulator-only (docs/decisions/0066): a daily window in which no message is released; null = none. */
    quiet_hours: QuietHours | null;
  }
}

const seconds = { type: 'number', minimum: 0, maximum: 31_536_000 };
const ms = { type: 'number', minimum: 0, maximum: 31_536_000_000 };
/** A step job's payload (lifecycle.ts `StepJob`): `release_at` an instant on the tenant clock, `attempt` a resend's number (docs/decisions/0067). */
const stepPayload = {
  ids: { type: 'array', items: { type: 'string', maxLength: 64 } },
  step_ms: ms,
  receipt_ms: ms,
  read_ms: ms,
  release_at: { type: 'number', minimum: 0, maximum: MAX_CLOCK_MS },
  attempt: { type: 'integer', minimum: 0, maximum: MAX_RESENDS },
};

/**
 * Messages: send (now, scheduled, MMS), status, activities, cancel, resend, the lifecycle on the
 * tenant clock, inbound and test numbers (docs/decisions/0012–0014, 0066–0068).
 */
export const messagesModule: ResourceModule = {
  name: 'messages',
  collections: [MESSAGE_RECORDS, NUMBER_OUTCOMES],
  limits: [MESSAGE_CAP, NUMBER_OUTCOME_CAP, SEND_FANOUT_CAP, SCHEDULED_CAP],
  scenarioBlocks: [MESSAGES_BLOCK],
  settings: {
    message_step_seconds: { default: 1, schema: seconds },
    message_receipt_seconds: { default: 2, schema: seconds },
    message_read_seconds: { default: 5, schema: seconds },
    quiet_hours: { default: null, schema: QUIET_HOURS_SCHEMA },
  },
  events: [MESSAGE_FAMILY],
  // One lifecycle step of a send's messages, and a held batch's release: its `process` step at
  // the instant it was held for (lifecycle.ts StepJob; docs/decisions/0071, 0090).
  jobKinds: [
    defineJobKind({
      kind: MESSAGE_STEP_JOB,
      payload: { type: 'object', required: ['step', 'ids', 'step_ms', 'receipt_ms', 'read_ms'], properties: { step: { enum: [...STEPS] }, ...stepPayload } },
    }),
    defineJobKind({
      kind: MESSAGE_RELEASE_JOB,
      payload: { type: 'object', required: ['step', 'ids', 'step_ms', 'receipt_ms', 'read_ms', 'release_at'], properties: { step: { const: 'process' }, ...stepPayload } },
    }),
  ],
  create: (deps) => {
    const maxMessages = deps.config.maxMessagesPerTenant;
    const service = new MessageService({ random: deps.random, scheduler: deps.scheduler, events: deps.events, maxMessages, maxScheduled: deps.config.maxScheduledPerTenant, maxFanout: deps.config.maxSendFanout });
    const inbound = new InboundService({ random: deps.random, events: deps.events, maxMessages, maxNumberOutcomes: deps.config.maxNumberOutcomesPerTenant });
    return {
      operations: messageOperations(service, new MessageActions(service)),
      jobs: { [MESSAGE_STEP_JOB]: (tenant, job) => service.runStep(tenant, job), [MESSAGE_RELEASE_JOB]: (tenant, job) => service.runStep(tenant, job) },
      control: messageControl(deps, inbound),
    };
  },
};
