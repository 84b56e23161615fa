import { MESSAGES } from '../../errors/catalog.js';
import { simError, validationError } from '../../errors/sim-error.js';
import { limitError } from '../../limits.js';
import type { components } from '../../generated/sent-v3.js';
import { paginate, newestFirst, wholeList, type Page } from '../../http/pagination.js';
import type { Tenant } from '../../store/types.js';
import type { Random } from '../../util/random.js';
import { sentTimestamp } from '../../util/time.js';
import type { Account } from '../account.js';
import { accountGroup, newSecret, WEBHOOK_ACCOUNT_CAP, WEBHOOK_CAP, WEBHOOK_EVENTS, webhookOf, WEBHOOKS, type WebhookRecord } from './collection.js';
import { testFailureReason, type WebhookDelivery } from './delivery.js';
import type { EventCatalog } from '../../events/families.js';
import { eventTypeList } from './events.js';
import { webhookInput, type WebhookInput } from './rules.js';
import { eventRowToWire, webhookToWire } from './to-wire.js';

type Schemas = components['schemas'];
type WebhookRequest = Schemas['CreateWebhookRequest'];

export interface WebhookServiceDeps {
  random: Random;
  delivery: WebhookDelivery;
  maxWebhooks: number;
  /** Webhooks of one account (`--max-webhooks-per-account`). */
  maxPerAccount: number;
  /** The event families the modules declare (what webhooks subscribe to). */
  catalog: EventCatalog;
  /** Tests of one tenant waiting on their receivers at once (`--max-webhook-tests`). */
  maxTests: number;
  /** A shared instance: a failed test names no low-level error (docs/decisions/0046). */
  hideErrors: boolean;
  /** Why the delivery core would refuse a URL as a target (`--webhook-targets`), in words; null when it would not. */
  refuseTarget: (url: string) => string | null;
}

/** What a list narrows by, parsed from the query (docs/decisions/0011). */
export interface WebhookListQuery {
  page: Page;
  isActive: boolean | null;
  search: string | null;
}

/**
 * The ten webhook operations (docs/decisions/0015), named after the spec's operationIds.
 * Webhooks belong to an account (the organization or a profile): another account's webhook is
 * "not found". Sandbox validates and answers with generated data, looking nothing up and
 * storing or sending nothing — except DELETE, which Sent documents as always real.
 */
export class WebhookService {
  /** Tests in flight per tenant id (entries leave when they reach 0). */
  private readonly testsInFlight = new Map<string, number>();

  constructor(private readonly deps: WebhookServiceDeps) {}

  createWebhook(tenant: Tenant, account: Account, body: WebhookRequest, sandbox: boolean): Schemas['Webhook'] {
    const input = webhookInput(body, this.deps.catalog);
    const secret = newSecret();
    const now = sentTimestamp(tenant.clock.now());
    const webhook = this.record(this.deps.random.uuid(), account.profileId, input, secret, now);
    if (sandbox) return webhookToWire(webhook, tenant.id, secret);
    const webhooks = WEBHOOKS.in(tenant);
    if (webhooks.size >= this.deps.maxWebhooks) throw limitError(WEBHOOK_CAP, this.deps.maxWebhooks);
    // Issue 25 row 1: every event of an account goes to each of its webhooks, so an account holds a bounded number.
    if (webhooks.list('byAccount', accountGroup(account.profileId)).size >= this.deps.maxPerAccount) throw limitError(WEBHOOK_ACCOUNT_CAP, this.deps.maxPerAccount);
    webhooks.set(webhook.id, webhook);
    // The only answer that shows the secret (docs/decisions/0015).
    return webhookToWire(webhook, tenant.id, secret);
  }

  /** What is wrong with `url` as a target, in words, or null (docs/decisions/0046). */
  targetRefusal(url: string): string | null {
    return this.deps.refuseTarget(url);
  }

  retrieveWebhook(tenant: Tenant, account: Account, id: string): Schemas['Webhook'] {
    return webhookToWire(webhookOf(tenant, account, id), tenant.id);
  }

  /** PUT replaces the mutable fields; the secret, `is_active` and the delivery counters stay. */
  updateWebhook(tenant: Tenant, account: Account, id: string, body: WebhookRequest, sandbox: boolean): Schemas['Webhook'] {
    const input = webhookInput(body, this.deps.catalog);
    const now = sentTimestamp(tenant.clock.now());
    if (sandbox) return webhookToWire({ ...this.record(id, account.profileId, input, '', now), updated_at: now }, tenant.id);
    const webhook = webhookOf(tenant, account, id);
    const next: WebhookRecord = { ...webhook, ...input, updated_at: now };
    WEBHOOKS.in(tenant).set(webhook.id, next);
    return webhookToWire(next, tenant.id);
  }

  listWebhooks(tenant: Tenant, account: Account, query: WebhookListQuery): Schemas['WebhookList'] {
    const needle = query.search?.toLowerCase() ?? null;
    const mine = [...WEBHOOKS.in(tenant).values()].filter(
      (w) =>
        w.profile_id === account.profileId &&
        (query.isActive === null || w.is_active === query.isActive) &&
        (needle === null || w.display_name.toLowerCase().includes(needle) || w.endpoint_url.toLowerCase().includes(needle)),
    );
    const { items, pagination } = paginate(mine.sort(newestFirst), query.page);
    return { webhooks: items.map((w) => webhookToWire(w, tenant.id)), pagination };
  }

  /** Always real, sandbox or not (rest §9.1); its delivery log goes with it, and pending retries find nothing to send. */
  deleteWebhook(tenant: Tenant, account: Account, id: string): void {
    const webhook = webhookOf(tenant, account, id);
    WEBHOOKS.in(tenant).delete(webhook.id);
    const rows = WEBHOOK_EVENTS.in(tenant);
    for (const [rowId, row] of rows) if (row.webhook_id === webhook.id) rows.delete(rowId);
  }

  /** Every family in one page (`pagination`, decisions §14). */
  listWebhookEventTypes(): Schemas['WebhookEventTypeList'] {
    const eventTypes = eventTypeList(this.deps.catalog);
    return { event_types: eventTypes, pagination: wholeList(eventTypes.length) };
  }

  /**
   * The delivery log, newest first. Rows are kept in creation order, so ties on `created_at`
   * (one event to several webhooks, a burst in one millisecond) list the later-made row first.
   */
  listWebhookEvents(tenant: Tenant, account: Account, id: string, page: Page, search: string | null): Schemas['WebhookDeliveryEventList'] {
    const webhook = webhookOf(tenant, account, id);
    const needle = search?.toLowerCase() ?? null;
    const rows = [...WEBHOOK_EVENTS.in(tenant).values()]
      .filter((r) => r.webhook_id === webhook.id && (needle === null || r.event_type.toLowerCase().includes(needle)))
      .reverse()
      .sort((a, b) => (a.created_at === b.created_at ? 0 : a.created_at < b.created_at ? 1 : -1));
    const { items, pagination } = paginate(rows, page);
    return { events: items.map(eventRowToWire), pagination };
  }

  /** A new secret at once; the old one signs nothing from here on, retries of earlier events included. */
  rotateWebhookSecret(tenant: Tenant, account: Account, id: string, sandbox: boolean): Schemas['WebhookSecret'] {
    const secret = newSecret();
    if (sandbox) return { signing_secret: secret };
    const webhook = webhookOf(tenant, account, id);
    WEBHOOKS.in(tenant).set(webhook.id, { ...webhook, signing_secret: secret, updated_at: sentTimestamp(tenant.clock.now()) });
    return { signing_secret: secret };
  }

  /** Sets `is_active`; turning a webhook on (again) starts its failure count afresh. */
  toggleWebhookStatus(tenant: Tenant, account: Account, id: string, isActive: boolean, sandbox: boolean): Schemas['Webhook'] {
    const now = sentTimestamp(tenant.clock.now());
    const input: WebhookInput = { ...SANDBOX_INPUT, event_types: this.deps.catalog.families.map((f) => f.name) };
    if (sandbox) return webhookToWire({ ...this.record(id, account.profileId, input, '', now), is_active: isActive, updated_at: now }, tenant.id);
    const webhook = webhookOf(tenant, account, id);
    const next: WebhookRecord = { ...webhook, is_active: isActive, consecutive_failures: isActive ? 0 : webhook.consecutive_failures, updated_at: now };
    WEBHOOKS.in(tenant).set(webhook.id, next);
    return webhookToWire(next, tenant.id);
  }

  /**
   * One signed sample event of `event_type`, sent now, once, no retry; the answer says whether
   * the endpoint took it (still a 200 when it did not). Logged in the delivery log; it never
   * counts in `consecutive_failures`. A tenant runs at most `maxTests` at once (issue 25 row 4):
   * past it `429 BUSINESS_002`, whose answer closes its connection, so a flood of tests to a
   * hanging receiver holds a handful of connections, not the simulator's connection cap.
   */
  async testWebhook(tenant: Tenant, account: Account, id: string, eventType: unknown, sandbox: boolean, requestId: string): Promise<Schemas['WebhookTestResult']> {
    if (typeof eventType !== 'string' || eventType.trim() === '') {
      throw simError('VALIDATION_001', { message: MESSAGES.eventTypeRequired, details: { event_type: [MESSAGES.eventTypeRequired] } });
    }
    const catalog = this.deps.catalog;
    const family = catalog.isEventName(eventType) ? catalog.familyOf(eventType) : undefined;
    if (!family) {
      // One event of each family as the example: its first sub-type, or the family's one event.
      const examples = catalog.families.map((f) => (f.sub_types.length === 0 ? f.name : `${f.name}.${f.sub_types[0]!.suffix}`));
      throw simError('VALIDATION_006', { details: { event_type: [MESSAGES.testEventTypeUnknown(examples)] } });
    }
    if (sandbox) return { success: true, message: MESSAGES.testDelivered };
    const webhook = webhookOf(tenant, account, id);
    if (!webhook.is_active) throw simError('BUSINESS_010');
    const running = this.testsInFlight.get(tenant.id) ?? 0;
    if (running >= this.deps.maxTests) {
      // Sent's 429 headers (the spec requires them), and a closed connection: the refusal frees it at once.
      const headers = { 'Retry-After': '1', 'X-RateLimit-Limit': String(this.deps.maxTests), 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(Math.ceil(tenant.clock.now() / 1000) + 1), Connection: 'close' };
      throw simError('BUSINESS_002', { message: MESSAGES.webhookTestsBusy(this.deps.maxTests), headers });
    }
    this.testsInFlight.set(tenant.id, running + 1);
    try {
      const at = tenant.clock.now();
      const payload = family.samplePayload(eventType, webhook.profile_id ?? tenant.id, at, this.deps.random);
      // The test call started this event: its request id is the envelope's (docs/decisions/0060).
      const attempt = await this.deps.delivery.test(tenant, webhook, { family: family.name, name: eventType, at, payload, request_id: requestId });
      return attempt?.delivered ? { success: true, message: MESSAGES.testDelivered } : { success: false, message: MESSAGES.testFailed(testFailureReason(attempt, this.deps.hideErrors)) };
    } finally {
      const left = (this.testsInFlight.get(tenant.id) ?? 1) - 1;
      if (left > 0) this.testsInFlight.set(tenant.id, left);
      else this.testsInFlight.delete(tenant.id);
    }
  }

  private record(id: string, profileId: string | null, input: WebhookInput, secret: string, now: string): WebhookRecord {
    return {
      id,
      profile_id: profileId,
      ...input,
      signing_secret: secret,
      is_active: true,
      last_delivery_attempt_at: null,
      last_successful_delivery_at: null,
      consecutive_failures: 0,
      created_at: now,
      updated_at: null,
    };
  }
}

/** What a sandbox toggle answers with, subscribed to every family: it looks nothing up (docs/decisions/0008). */
const SANDBOX_INPUT: Omit<WebhookInput, 'event_types'> = {
  display_name: 'Sandbox webhook',
  endpoint_url: 'https://example.com/webhooks/sandbox',
  event_filters: null,
  retry_count: 3,
  timeout_seconds: 30,
};

/** `is_active` of a list query: the SDK sends `true` / `false`; absent or empty means no filter. */
export function isActiveQuery(value: unknown): boolean | null {
  if (value === undefined || value === '') return null;
  if (value === 'true' || value === true) return true;
  if (value === 'false' || value === false) return false;
  throw validationError({ is_active: [MESSAGES.webhookIsActiveQuery] });
}
