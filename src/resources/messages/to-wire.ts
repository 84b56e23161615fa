import { MESSAGES } from '../../errors/catalog.js';
import type { components } from '../../generated/sent-v3.js';
import { wholeList } from '../../http/pagination.js';
import type { MessageRecord } from './collection.js';

type Schemas = components['schemas'];

/**
 * `GET /v3/messages/{id}` (the SDK's `MessageRetrieveStatusResponse.Data`): `events` are the
 * status changes, oldest first — the activities without PROCESSED, which is an activity only.
 * An auto-detect message not routed yet shows `channel: "auto"` (the SDK types it as a string;
 * Sent's plugin docs use `auto` for auto-detect messages that never routed).
 */
export function messageToWire(m: MessageRecord): Schemas['MessageStatusDetail'] {
  return {
    id: m.id,
    customer_id: m.customer_id,
    contact_id: m.contact_id,
    phone: m.phone,
    phone_international: m.phone_international,
    region_code: m.region_code,
    channel: m.channel ?? 'auto',
    direction: m.direction,
    status: m.status,
    created_at: m.created_at,
    template_id: m.template_id,
    template_name: m.template_name,
    template_category: m.template_category,
    message_body: m.message_body,
    price: m.price,
    active_contact_price: m.active_contact_price,
    events: m.activities
      .filter((a) => a.status !== 'PROCESSED')
      // The docs word the QUEUED event and the QUEUED activity differently; both are kept.
      .map((a) => ({ status: a.status, timestamp: a.timestamp, description: a.status === 'QUEUED' ? MESSAGES.messageQueuedEvent : a.description })),
  };
}

/**
 * `GET /v3/messages/{id}/activities`: newest first, prices as strings with 4 decimals; the whole
 * log in one page (`pagination`, decisions §14).
 */
export function activitiesToWire(m: MessageRecord): Schemas['MessageActivities'] {
  const activities: Schemas['MessageActivity'][] = [];
  for (let i = m.activities.length - 1; i >= 0; i--) {
    const a = m.activities[i]!;
    activities.push({ status: a.status, description: a.description, timestamp: a.timestamp, from: a.from, price: fourDecimals(a.price), active_contact_price: fourDecimals(a.active_contact_price) });
  }
  return { message_id: m.id, activities, pagination: wholeList(activities.length) };
}

function fourDecimals(value: number | null): string | null {
  return value === null ? null : value.toFixed(4);
}
