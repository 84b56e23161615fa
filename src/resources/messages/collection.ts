import { MESSAGES } from '../../errors/catalog.js';
import type { components } from '../../generated/sent-v3.js';
import { defineLimit } from '../../limits.js';
import { defineCollection } from '../../store/collections.js';
import { MAX_MEDIA_URL_LENGTH, MAX_MEDIA_URLS, MAX_SUBJECT_LENGTH } from './mms.js';
import { MAX_TEXT_LENGTH, type MessagePlan } from './rules.js';
import { activitiesToWire, messageToWire } from './to-wire.js';

type Schemas = components['schemas'];
export type MessageStatus = Schemas['MessageStatus'];
export type Channel = Schemas['Channel'];
export type MessageBody = Schemas['MessageBody'];

/**
 * How a message's life ends, decided when the send is accepted (docs/decisions/0013, 0014):
 * gating first (sender, consent, template, WhatsApp window, parameters), then the scenario's or
 * the number's outcome. Plain data: it travels in snapshots with the message.
 *   delivered   QUEUED → PROCESSED → ROUTED → SENT → DELIVERED
 *   read        … DELIVERED → READ (whatsapp/rcs; DELIVERED only on sms)
 *   failed      … SENT → FAILED ("Carrier rejected the message")
 *   undelivered … SENT, and no receipt ever
 *   route_denied QUEUED → PROCESSED → FAILED (`ERR_ROUTE_DENIED`) instead of ROUTED
 *   invalid     QUEUED → FAILED (`ERR_TEMPLATE_PARAMS_INVALID`) at processing
 *   filtered    QUEUED → FILTERED at processing, never priced
 *   blocked     QUEUED → BLOCKED at processing, never priced
 */
export type MessageEnd = 'delivered' | 'read' | 'failed' | 'undelivered' | 'route_denied' | 'invalid' | 'filtered' | 'blocked';

export interface MessageFate {
  end: MessageEnd;
  /** The description of the terminal FAILED/FILTERED/BLOCKED event; null for the others. */
  description: string | null;
}

/** One row of the activity log (oldest first in the record; the API shows it newest first). */
export interface MessageActivityRecord {
  status: MessageStatus;
  description: string;
  /** Sent-style timestamp on the tenant clock. */
  timestamp: string;
  from: string | null;
  price: number | null;
  active_contact_price: number | null;
  /** SCHEDULED entries only: the release instant as it stood then (Sent-style timestamp). */
  scheduled_at?: string;
}

/** What a scenario imposed on the current attempt, kept for the checks at release (docs/decisions/0066). */
export type StoredPlan = Omit<MessagePlan, 'scenario' | 'cancelLosesRace'>;

/**
 * A message as stored: the wire fields of `GET /v3/messages/{id}` (events are derived from the
 * activities) plus what the simulator needs to run its lifecycle. `channel` is null while an
 * auto-detect message is not routed; `route` is the channel it will take.
 */
export interface MessageRecord {
  id: string;
  /** The sending (or receiving) account: the organization's id or a profile's. */
  customer_id: string;
  contact_id: string;
  phone: string;
  phone_international: string;
  region_code: string;
  channel: Channel | null;
  direction: Schemas['MessageDirection'];
  status: MessageStatus;
  created_at: string;
  template_id: string | null;
  template_name: string | null;
  template_category: Schemas['TemplateCategory'] | null;
  message_body: MessageBody | null;
  price: number | null;
  active_contact_price: number | null;
  activities: MessageActivityRecord[];
  /** Simulator-only: the channel an auto-detect message routes to, and the body it then gets. */
  route: Channel;
  routed_body: MessageBody | null;
  /** Simulator-only: the number the message is sent from (activities' `from`). */
  from: string;
  fate: MessageFate;
  /** The scenario the send ran under (delivery faults of its events). */
  scenario: string | null;
  /**
   * A message that is or was held (docs/decisions/0066): its release instant, Sent-style; on a
   * CANCELLED one, the instant called off. Absent for a message sent at once.
   */
  scheduled_at?: string | null;
  /** Simulator-only: 0 for the first attempt, +1 per resend; lifecycle jobs of older attempts skip it. */
  attempt?: number;
  /** Simulator-only: the scenario's plan for this attempt and whether a template parameter was missing, for the checks at release. */
  plan?: StoredPlan | null;
  missing_parameters?: boolean;
  /**
   * Simulator-only: the `X-Request-Id` of the call that made the message (the send, or
   * `POST /_sim/inbound`), kept so every event of its lifecycle — published by jobs long after
   * the call — carries it as the envelope's `request_id` (docs/decisions/0060). Null on a
   * snapshot made before it existed. A cancel or a resend replaces it with its own: the call
   * starts the message's next chain (docs/decisions/0094).
   */
  request_id: string | null;
}

/** Bounded memory (docs/decisions/0022): stored messages per tenant, outbound and inbound. */
export const MESSAGE_CAP = defineLimit({
  flag: 'max-messages',
  key: 'maxMessagesPerTenant',
  default: 100_000,
  min: 1,
  max: 10_000_000,
  description: 'stored messages per tenant before sends answer 400 BUSINESS_008',
  error: { code: 'BUSINESS_008', message: MESSAGES.messageCap },
});

/**
 * Messages a tenant may hold scheduled at once (docs/decisions/0066). Sent's ceiling is
 * 1,000,000 per account; the simulator's default is lower, like its other caps.
 */
export const SCHEDULED_CAP = defineLimit({
  flag: 'max-scheduled',
  key: 'maxScheduledPerTenant',
  default: 10_000,
  min: 1,
  max: 1_000_000,
  description: 'messages a tenant may hold scheduled (scheduled_at) before such sends answer 429 LIMIT_001',
  error: { code: 'LIMIT_001', message: MESSAGES.scheduledCap },
});

/**
 * Resends of one message (docs/decisions/0067): each adds its activities to the message, so the
 * log stays bounded. Not Sent's rule (it states none); past it, `409 BUSINESS_006`.
 */
export const MAX_RESENDS = 10;

/** Bounded memory (docs/decisions/0022): per-number outcomes a tenant may set. */
export const NUMBER_OUTCOME_CAP = defineLimit({
  flag: 'max-number-outcomes',
  key: 'maxNumberOutcomesPerTenant',
  default: 10_000,
  min: 1,
  max: 1_000_000,
  description: 'per-number outcomes (PUT /_sim/numbers/{e164}) per tenant before new ones answer 400 BUSINESS_008',
  error: { code: 'BUSINESS_008', message: MESSAGES.numberOutcomeCap },
});

const nullableString = { type: ['string', 'null'] };
const channel = { enum: ['sms', 'whatsapp', 'rcs', 'mms'] };
const delay = { type: 'number', minimum: 0, maximum: 31_536_000_000 };
const text = { type: ['string', 'null'], maxLength: MAX_TEXT_LENGTH };
const mediaUrl = { type: 'string', maxLength: MAX_MEDIA_URL_LENGTH };
/**
 * A stored body, within what a send or an inbound message can make (docs/decisions/0068), so an
 * import cannot store more than the API would: the text parts within the longest text, at most
 * 10 attachments of bounded URLs, a bounded subject.
 */
const messageBody = {
  type: ['object', 'null'],
  properties: {
    header: text,
    content: text,
    footer: text,
    headerMedia: { type: ['object', 'null'], properties: { url: mediaUrl } },
    media: { type: ['array', 'null'], maxItems: MAX_MEDIA_URLS, items: { type: 'object', properties: { url: mediaUrl, mediaType: { type: ['string', 'null'], maxLength: 255 } } } },
    subject: { type: ['string', 'null'], maxLength: MAX_SUBJECT_LENGTH },
  },
};

/** Every message of the tenant (outbound and inbound), by id. */
export const MESSAGE_RECORDS = defineCollection<MessageRecord>({
  name: 'messages',
  limit: MESSAGE_CAP,
  wire: [
    { component: 'MessageStatusDetail', render: (m) => messageToWire(m) },
    { component: 'MessageActivities', render: activitiesToWire },
  ],
  itemSchema: {
    type: 'object',
    required: ['id', 'customer_id', 'contact_id', 'phone', 'direction', 'status', 'created_at', 'activities', 'route', 'from', 'fate'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      customer_id: { type: 'string', maxLength: 64 },
      contact_id: { type: 'string', maxLength: 64 },
      phone: { type: 'string', pattern: '^\\+[1-9]\\d{6,14}$' },
      channel: { oneOf: [channel, { type: 'null' }] },
      route: channel,
      direction: { $ref: 'sent-v3#/components/schemas/MessageDirection' },
      status: { $ref: 'sent-v3#/components/schemas/MessageStatus' },
      created_at: { type: 'string', maxLength: 64 },
      template_id: nullableString,
      template_name: nullableString,
      from: { type: 'string', maxLength: 32 },
      request_id: { type: ['string', 'null'], maxLength: 64 },
      message_body: messageBody,
      routed_body: messageBody,
      // Eight entries an attempt at most, and at most MAX_RESENDS resends.
      activities: {
        type: 'array',
        maxItems: 8 * (MAX_RESENDS + 1),
        items: {
          type: 'object',
          required: ['status', 'description', 'timestamp'],
          properties: {
            status: { $ref: 'sent-v3#/components/schemas/MessageStatus' },
            description: { type: 'string' },
            timestamp: { type: 'string' },
            scheduled_at: { type: 'string', maxLength: 64 },
          },
        },
      },
      scheduled_at: { type: ['string', 'null'], maxLength: 64 },
      attempt: { type: 'integer', minimum: 0, maximum: MAX_RESENDS },
      missing_parameters: { type: 'boolean' },
      plan: {
        type: ['object', 'null'],
        properties: {
          outcome: { enum: ['delivered', 'read', 'failed', 'undelivered', 'filtered', 'blocked'] },
          description: { type: 'string', maxLength: 1024 },
          stepDelayMs: delay,
          receiptDelayMs: delay,
          mediaFails: { type: 'boolean' },
        },
      },
      fate: {
        type: 'object',
        required: ['end', 'description'],
        properties: {
          end: { enum: ['delivered', 'read', 'failed', 'undelivered', 'route_denied', 'invalid', 'filtered', 'blocked'] },
          description: nullableString,
        },
      },
    },
  },
  fromSnapshot: (item, _tenant, account) => {
    const m = item as MessageRecord;
    return { ...m, id: m.id.toLowerCase(), customer_id: account(m.customer_id), request_id: m.request_id ?? null };
  },
});

/** What `PUT /_sim/numbers/{e164}` can make a number do (docs/decisions/0014). */
export const NUMBER_OUTCOMES_LIST = ['delivered', 'read', 'failed', 'route_denied', 'filtered', 'undelivered'] as const;
export type NumberOutcome = (typeof NUMBER_OUTCOMES_LIST)[number];

/** A per-number outcome set through the control plane; its id is the E.164 number. */
export interface NumberOutcomeRecord {
  id: string;
  outcome: NumberOutcome;
  /** The description a failed message gets, instead of the default. */
  description: string | null;
  created_at: string;
}

/** Simulator-only outcomes by number, for the whole tenant (every account's sends to it). */
export const NUMBER_OUTCOMES = defineCollection<NumberOutcomeRecord>({
  name: 'number_outcomes',
  limit: NUMBER_OUTCOME_CAP,
  itemSchema: {
    type: 'object',
    required: ['id', 'outcome'],
    properties: {
      id: { type: 'string', pattern: '^\\+[1-9]\\d{6,14}$' },
      outcome: { enum: [...NUMBER_OUTCOMES_LIST] },
      description: { type: ['string', 'null'], maxLength: 1024 },
    },
  },
});
