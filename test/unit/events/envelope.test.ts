import { describe, expect, it } from 'vitest';
import { eventEnvelope } from '../../../src/events/envelope.js';

const at = Date.UTC(2026, 4, 21, 12, 5, 3, 754);

describe('eventEnvelope', () => {
  const message = { family: 'message', name: 'message.delivered', at, request_id: 'req_AbCdEfGh12', payload: { message_id: 'm' } };

  it.each([
    ['event', '{"field":"message","event":"message.delivered","timestamp":"2026-05-21T12:05:03Z","request_id":"req_AbCdEfGh12","payload":{"message_id":"m"}}'],
    ['sub_type', '{"field":"message","sub_type":"message.delivered","timestamp":"2026-05-21T12:05:03Z","request_id":"req_AbCdEfGh12","payload":{"message_id":"m"}}'],
    [
      'both',
      '{"field":"message","event":"message.delivered","sub_type":"message.delivered","timestamp":"2026-05-21T12:05:03Z","request_id":"req_AbCdEfGh12","payload":{"message_id":"m"}}',
    ],
  ] as const)('names a message event under %s, with the request that started it', (key, text) => expect(eventEnvelope(message, key)).toBe(text));

  it('gives an event of a family without sub-types neither key, and request_id null when no request started it', () => {
    expect(eventEnvelope({ family: 'templates', name: 'templates', at, payload: {} }, 'both')).toBe('{"field":"templates","timestamp":"2026-05-21T12:05:03Z","request_id":null,"payload":{}}');
    expect(eventEnvelope({ family: 'templates', name: 'templates', at, request_id: null, payload: {} })).toBe(
      '{"field":"templates","timestamp":"2026-05-21T12:05:03Z","request_id":null,"payload":{}}',
    );
  });

  it('spells a sub-type of any family the same way (contact.opt_out)', () => {
    const body = JSON.parse(eventEnvelope({ family: 'contact', name: 'contact.opt_out', at, payload: { opt_out: true } })) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['field', 'event', 'timestamp', 'request_id', 'payload']);
    expect(body).toMatchObject({ field: 'contact', event: 'contact.opt_out', request_id: null });
  });
});
