import type { SentEvent } from '../../events/bus.js';
import type { components } from '../../generated/sent-v3.js';
import type { Random } from '../../util/random.js';
import { eventTimestamp } from '../../util/time.js';

type WebhookEventType = components['schemas']['WebhookEventType'];

/** The ten `message.*` events (rest §10.3), in lifecycle order, with the docs' descriptions. */
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
  ['received', 'Message Received', 'Triggered when a contact sends a message'],
] as const;

export const MESSAGE_SUFFIXES: readonly string[] = MESSAGE_EVENTS.map(([suffix]) => suffix);
export const FAMILIES = ['message', 'templates'] as const;

/** Every name an event can have: `message.<suffix>` or `templates` (that family has no sub-names). */
export function isEventName(name: unknown): name is string {
  return name === 'templates' || (typeof name === 'string' && name.startsWith('message.') && MESSAGE_SUFFIXES.includes(name.slice(8)));
}

export function familyOf(name: string): SentEvent['family'] {
  return name === 'templates' ? 'templates' : 'message';
}

/** `GET /v3/webhooks/event-types`: the two families, `message` with its ten events nested (the SDK's shape). */
export function eventTypeList(): WebhookEventType[] {
  return [
    {
      name: 'message',
      display_name: 'Messages',
      description: 'Message lifecycle and inbound messages',
      event_type: null,
      is_active: true,
      sub_types: MESSAGE_EVENTS.map(([suffix, display, description]) => ({
        name: `message.${suffix}`,
        display_name: display,
        description,
        event_type: 'message',
        is_active: true,
        sub_types: null,
      })),
    },
    { name: 'templates', display_name: 'Templates', description: 'Template review results', event_type: null, is_active: true, sub_types: null },
  ];
}

export type EventKey = 'event' | 'sub_type' | 'both';

/**
 * The JSON text posted for an event (docs/decisions/0016): `{field, event, timestamp, payload}`;
 * the tenant's `webhook_event_key` puts the name under `event`, `sub_type` or both. Templates
 * events have neither key. Serialised once: every webhook and every attempt sends these bytes.
 */
export function eventBody(event: Pick<SentEvent, 'family' | 'name' | 'at' | 'payload'>, key: EventKey): string {
  const body: Record<string, unknown> = { field: event.family };
  if (event.family === 'message') {
    if (key !== 'sub_type') body.event = event.name;
    if (key !== 'event') body.sub_type = event.name;
  }
  body.timestamp = eventTimestamp(event.at);
  body.payload = event.payload;
  return JSON.stringify(body);
}

/**
 * A sample payload of the shape Sent documents for `name` (rest §10.2), for test events and
 * `POST /_sim/events`: fictional numbers, fresh ids, the event time in the payload's own stamps.
 */
export function samplePayload(name: string, accountId: string, at: number, random: Random): Record<string, unknown> {
  const stamp = eventTimestamp(at);
  if (name === 'templates') {
    return {
      account_id: accountId,
      template_id: random.uuid(),
      template_name: 'Order Confirmation',
      whatsapp_template_id: '1234567890123456',
      status: 'APPROVED',
      language: 'en_US',
      category: 'UTILITY',
      channel: 'whatsapp',
      reason: null,
    };
  }
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
  return {
    account_id: accountId,
    message_id: random.uuid(),
    message_status: name.slice(8).toUpperCase(),
    channel: 'sms',
    outbound_number: '+14155550100',
    template_id: null,
    agent_id: null,
    updated_at: stamp,
  };
}

/** One message's events share its id as their order key; a template's, its id. */
export function orderKeyOf(payload: Record<string, unknown>): string | null {
  const key = payload.message_id ?? payload.template_id;
  return typeof key === 'string' ? key : null;
}
