import type { SentEvent } from '../../events/bus.js';
import type { EventCatalog } from '../../events/families.js';
import type { components } from '../../generated/sent-v3.js';
import { eventTimestamp } from '../../util/time.js';

type WebhookEventType = components['schemas']['WebhookEventType'];

/**
 * `GET /v3/webhooks/event-types`: the families the modules declare, each with its sub-types
 * nested (the SDK's shape; docs/decisions/0016, 0026).
 */
export function eventTypeList(catalog: EventCatalog): WebhookEventType[] {
  return catalog.families.map((family) => ({
    name: family.name,
    display_name: family.display_name,
    description: family.description,
    event_type: null,
    is_active: true,
    sub_types:
      family.sub_types.length === 0
        ? null
        : family.sub_types.map((s) => ({
            name: `${family.name}.${s.suffix}`,
            display_name: s.display_name,
            description: s.description,
            event_type: family.name,
            is_active: true,
            sub_types: null,
          })),
  }));
}

export type EventKey = 'event' | 'sub_type' | 'both';

/**
 * The JSON text posted for an event (docs/decisions/0016): `{field, event, timestamp, payload}`;
 * the tenant's `webhook_event_key` puts the name under `event`, `sub_type` or both. The event of
 * a family without sub-types (`templates`) has neither key. Serialised once: every webhook and
 * every attempt sends these bytes.
 */
export function eventBody(event: Pick<SentEvent, 'family' | 'name' | 'at' | 'payload'>, key: EventKey): string {
  const body: Record<string, unknown> = { field: event.family };
  if (event.name !== event.family) {
    if (key !== 'sub_type') body.event = event.name;
    if (key !== 'event') body.sub_type = event.name;
  }
  body.timestamp = eventTimestamp(event.at);
  body.payload = event.payload;
  return JSON.stringify(body);
}
