import type { EventCatalog } from '../../events/families.js';
import type { components } from '../../generated/sent-v3.js';

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
