/**
 * Webhook rules as pure functions (docs/decisions/0015, 0016): what a create or PUT body must
 * hold, and which webhooks an event goes to. No Express, no I/O.
 */
import type { SentEvent } from '../../events/bus.js';
import { suffixOf, type EventCatalog } from '../../events/families.js';
import { MESSAGES } from '../../errors/catalog.js';
import { simError, type ErrorDetails } from '../../errors/sim-error.js';
import type { components } from '../../generated/sent-v3.js';
import type { EventFilters, WebhookRecord } from './collection.js';

type WebhookRequest = components['schemas']['CreateWebhookRequest'];

/** The mutable fields of a webhook, checked and with their defaults (create and PUT alike). */
export interface WebhookInput {
  display_name: string;
  endpoint_url: string;
  event_types: string[];
  event_filters: EventFilters | null;
  retry_count: number;
  timeout_seconds: number;
}

export const DEFAULT_RETRY_COUNT = 3;
export const DEFAULT_TIMEOUT_SECONDS = 30;
/** Ten failed events in a row turn a webhook off (rest §10.5). */
export const AUTO_DISABLE_AFTER = 10;

/** http(s), a host, a port in 1–65535 (WHATWG's parser already refuses ports above 65535). */
export function validEndpointUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && url.port !== '0';
}

/**
 * `VALIDATION_001` problems the schema cannot express, reported with the schema's in one answer
 * (the operation's `check`): the URL's host and port, a host `--webhook-targets` refuses
 * (`refuseTarget`, docs/decisions/0046), a blank or over-long display name. Tolerates any body:
 * wrong types are the schema's to report.
 */
export function webhookFieldProblems(body: unknown, refuseTarget: (url: string) => string | null): ErrorDetails {
  const problems: ErrorDetails = {};
  if (typeof body !== 'object' || body === null) return problems;
  const { display_name: name, endpoint_url: url } = body as Record<string, unknown>;
  if (typeof url === 'string' && /^https?:\/\/[^/?#]+/.test(url)) {
    const refused = validEndpointUrl(url) ? refuseTarget(url) : null;
    if (!validEndpointUrl(url)) problems.endpoint_url = [MESSAGES.webhookUrlInvalid];
    else if (refused !== null) problems.endpoint_url = [MESSAGES.targetRefused(refused)];
  }
  if (typeof name === 'string' && name.length > 0 && name.trim() === '') problems.display_name = [MESSAGES.webhookDisplayNameBlank];
  if (typeof name === 'string' && name.length > 255) problems.display_name = [MESSAGES.webhookDisplayNameLong];
  return problems;
}

/**
 * A schema-valid body → the webhook's fields, or the first class of problem with every field of
 * it: event types that are neither a declared family nor one of its sub-types (or none) and bad
 * filters (`400 VALIDATION_006`), then `retry_count` and `timeout_seconds` out of range
 * (`400 VALIDATION_005`). Only a family with sub-types can be filtered, by their suffixes
 * (docs/decisions/0026). Fields left out take their defaults (PUT replaces: a PUT without
 * `event_filters` clears them).
 */
export function webhookInput(body: WebhookRequest, catalog: EventCatalog): WebhookInput {
  const enums: ErrorDetails = {};
  const types: string[] = body.event_types ?? [];
  if (types.length === 0) enums.event_types = [MESSAGES.webhookEventTypesEmpty(catalog.familyNames())];
  types.forEach((t, i) => {
    if (!catalog.isSubscribable(t)) enums[`event_types[${i}]`] = [MESSAGES.webhookEventTypeUnknown(catalog.familyNames())];
  });
  let filters: EventFilters | null = null;
  for (const [name, suffixes] of Object.entries(body.event_filters ?? {})) {
    const family = catalog.family(name);
    if (!family || family.sub_types.length === 0) {
      enums[`event_filters.${name}`] = [MESSAGES.webhookFilterFamily(catalog.families.filter((f) => f.sub_types.length > 0).map((f) => f.name))];
      continue;
    }
    const known = family.sub_types.map((s) => s.suffix);
    if (suffixes.length === 0) enums[`event_filters.${name}`] = [MESSAGES.webhookFilterEmpty];
    suffixes.forEach((s, i) => {
      if (!known.includes(s)) enums[`event_filters.${name}[${i}]`] = [MESSAGES.webhookFilterUnknown(known)];
    });
    filters = { ...(filters ?? {}), [name]: [...new Set(suffixes)] };
  }
  if (Object.keys(enums).length > 0) throw simError('VALIDATION_006', { details: enums });

  const ranges: ErrorDetails = {};
  const retry = body.retry_count ?? DEFAULT_RETRY_COUNT;
  const timeout = body.timeout_seconds ?? DEFAULT_TIMEOUT_SECONDS;
  if (retry < 1 || retry > 5) ranges.retry_count = [MESSAGES.webhookRetryCount];
  if (timeout < 5 || timeout > 120) ranges.timeout_seconds = [MESSAGES.webhookTimeout];
  if (Object.keys(ranges).length > 0) throw simError('VALIDATION_005', { details: ranges });

  return {
    display_name: body.display_name,
    endpoint_url: body.endpoint_url,
    event_types: [...new Set(types)],
    event_filters: filters,
    retry_count: retry,
    timeout_seconds: timeout,
  };
}

/**
 * Routing (docs/decisions/0016, 0061): an event goes to every active webhook of the account that
 * produced it — and of the organization, whose webhooks also see its profiles' events — that
 * names the event itself (`message.delivered`), or subscribes to its family and, when it filters
 * that family, lists the event's suffix. A filter narrows the family subscription only: a
 * sub-type named in `event_types` is received whatever the filter says.
 */
export function receives(webhook: WebhookRecord, event: Pick<SentEvent, 'account_id' | 'family' | 'name'>): boolean {
  if (!webhook.is_active) return false;
  if (webhook.profile_id !== null && webhook.profile_id !== event.account_id) return false;
  if (event.name !== event.family && webhook.event_types.includes(event.name)) return true;
  if (!webhook.event_types.includes(event.family)) return false;
  const filter = webhook.event_filters && Object.hasOwn(webhook.event_filters, event.family) ? webhook.event_filters[event.family] : undefined;
  return filter === undefined || filter.includes(suffixOf(event));
}
