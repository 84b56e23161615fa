import { describe, expect, it } from 'vitest';
import { EventCatalog } from '../../../../src/events/families.js';
import { allEventFamilies } from '../../../../src/registry.js';
import { eventBody } from '../../../../src/resources/webhooks/events.js';

// The event families the modules declare (message, templates): names and order keys are theirs.
const catalog = new EventCatalog(allEventFamilies());
const isEventName = (name: unknown) => catalog.isEventName(name);
const orderKeyOf = (payload: Record<string, unknown>) => catalog.families.map((f) => f.orderKey(payload)).find((key) => key !== null) ?? null;

const at = Date.UTC(2026, 4, 21, 12, 5, 3, 754);

describe('eventBody', () => {
  const message = { family: 'message' as const, name: 'message.delivered', at, payload: { message_id: 'm' } };

  it.each([
    ['event', '{"field":"message","event":"message.delivered","timestamp":"2026-05-21T12:05:03Z","payload":{"message_id":"m"}}'],
    ['sub_type', '{"field":"message","sub_type":"message.delivered","timestamp":"2026-05-21T12:05:03Z","payload":{"message_id":"m"}}'],
    ['both', '{"field":"message","event":"message.delivered","sub_type":"message.delivered","timestamp":"2026-05-21T12:05:03Z","payload":{"message_id":"m"}}'],
  ] as const)('names a message event under %s', (key, text) => expect(eventBody(message, key)).toBe(text));

  it('gives template events neither key', () => {
    expect(eventBody({ family: 'templates', name: 'templates', at, payload: {} }, 'both')).toBe('{"field":"templates","timestamp":"2026-05-21T12:05:03Z","payload":{}}');
  });
});

describe('event names and order keys', () => {
  it.each([
    ['message.queued', true],
    ['message.received', true],
    ['templates', true],
    ['message', false],
    ['message.processed', false],
    ['templates.approved', false],
    [42, false],
  ])('%s is an event name: %s', (name, expected) => expect(isEventName(name)).toBe(expected));

  it('orders by message id, else template id', () => {
    expect(orderKeyOf({ message_id: 'm', template_id: 't' })).toBe('m');
    expect(orderKeyOf({ template_id: 't' })).toBe('t');
    expect(orderKeyOf({})).toBeNull();
  });
});
