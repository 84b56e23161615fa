import { eventTimestamp } from '../util/time.js';

/** Where an envelope puts the event's name: `event` (Sent today), `sub_type` (its older key) or both (docs/decisions/0016). */
export type EventKey = 'event' | 'sub_type' | 'both';

/** What an envelope is made of: the family, the full event name (the family's own for one without sub-types), when, why, what. */
export interface EnvelopeParts {
  family: string;
  name: string;
  /** Emission time (epoch ms): the body's `timestamp`. */
  at: number;
  /** The `meta.request_id` of the API or `/_sim` call that started the chain; null (or absent) when none did. */
  request_id?: string | null;
  payload: Record<string, unknown>;
}

/**
 * The JSON text Sent posts for one event (docs/decisions/0060): `{field, event?, timestamp,
 * request_id, payload}` in that order. `event` is absent for a family without sub-types
 * (`templates`); `key` spells it `event`, `sub_type` or both. `request_id` is always there, null
 * when no request started the event. The one builder of event bodies: webhook deliveries, test
 * events, `POST /_sim/events` and `sent-sim check-receiver` all serialise through it.
 */
export function eventEnvelope(event: EnvelopeParts, key: EventKey = 'event'): string {
  const body: Record<string, unknown> = { field: event.family };
  if (event.name !== event.family) {
    if (key !== 'sub_type') body.event = event.name;
    if (key !== 'event') body.sub_type = event.name;
  }
  body.timestamp = eventTimestamp(event.at);
  body.request_id = event.request_id ?? null;
  body.payload = event.payload;
  return JSON.stringify(body);
}
