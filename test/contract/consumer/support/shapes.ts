/**
 * What the partner integration relies on in Sent's responses, as Pact matchers. Generated values
 * (ids, request ids, timestamps) are matched by pattern, never by value; values the partner sent
 * are expected back exactly; codes and messages come from the error catalog.
 */
import { MatchersV3, type TemplateHeaders } from '@pact-foundation/pact';
import { ERROR_CATALOG, ERROR_DOC_URL, type ErrorCode } from '../../../../src/errors/catalog.js';
import { CAMPAIGN, EXAMPLE } from '../../../../src/verify/fixtures.js';

const { regex, eachLike, boolean, like, integer } = MatchersV3;

export const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** ISO-8601 with an offset: Sent's `+00:00` with up to 7 fractional digits, or `Z`. */
export const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$/;
export const REQUEST_ID_RE = /^req_[A-Za-z0-9]{10}$/;

export const uuid = (example: string = EXAMPLE.profileId) => regex(UUID_RE, example);
export const timestamp = () => regex(TIMESTAMP_RE, EXAMPLE.timestamp);
export const requestId = () => regex(REQUEST_ID_RE, EXAMPLE.requestId);
export const oneOf = (values: readonly string[], example: string = values[0]!) => regex(`^(${values.join('|')})$`, example);

export const PROFILE_STATUSES = ['incomplete', 'pending_review', 'approved', 'rejected'] as const;
export const BILLING_MODELS = ['profile', 'organization', 'profile_and_organization'] as const;

/** `meta` of every response. */
export const meta = () => ({ request_id: requestId(), timestamp: timestamp(), version: 'v3' });

/**
 * Headers on every response: the request id (same format as `meta.request_id`), the API version,
 * and Sent's rate-limit headers ("all API responses include rate limit headers", 2026-11:
 * requests allowed and left in the window, and its end in unix seconds).
 */
export const answers = (extra: TemplateHeaders = {}): TemplateHeaders => ({
  'X-Request-Id': requestId(),
  'X-API-Version': 'v3',
  'X-RateLimit-Limit': regex(/^\d+$/, '200'),
  'X-RateLimit-Remaining': regex(/^\d+$/, '199'),
  'X-RateLimit-Reset': regex(/^\d{10}$/, '1779365145'),
  ...extra,
});

export const success = (data: unknown) => ({ success: true, data, error: null, meta: meta() });

/**
 * The error envelope; `details` is null except for validation errors. `message` is the code's
 * catalog text unless Sent's docs show a more specific one for the operation.
 */
export function failure(code: ErrorCode, details: unknown = null, message: string = ERROR_CATALOG[code].message) {
  return {
    success: false,
    data: null,
    error: { code, message, details, doc_url: regex(/^https:\/\/docs\.sent\.dm\/.*$/, ERROR_DOC_URL) },
    meta: meta(),
  };
}

/** `details` naming the fields that failed, each with at least one message. */
export function fieldErrors(...fields: string[]) {
  return Object.fromEntries(fields.map((f) => [f, eachLike(like('…'))]));
}

/**
 * The fields of `ProfileDetail` that every profile has, whatever its data. The sharing and
 * contact/template inheritance flags are deprecated and always `false`, `sending_*_profile_id`
 * always `null` (Sent, 2026-11).
 */
export function profileCore(name: unknown = like('Sales Team')) {
  return {
    id: uuid(),
    organization_id: uuid('550e8400-e29b-41d4-a716-446655440000'),
    name,
    status: oneOf(PROFILE_STATUSES),
    created_at: timestamp(),
    allow_contact_sharing: false,
    allow_template_sharing: false,
    inherit_contacts: false,
    inherit_templates: false,
    inherit_tcr_brand: boolean(false),
    inherit_tcr_campaign: boolean(false),
    billing_model: oneOf(BILLING_MODELS),
    sending_phone_number_profile_id: null,
    sending_whatsapp_number_profile_id: null,
  };
}

/** The `pagination` of a list Sent returns whole (users, profiles, activities, event types): one page, nothing more. */
export const wholeList = () => ({ page: 1, page_size: integer(1), total_count: integer(1), total_pages: integer(1), has_more: false });

/** A `ProfileDetail.brand` made from the fixtures' `BRAND` request (camelCase in, snake_case out). */
export function brandFromFixture() {
  return {
    id: uuid('a1b2c3d4-e5f6-7890-abcd-ef1234567890'),
    submitted_to_tcr: false,
    is_inherited: false,
    created_at: timestamp(),
    contact: { name: 'John Smith', business_name: 'Acme Corp', email: 'john@acmecorp.com', phone: '+14155550100' },
    business: { legal_name: 'Acme Corporation LLC', country: 'US', entity_type: 'PRIVATE_PROFIT', tax_id: '12-3456789', tax_id_type: 'us_ein' },
    // `primary_use_case` always null, `expected_messaging_volume` gone (Sent, 2026-11).
    compliance: { brand_relationship: 'SMALL_ACCOUNT', vertical: 'PROFESSIONAL', is_tcr_application: false, primary_use_case: null },
  };
}

/** A `Campaign` (camelCase, Sent's `TcrCampaignWithUseCases`) as created from the fixtures' `CAMPAIGN`. */
export function campaignShape(name: unknown = 'Customer Notifications') {
  return {
    id: uuid(EXAMPLE.campaignId),
    createdAt: timestamp(),
    name,
    description: 'Appointment reminders and account notifications',
    type: 'App',
    brandId: uuid('a1b2c3d4-e5f6-7890-abcd-ef1234567890'),
    customerId: uuid('00000000-0000-0000-0000-000000000000'),
    submittedToTCR: boolean(false),
    hasSubmissionTransaction: boolean(false),
    optinKeywords: 'YES, START, SUBSCRIBE',
    optoutKeywords: 'STOP, UNSUBSCRIBE, END',
    helpKeywords: 'HELP, INFO, SUPPORT',
    // Not sent: the standard tier (Sent, 2026-08).
    volume: null,
    // Exactly the use cases sent, each with its own ids.
    useCases: CAMPAIGN.useCases.map((u) => ({
      id: uuid('c3d4e5f6-a7b8-9012-cdef-123456789012'),
      campaignId: uuid(EXAMPLE.campaignId),
      messagingUseCaseUs: u.messagingUseCaseUs,
      sampleMessages: [...u.sampleMessages],
    })),
  };
}

/** Any campaign in a list: the shape, not the values (inherited ones differ from the fixture). */
export function anyCampaign() {
  return {
    id: uuid(EXAMPLE.campaignId),
    createdAt: timestamp(),
    name: like('Customer Notifications'),
    description: like('Appointment reminders and account notifications'),
    type: like('App'),
    brandId: uuid('a1b2c3d4-e5f6-7890-abcd-ef1234567890'),
    submittedToTCR: boolean(false),
    useCases: eachLike({ id: uuid('c3d4e5f6-a7b8-9012-cdef-123456789012'), messagingUseCaseUs: like('ACCOUNT_NOTIFICATION'), sampleMessages: eachLike('Hi') }),
  };
}
