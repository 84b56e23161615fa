import type { Job } from '../../clock/job-queue.js';
import type { Scheduler } from '../../clock/scheduler.js';
import { MESSAGES } from '../../errors/catalog.js';
import { simError } from '../../errors/sim-error.js';
import { limitError } from '../../limits.js';
import type { EventBus } from '../../events/bus.js';
import type { components } from '../../generated/sent-v3.js';
import type { Tenant } from '../../store/types.js';
import type { Random } from '../../util/random.js';
import { SECOND, sentTimestamp } from '../../util/time.js';
import type { Account } from '../account.js';
import { assertSmsSenders } from '../channels/sender-rule.js';
import { ensureContact } from '../contacts/collection.js';
import { PROFILES } from '../profiles/collection.js';
import { findTemplate } from '../templates/collection.js';
import { MESSAGE_CAP, MESSAGE_RECORDS, SCHEDULED_CAP, type MessageRecord, type StoredPlan } from './collection.js';
import { MESSAGE_FAMILY } from './event-family.js';
import { fateOf, messageChannels } from './gate.js';
import { holdMessage, MESSAGE_STEP_JOB, type StepJob } from './lifecycle.js';
import { mmsEligible } from './mms.js';
import { renderMessage } from './render.js';
import { autoRoute, normalizeSend, senderNumber, whatsappWindowOpen, type MessagePlan, type SendRequest } from './rules.js';
import { assertSendBounds } from './send-bounds.js';
import { runStepJob } from './steps.js';
import { activitiesToWire, messageToWire } from './to-wire.js';

type Schemas = components['schemas'];
type MessageSendResult = Schemas['MessageSendResult'];
type MessageRecipient = Schemas['MessageRecipient'];

export interface MessageServiceDeps {
  random: Random;
  scheduler: Scheduler;
  events: EventBus;
  /** Stored messages per tenant before sends are refused (bounded memory). */
  maxMessages: number;
  /** Messages a tenant may hold scheduled (docs/decisions/0066). */
  maxScheduled: number;
  /** Recipients × channels × webhooks taking message events, per send (`--max-send-fanout`). */
  maxFanout: number;
}

/**
 * `POST /v3/messages`, `GET /v3/messages/{id}` and its activities (docs/decisions/0012, 0013):
 * a send validates, resolves its template, then fans out one stored message per (recipient,
 * channel), each with its fate decided at once, and schedules one job per step for the whole
 * batch — 1,000 messages are 6 jobs, not 6,000. A send with `scheduled_at` stores its messages
 * SCHEDULED and its batch is released by one job at that instant (docs/decisions/0066).
 */
export class MessageService {
  constructor(readonly deps: MessageServiceDeps) {}

  /** `requestId`: the send's `X-Request-Id`, the `request_id` of every event of the messages it makes (docs/decisions/0060). */
  sendMessage(tenant: Tenant, account: Account, body: Record<string, unknown>, sandbox: boolean, plan: MessagePlan = {}, requestId: string | null = null): MessageSendResult {
    const send = normalizeSend(body);
    // Sandbox answers as Sent would, from the request alone: no lookup, nothing stored (docs/decisions/0008).
    if (sandbox) return this.sandboxAnswer(send);
    const template = send.template ? (findTemplate(tenant, account, send.template) ?? null) : null;
    if (send.template && !template) throw simError('RESOURCE_002');
    // Whether an auto-detect message may go by MMS: the same for every recipient of the send.
    const eligible = mmsEligible(send.mediaUrls, template?.definition.body.mms, template !== null);
    const routeChannels = template ? messageChannels(template) : [];
    // A message needs a sender (decisions §15, docs/decisions/0078): a recipient in a country the
    // account holds no ACTIVE SMS market for refuses the send. An MMS goes out through the SMS market.
    assertSmsSenders(tenant, account, body.to as string[], send.channels, (available, lastInbound) => {
      const route = autoRoute(available, template, routeChannels, whatsappWindowOpen(lastInbound, tenant.clock.now()), eligible);
      return route === 'mms' ? 'sms' : route;
    });
    const records = MESSAGE_RECORDS.in(tenant);
    const count = send.recipients.length * send.channels.length;
    if (records.size + count > this.deps.maxMessages) throw limitError(MESSAGE_CAP, this.deps.maxMessages);
    if (send.scheduledAt !== null && scheduledCount(tenant) + count > this.deps.maxScheduled) throw limitError(SCHEDULED_CAP, this.deps.maxScheduled);
    assertSendBounds({
      recipients: send.recipients.length,
      channels: send.channels,
      mmsEligible: eligible,
      receivers: this.deps.events.receivers(tenant, account.id, MESSAGE_FAMILY.name),
      maxFanout: this.deps.maxFanout,
      // Free text has its own cap (4,096, rules.ts); a template's text grows with its parameters.
      render: (channel) => (template ? renderMessage(send, template, channel).body : null),
    });
    this.deps.scheduler.assertRoom(tenant);

    // Nothing above changed anything; from here on nothing can fail.
    const now = tenant.clock.now();
    const created = sentTimestamp(now);
    const stored = storedPlan(plan);
    const profile = account.profileId === null ? null : PROFILES.in(tenant).get(account.profileId);
    const recipients: MessageRecipient[] = [];
    const ids: string[] = [];
    for (const to of send.recipients) {
      const contact = ensureContact(tenant, account.id, to, { random: this.deps.random, now });
      const windowOpen = whatsappWindowOpen(contact.last_whatsapp_inbound_at, now);
      for (const asked of send.channels) {
        const auto = asked === 'sent';
        const route = auto ? autoRoute(contact.available_channels, template, routeChannels, windowOpen, eligible) : asked;
        const { body: rendered, missing } = renderMessage(send, template, route);
        const fate = fateOf(tenant, { customerId: account.id, contact, phone: to, channel: route, template, missingParameters: missing, hasMedia: (rendered?.media?.length ?? 0) > 0, plan }, now);
        let record: MessageRecord = {
          id: this.deps.random.uuid(),
          customer_id: account.id,
          contact_id: contact.id,
          phone: to,
          phone_international: contact.format_international,
          region_code: contact.region_code,
          channel: auto ? null : route,
          direction: 'outbound',
          status: 'QUEUED',
          created_at: created,
          template_id: template?.id ?? null,
          template_name: template?.name ?? null,
          template_category: template?.category ?? null,
          message_body: auto ? null : rendered,
          price: null,
          active_contact_price: null,
          activities: [{ status: 'QUEUED', description: MESSAGES.messageQueued, timestamp: created, from: null, price: null, active_contact_price: null }],
          route,
          routed_body: auto ? rendered : null,
          from: senderNumber(profile, account.id, route),
          fate,
          scenario: plan.scenario ?? null,
          attempt: 0,
          plan: stored,
          missing_parameters: missing,
          request_id: requestId,
        };
        // Held at once, so a cancel right after the 202 finds it SCHEDULED; its events go out from the job below.
        if (send.scheduledAt !== null) record = holdMessage(record, created, send.scheduledAt, false);
        records.set(record.id, record);
        ids.push(record.id);
        recipients.push({ message_id: record.id, to, channel: auto ? null : route, body: auto ? null : (rendered?.content ?? null) });
      }
    }
    // `message.queued` (and `message.scheduled`) go out from a job due now, so `clock/advance`
    // (and its wait for webhook deliveries) covers them, in order before the later steps.
    const job = stepJob(tenant, plan, ids, { release_at: send.scheduledAt ?? undefined });
    this.deps.scheduler.schedule(tenant, { kind: MESSAGE_STEP_JOB, dueAt: now, payload: job });
    const result: MessageSendResult = { status: 'QUEUED', template_id: template?.id ?? null, template_name: template?.name ?? null, recipients };
    // Sent's ScheduledSendMessageResponse: the immediate shape plus the release instant in UTC.
    if (send.scheduledAt !== null) result.scheduled_at = sentTimestamp(send.scheduledAt);
    return result;
  }

  retrieveMessageStatus(tenant: Tenant, account: Account, id: string): Schemas['MessageStatusDetail'] {
    return messageToWire(this.visible(tenant, account, id));
  }

  listMessageActivities(tenant: Tenant, account: Account, id: string): Schemas['MessageActivities'] {
    return activitiesToWire(this.visible(tenant, account, id));
  }

  /** The step job (steps.ts); the returned promise is its events' delivery, which `clock/advance` waits for. */
  runStep(tenant: Tenant, job: Job): Promise<unknown> | undefined {
    return runStepJob(this.deps, tenant, job);
  }

  /** Another account's message is not found (docs/decisions/0011), never forbidden. */
  visible(tenant: Tenant, account: Account, id: string): MessageRecord {
    const message = MESSAGE_RECORDS.in(tenant).get(id);
    if (!message || message.customer_id !== account.id) throw simError('RESOURCE_003');
    return message;
  }

  /** A sandbox answer: `msg_test_` ids, the request's own channel, text and template reference (and `scheduled_at`). */
  private sandboxAnswer(send: SendRequest): MessageSendResult {
    const recipients: MessageRecipient[] = [];
    for (const to of send.recipients) {
      for (const asked of send.channels) {
        const auto = asked === 'sent';
        recipients.push({ message_id: `msg_test_${this.deps.random.string(10, '0123456789')}`, to, channel: auto ? null : asked, body: auto ? null : send.text });
      }
    }
    const result: MessageSendResult = { status: 'QUEUED', template_id: send.template?.id ?? null, template_name: send.template?.name ?? null, recipients };
    if (send.scheduledAt !== null) result.scheduled_at = sentTimestamp(send.scheduledAt);
    return result;
  }
}

/** The job of one step for a batch, with the delays of the steps after it (the scenario's, else the tenant's). */
export function stepJob(tenant: Tenant, plan: Pick<MessagePlan, 'stepDelayMs' | 'receiptDelayMs'> | null | undefined, ids: string[], extra: Partial<StepJob> = {}): StepJob {
  return {
    step: 'queued',
    ids,
    step_ms: plan?.stepDelayMs ?? tenant.settings.message_step_seconds * SECOND,
    receipt_ms: plan?.receiptDelayMs ?? tenant.settings.message_receipt_seconds * SECOND,
    read_ms: tenant.settings.message_read_seconds * SECOND,
    ...extra,
  };
}

/** What of a scenario's plan a message keeps for the checks at its release (plain data, in snapshots). */
export function storedPlan(plan: MessagePlan): StoredPlan | null {
  const { scenario: _scenario, cancelLosesRace: _race, ...rest } = plan;
  const kept = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as StoredPlan;
  return Object.keys(kept).length === 0 ? null : kept;
}

/**
 * The messages the tenant holds scheduled. A scan, not an index: the count is needed only by a
 * send with `scheduled_at`, and a scan of 100,000 records is under a millisecond.
 */
function scheduledCount(tenant: Tenant): number {
  let n = 0;
  for (const m of MESSAGE_RECORDS.in(tenant).values()) if (m.status === 'SCHEDULED') n++;
  return n;
}
