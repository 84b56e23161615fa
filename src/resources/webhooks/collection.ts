import { MESSAGES } from '../../errors/catalog.js';
import { simError } from '../../errors/sim-error.js';
import { defineLimit } from '../../limits.js';
import type { components } from '../../generated/sent-v3.js';
import { newestFirst } from '../../http/pagination.js';
import { defineCollection } from '../../store/collections.js';
import { secretBytes } from '../../util/secrets.js';
import type { Tenant } from '../../store/types.js';
import type { Account } from '../account.js';
import { eventRowToWire, webhookToWire } from './to-wire.js';

type Schemas = components['schemas'];
/** Per family (one with sub-types), the suffixes a webhook keeps: `{"message": ["delivered", "failed"]}`. */
export type EventFilters = Partial<Record<string, string[]>>;
export type DeliveryStatus = Schemas['WebhookDeliveryStatus'];

/**
 * A webhook as stored: the wire fields, plus the account it belongs to — `profile_id`, null for
 * the organization itself (docs/decisions/0012; so an import into another tenant keeps its
 * organization's webhooks its own) — and its secret. `signing_secret` is shown by the create answer
 * only (docs/decisions/0015); every read, the tenant view and snapshots leave it out.
 */
export interface WebhookRecord extends Omit<Schemas['Webhook'], 'customer_id' | 'signing_secret' | 'event_types' | 'event_filters'> {
  /** The profile that owns it, null for the organization's (its wire `customer_id`, to-wire.ts). */
  profile_id: string | null;
  signing_secret: string;
  /** Families the modules declare and their sub-types (events/families.ts; the spec's `WebhookSubscription` lists them). */
  event_types: string[];
  /** Only a family with sub-types can be narrowed (message's events have suffixes; templates' one event has none). */
  event_filters: EventFilters | null;
}

/**
 * One event's delivery to one webhook (its delivery-log row, docs/decisions/0016): created when
 * the event is routed, updated after every attempt. `body` is the exact JSON text sent, kept as
 * text (one string is cheaper than a parsed tree, and it is what the signature covers).
 */
export interface WebhookEventRecord {
  id: string;
  webhook_id: string;
  event_type: string;
  body: string;
  delivery_status: DeliveryStatus;
  delivery_attempts: number;
  /** Attempts allowed: the webhook's `retry_count` + 1 when the event was routed (1 for a test). */
  max_attempts: number;
  http_status_code: number | null;
  error_message: string | null;
  created_at: string;
  processing_started_at: string | null;
  processing_completed_at: string | null;
  /** Deliveries sharing it are sent in order (one message's lifecycle), per webhook. */
  order_key: string | null;
  /** The scenario in force where the event was produced (its faults apply to this delivery). */
  scenario: string | null;
  /** Held back by an `events.reorder` scenario until its release job sends the message's events newest first. */
  held: boolean;
  /** Sent by `POST /v3/webhooks/{id}/test`: logged, but never counted in the webhook's health. */
  test: boolean;
}

/** Bounded memory (docs/decisions/0022): webhooks per tenant, its profiles' included. */
export const WEBHOOK_CAP = defineLimit({
  flag: 'max-webhooks',
  key: 'maxWebhooksPerTenant',
  default: 1000,
  min: 1,
  max: 100_000,
  description: 'webhooks per tenant before creates answer 400 BUSINESS_008',
  error: { code: 'BUSINESS_008', message: MESSAGES.webhookCap },
});

/**
 * Webhooks of one account — the organization, or one profile (issue 25 row 1, docs/decisions/0086):
 * every event of an account goes to each of its webhooks and the organization's, so this bounds
 * the work one event can make. The per-tenant `--max-webhooks` stays.
 */
export const WEBHOOK_ACCOUNT_CAP = defineLimit({
  flag: 'max-webhooks-per-account',
  key: 'maxWebhooksPerAccount',
  default: 100,
  min: 1,
  max: 100_000,
  description: 'webhooks of one account (the organization, or one profile) before creates answer 400 BUSINESS_008',
  error: { code: 'BUSINESS_008', message: MESSAGES.webhookAccountCap },
});

/** Bytes of delivery-log rows a tenant keeps (their bodies, estimated); past it the oldest go first (issue 25 row 6). */
export const WEBHOOK_EVENT_BYTES = defineLimit({
  flag: 'max-webhook-event-bytes',
  key: 'maxWebhookEventBytes',
  default: 16 * 1024 * 1024,
  min: 1024,
  max: 2 ** 31 - 1,
  description: 'bytes of webhook delivery-log rows (GET /v3/webhooks/{id}/events) a tenant keeps; the oldest go first',
});

/** A `POST /_sim/events` payload, as JSON (issue 25 row 6): past it `400`, nothing published. */
export const EVENT_PAYLOAD_BYTES = defineLimit({
  flag: 'max-event-payload',
  key: 'maxEventPayloadBytes',
  default: 16 * 1024,
  min: 256,
  max: 1024 * 1024,
  description: 'bytes of the payload POST /_sim/events may lay over an event (as JSON); past it 400, nothing published',
});

/** What a delivery-log row costs besides its body: its fields and ids. */
const ROW_OVERHEAD_BYTES = 512;

/** Delivery-log rows a tenant keeps; past it the oldest go first (no error: events keep flowing). */
export const WEBHOOK_EVENT_ROWS = defineLimit({
  flag: 'max-webhook-events',
  key: 'maxWebhookEventRows',
  default: 10_000,
  min: 1,
  max: 10_000_000,
  description: 'webhook delivery-log rows (GET /v3/webhooks/{id}/events) a tenant keeps; the oldest go first',
});

/**
 * Webhook tests (`POST /v3/webhooks/{id}/test`) of one tenant waiting on their receivers at once
 * (issue 25 row 4, docs/decisions/0045): past it `429 BUSINESS_002` with `Retry-After` (service.ts).
 */
export const WEBHOOK_TESTS = defineLimit({
  flag: 'max-webhook-tests',
  key: 'maxWebhookTestsPerTenant',
  default: 10,
  min: 1,
  max: 10_000,
  description: 'webhook tests (POST /v3/webhooks/{id}/test) of one tenant in flight at once; past it 429 BUSINESS_002',
});

const nullableString = { type: ['string', 'null'] };

/**
 * A fresh secret: `whsec_` + base64 of 32 random bytes, so standard-webhooks verifiers accept it.
 * From the CSPRNG, never the seeded generator (docs/decisions/0042).
 */
export function newSecret(): string {
  return `whsec_${secretBytes(32).toString('base64')}`;
}

/**
 * The tenant's webhooks. Snapshots and the tenant view carry no secret ("shown once",
 * docs/decisions/0015): an import gives each webhook a fresh random secret nobody has seen, so a
 * receiver verifying the copy's deliveries needs `POST /v3/webhooks/{id}/rotate-secret` first.
 */
export const WEBHOOKS = defineCollection<WebhookRecord>({
  name: 'webhooks',
  limit: WEBHOOK_CAP,
  // Each account's webhooks (issue 25 row 1): routing reads an event's two accounts, never the whole store.
  lists: { byAccount: { groups: (w) => [accountGroup(w.profile_id)], order: newestFirst } },
  wire: [{ component: 'Webhook', render: (w, tenant) => webhookToWire(w, tenant.id) }],
  itemSchema: {
    type: 'object',
    required: ['id', 'profile_id', 'display_name', 'endpoint_url', 'is_active', 'event_types', 'retry_count', 'timeout_seconds', 'consecutive_failures', 'created_at'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      profile_id: { type: ['string', 'null'], format: 'uuid' },
      display_name: { type: 'string', minLength: 1, maxLength: 255 },
      endpoint_url: { type: 'string', pattern: '^https?://[^/?#]+', maxLength: 2048 },
      is_active: { type: 'boolean' },
      event_types: { type: 'array', minItems: 1, items: { $ref: 'sent-v3#/components/schemas/WebhookSubscription' } },
      event_filters: {
        oneOf: [{ type: 'null' }, { type: 'object', minProperties: 1, additionalProperties: { type: 'array', items: { type: 'string' } } }],
      },
      retry_count: { type: 'integer', minimum: 1, maximum: 5 },
      timeout_seconds: { type: 'integer', minimum: 5, maximum: 120 },
      consecutive_failures: { type: 'integer', minimum: 0 },
      created_at: { type: 'string' },
      updated_at: nullableString,
      last_delivery_attempt_at: nullableString,
      last_successful_delivery_at: nullableString,
    },
  },
  toSnapshot: ({ signing_secret: _secret, ...webhook }) => webhook,
  fromSnapshot: (item) => {
    const w = item as Omit<WebhookRecord, 'signing_secret'>;
    return {
      ...w,
      id: w.id.toLowerCase(),
      profile_id: w.profile_id?.toLowerCase() ?? null,
      event_filters: w.event_filters ?? null,
      updated_at: w.updated_at ?? null,
      last_delivery_attempt_at: w.last_delivery_attempt_at ?? null,
      last_successful_delivery_at: w.last_successful_delivery_at ?? null,
      signing_secret: newSecret(),
    };
  },
  toView: (w, tenant) => ({ ...webhookToWire(w, tenant.id), profile_id: w.profile_id }),
});

/** Every delivery-log row of the tenant's webhooks, oldest first (insertion order); bounded by `maxWebhookEventRows`. */
export const WEBHOOK_EVENTS = defineCollection<WebhookEventRecord>({
  name: 'webhook_events',
  limit: WEBHOOK_EVENT_ROWS,
  // Oldest first, in O(1) a row, and weighed for --max-webhook-event-bytes (issue 25 rows 1, 6).
  log: { weigh: (r) => ROW_OVERHEAD_BYTES + r.body.length },
  wire: [{ component: 'WebhookDeliveryEvent', render: eventRowToWire }],
  itemSchema: {
    type: 'object',
    required: ['id', 'webhook_id', 'event_type', 'body', 'delivery_status', 'delivery_attempts', 'max_attempts', 'created_at'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      webhook_id: { type: 'string', format: 'uuid' },
      event_type: { type: 'string', maxLength: 64 },
      body: { type: 'string', maxLength: 1_048_576 },
      delivery_status: { $ref: 'sent-v3#/components/schemas/WebhookDeliveryStatus' },
      delivery_attempts: { type: 'integer', minimum: 0 },
      max_attempts: { type: 'integer', minimum: 1, maximum: 6 },
      http_status_code: { type: ['integer', 'null'] },
      error_message: nullableString,
      created_at: { type: 'string' },
      processing_started_at: nullableString,
      processing_completed_at: nullableString,
      order_key: nullableString,
      scenario: nullableString,
      held: { type: 'boolean' },
      test: { type: 'boolean' },
    },
  },
  fromSnapshot: (item) => {
    const r = item as WebhookEventRecord;
    return {
      ...r,
      id: r.id.toLowerCase(),
      webhook_id: r.webhook_id.toLowerCase(),
      http_status_code: r.http_status_code ?? null,
      error_message: r.error_message ?? null,
      processing_started_at: r.processing_started_at ?? null,
      processing_completed_at: r.processing_completed_at ?? null,
      order_key: r.order_key ?? null,
      scenario: r.scenario ?? null,
      held: r.held ?? false,
      test: r.test ?? false,
    };
  },
  toView: (r) => ({ ...eventRowToWire(r), webhook_id: r.webhook_id, held: r.held, test: r.test, scenario: r.scenario }),
});

/** The `byAccount` group of an account's webhooks: a profile's id, or the organization's (`profile_id` null). */
export function accountGroup(profileId: string | null): string {
  return profileId ?? 'organization';
}

/** The account's webhook, else `404 RESOURCE_008`: another account's webhook is not found, never forbidden. */
export function webhookOf(tenant: Tenant, account: Account, id: string): WebhookRecord {
  const webhook = WEBHOOKS.in(tenant).get(id.toLowerCase());
  if (!webhook || webhook.profile_id !== account.profileId) throw simError('RESOURCE_008');
  return webhook;
}

