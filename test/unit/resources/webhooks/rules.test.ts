import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../../src/errors/catalog.js';
import { SimError } from '../../../../src/errors/sim-error.js';
import type { WebhookRecord } from '../../../../src/resources/webhooks/collection.js';
import { EventCatalog } from '../../../../src/events/families.js';
import { allEventFamilies } from '../../../../src/registry.js';
import { receives, validEndpointUrl, webhookFieldProblems, webhookInput as inputWith } from '../../../../src/resources/webhooks/rules.js';

// The event families the modules declare (message, templates, contact), as the webhooks module gets them.
const catalog = new EventCatalog(allEventFamilies());
const FAMILIES = catalog.familyNames();
const FILTERABLE = catalog.families.filter((f) => f.sub_types.length > 0).map((f) => f.name);
const webhookInput = (body: Parameters<typeof inputWith>[0]) => inputWith(body, catalog);

const base = { display_name: 'Hooks', endpoint_url: 'https://example.com/hook', event_types: ['message'] };

function thrown(fn: () => unknown): SimError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SimError) return err;
    throw err;
  }
  throw new Error('expected a SimError');
}

describe('validEndpointUrl', () => {
  it.each([
    ['https://example.com/hook', true],
    ['http://127.0.0.1:8080', true],
    ['http://localhost:65535/x?y=1', true],
    ['https://example.com:0/hook', false],
    ['https://example.com:65536/hook', false],
    ['ftp://example.com', false],
    ['not a url', false],
    ['https://', false],
  ])('%s → %s', (url, valid) => expect(validEndpointUrl(url)).toBe(valid));
});

describe('webhookFieldProblems', () => {
  it.each([
    [{ ...base }, {}],
    [{ ...base, endpoint_url: 'https://example.com:0/x' }, { endpoint_url: [MESSAGES.webhookUrlInvalid] }],
    // The scheme is the schema's to report; this check leaves it alone.
    [{ ...base, endpoint_url: 'ftp://example.com' }, {}],
    [{ ...base, display_name: '  ' }, { display_name: [MESSAGES.webhookDisplayNameBlank] }],
    [{ ...base, display_name: 'x'.repeat(256) }, { display_name: [MESSAGES.webhookDisplayNameLong] }],
    [{ display_name: 42, endpoint_url: null }, {}],
    ['not an object', {}],
    // A host the targets' policy refuses (docs/decisions/0046); the refusal's words are the policy's.
    [{ ...base, endpoint_url: 'http://169.254.169.254/latest' }, { endpoint_url: [MESSAGES.targetRefused('a link-local address')] }],
  ])('%j → %j', (body, problems) =>
    expect(webhookFieldProblems(body, (url) => (new URL(url).hostname.startsWith('169.254.') ? 'a link-local address' : null))).toEqual(problems),
  );
});

describe('webhookInput', () => {
  it('fills the defaults and dedupes', () => {
    expect(webhookInput({ ...base, event_types: ['templates', 'message', 'templates'], event_filters: { message: ['read', 'read'] } })).toEqual({
      display_name: 'Hooks',
      endpoint_url: 'https://example.com/hook',
      event_types: ['templates', 'message'],
      event_filters: { message: ['read'] },
      retry_count: 3,
      timeout_seconds: 30,
    });
  });

  it.each([
    [{ event_types: [] }, 'VALIDATION_006', { event_types: [MESSAGES.webhookEventTypesEmpty(FAMILIES)] }],
    [{ event_types: ['messages'] }, 'VALIDATION_006', { 'event_types[0]': [MESSAGES.webhookEventTypeUnknown(FAMILIES)] }],
    // A sub-type is subscribable; a made-up one, or a "sub-type" of a family without any, is not.
    [{ event_types: ['message.delivered', 'message.teleported', 'templates.approved'] }, 'VALIDATION_006', {
      'event_types[1]': [MESSAGES.webhookEventTypeUnknown(FAMILIES)],
      'event_types[2]': [MESSAGES.webhookEventTypeUnknown(FAMILIES)],
    }],
    [{ event_filters: { templates: ['approved'] } }, 'VALIDATION_006', { 'event_filters.templates': [MESSAGES.webhookFilterFamily(FILTERABLE)] }],
    [{ event_filters: { message: [] } }, 'VALIDATION_006', { 'event_filters.message': [MESSAGES.webhookFilterEmpty] }],
    [{ retry_count: 0 }, 'VALIDATION_005', { retry_count: [MESSAGES.webhookRetryCount] }],
    [{ retry_count: 6, timeout_seconds: 4 }, 'VALIDATION_005', { retry_count: [MESSAGES.webhookRetryCount], timeout_seconds: [MESSAGES.webhookTimeout] }],
    [{ timeout_seconds: 121 }, 'VALIDATION_005', { timeout_seconds: [MESSAGES.webhookTimeout] }],
    // Enum problems are reported before range problems.
    [{ event_types: ['x'], retry_count: 9 }, 'VALIDATION_006', { 'event_types[0]': [MESSAGES.webhookEventTypeUnknown(FAMILIES)] }],
  ])('%j → %s', (overrides, code, details) => {
    const error = thrown(() => webhookInput({ ...base, ...overrides }));
    expect(error.code).toBe(code);
    expect(error.details).toEqual(details);
  });

  it('takes families and sub-types side by side, as given', () => {
    expect(webhookInput({ ...base, event_types: ['contact.opt_out', 'message', 'message.delivered', 'contact.opt_out'] }).event_types).toEqual(['contact.opt_out', 'message', 'message.delivered']);
  });

  it('accepts the range limits', () => {
    expect(webhookInput({ ...base, retry_count: 1, timeout_seconds: 120 })).toMatchObject({ retry_count: 1, timeout_seconds: 120 });
    expect(webhookInput({ ...base, retry_count: 5, timeout_seconds: 5 })).toMatchObject({ retry_count: 5, timeout_seconds: 5 });
  });
});

describe('receives', () => {
  const ORG = 'org-id';
  const P1 = 'profile-1';
  const hook = (overrides: Partial<WebhookRecord>): WebhookRecord => ({
    id: 'w',
    profile_id: null,
    display_name: 'x',
    endpoint_url: 'https://example.com',
    signing_secret: 'whsec_',
    is_active: true,
    event_types: ['message', 'templates'],
    event_filters: null,
    retry_count: 3,
    timeout_seconds: 30,
    last_delivery_attempt_at: null,
    last_successful_delivery_at: null,
    consecutive_failures: 0,
    created_at: '',
    updated_at: null,
    ...overrides,
  });
  const sent = (account_id: string, name = 'message.sent') => ({ account_id, family: name.split('.')[0]!, name });

  it.each([
    ['an org webhook, an org event', hook({}), sent(ORG), true],
    ['an org webhook, a profile event', hook({}), sent(P1), true],
    ['a profile webhook, its profile event', hook({ profile_id: P1 }), sent(P1), true],
    ['a profile webhook, an org event', hook({ profile_id: P1 }), sent(ORG), false],
    ['a profile webhook, another profile event', hook({ profile_id: P1 }), sent('profile-2'), false],
    ['an inactive webhook', hook({ is_active: false }), sent(ORG), false],
    ['an unsubscribed family', hook({ event_types: ['templates'] }), sent(ORG), false],
    ['a templates event', hook({ event_types: ['templates'] }), sent(ORG, 'templates'), true],
    ['a filter that lists the suffix', hook({ event_filters: { message: ['sent'] } }), sent(ORG), true],
    ['a filter that does not', hook({ event_filters: { message: ['delivered'] } }), sent(ORG), false],
    ['a message filter, a templates event', hook({ event_filters: { message: ['delivered'] } }), sent(ORG, 'templates'), true],
    // Sub-types (docs/decisions/0061): the event itself, not its siblings; a filter does not narrow it.
    ['a sub-type, that event', hook({ event_types: ['message.delivered'] }), sent(ORG, 'message.delivered'), true],
    ['a sub-type, a sibling event', hook({ event_types: ['message.delivered'] }), sent(ORG, 'message.sent'), false],
    ['a sub-type, another family', hook({ event_types: ['contact.opt_out'] }), sent(ORG, 'contact.opt_in'), false],
    ['a sub-type beside a filter that leaves it out', hook({ event_types: ['message', 'message.read'], event_filters: { message: ['delivered'] } }), sent(ORG, 'message.read'), true],
    ['a sub-type of a profile webhook, an org event', hook({ profile_id: P1, event_types: ['message.sent'] }), sent(ORG), false],
    ['an inactive webhook, its sub-type', hook({ is_active: false, event_types: ['message.sent'] }), sent(ORG), false],
  ])('%s → %s', (_label, webhook, event, expected) => expect(receives(webhook, event)).toBe(expected));
});
