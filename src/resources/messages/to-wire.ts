import { MESSAGES } from '../../errors/catalog.js';
import type { components } from '../../generated/sent-v3.js';
import { wholeList } from '../../http/pagination.js';
import type { MessageRecord } from './collection.js';

type Schemas = components['schemas'];

/** The keys every `message_body` carries (Sent writes nulls, so the key set is stable on every channel). */
const BODY_NULLS = { header: null, footer: null, buttons: null, headerMedia: null, media: null, subject: null } as const;

/**
 * `GET /v3/messages/{id}` (the SDK's `MessageRetrieveStatusResponse.Data`): `events` are the
 * status changes, oldest first — the activities without PROCESSED, which is an activity only.
 * An auto-detect message not routed yet shows `channel: "auto"` (the SDK types it as a string;
 * Sent's plugin docs use `auto` for auto-detect messages that never routed). A message that is
 * or was held carries `scheduled_at` (Sent's `ScheduledMessageResponse`); others have no such key.
 * `before` drops the trailing event of that status: a cancel answers with the events "as they
 * stood immediately before" it (docs/decisions/0067).
 */
export function messageToWire(m: MessageRecord, before?: 'CANCELLED'): Schemas['MessageStatusDetail'] {
  let activities = m.activities.filter((a) => a.status !== 'PROCESSED');
  if (before && activities[activities.length - 1]?.status === before) activities = activities.slice(0, -1);
  const wire: Schemas['MessageStatusDetail'] = {
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
    // A record stored before a key existed reads it as null.
    message_body: m.message_body === null ? null : { ...BODY_NULLS, ...m.message_body },
    price: m.price,
    active_contact_price: m.active_contact_price,
    // The docs word the QUEUED event and the QUEUED activity differently; both are kept.
    events: activities.map((a) => ({ status: a.status, timestamp: a.timestamp, description: a.status === 'QUEUED' ? MESSAGES.messageQueuedEvent : a.description })),
  };
  if (m.scheduled_at) wire.scheduled_at = m.scheduled_at;
  return wire;
}

/**
 * `GET /v3/messages/{id}/activities`: newest first, prices as strings with 4 decimals;
 * `scheduled_at` on SCHEDULED entries only; the whole log in one page (`pagination`, decisions §14).
 */
export function activitiesToWire(m: MessageRecord): Schemas['MessageActivities'] {
  const activities: Schemas['MessageActivity'][] = [];
  for (let i = m.activities.length - 1; i >= 0; i--) {
    const a = m.activities[i]!;
    const entry: Schemas['MessageActivity'] = { status: a.status, description: a.description, timestamp: a.timestamp, from: a.from, price: fourDecimals(a.price), active_contact_price: fourDecimals(a.active_contact_price) };
    if (a.status === 'SCHEDULED' && a.scheduled_at) entry.scheduled_at = a.scheduled_at;
    activities.push(entry);
  }
  return { message_id: m.id, activities, pagination: wholeList(activities.length) };
}

function fourDecimals(value: number | null): string | null {
  return value === null ? null : value.toFixed(4);
}
