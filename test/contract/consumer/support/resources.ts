/**
 * Pact shapes of messages, templates, webhooks, contacts, users, `/v3/me` and number lookups:
 * generated values by pattern, the values the partner sent exactly, enums by their documented
 * members. Fields Sent may fill either way (a price before sending, an optional timestamp) are
 * matched by type or left out; extra fields are always allowed.
 */
import { MatchersV3 } from '@pact-foundation/pact';
import { CONTACT_FORMATS, EXAMPLE } from '../../../../src/verify/fixtures.js';
import { oneOf, timestamp, uuid } from './shapes.js';

const { like, integer, boolean, eachLike, regex } = MatchersV3;
/** The envelope's `request_id` when a call started the event: a `meta.request_id`. */
export const REQUEST_ID_RE = /^req_[A-Za-z0-9]{10}$/;

export const MESSAGE_STATUSES = ['QUEUED', 'SCHEDULED', 'PROCESSED', 'ROUTED', 'SENT', 'DELIVERED', 'READ', 'FAILED', 'FILTERED', 'BLOCKED', 'CANCELLED', 'RECEIVED'] as const;
export const TEMPLATE_STATUSES = ['DRAFT', 'PENDING', 'APPROVED', 'REJECTED', 'PAUSED', 'DISABLED', 'REVOKED'] as const;
export const DELIVERY_STATUSES = ['pending', 'retrying', 'delivered', 'failed'] as const;
/** `whsec_` + base64: what a standard-webhooks verifier accepts. */
export const SECRET_RE = /^whsec_[A-Za-z0-9+/]+={0,2}$/;
export const E164_RE = /^\+[1-9]\d{6,14}$/;

export const pagination = (page = 1, pageSize = 20) => ({
  page,
  page_size: pageSize,
  total_count: integer(1),
  total_pages: integer(1),
  has_more: boolean(false),
});

/** A message as `GET /v3/messages/{id}` shows it. */
export function messageStatus(phone: string) {
  return {
    id: uuid(EXAMPLE.messageId),
    customer_id: uuid('550e8400-e29b-41d4-a716-446655440000'),
    contact_id: uuid(EXAMPLE.contactId),
    phone,
    phone_international: like('+1 415-555-0100'),
    region_code: 'US',
    direction: 'outbound',
    status: oneOf(MESSAGE_STATUSES, 'QUEUED'),
    created_at: timestamp(),
    template_id: null,
    events: eachLike({ status: oneOf(MESSAGE_STATUSES, 'QUEUED'), timestamp: timestamp(), description: like('Message queued for sending') }),
  };
}

export const activity = () => ({ status: oneOf(MESSAGE_STATUSES, 'QUEUED'), description: like('Message accepted and queued for processing'), timestamp: timestamp() });

export function template(overrides: Record<string, unknown> = {}) {
  return {
    id: uuid(EXAMPLE.templateId),
    // The owning account (sent-api-v3-2026-11 §2.2); a fresh tenant's organization id here.
    customer_id: uuid('550e8400-e29b-41d4-a716-446655440000'),
    name: like('Hello Your order is'),
    category: 'UTILITY',
    language: 'en_US',
    status: oneOf(TEMPLATE_STATUSES, 'DRAFT'),
    channels: eachLike('sms'),
    variables: eachLike('name'),
    is_published: boolean(false),
    created_at: timestamp(),
    ...overrides,
  };
}

/** A webhook as every read shows it: the signing secret is never read back. */
export function webhook(overrides: Record<string, unknown> = {}) {
  return {
    id: uuid(EXAMPLE.webhookId),
    // The owning account (sent-api-v3-2026-11 §2.4): here the organization.
    customer_id: uuid('550e8400-e29b-41d4-a716-446655440000'),
    display_name: like('Order Notifications'),
    endpoint_url: regex(/^https?:\/\/.+/, EXAMPLE.endpointUrl),
    signing_secret: null,
    is_active: boolean(true),
    event_types: eachLike('message'),
    retry_count: integer(3),
    timeout_seconds: integer(30),
    consecutive_failures: integer(0),
    created_at: timestamp(),
    ...overrides,
  };
}

export function deliveryRow() {
  return {
    id: uuid('e5efdea7-4c6d-437a-98ea-c57e900fc7e7'),
    event_type: like('message.sent'),
    // The envelope of decisions §14: request_id is the call that started the event (here the test call).
    event_data: { field: 'message', event: 'message.sent', timestamp: like('2026-05-21T12:05:08Z'), request_id: regex(REQUEST_ID_RE, 'req_7X9zKp2jDw'), payload: { message_status: 'SENT', body: like('Your order has shipped.') } },
    delivery_status: oneOf(DELIVERY_STATUSES, 'failed'),
    delivery_attempts: integer(1),
    created_at: timestamp(),
  };
}

/** A contact for the fixtures' number: the formats are libphonenumber's, as Sent's. */
export function contact(overrides: Record<string, unknown> = {}) {
  return {
    id: uuid(EXAMPLE.contactId),
    // The owning account (sent-api-v3-2026-11 §2.3).
    customer_id: uuid('550e8400-e29b-41d4-a716-446655440000'),
    phone_number: CONTACT_FORMATS.format_e164,
    ...CONTACT_FORMATS,
    available_channels: like('sms,whatsapp'),
    default_channel: oneOf(['sms', 'whatsapp']),
    opt_out: false,
    // Deprecated, always false: no contact is inherited any more.
    is_inherited: false,
    created_at: timestamp(),
    ...overrides,
  };
}

export function user(overrides: Record<string, unknown> = {}) {
  return {
    id: uuid(EXAMPLE.userId),
    // The organization the user belongs to (sent-api-v3-2026-11 §2.10).
    customer_id: uuid('550e8400-e29b-41d4-a716-446655440000'),
    email: like('newuser@example.com'),
    name: like('New User'),
    role: oneOf(['admin', 'billing', 'developer'], 'developer'),
    status: oneOf(['active', 'invited', 'suspended', 'rejected'], 'invited'),
    created_at: timestamp(),
    ...overrides,
  };
}

const channel = () => ({ configured: boolean(true) });
export const meChannels = () => ({ sms: channel(), whatsapp: channel(), rcs: channel() });
