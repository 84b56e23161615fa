/**
 * The outbound lifecycle as a transition table (docs/decisions/0013): what one step does to one
 * message, given the fate decided at send time. Pure: the service applies the results, publishes
 * the events and schedules the next step.
 */
import { MESSAGES } from '../../errors/catalog.js';
import type { SentEvent } from '../../events/bus.js';
import { eventTimestamp, sentTimestamp } from '../../util/time.js';
import type { MessageActivityRecord, MessageRecord, MessageStatus } from './collection.js';
import { eventBodyText, failureReason } from './reasons.js';
import { CHANNEL_LABELS, PRICES } from './rules.js';

/**
 * The steps, each one job per send batch: `queued` publishes `message.queued` at t=0 (and
 * `message.scheduled` for a held batch); then PROCESSED (+step, or at the release instant of a
 * held batch), ROUTED (+step), SENT (+step), the receipt (+receipt) and READ (+read).
 * `cancelled` publishes `message.cancelled` after a cancel (docs/decisions/0067).
 */
export const STEPS = ['queued', 'process', 'route', 'send', 'receipt', 'read', 'cancelled'] as const;
export type Step = (typeof STEPS)[number];

/** A step's job payload: which messages of one send take the step, and the delays of the steps after it. */
export interface StepJob {
  step: Step;
  ids: string[];
  step_ms: number;
  receipt_ms: number;
  read_ms: number;
  /** A held batch (docs/decisions/0066): the release instant its messages were held for (epoch ms). */
  release_at?: number;
  /** The attempt the job belongs to (resends, docs/decisions/0067); absent = 0. */
  attempt?: number;
}

export const MESSAGE_STEP_JOB = 'message-step';

/**
 * A held batch's release (docs/decisions/0066, 0071): its `process` step, due at the instant the
 * batch was held for (`release_at`). A kind of its own, so `GET /_sim/clock` and the inspector
 * show pending releases as such; the same handler runs it.
 */
export const MESSAGE_RELEASE_JOB = 'message-release';

/** The kind a step job is scheduled under: a `process` step carrying `release_at` is a release. */
export function stepJobKind(job: Pick<StepJob, 'step' | 'release_at'>): string {
  return job.step === 'process' && job.release_at !== undefined ? MESSAGE_RELEASE_JOB : MESSAGE_STEP_JOB;
}

/** The state (last activity) a message must be in for each step; anything else skips it. `queued` only reports what acceptance recorded. */
const EXPECTS: Record<Exclude<Step, 'queued'>, readonly MessageStatus[]> = {
  process: ['QUEUED', 'SCHEDULED'],
  route: ['PROCESSED'],
  send: ['ROUTED'],
  receipt: ['SENT'],
  read: ['DELIVERED'],
  cancelled: ['CANCELLED'],
};

export interface StepResult {
  /** The message after the step (unchanged for `queued`). */
  record: MessageRecord;
  /** The status whose `message.*` event the step publishes; null for PROCESSED (activity only). */
  published: MessageStatus | null;
  /** Whether the message takes the next step. */
  continues: boolean;
}

/** One step of one message at `timestamp`; null when the message is not where the step expects it. */
export function stepMessage(m: MessageRecord, step: Step, timestamp: string): StepResult | null {
  const last = m.activities[m.activities.length - 1];
  if (m.direction !== 'outbound' || (step !== 'queued' && (!last || !EXPECTS[step].includes(last.status)))) return null;
  const { end } = m.fate;
  // Every terminal fate has a description (rules.ts); a hand-edited snapshot may lack one.
  const reason = m.fate.description ?? end;
  // `sent` says the message reached the sending number (it has a `from`) and was priced.
  const move = (status: MessageStatus, desc: string, extra: Partial<MessageRecord> = {}, sent = false): MessageRecord => {
    const next = { ...m, ...extra };
    const routed = sent || status === 'ROUTED';
    const activity: MessageActivityRecord = {
      status,
      description: desc,
      timestamp,
      from: routed ? m.from : null,
      price: sent ? next.price : null,
      active_contact_price: sent ? next.active_contact_price : null,
    };
    // PROCESSED is an activity only: the message's status (and its events) stay QUEUED — a
    // released message is QUEUED again, no longer SCHEDULED (so no longer cancellable).
    return { ...next, status: status === 'PROCESSED' ? 'QUEUED' : status, activities: [...m.activities, activity] };
  };
  switch (step) {
    case 'queued':
      return { record: m, published: 'QUEUED', continues: true };
    case 'process':
      if (end === 'filtered') return { record: move('FILTERED', reason), published: 'FILTERED', continues: false };
      if (end === 'blocked') return { record: move('BLOCKED', reason), published: 'BLOCKED', continues: false };
      if (end === 'invalid') return { record: move('FAILED', reason), published: 'FAILED', continues: false };
      return { record: move('PROCESSED', MESSAGES.messageProcessed), published: null, continues: true };
    case 'route': {
      if (end === 'route_denied') return { record: move('FAILED', reason), published: 'FAILED', continues: false };
      // Auto-detect resolves here: the message gets its channel and the body rendered for it.
      const routed = { channel: m.route, message_body: m.channel === null ? m.routed_body : m.message_body };
      return { record: move('ROUTED', MESSAGES.messageRouted(CHANNEL_LABELS[m.route]), routed), published: 'ROUTED', continues: true };
    }
    case 'send': {
      const prices = PRICES[m.route];
      const record = move('SENT', MESSAGES.messageSent(CHANNEL_LABELS[m.route]), { price: prices.price, active_contact_price: prices.active_contact_price }, true);
      return { record, published: 'SENT', continues: end !== 'undelivered' };
    }
    case 'receipt':
      // A carrier rejection after SENT keeps the price: the message was handed over and charged.
      if (end === 'failed') return { record: move('FAILED', reason, {}, true), published: 'FAILED', continues: false };
      return { record: move('DELIVERED', MESSAGES.messageDelivered, {}, true), published: 'DELIVERED', continues: end === 'read' };
    case 'read':
      return { record: move('READ', MESSAGES.messageRead, {}, true), published: 'READ', continues: false };
    case 'cancelled':
      return { record: m, published: 'CANCELLED', continues: false };
  }
}

/**
 * A message held until `until` (epoch ms; docs/decisions/0066): status SCHEDULED, a SCHEDULED
 * activity carrying the instant, and `scheduled_at`. `quietHours`: held by the tenant's quiet
 * hours rather than because the send asked.
 */
export function holdMessage(m: MessageRecord, timestamp: string, until: number, quietHours: boolean): MessageRecord {
  const at = sentTimestamp(until);
  const description = quietHours ? MESSAGES.messageQuietHours(eventTimestamp(until)) : MESSAGES.messageScheduled(eventTimestamp(until));
  const activity: MessageActivityRecord = { status: 'SCHEDULED', description, timestamp, from: null, price: null, active_contact_price: null, scheduled_at: at };
  return { ...m, status: 'SCHEDULED', scheduled_at: at, activities: [...m.activities, activity] };
}

/** A held message called off (docs/decisions/0067): CANCELLED, never priced; `scheduled_at` stays the instant called off. */
export function cancelMessage(m: MessageRecord, timestamp: string): MessageRecord {
  const activity: MessageActivityRecord = { status: 'CANCELLED', description: MESSAGES.messageCancelled, timestamp, from: null, price: null, active_contact_price: null };
  return { ...m, status: 'CANCELLED', activities: [...m.activities, activity] };
}

/** The step after `step` and how long after it it is due. */
export function nextStep(step: Step, job: Pick<StepJob, 'step_ms' | 'receipt_ms' | 'read_ms'>): { step: Step; delayMs: number } | null {
  switch (step) {
    case 'queued':
      return { step: 'process', delayMs: job.step_ms };
    case 'process':
      return { step: 'route', delayMs: job.step_ms };
    case 'route':
      return { step: 'send', delayMs: job.step_ms };
    case 'send':
      return { step: 'receipt', delayMs: job.receipt_ms };
    case 'receipt':
      return { step: 'read', delayMs: job.read_ms };
    case 'read':
    case 'cancelled':
      return null;
  }
}

/** What `message.scheduled` and `message.cancelled` add (docs/decisions/0066): the release instant, and on scheduled why. */
export interface HoldFacts {
  scheduledAt: number;
  reason?: 'requested' | 'quiet_hours';
}

/** The statuses whose events say why (docs/decisions/0063): `reason_code` and `reason` there only. */
const EXPLAINED: ReadonlySet<MessageStatus> = new Set<MessageStatus>(['FAILED', 'FILTERED', 'BLOCKED']);

/**
 * A status event as Sent posts it (docs/decisions/0016, 0063), the one builder of message status
 * payloads: `channel` is `auto` for an auto-detect message that never routed (Sent's plugin
 * docs); `body` the rendered text (null until an auto-detect message routes, or when it could
 * not be rendered); `template_name` omitted without a template; `reason_code` and `reason` on
 * FAILED, FILTERED and BLOCKED only; `scheduled_at` (and on `message.scheduled`,
 * `schedule_reason`) only on the hold's events (docs/decisions/0066). The envelope's
 * `request_id` is the call that started the message's current chain (docs/decisions/0060, 0094).
 */
export function statusEvent(m: MessageRecord, status: MessageStatus, at: number, hold?: HoldFacts): SentEvent {
  const payload: Record<string, unknown> = {
    account_id: m.customer_id,
    message_id: m.id,
    message_status: status,
    channel: m.channel ?? 'auto',
    outbound_number: m.phone,
    // A template a parameter was missing for was never rendered: no body to assert.
    body: m.fate.end === 'invalid' ? null : eventBodyText(m.message_body?.content),
    template_id: m.template_id,
  };
  if (m.template_id !== null) payload.template_name = m.template_name;
  payload.agent_id = null;
  const why = EXPLAINED.has(status) ? failureReason(m.fate) : null;
  if (why) Object.assign(payload, why);
  payload.updated_at = eventTimestamp(at);
  if (hold) {
    payload.scheduled_at = eventTimestamp(hold.scheduledAt);
    if (hold.reason) payload.schedule_reason = hold.reason;
  }
  return { account_id: m.customer_id, family: 'message', name: `message.${status.toLowerCase()}`, at, payload, order_key: m.id, scenario: m.scenario, request_id: m.request_id };
}

/** One attachment of an inbound MMS as the carrier declared it (SDK `InboundMessageEventPayload.Media`). */
export interface InboundMedia {
  url: string;
  mime_type?: string | null;
  size_bytes?: number | null;
  hash_sha256?: string | null;
}

/**
 * The inbound event (docs/decisions/0016): the contact's number is `inbound_number`, ours
 * `outbound_number`; `text` null for a media-only MMS; `media` on MMS only (docs/decisions/0068).
 */
export function receivedEvent(m: MessageRecord, text: string | null, at: number, media?: readonly InboundMedia[]): SentEvent {
  const when = eventTimestamp(at);
  const payload: Record<string, unknown> = { account_id: m.customer_id, message_id: m.id, channel: m.route, inbound_number: m.phone, outbound_number: m.from, text, received_at: when, updated_at: when };
  if (m.route === 'mms') payload.media = (media ?? []).map((x) => ({ url: x.url, mime_type: x.mime_type ?? null, size_bytes: x.size_bytes ?? null, hash_sha256: x.hash_sha256 ?? null }));
  return { account_id: m.customer_id, family: 'message', name: 'message.received', at, payload, order_key: m.id, scenario: m.scenario, request_id: m.request_id };
}
