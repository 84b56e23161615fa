import type { components } from '../../generated/sent-v3.js';
import type { WebhookEventRecord, WebhookRecord } from './collection.js';

type Schemas = components['schemas'];

/**
 * Stored webhook → `Webhook`. The secret is shown only when the caller passes it: the create
 * answer (docs/decisions/0015); every other read shows `signing_secret: null`. `customer_id` is
 * the owning account: its profile, else the organization (`organizationId`; docs/decisions/0055).
 */
export function webhookToWire(w: WebhookRecord, organizationId: string, shownSecret: string | null = null): Schemas['Webhook'] {
  return {
    id: w.id,
    customer_id: w.profile_id ?? organizationId,
    display_name: w.display_name,
    endpoint_url: w.endpoint_url,
    signing_secret: shownSecret,
    is_active: w.is_active,
    // Declared families and sub-types; the spec's `WebhookSubscription` lists each one a module declares.
    event_types: [...w.event_types] as Schemas['Webhook']['event_types'],
    event_filters: w.event_filters ? Object.fromEntries(Object.entries(w.event_filters).map(([family, suffixes]) => [family, [...(suffixes ?? [])]])) : null,
    retry_count: w.retry_count,
    timeout_seconds: w.timeout_seconds,
    last_delivery_attempt_at: w.last_delivery_attempt_at,
    last_successful_delivery_at: w.last_successful_delivery_at,
    consecutive_failures: w.consecutive_failures,
    created_at: w.created_at,
    updated_at: w.updated_at,
  };
}

/**
 * Delivery-log row → `WebhookDeliveryEvent`: `event_data` is the exact body sent, parsed.
 * `response_body` is always null: the delivery core reads a receiver's answer only for its status.
 */
export function eventRowToWire(r: WebhookEventRecord): Schemas['WebhookDeliveryEvent'] {
  return {
    id: r.id,
    event_type: r.event_type,
    event_data: JSON.parse(r.body) as Schemas['WebhookEventBody'],
    delivery_status: r.delivery_status,
    delivery_attempts: r.delivery_attempts,
    http_status_code: r.http_status_code,
    response_body: null,
    error_message: r.error_message,
    created_at: r.created_at,
    processing_started_at: r.processing_started_at,
    processing_completed_at: r.processing_completed_at,
  };
}
