/**
 * Request bodies of the messaging surface that the server would accept often enough to build
 * state: the spec types these fields only (the server checks E.164, channels, event types,
 * placeholders), so schema-random values would nearly all be refused. Mixed with schema-random
 * and broken ones by the caller. A template reference is a placeholder (`@template:<n>`) that
 * the command resolves against the model when it runs, so sends name templates that exist.
 */
import fc from 'fast-check';
import type { FuzzModel } from './fuzz-invariants.js';

const TEMPLATE_REF = /^@template:(\d+)$/;

/** Test numbers (docs/guide/messages.md): delivered, read, failed, route denied, filtered, no receipt. */
const NUMBERS = ['+14155550100', '+14155550101', '+14155550150', '+14155550160', '+14155550170', '+14155550180', '+14155550190', '+447911123456'];

/** Mostly `valid`, now and then `invalid`: the server's own checks get exercised without starving the pools. */
const mostly = <T, U>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<U>, odds = 10) =>
  fc.oneof({ weight: odds, arbitrary: valid }, { weight: 1, arbitrary: invalid });

const numberArb = mostly(fc.constantFrom(...NUMBERS), fc.constantFrom('4155550100', '+0', 'x'), 30);
const channelArb = fc.constantFrom('sent', 'sms', 'whatsapp', 'rcs', 'sent', 'sms');

const variable = (id: number, name: string) => ({ id, name, type: 'variable', props: { variableType: 'text', sample: 'John' } });
const content = (text: string, names: string[]) => ({ template: text, variables: names.map((n, i) => variable(i, n)) });

/** Valid definitions of each body kind, and one whose placeholder names no variable. */
const definitionArb = fc.constantFrom(
  { body: { multiChannel: content('Hello {{0:variable}}!', ['name']) } },
  { body: { sms: content('Code {{0:variable}} for {{1:variable}}', ['code', 'name']) } },
  { body: { whatsapp: content('Hi {{0:variable}}, welcome', ['name']), rcs: content('Hi {{0:variable}}', ['name']) } },
  { header: content('Order {{0:variable}}', ['order_id']), body: { multiChannel: content('Shipped, {{1:variable}}', ['x', 'name']) }, footer: { template: 'Reply STOP' } },
  { body: { multiChannel: { template: 'Hi {{7:variable}}' } } },
);

const sendArb = fc.record(
  {
    to: mostly(fc.array(numberArb, { minLength: 1, maxLength: 3 }), fc.constant([])),
    channel: fc.oneof(fc.constant(null), fc.array(mostly(channelArb, fc.constant('fax'), 20), { minLength: 1, maxLength: 2 })),
    template: fc.oneof(
      { weight: 2, arbitrary: fc.constant(null) },
      {
        weight: 2,
        arbitrary: fc.record({
          id: mostly(fc.nat().map((n) => `@template:${n}`), fc.oneof(fc.uuid(), fc.constant(null)), 6),
          parameters: fc.constantFrom({ name: 'Ada' }, { name: 'Ada', code: '123', order_id: '1', x: 'y' }, {}, null),
        }),
      },
    ),
    text: mostly(fc.constantFrom('Your table is ready.', 'Hi ✨'), fc.oneof(fc.constant(null), fc.string({ maxLength: 40 })), 4),
    sandbox: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  },
  { requiredKeys: ['to', 'text'] },
);

const webhookArb = (receiverUrl: string) =>
  fc.record(
    {
      display_name: mostly(fc.constantFrom('Orders', 'Receipts'), fc.constant(' '), 20),
      // Never a real host: the local receiver, or a closed port.
      endpoint_url: mostly(fc.constantFrom(receiverUrl, `${receiverUrl}?webhook=1`, 'http://127.0.0.1:9/refused'), fc.constant('http://127.0.0.1:0/bad-port'), 20),
      event_types: mostly(fc.constantFrom(['message'], ['templates'], ['message', 'templates']), fc.constantFrom([], ['messages']), 20),
      event_filters: mostly(fc.constantFrom(null, { message: ['delivered', 'failed'] }, { message: ['queued', 'sent', 'received'] }), fc.constantFrom({ templates: ['x'] }, { message: [] }), 20),
      retry_count: mostly(fc.integer({ min: 1, max: 5 }), fc.constantFrom(0, 6), 20),
      timeout_seconds: mostly(fc.constantFrom(5, 30, 120), fc.constant(4), 20),
      sandbox: fc.oneof({ weight: 8, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    },
    { requiredKeys: ['display_name', 'endpoint_url', 'event_types'] },
  );

/** Component name → arbitrary, for SchemaArbitraries' `components` option. */
export function messagingComponents(receiverUrl: string): Record<string, fc.Arbitrary<unknown>> {
  return {
    SendMessageRequest: sendArb,
    TemplateDefinition: definitionArb,
    CreateWebhookRequest: webhookArb(receiverUrl),
    UpdateWebhookRequest: webhookArb(receiverUrl),
    CreateContactRequest: fc.record({ phone_number: numberArb, sandbox: fc.constantFrom(false, false, false, true) }, { requiredKeys: ['phone_number'] }),
    TestWebhookRequest: fc.record({ event_type: mostly(fc.constantFrom('message.sent', 'message.delivered', 'message.received', 'templates'), fc.constant('bogus')), sandbox: fc.constantFrom(false, false, true) }, { requiredKeys: ['event_type'] }),
    InviteUserRequest: fc.record({
      email: fc.constantFrom('a@example.com', 'B@example.com', 'c@example.com', 'not-an-email'),
      name: fc.constantFrom('Ada', 'Bo'),
      role: fc.constantFrom('admin', 'developer', 'billing'),
    }),
  };
}

/** Category and language, wherever a template request has them. */
export const templateProperties = {
  category: fc.constantFrom('MARKETING', 'UTILITY', 'AUTHENTICATION', null, 'NEWSLETTER'),
  language: fc.constantFrom('en_US', 'es', null),
};

/** The body with every `@template:<n>` replaced by a template the model knows (or a made-up id). */
export function resolvePlaceholders(body: unknown, model: FuzzModel): unknown {
  if (typeof body === 'string') {
    const n = TEMPLATE_REF.exec(body)?.[1];
    if (n === undefined) return body;
    return model.templates.length > 0 ? model.templates[Number(n) % model.templates.length] : '00000000-0000-4000-8000-0000000000aa';
  }
  if (Array.isArray(body)) return body.map((b) => resolvePlaceholders(b, model));
  if (body !== null && typeof body === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(body)) Object.defineProperty(out, k, { value: resolvePlaceholders(v, model), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return body;
}
