import type { EventFamily } from '../../events/families.js';
import { MESSAGES } from '../../errors/catalog.js';
import { eventTimestamp } from '../../util/time.js';
import type { ReasonCode } from './reasons.js';

/** The `message.*` events (rest §10.3; `cancelled` since 2026-11), in lifecycle order, with the docs' descriptions. */
export const MESSAGE_EVENTS = [
  ['queued', 'Message Queued', 'Triggered when a message is accepted and queued'],
  ['routed', 'Message Routed', 'Triggered when a channel and route are chosen'],
  ['sent', 'Message Sent', 'Triggered when a message is successfully sent'],
  ['delivered', 'Message Delivered', 'Triggered when a message is confirmed delivered'],
  ['read', 'Message Read', 'Triggered when the recipient reads a message (WhatsApp and RCS only)'],
  ['failed', 'Message Failed', 'Triggered when a message delivery fails'],
  ['scheduled', 'Message Scheduled', 'Triggered when a message is held for later sending'],
  ['filtered', 'Message Filtered', 'Triggered when a message is suppressed by consent or policy'],
  ['blocked', 'Message Blocked', 'Triggered when an account precondition blocks a message'],
  ['cancelled', 'Message Cancelled', 'Triggered when a scheduled message is cancelled before its release'],
  ['received', 'Message Received', 'Triggered when a contact sends a message'],
] as const;

export const MESSAGE_SUFFIXES: readonly string[] = MESSAGE_EVENTS.map(([suffix]) => suffix);

/** What a sample of an event that says why carries (docs/decisions/0063): a typical code of each. */
const SAMPLE_REASONS: Record<string, ReasonCode> = { failed: 'DELIVERY_001', filtered: 'BUSINESS_004', blocked: 'BUSINESS_005' };

/**
 * The `message` family (docs/decisions/0016): the lifecycle and inbound events the messages
 * module publishes (lifecycle.ts), one message's events ordered by its id.
 */
export const MESSAGE_FAMILY: EventFamily = {
  name: 'message',
  display_name: 'Messages',
  description: 'Message lifecycle and inbound messages',
  sub_types: MESSAGE_EVENTS.map(([suffix, display_name, description]) => ({ suffix, display_name, description })),
  // The shapes of rest §10.2 and sent-api-v3-2026-11 §2.4, with fictional numbers.
  samplePayload: (name, accountId, at, random) => {
    const stamp = eventTimestamp(at);
    if (name === 'message.received') {
      return {
        account_id: accountId,
        message_id: random.uuid(),
        channel: 'sms',
        inbound_number: '+14155550100',
        outbound_number: '+14155550199',
        text: 'Hello from sent-sim',
        received_at: stamp,
        updated_at: stamp,
      };
    }
    const suffix = name.slice('message.'.length);
    const code = SAMPLE_REASONS[suffix];
    const payload: Record<string, unknown> = {
      account_id: accountId,
      message_id: random.uuid(),
      message_status: suffix.toUpperCase(),
      channel: 'sms',
      outbound_number: '+14155550100',
      body: 'Your order has shipped.',
      template_id: null,
      agent_id: null,
      ...(code ? { reason_code: code, reason: MESSAGES.messageReasons[code] } : {}),
      updated_at: stamp,
    };
    // The hold's events carry the release instant (an hour on), and scheduled says why (docs/decisions/0066).
    if (name === 'message.scheduled' || name === 'message.cancelled') payload.scheduled_at = eventTimestamp(at + 3_600_000);
    if (name === 'message.scheduled') payload.schedule_reason = 'requested';
    return payload;
  },
  orderKey: (payload) => (typeof payload.message_id === 'string' ? payload.message_id : null),
};
