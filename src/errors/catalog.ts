/**
 * Every Sent error code (fact sheet §5.2) with its HTTP status and default message.
 * This is the only source of error text in the simulator: services pick a code and,
 * where Sent's docs show a more specific message, one of the named messages below.
 * Tests compare against these constants, never against copied strings.
 */
export const ERROR_CATALOG = {
  AUTH_001: { status: 401, message: 'User is not authenticated' },
  AUTH_002: { status: 401, message: 'Invalid or missing API key' },
  AUTH_004: { status: 403, message: 'Insufficient permissions for this operation' },
  AUTH_005: { status: 403, message: 'Your account is not yet activated. Please wait for account activation before using the API.' },
  AUTH_006: { status: 403, message: 'Your KYC verification is not complete. Please submit your KYC documents before using the API.' },
  AUTH_007: { status: 403, message: 'Your channel setup is not complete. Please complete channel setup before using the API.' },
  VALIDATION_001: { status: 400, message: 'Request validation failed' },
  VALIDATION_002: { status: 400, message: 'Invalid phone number format' },
  VALIDATION_003: { status: 400, message: 'Invalid GUID format' },
  VALIDATION_004: { status: 400, message: 'Required field is missing' },
  VALIDATION_005: { status: 400, message: 'Value is out of range' },
  VALIDATION_006: { status: 400, message: 'Invalid enum value' },
  VALIDATION_007: { status: 400, message: 'Invalid idempotency key format' },
  VALIDATION_008: { status: 400, message: 'Invalid template variable value' },
  RESOURCE_001: { status: 404, message: 'Contact not found' },
  RESOURCE_002: { status: 404, message: 'Template not found' },
  RESOURCE_003: { status: 404, message: 'Message not found' },
  RESOURCE_004: { status: 404, message: 'Customer not found' },
  RESOURCE_005: { status: 404, message: 'Organization not found' },
  RESOURCE_006: { status: 404, message: 'User not found' },
  RESOURCE_007: { status: 409, message: 'Resource already exists' },
  RESOURCE_008: { status: 404, message: 'Webhook not found' },
  RESOURCE_009: { status: 404, message: 'Brand not found for this profile' },
  RESOURCE_010: { status: 404, message: 'Campaign not found for this profile' },
  RESOURCE_011: { status: 404, message: 'Batch not found' },
  RESOURCE_012: { status: 404, message: 'Phone number not found' },
  RESOURCE_013: { status: 404, message: 'Resource not found' },
  RESOURCE_014: { status: 404, message: 'Profile not found' },
  // BUSINESS_* statuses follow the later 46-code catalog (fact sheet §5.2, UNSETTLED †).
  BUSINESS_001: { status: 400, message: 'Cannot modify inherited contact' },
  BUSINESS_002: { status: 429, message: 'Rate limit exceeded' },
  BUSINESS_003: { status: 402, message: 'Insufficient account balance' },
  BUSINESS_004: { status: 400, message: 'Contact has opted out' },
  BUSINESS_005: { status: 400, message: 'Template not approved' },
  BUSINESS_006: { status: 400, message: 'Message cannot be modified in current state' },
  BUSINESS_007: { status: 400, message: 'Channel not available for this contact' },
  BUSINESS_008: { status: 400, message: 'Operation would exceed quota' },
  BUSINESS_010: { status: 400, message: 'Webhook is inactive' },
  BUSINESS_012: { status: 400, message: 'Template not active on requested channel' },
  BUSINESS_014: { status: 403, message: 'Account is suspended' },
  // Sent's scheduled-message ceiling (SDK 0.40.0 send doc: "429 LIMIT_001"); the message is ours.
  LIMIT_001: { status: 429, message: 'Scheduled message limit reached' },
  CONFLICT_001: { status: 409, message: 'Concurrent idempotent request in progress' },
  // Sent's template update doc names the code and status; the message is decisions §14's.
  CONFLICT_006: { status: 409, message: 'Template is under review and cannot be changed' },
  SERVICE_001: { status: 503, message: 'Service temporarily unavailable: idempotency store unavailable' },
  INTERNAL_001: { status: 500, message: 'An unexpected error occurred' },
  INTERNAL_002: { status: 500, message: 'Database operation failed' },
  INTERNAL_003: { status: 502, message: 'External provider error' },
  INTERNAL_004: { status: 504, message: 'Timeout waiting for operation' },
  INTERNAL_005: { status: 503, message: 'Service temporarily unavailable' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

/** Specific messages Sent's docs show for particular endpoints, and the simulator's own validation texts. */
export const MESSAGES = {
  invalidProfileId: 'Invalid profile ID format',
  invalidProfileOrCampaignId: 'Invalid profile or campaign ID format',
  malformedJson: 'The request body is not valid JSON',
  malformedPath: 'The request path is not valid percent-encoded UTF-8',
  malformedHttp: 'The request is not valid HTTP/1.1 (a header has a forbidden character, or the headers are too large)',
  undecodableBody: 'The request body could not be decoded (check Content-Encoding)',
  unsupportedContentType: 'Content-Type must be application/json',
  bodyTooLarge: 'The request body exceeds the maximum allowed size',
  invalidIdempotencyKey:
    'Idempotency-Key must be 1-255 characters of letters, digits, hyphens and underscores',
  profileKeyCannotScope: 'Profile API keys cannot act for another profile with x-profile-id',
  brandWithInherit: 'A brand cannot be provided when inherit_tcr_brand is true',
  brandLocked: 'Brand has been submitted to TCR and can no longer be modified',
  billingContactRequired: 'Billing contact is required when the billing model is profile or profile_and_organization',
  paymentWithOrganizationBilling:
    'Payment details can only be provided when the billing model is profile or profile_and_organization',
  cardLuhn: 'Card number is invalid',
  cardDeclined: 'Card was declined',
  cardExpired: 'Card has expired',
  campaignLocked: 'Campaign has been submitted to TCR and can no longer be modified',
  campaignsInherited:
    'This profile inherits its campaigns from the organization (inherit_tcr_campaign is true); inherited campaigns are read-only',
  completionInProgress: 'Profile completion in progress',
  prerequisiteGeneralData: (missing: string[]) => `Profile general data is incomplete: ${missing.join(', ')} required`,
  prerequisiteOwnBrand: 'Profile must have its own brand when inherit_tcr_brand is false',
  prerequisiteParentBrand: 'The parent organization must have a brand when inherit_tcr_brand is true',
  prerequisiteTcrCampaign: 'A TCR application must have at least one campaign (own or inherited)',
  prerequisiteOwnCampaigns: 'Profile must have campaigns when inherit_tcr_campaign is false',
  prerequisiteParentCampaigns: 'The parent organization must have campaigns when inherit_tcr_campaign is true',
  completionProfileDeleted: 'Profile was deleted before completion finished',
  completionFailedDefault: 'Profile completion failed',
  organizationCampaignsNeedBrand: 'The organization needs a brand to own campaigns',
  demoKeyWithoutDemo:
    'The sk_test_demo_* keys belong to the demo organization, which this simulator was started without: create it with createSimulator({ demo: true }) (sent-sim serve seeds it unless --no-demo), or use any other sk_test_ key for a fresh organization',
  liveKeyRefused:
    'sent-sim never takes live keys: an sk_live_ key belongs to Sent production. Use any sk_test_ key or any UUID key, each of which opens its own simulated organization',
  adminTokenRequired: 'The control plane requires the admin token (x-sim-admin-token)',
  controlPlaneProfileKey: 'Profile API keys cannot use the control plane; use an owner or admin organization key',
  controlPlaneReadOnly: 'Developer and billing keys may only read the control plane (GET); use an owner or admin key to change it',
  clockPastYear9999: 'The tenant clock cannot pass the end of year 9999',
  // GET /_sim/requests and /_sim/requests/count filters (docs/decisions/0037)
  requestFilterUnknown: (known: readonly string[]) => `Unknown filter; the filters are ${known.join(', ')}`,
  requestFilterOnce: 'Give this filter once, as one value',
  requestFilterMethod: (methods: readonly string[]) => `method must be an HTTP method: ${methods.join(', ')}`,
  requestFilterPath: 'path must start with / (an exact path, or a glob: * within one segment, ** across segments)',
  requestFilterStatus: 'status must be an HTTP status (100-599) or a class such as 4xx',
  requestFilterSince: 'since must be a date-time with a time zone on the tenant clock (2026-11-27T21:57:41Z) or a request id (req_ and 10 letters or digits)',
  requestFilterSinceUnknown: (size: number) =>
    `since names a request the journal does not hold (it keeps the newest ${size} requests of this tenant); give a date-time instead`,
  requestFilterLimit: (max: number) => `limit must be a whole number from 1 to ${max}`,
  requestFilterOperation: 'operation must be an operationId of the API, such as sendMessage or createProfile',
  requestFilterErrorCode: 'error_code must be a Sent error code, such as VALIDATION_001',
  // GET /_sim/deliveries filters (docs/decisions/0083); limit, unknown and repeated filters say what requests' do
  deliveryFilterSource: (sources: readonly string[]) => `source must be a delivery source: ${sources.join(', ')}`,
  deliveryFilterEventType: 'event_type must be an event name such as message.delivered, or a glob such as message.*',
  deliveryFilterRef: 'ref must be the id of a webhook (events) or of a profile (completion callbacks)',
  deliveryFilterDelivered: 'delivered must be true or false',
  deliveryFilterSince: 'since must be a date-time with a time zone on the tenant clock (2026-11-27T21:57:41Z)',
  // POST /_sim/seed (docs/decisions/0082)
  seedSandbox: 'A seed stores what it creates: leave sandbox out',
  // POST /_sim/clock/advance in other units (docs/decisions/0081)
  clockAdvanceOverTenYears: 'One advance moves the clock at most 10 years (315,360,000 seconds); advance again for more',
  profileCap: (cap: number) =>
    `The simulator keeps at most ${cap} profiles per organization (sent-sim serve --max-profiles); delete some or reset the tenant`,
  unknownScenario: (name: string, known: string) => `Unknown scenario "${name}". Known scenarios: ${known}`,
  /** Sent's documented 500 on DELETE (fact sheet §5.3). */
  deleteFailed: (what: 'profile' | 'campaign', requestId: string) =>
    `Failed to delete ${what}. Please contact support with request ID: ${requestId}`,
  completionAlreadyDone: 'Profile is already completed',
  /** Paginated lists (docs/decisions/0011). */
  pageTooSmall: 'Page must be greater than 0',
  pageSizeRange: 'Page size must be between 1 and 100',
  /** 500s embed the request id, as Sent's do (fact sheet §5.3). */
  internal: (requestId: string) =>
    `An unexpected error occurred. Please contact support with request ID: ${requestId}`,
  // messages (docs/decisions/0012, 0013, 0014)
  noRecipient: "'to' must contain at least one recipient",
  recipientNotE164: 'Phone number must be in E.164 format, e.g. +14155550100',
  channelNotSupported: 'Channel must be one of: sent, sms, whatsapp, rcs, mms',
  templateOrText: 'Provide either template or text',
  templateRefEmpty: 'Template id or name is required',
  messageTextTooLong: (max: number) => `Text must be at most ${max} characters`,
  templateParameterTooLong: (max: number) => `Template parameter values must be at most ${max} characters`,
  sendFanoutCap: (cap: number, send: { recipients: number; channels: number; webhooks: number } | null) =>
    `A send may make at most ${cap} webhook deliveries of each message event: recipients × channels × webhooks taking message events${send ? ` (${send.recipients} × ${send.channels} × ${send.webhooks} here)` : ''} (sent-sim serve --max-send-fanout); send to fewer recipients or channels, or in several requests`,
  renderedTooLong: (channel: string, part: string, length: number, max: number) =>
    `The ${channel} ${part} with its parameters would be ${length} characters; at most ${max}`,
  messageCap: (cap: number) =>
    `The simulator keeps at most ${cap} messages per tenant (sent-sim serve --max-messages); reset the tenant to send more`,
  /** Sent's 502 on a provider failure names the request id, like its 500s (spec example ErrProviderError). */
  providerError: (requestId: string) => `External provider error. Please contact support with request ID: ${requestId}`,
  messageQueued: 'Message accepted and queued for processing',
  /** The QUEUED event as `GET /v3/messages/{id}` words it (docs example), beside the activity's wording above. */
  messageQueuedEvent: 'Message queued for sending',
  messageProcessed: 'Message processed and queued for sending',
  messageRouted: (channel: string) => `Message routed via ${channel}`,
  messageSent: (channel: string) => `Message sent via ${channel}`,
  messageDelivered: 'Message delivered to recipient',
  messageRead: 'Message read by recipient',
  messageReceived: 'Message received from contact',
  carrierRejected: 'Carrier rejected the message',
  consentBlocked: 'ERR_CONSENT_BLOCKED',
  routeDenied: 'ERR_ROUTE_DENIED',
  templateParamsInvalid: 'ERR_TEMPLATE_PARAMS_INVALID',
  senderNotActive: 'BUSINESS_029: the sender is not an active sender (the profile is not approved)',
  templateNotApproved: 'BUSINESS_005: Template not approved',
  templateNotOnChannel: 'BUSINESS_012: Template not active on requested channel',
  whatsappWindowClosed: 'BUSINESS_007: free-form WhatsApp text needs an open conversation (no inbound WhatsApp message from this contact in the last 24 hours)',
  numberOutcomeCap: (cap: number) => `The simulator keeps at most ${cap} number outcomes per tenant (sent-sim serve --max-number-outcomes); delete some (DELETE /_sim/numbers/{e164}) or reset the tenant`,
  inboundAccountUnknown: 'account_id must be the organization id or the id of one of its profiles',
  // scheduled sends, cancel, resend, MMS (decisions §15, docs/decisions/0066–0069)
  scheduledAtFormat: 'scheduled_at must be an ISO-8601 date-time with an explicit UTC offset, e.g. 2026-10-01T09:00:00+02:00 or 2026-10-01T07:00:00Z',
  scheduledAtNoOffset:
    'scheduled_at must carry an explicit UTC offset (e.g. 2026-10-01T09:00:00+02:00 or 2026-10-01T07:00:00Z) rather than be read in the server\'s zone',
  scheduledAtTooSoon: (now: string) => `scheduled_at must be at least 60 seconds ahead of now (${now} on the tenant clock)`,
  scheduledAtTooLate: (now: string) => `scheduled_at must be at most 30 days ahead of now (${now} on the tenant clock)`,
  scheduledCap: (cap: number) =>
    `The organization holds ${cap} scheduled messages, the most the simulator keeps (sent-sim serve --max-scheduled); cancel some, let them go out, or reset the tenant`,
  mediaUrlsTooMany: (max: number) => `media_urls must list at most ${max} attachments`,
  mediaUrlTooLong: (max: number) => `Media URL must be at most ${max} characters`,
  mmsSubjectTooLong: (max: number) => `subject must be at most ${max} characters`,
  headerMediaUrl: 'A header media parameter must be a publicly fetchable https URL',
  messageScheduled: (at: string) => `Message scheduled for ${at}`,
  messageQuietHours: (at: string) => `Message held for quiet hours until ${at}`,
  messageCancelled: 'Message cancelled before its release',
  mediaFetchFailed: 'ERR_MEDIA_UNREACHABLE: the carrier could not fetch a media URL',
  notScheduled: 'Only scheduled messages can be cancelled',
  notResendable: 'This message cannot be resent',
  resendCap: (max: number) => `This message cannot be resent: it was resent ${max} times, the most the simulator keeps for one message`,
  inboundMediaChannel: 'media is carried by MMS only: send it with channel mms (or without a channel)',
  inboundNoContent: 'An inbound message needs text or media',
  /**
   * The `reason` of a FAILED, FILTERED or BLOCKED message's event, by its `reason_code`
   * (docs/decisions/0063): Sent's sample sentence for DELIVERY_007, ours elsewhere.
   */
  messageReasons: {
    BUSINESS_004: 'The recipient has opted out of messages from this sender',
    BUSINESS_005: 'The template is not approved on this channel',
    BUSINESS_007: 'Free-form WhatsApp text needs an open conversation: the contact has not written on WhatsApp in the last 24 hours',
    BUSINESS_012: 'The template has no body for this channel',
    BUSINESS_029: 'The sender is not an active sender for this channel',
    VALIDATION_008: 'A template variable has no value',
    DELIVERY_001: 'The carrier rejected the message',
    DELIVERY_007: 'The recipient is not registered on this channel',
  },
  // webhooks (docs/decisions/0015, 0016)
  invalidWebhookId: 'Invalid webhook ID format.',
  webhookUrlInvalid: 'Endpoint URL must be a valid HTTP or HTTPS URL',
  webhookDisplayNameBlank: 'Display name must not be blank',
  webhookDisplayNameLong: 'Display name must be at most 255 characters',
  // The families come from the modules' declarations (docs/decisions/0026, 0061): a new family needs no edit here.
  webhookEventTypesEmpty: (families: readonly string[]) => `At least one event type is required: a family (${families.join(', ')}) or one of its sub-types`,
  webhookEventTypeUnknown: (families: readonly string[]) =>
    `Event type must be a family (${families.join(', ')}) or one of the sub-types GET /v3/webhooks/event-types lists (e.g. message.delivered)`,
  webhookFilterFamily: (families: readonly string[]) => `Event filters can narrow a family with sub-types only: ${families.join(', ')}`,
  webhookFilterEmpty: 'An event filter must list at least one event',
  webhookFilterUnknown: (suffixes: readonly string[]) => `Event filter must be one of: ${suffixes.join(', ')}`,
  webhookRetryCount: 'Retry count must be between 1 and 5',
  webhookTimeout: 'Timeout must be between 5 and 120 seconds',
  webhookCap: (cap: number) =>
    `The simulator keeps at most ${cap} webhooks per organization (sent-sim serve --max-webhooks); delete some or reset the tenant`,
  webhookAccountCap: (cap: number) =>
    `The simulator keeps at most ${cap} webhooks per account, the organization and each profile (sent-sim serve --max-webhooks-per-account): every event goes to each of them; delete some`,
  eventPayloadTooLarge: (cap: number) => `The payload must be at most ${cap} bytes of JSON (sent-sim serve --max-event-payload)`,
  webhookIsActiveQuery: 'is_active must be true or false',
  eventTypeRequired: 'Event type is required',
  testEventTypeUnknown: (examples: readonly string[]) =>
    `Event type must be an event GET /v3/webhooks/event-types lists: a sub-type or a family without sub-types (${examples.join(', ')}, …)`,
  testDelivered: 'Test event delivered successfully',
  testFailed: (reason: string) => `Test event delivery failed: ${reason}`,
  // outbound targets (issue 25 row 8, docs/decisions/0046)
  targetRefused: (reason: string) => `The URL points to ${reason}, where the simulator does not deliver (sent-sim serve --webhook-targets)`,
  targetReason: {
    linkLocal: 'a link-local address (169.254.0.0/16, fe80::/10)',
    metadata: 'a cloud metadata service',
    unspecified: 'an unspecified address (0.0.0.0, ::)',
    notPublic: 'a loopback, private or reserved address (--webhook-targets public)',
    notListed: 'an address --webhook-targets does not list',
  },
  /** Why a webhook test failed, in its answer (docs/decisions/0015, 0046). */
  testReasonInactive: 'webhook is inactive',
  testReasonStatus: (status: number) => `endpoint answered HTTP ${status}`,
  testReasonTimeout: 'endpoint did not answer in time',
  testReasonUnreachable: (error: string) => `could not reach the endpoint (${error})`,
  testReasonBusy: "the simulator's delivery slots were busy; not sent",
  /** A shared instance names no low-level error (a port-scan oracle otherwise, docs/decisions/0046). */
  testReasonHidden: 'could not deliver to the endpoint',
  /** The delivery log's `error_message` of a failed attempt. */
  deliveryRedirect: (status: number) => `Endpoint answered ${status}; redirects are not followed`,
  deliveryStatus: (status: number) => `Endpoint answered ${status}`,
  deliveryTimeout: 'Endpoint did not answer in time',
  deliveryBusy: "Not sent: the simulator's delivery slots were busy",
  deliveryUnreachable: (error: string) => `Could not reach the endpoint: ${error}`,
  deliveryHidden: 'Could not deliver to the endpoint',
  webhookTestsBusy: (max: number) =>
    `The organization already has ${max} webhook tests waiting on their endpoints, the most the simulator runs at once (sent-sim serve --max-webhook-tests); wait for one to answer`,
  webhookInactive: 'Webhook is inactive',
  webhookAccountUnknown: 'account_id must be the organization or one of its live profiles',
  // sent-sim verify: Pact is an optional peer dependency (docs/decisions/0038)
  pactMissing:
    'sent-sim verify needs @pact-foundation/pact, an optional peer dependency the simulator does not install: npm install --save-dev @pact-foundation/pact@~16.4.0, then run it again',
  pactUnusable: (cause: string) => `sent-sim verify could not load @pact-foundation/pact (reinstall it: npm install --save-dev @pact-foundation/pact@~16.4.0): ${cause}`,
  // sent-sim check-receiver (docs/guide/receiver-check.md): its options, refused before anything is sent
  receiverCheckUrl: (url: string) => `The receiver URL must be an http or https URL with a host, e.g. https://example.com/sent/webhooks (got "${url}")`,
  receiverCheckSecret: 'The secret must be a webhook signing secret: whsec_ followed by base64, as POST /v3/webhooks answers it',
  receiverCheckEvents: (unknown: readonly string[], known: readonly string[]) =>
    `${unknown.length > 0 ? `Unknown event famil${unknown.length === 1 ? 'y' : 'ies'} ${unknown.map((n) => `"${n}"`).join(', ')}` : 'No event family given'}; the families are ${known.join(', ')}`,
  receiverCheckNumber: (option: string) => `${option} must be a whole number of at least 1`,
  // contacts, users, me, numbers (docs/decisions/0018, 0019, 0020)
  /** The spec's `x-sim-invalid-id-message` of the contact id (docs/decisions/0011). */
  invalidContactId: 'Invalid contact ID format.',
  phoneNumberRequired: 'Phone number is required',
  phoneNumberNotE164: 'Phone number must be in E.164 format, e.g. +14155550100',
  contactExists: 'Contact with this phone number already exists for this customer',
  contactPhoneNotFound: 'Contact not found with the specified phone number',
  contactCap: (cap: number) =>
    `The simulator keeps at most ${cap} contacts per organization, its profiles' included (sent-sim serve --max-contacts); delete some or reset the tenant`,
  notAdmin: 'You do not have admin access to this organization or profile',
  userEmailInvalid: 'Email must be a valid email address',
  userEmailTooLong: 'Email must be at most 254 characters',
  userNameTooLong: 'Name must be at most 255 characters',
  userExists: 'A user with this email already exists in this organization',
  userRemoveSelf: 'You cannot remove yourself from the organization',
  userOwnRole: 'You cannot change your own role',
  userLastAdmin: 'The organization must keep at least one active admin: make another user an admin first',
  userCap: (cap: number) => `The simulator keeps at most ${cap} users per organization (sent-sim serve --max-users); remove some or reset the tenant`,
  numberNotFound: 'Phone number not found or invalid',
  // templates (docs/decisions/0017)
  invalidTemplateId: 'Invalid template ID format.',
  templateDefinitionRequired: 'Template definition is required',
  templateBodyRequired: 'Template body is required: give a multiChannel body, or an sms and whatsapp pair',
  templateCategory: 'Category must be one of: MARKETING, UTILITY, AUTHENTICATION',
  templatePlaceholder: (placeholder: string) => `Placeholder ${placeholder} does not match a declared variable`,
  templateDefinitionTooLarge: (max: number) => `Template definition must be at most ${max} characters of JSON`,
  templateDefinitionTooDeep: (max: number) => `Template definition must not nest objects and arrays more than ${max} levels deep`,
  templateNameEmpty: 'Template name must not be empty',
  templateNameTooLong: (max: number) => `Template name must be at most ${max} characters`,
  templateLanguage: (max: number) => `Language must be a language code of 1-${max} characters, e.g. en_US`,
  templateCap: (cap: number) =>
    `The simulator keeps at most ${cap} templates per organization, its profiles' included (sent-sim serve --max-templates); delete some or reset the tenant`,
  // template content and edits as Sent has them in 2026-11 (docs/decisions/0048–0050); quoted
  // where Sent's SDK gives the wording ("variables must have unique IDs", the button sentence,
  // the two read-only details), ours elsewhere.
  templateBodyMixed: 'Use a multiChannel body alone or an sms and whatsapp pair: multiChannel cannot be combined with an sms or whatsapp body',
  templateBodyNeedsPair: (has: string, missing: string) =>
    `An ${has} body needs a ${missing} body beside it (or use a multiChannel body alone): every template must be deliverable on every channel`,
  templateBodyOverrideAlone: (slot: string) =>
    `An ${slot} body is an override and cannot stand alone: add a multiChannel body or an sms and whatsapp pair`,
  templateBodyTooLong: (max: number) => `The body must be at most ${max} characters`,
  templateLetterBeforeFirstVariable: 'There must be at least one letter before the first variable',
  templateLetterAfterLastVariable: 'There must be at least one letter after the last variable (trailing punctuation does not count)',
  templateTooFewWords: (needed: number, variables: number) =>
    variables === 0 ? 'The body needs at least one word' : `The body needs at least ${needed} words besides its ${variables} variable${variables === 1 ? '' : 's'} ((2 × variables) + 1)`,
  templateAdjacentVariables: 'Two variables must not be separated only by whitespace',
  templateEdgeNewline: 'The body must not start or end with a newline',
  templateTooManyLineBreaks: 'The body must not have more than two consecutive line breaks',
  templateTooManySpaces: 'The body must not have more than four consecutive spaces',
  templateVariableIdsUnique: 'variables must have unique IDs',
  templateButtonIdsUnique: 'Button IDs must be unique',
  templateButtonTextTooLong: (max: number) => `Button text must be at most ${max} characters`,
  templateButtonTextContent: "Buttons can't have any variables, newlines, emojis, or formatting characters.",
  templateMediaUrl: 'Media URL must be a publicly fetchable https URL',
  templateMediaPresigned: 'Media URL must not be a presigned URL: the carrier fetches it when the message is sent, so it must stay reachable',
  templateSentReadOnly: "This template is read-only. Only 'submit for review' is allowed.",
  templateNotEditable: 'Template (except display name) cannot be updated unless it is in draft or rejected status',
  templateUnderReview: 'Template is under review and cannot be changed',
  templateVerdictReason: {
    REJECTED: 'The template does not comply with the WhatsApp Business Messaging Policy',
    PAUSED: 'Paused by Meta: the template received negative feedback and its quality rating is low',
    DISABLED: 'Disabled by Meta: the template was paused repeatedly for low quality',
    REVOKED: 'Revoked by the reviewer',
  },
  templateNotSubmitted: 'The template was never submitted for review: submit it with submit_for_review: true first',
  templateNoLeg: (channel: string) => `The template has no ${channel} leg to review`,
  templateVerdictNotAllowed: (verdict: string, from: string, scope: string) =>
    `${verdict} cannot follow ${from} (${scope}): approve or reject a PENDING leg, pause, disable or revoke an APPROVED one, approve a PAUSED, DISABLED or REVOKED one to reinstate it`,
  autoRepliesExist: 'This account already has its compliance auto-reply templates (sent_opt_in, sent_opt_out, sent_help)',
  // sender profiles, channels, compliance (sent-api-v3-2026-11 §2.6, §2.7; docs/decisions/0072–0079). Quoted where
  // Sent's sources give the wording ("country is required", the type list, "is not something this call changes").
  countryRequired: 'country is required',
  typeMustBeOneOf: 'type must be one of: LOCAL, TOLL_FREE, SHORT_CODE, ALPHANUMERIC, TEN_DLC, MOBILE, 10DLC',
  countryNotIso: 'country must be an ISO 3166-1 alpha-2 code, e.g. GB',
  requirementsChannel: 'channel must be one of: sms, whatsapp, rcs',
  channelRequirementsNotDeclared: (channel: string) =>
    `The compliance requirements of the ${channel} channel are not declared yet: it demands plenty (a business verification, a review), so it is refused rather than answered empty`,
  numberTypesChannel: 'channel must be one of: sms, mms, voice',
  numberTypesNotDeclared: (channel: string) => `The number types of the ${channel} channel are not declared yet`,
  marketNotDeclared: (country: string, type: string) =>
    `The requirements of ${country} ${type} are not declared yet; GET /v3/compliance/requirements lists what is (POST /_sim/channels/sms adds any market, simulator-only)`,
  marketHeld: (country: string, type: string) => `This account already holds the ${country} ${type} market: amend it with PATCH /v3/channels/sms/${country}/${type}`,
  marketNotHeld: (country: string, type: string) => `This account holds no ${country} ${type} market`,
  marketCap: (cap: number) => `The simulator keeps at most ${cap} SMS markets per organization, its profiles' included (sent-sim serve --max-sms-markets); reset the tenant to add more`,
  tenDlcCampaignCap: (cap: number) => `The simulator keeps at most ${cap} US TEN_DLC campaigns added through /v3/channels per organization (sent-sim serve --max-ten-dlc-campaigns)`,
  senderValueRequired: (country: string, type: string) => `sender_value is required: a ${country} ${type} market sends from a sender id you name`,
  senderValuePattern: (pattern: string) => `sender_value must match ${pattern}`,
  marketTakesNoNumbers: (type: string) => `A ${type} market takes no numbers: its sender is the market's own`,
  numberQuantity: (max: number) => `quantity must be a whole number from 1 to ${max}`,
  areaCodeDigits: 'area_code must be 2-5 digits',
  numbersOverCap: (max: number) => `At most ${max} numbers per market (US TEN_DLC: per campaign, counting one for each sender profile inheriting it)`,
  numbersLeaveOut: (n: number) => `The list leaves out ${n} number${n === 1 ? '' : 's'} already assigned: include ${n === 1 ? 'it' : 'them'} (an entry with the area code, or any)`,
  numbersOnlySms: (channel: string) => `Numbers are held by SMS markets; the ${channel} channel has none here`,
  tenDlcNeedsIdentity:
    'A US TEN_DLC market needs an identity to register against: send compliance.brand (your own) or {"inherit": true} (your organization\'s)',
  tenDlcTakesBrandAndCampaign: 'A US TEN_DLC market registers with The Campaign Registry: its compliance is brand and campaign',
  marketRegistersWithNobody: (country: string, type: string) => `The ${country} ${type} market registers with no regime: its compliance is fields and documents`,
  notARequirement: (country: string, type: string) => `Not a requirement of the ${country} ${type} market (GET /v3/compliance/requirements lists them)`,
  notADocument: (country: string, type: string) => `Not a document the ${country} ${type} market asks for`,
  requirementValue: (key: string, problem: string) => `${key} ${problem}`,
  requirementMissing: (key: string) => `${key} is required`,
  requirementNotClearable: (key: string) => `${key} is required and cannot be cleared`,
  organizationCannotInherit: 'The organization has nothing to inherit from: supply its own',
  inheritWithFields: (block: string) => `Send either {"inherit": true} or the ${block}'s fields, not both`,
  inheritFalseWithoutData: (block: string) => `"inherit": false needs the ${block}'s fields`,
  notChangedByThisCall: 'is not something this call changes',
  complianceNotClearable: 'compliance cannot be cleared as a whole: clear one key with null',
  patchEmpty: 'The request changes nothing: name at least one field (omitted fields are left alone, null clears one)',
  organizationHasNoBrand: "Your organization has no brand to inherit: supply this market's own brand, or give the organization one",
  organizationHasNoCampaign: 'Your organization has no campaign to inherit: supply a campaign of your own',
  campaignRequired: 'A campaign is required: supply compliance.campaign, or {"inherit": true} for your organization\'s',
  channelOwes: (keys: string[]) => `Compliance is incomplete: ${keys.join(', ')}`,
  correctionRequested: 'A correction was requested by the reviewer: amend the compliance and it is reviewed again',
  marketDeactivated: 'The market was deactivated',
  marketRemoved: 'The market was removed with its sender profile',
  marketAwaitsNumbers: 'Approved; no number could be assigned yet (the inventory has none in the area codes asked for)',
  seededMarketNote: 'A sender the simulator provides to every organization (decisions §15); its compliance owes nothing until you write it',
  shortcutMarketNote: 'Added through the simulator-only POST /_sim/channels/sms: active at once, owing nothing',
  shortcutUndeclaredNote: 'Added through the simulator-only POST /_sim/channels/sms for a market the requirements table does not declare: active, with no number',
  identityNotRegistered: 'The identity is not registered: give the US TEN_DLC market a brand (or inherit your organization\'s) first',
  identityNotSubmitted: 'The identity has not been submitted to TCR yet: campaigns can be added once the market is under review',
  invalidTenDlcCampaignId: 'Invalid campaign ID format.',
  tenDlcCampaignNotFound: 'Campaign not found in this US TEN_DLC market',
  campaignIdRequired: (inService: readonly string[]) =>
    `campaign_id is required on US TEN_DLC: name one of your campaigns in service (${inService.length > 0 ? inService.join(', ') : 'you have none: add one with POST /v3/channels/sms/US/TEN_DLC/campaigns'})`,
  campaignIdNotTaken: (type: string) => `A ${type} market takes no campaign_id: its numbers belong to the market`,
  campaignInheritedNumbers: "This campaign is your organization's: its numbers are the organization's",
  campaignInherited: "This campaign is your organization's and is changed there",
  campaignOutOfService: 'This campaign is out of service (expired, deactivated or declined)',
  campaignFiled: 'This campaign has been filed with TCR and can be changed only when a correction is requested',
  volumeTierFixed: 'A registered campaign keeps its volume tier: a switch between the low-volume (below 2000 a day) and standard tiers is refused',
  campaignInheritRefused: '"inherit": true is not a change to a campaign: amend the market\'s compliance.campaign to run on your organization\'s',
  campaignCorrectionRequested: 'A correction was requested: change the campaign and it is reviewed again',
  campaignDeclined: 'The campaign was declined by the reviewer',
  campaignOutOfServiceReason: 'The campaign is out of service',
  whatsappResolvedFromOrganization: 'is not accepted: it is resolved from your organization',
  whatsappHeld: 'This account already has a WhatsApp account; giving it up is through support',
  rcsHeld: 'This account already has an RCS agent',
  rcsNotHeld: 'This account has no RCS agent',
  requiredField: (field: string) => `The ${field} field is required`,
  rcsUseCase: (options: readonly string[]) => `agent_use_case must be one of: ${options.join(', ')}`,
  rcsUrl: 'Must be an absolute http or https URL',
  rcsColor: 'Must be a hex colour, e.g. #1A73E8',
  rcsPhone: 'Must be an E.164 phone number',
  rcsEmail: 'Must be a valid email address',
  noSmsSender: (region: string | null) =>
    region === null
      ? 'No sender: the number belongs to no country, so no SMS market can reach it'
      : `No sender in ${region}: the account holds no ACTIVE SMS market there (add one with POST /v3/channels/sms)`,
  noSmsSenderSummary: 'A recipient is in a country this account holds no sender for',
  senderProfileInheritWhole: 'Inherit the organization\'s brand and campaigns with compliance: {"inherit": true}; a brand or campaign given here is the profile\'s own',
  marketTwice: (country: string, type: string) => `The ${country} ${type} market is listed twice`,
  documentForNoMarket: 'No market of this profile asks for a document with this key',
  senderProfileNotClearable: (field: string) => `${field} cannot be cleared`,
  multipartMalformed: 'The request body is not valid multipart/form-data',
  multipartTooManyParts: (parts: number, files: number) => `A multipart body may have at most ${parts} parts, ${files} of them files`,
  multipartFileName: (max: number) => `File names must be at most ${max} characters`,
  multipartJsonPart: (name: string) => `The ${name} part must be valid JSON`,
  multipartObjectPart: (name: string) => `The ${name} part must be a JSON object`,
  // hardening (issue 15, docs/decisions/0022): limits, each naming the flag that moves it
  urlTooLong: (max: number) => `The request path and query must not be longer than ${max} characters`,
  jsonTooDeep: (max: number) => `The request body nests arrays and objects more than ${max} levels deep (sent-sim serve --max-json-depth)`,
  jsonTooManyNodes: (max: number) =>
    `The request body has more than ${max} object members and array items together (sent-sim serve --max-json-nodes)`,
  stringTooLong: (max: number) => `The field must not be longer than ${max} characters (sent-sim serve --max-string-length)`,
  keyTooLong: (max: number) => `An object key in this field is longer than ${max} characters`,
  tenantCap: (max: number) =>
    `The simulator holds its maximum of ${max} organizations and none has been idle long enough to make room (sent-sim serve --max-tenants, --tenant-idle-ttl); reuse a key, DELETE /_sim/tenant when a test run ends, or try again later`,
  keyCap: (max: number) => `The simulator keeps at most ${max} API keys per organization (sent-sim serve --max-keys)`,
  pendingJobsCap: (max: number) =>
    `The organization has ${max} pending jobs, the most the simulator keeps (sent-sim serve --max-pending-jobs); advance the clock or reset the tenant`,
  idempotencyCacheFull: (bytes: number) =>
    `The organization's idempotency cache is full (${bytes} bytes of cached responses, sent-sim serve --idempotency-cache-bytes); advance the clock past 24 h, reset the tenant, or send the request without an Idempotency-Key`,
  idempotencyResponseTooLarge: (requestId: string, bytes: number, max: number) =>
    `The request with this Idempotency-Key already ran (${requestId}); its answer, ${bytes} bytes, was larger than the simulator keeps to replay (sent-sim serve --idempotency-max-response, ${max} bytes), so it is not run again: read what it made instead, or use a new key`,
  snapshotUnusable: (collection: string, index: number) => `Record ${index} of ${collection} cannot be loaded`,
  snapshotJobKindNotImportable: 'Jobs of this kind cannot be imported: it declares no payload schema',
  snapshotJobDueAt: 'due_at must be a time between 1970 and the end of year 9999',
  snapshotJobDuplicate: (field: 'id' | 'key') => `Another job of the snapshot has this ${field}: a tenant holds one pending job per ${field}`,
  demoTenantNotDeletable: 'The demo organization cannot be deleted; POST /_sim/reset returns it to its seed',
  // issue 25 rows 4, 11, 12 (docs/decisions/0031, 0032, 0033)
  bodyRequired: 'The request body is required',
  hostNotAllowed: (host: string) =>
    `Host "${host}" is not allowed: sent-sim answers loopback names and the address it listens on (sent-sim serve --allowed-hosts ${host} to allow this name)`,
  streamsPerTenant: (max: number) =>
    `This organization already has ${max} open streams, the most it may hold (sent-sim serve --max-streams); close one and try again`,
  streamsTotal: (max: number) =>
    `The simulator holds its maximum of ${max} open streams, all organizations together (half of sent-sim serve --max-connections); try again later`,
} as const;

/**
 * Field-specific wording of schema failures (http/validation.ts), for the rules users hit most;
 * other fields get the generic wording. `whenMissing`: the text also answers a missing field.
 */
export const FIELD_MESSAGES: Readonly<Record<string, { text: string; whenMissing?: true }>> = {
  short_name: {
    text: 'Short name must be 3-11 characters long, contain only letters, digits and spaces, and include at least one letter',
  },
  'payment_details.card_number': { text: 'Card number must be 13-19 digits', whenMissing: true },
  'payment_details.expiry': { text: 'Expiry must be in MM/YY format', whenMissing: true },
  'payment_details.cvc': { text: 'CVC must be 3 or 4 digits', whenMissing: true },
  'payment_details.zip_code': { text: 'ZIP code is required', whenMissing: true },
  webHookUrl: { text: 'Webhook URL must be a valid HTTP or HTTPS URL', whenMissing: true },
  endpoint_url: { text: 'Endpoint URL must be a valid HTTP or HTTPS URL' },
  // inviteUser (Sent's docs example, docs/decisions/0019)
  email: { text: 'Email must be a valid email address' },
  // the quiet_hours tenant setting (docs/decisions/0066), in PATCH /_sim/tenant and snapshots
  'settings.quiet_hours.start': { text: 'start must be a time of day as HH:MM (24 h), e.g. 21:00', whenMissing: true },
  'settings.quiet_hours.end': { text: 'end must be a time of day as HH:MM (24 h), e.g. 08:00', whenMissing: true },
  'settings.quiet_hours.time_zone': { text: 'time_zone must be an IANA time zone, e.g. America/New_York (or UTC)', whenMissing: true },
};

/** Enum fields Sent words as "<Label> must be one of: …" ("Role must be one of: admin, billing, developer"). */
export const ENUM_LABELS: Readonly<Record<string, string>> = { role: 'Role' };

export const ERROR_DOC_URL = 'https://docs.sent.dm/reference/api/error-catalog';
