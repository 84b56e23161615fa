import { describe, expect, it } from 'vitest';
import { consentEvent, consentKeyword, optOutAfter } from '../../../../src/resources/contacts/consent.js';
import { newContact } from '../../../../src/resources/contacts/collection.js';
import { CONTACT_FAMILY } from '../../../../src/resources/contacts/event-family.js';
import { createRandom } from '../../../../src/util/random.js';

describe('consentKeyword', () => {
  it('matches the whole trimmed text, any case (decisions §7, §14)', () => {
    expect(['STOP', ' stop\n', 'Cancel', 'unsubscribe', 'QUIT', 'end'].map(consentKeyword)).toEqual(Array(6).fill('opt_out'));
    expect(['START', 'unstop', 'Subscribe'].map(consentKeyword)).toEqual(Array(3).fill('opt_in'));
    expect(['HELP', ' info '].map(consentKeyword)).toEqual(['help', 'help']);
    expect(['Please stop', 'STOP!', 'HELP ME', '', null, undefined].map(consentKeyword)).toEqual(Array(6).fill(null));
  });
});

describe('optOutAfter', () => {
  it.each([
    ['opt_out', false, true],
    ['opt_out', true, true],
    ['opt_in', true, false],
    ['help', true, true],
    ['help', false, false],
    ['custom_keyword', true, true],
  ] as const)('%s on opt_out %s → %s', (signal, current, expected) => expect(optOutAfter(signal, current)).toBe(expected));
});

describe('consentEvent', () => {
  const random = createRandom(7);
  const contact = { ...newContact('acct', '+14155550100', '+14155550100', { random, now: 0 }), opt_out: true };
  const base = { signal: 'opt_out' as const, contact, accountId: 'acct', channel: 'sms', to: '+15550000000', templateId: null, at: Date.UTC(2026, 4, 21), scenario: null, requestId: 'req_AbCdEfGh12' };

  it('names every key Sent’s ContactEventPayload always has, and orders behind the inbound message', () => {
    const event = consentEvent({ ...base, source: 'INBOUND_KEYWORD', message: { id: 'm-1', text: 'STOP' } });
    expect(event).toMatchObject({ family: 'contact', name: 'contact.opt_out', order_key: 'm-1', request_id: 'req_AbCdEfGh12' });
    expect(event.payload).toEqual({
      account_id: 'acct',
      channel: 'sms',
      contact_id: contact.id,
      from: '+14155550100',
      message_id: 'm-1',
      opt_out: true,
      source: 'INBOUND_KEYWORD',
      template_id: null,
      text: 'STOP',
      to: '+15550000000',
    });
    expect(CONTACT_FAMILY.orderKey(event.payload)).toBe(event.order_key);
  });

  it('has no message and no text for a provider signal, and orders by the contact', () => {
    const event = consentEvent({ ...base, source: 'PROVIDER_SIGNAL', message: null });
    expect(event.payload).toMatchObject({ message_id: null, text: null, source: 'PROVIDER_SIGNAL' });
    expect(event.order_key).toBe(contact.id);
    expect(CONTACT_FAMILY.orderKey(event.payload)).toBe(contact.id);
  });
});
