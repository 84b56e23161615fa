import { describe, expect, it } from 'vitest';
import { EventCatalog } from '../../../../src/events/families.js';
import { allEventFamilies } from '../../../../src/registry.js';

// The event families the modules declare (message, templates): names and order keys are theirs.
const catalog = new EventCatalog(allEventFamilies());
const isEventName = (name: unknown) => catalog.isEventName(name);
const orderKeyOf = (payload: Record<string, unknown>) => catalog.families.map((f) => f.orderKey(payload)).find((key) => key !== null) ?? null;

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
