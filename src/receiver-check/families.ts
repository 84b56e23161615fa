import { randomUUID } from 'node:crypto';
import { eventEnvelope } from '../events/envelope.js';
import type { EventFamily } from '../events/families.js';
import { CONTACT_FAMILY } from '../resources/contacts/event-family.js';
import { MESSAGE_FAMILY } from '../resources/messages/event-family.js';
import { TEMPLATES_FAMILY } from '../resources/templates/event-family.js';
import { createRandom } from '../util/random.js';
import { eventTimestamp } from '../util/time.js';

/** One event as Sent posts it: the envelope's `field`, `event` (absent for families without sub-types) and `payload`. */
export interface SampleEvent {
  field: string;
  event: string | null;
  /** The envelope's `request_id`: the API call that started it, null when none did (a carrier-driven event, a template verdict the clock reached alone). */
  request_id: string | null;
  payload: Record<string, unknown>;
}

/** What every sample of one run shares: the account, the time, and one message (so its events can be reordered). */
export interface SampleContext {
  accountId: string;
  /** Real time, epoch ms: the stamps in the payloads. */
  now: number;
  messageId: string;
  requestId: string;
}

/**
 * The payload the simulator's own module gives a sample of `name` (its test events and
 * `POST /_sim/events` send the same), with what ties one run's samples together laid over it.
 */
function declared(family: EventFamily, name: string, c: SampleContext, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...family.samplePayload(name, c.accountId, c.now, createRandom()), ...overrides };
}

/**
 * The event families a receiver is checked with, each as a short lifecycle in the order Sent
 * produces it (the out-of-order check sends one backwards). Payloads are the declaring modules'
 * samples (Sent as of 2026-11, sent-api-v3-2026-11.md §2.4: `body` on message events, `from`/`to`
 * on contact events) with fictional `555` numbers; `channel` keeps a sample of its own until a
 * module declares that family. Adding a family is one entry here; `--events` takes the keys.
 */
export const FAMILIES = {
  message: (c: SampleContext) => [messageStatus(c, 'queued'), messageStatus(c, 'sent'), messageStatus(c, 'delivered'), inboundMessage(c)],
  templates: (c: SampleContext) => [template(c, 'PENDING'), template(c, 'APPROVED')],
  contact: (c: SampleContext) => [contact(c, 'contact.opt_out', true, 'STOP'), contact(c, 'contact.opt_in', false, 'START')],
  channel: (c: SampleContext) => [channel(c, 'channel.submitted', 'PENDING_REVIEW'), channel(c, 'channel.activated', 'ACTIVE')],
} as const satisfies Record<string, (c: SampleContext) => SampleEvent[]>;

export type FamilyName = keyof typeof FAMILIES;
export const FAMILY_NAMES = Object.keys(FAMILIES) as FamilyName[];

/**
 * A family no receiver knows yet. Sent's docs: "Treat the list as open. It has grown twice —
 * channel and then link — and a handler that rejects an envelope it does not recognise will break."
 */
export function unknownFamilyEvent(c: SampleContext): SampleEvent {
  const stamp = eventTimestamp(c.now);
  return { field: 'sent_sim_future', event: 'sent_sim_future.created', request_id: null, payload: { account_id: c.accountId, id: randomUUID(), occurred_at: stamp } };
}

/** A sub-type Sent may add to a family a receiver already handles (as it added `message.cancelled`). */
export function unknownSubTypeEvent(known: SampleEvent): SampleEvent {
  return { ...known, event: `${known.field}.sent_sim_future` };
}

function messageStatus(c: SampleContext, status: 'queued' | 'sent' | 'delivered'): SampleEvent {
  const name = `message.${status}`;
  return { field: 'message', event: name, request_id: c.requestId, payload: declared(MESSAGE_FAMILY, name, c, { message_id: c.messageId }) };
}

function inboundMessage(c: SampleContext): SampleEvent {
  return { field: 'message', event: 'message.received', request_id: null, payload: declared(MESSAGE_FAMILY, 'message.received', c, { text: 'Thanks!' }) };
}

function template(c: SampleContext, status: 'PENDING' | 'APPROVED'): SampleEvent {
  const payload = declared(TEMPLATES_FAMILY, 'templates', c, { template_id: 'a3c1f0de-5b7e-4c2a-9d41-6f0e2b8c7d15', template_name: 'order_shipped', status });
  return { field: 'templates', event: null, request_id: status === 'PENDING' ? c.requestId : null, payload };
}

function contact(c: SampleContext, event: string, optOut: boolean, text: string): SampleEvent {
  const payload = declared(CONTACT_FAMILY, event, c, { contact_id: 'f47ac10b-58cc-4372-a567-0e02b2c3d479', opt_out: optOut, text });
  return { field: 'contact', event, request_id: null, payload };
}

// A channel's review steps name the call that submitted it, the clock's later steps too (docs/decisions/0092).
function channel(c: SampleContext, event: string, status: 'PENDING_REVIEW' | 'ACTIVE'): SampleEvent {
  return {
    field: 'channel',
    event,
    request_id: c.requestId,
    payload: {
      account_id: c.accountId,
      country: 'US',
      channel: 'sms',
      number_type: 'TEN_DLC',
      status,
      reason: status === 'ACTIVE' ? 'The market is active' : 'Submitted for carrier review',
      sender_value: status === 'ACTIVE' ? '+14155550199' : null,
      compliance: { brand: { inherit: true }, campaign: { inherit: true }, documents: [] },
      updated_at: eventTimestamp(c.now),
    },
  };
}

/**
 * The JSON text posted: Sent's envelope `{field, event?, timestamp, request_id, payload}`, `event`
 * absent when there is none — built by the simulator's own envelope builder (events/envelope.ts).
 */
export function envelopeOf(sample: SampleEvent, now: number): string {
  const { field, event, request_id, payload } = sample;
  return eventEnvelope({ family: field, name: event ?? field, at: now, request_id, payload });
}

/** How a report names a sample: its event, or its family and status when it has no event (`templates PENDING`). */
export function sampleLabel(sample: SampleEvent): string {
  return sample.event ?? `${sample.field} ${String(sample.payload.status)}`;
}

/** `x-webhook-event-type`: the full event name, or the family of an event without one (decisions §8). */
export function eventTypeOf(sample: SampleEvent): string {
  return sample.event ?? sample.field;
}
