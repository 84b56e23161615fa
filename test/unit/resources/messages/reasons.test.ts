import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../../src/errors/catalog.js';
import type { MessageFate } from '../../../../src/resources/messages/collection.js';
import { EVENT_BODY_MAX, eventBodyText, failureReason } from '../../../../src/resources/messages/reasons.js';
import { decideFate, type FateFacts } from '../../../../src/resources/messages/rules.js';

const R = MESSAGES.messageReasons;

describe('failureReason', () => {
  it.each<[string, MessageFate, { reason_code: string; reason: string } | null]>([
    ['delivered', { end: 'delivered', description: null }, null],
    ['read', { end: 'read', description: null }, null],
    ['no receipt', { end: 'undelivered', description: null }, null],
    ['opted out', { end: 'filtered', description: MESSAGES.consentBlocked }, { reason_code: 'BUSINESS_004', reason: R.BUSINESS_004 }],
    ['not an active sender', { end: 'blocked', description: MESSAGES.senderNotActive }, { reason_code: 'BUSINESS_029', reason: R.BUSINESS_029 }],
    ['template leg not approved', { end: 'blocked', description: MESSAGES.templateNotApproved }, { reason_code: 'BUSINESS_005', reason: R.BUSINESS_005 }],
    ['no body for the channel', { end: 'blocked', description: MESSAGES.templateNotOnChannel }, { reason_code: 'BUSINESS_012', reason: R.BUSINESS_012 }],
    ['WhatsApp window closed', { end: 'blocked', description: MESSAGES.whatsappWindowClosed }, { reason_code: 'BUSINESS_007', reason: R.BUSINESS_007 }],
    ['a parameter missing', { end: 'invalid', description: MESSAGES.templateParamsInvalid }, { reason_code: 'VALIDATION_008', reason: R.VALIDATION_008 }],
    ['no route', { end: 'route_denied', description: MESSAGES.routeDenied }, { reason_code: 'DELIVERY_007', reason: R.DELIVERY_007 }],
    ['carrier rejection', { end: 'failed', description: MESSAGES.carrierRejected }, { reason_code: 'DELIVERY_001', reason: R.DELIVERY_001 }],
    // A user's own description: the sentence, under the end's code, or the code it names.
    ['a number outcome’s description', { end: 'failed', description: 'Handset switched off' }, { reason_code: 'DELIVERY_001', reason: 'Handset switched off' }],
    ['a coded description', { end: 'blocked', description: 'BUSINESS_003: balance too low' }, { reason_code: 'BUSINESS_003', reason: 'balance too low' }],
    ['an older snapshot without a description', { end: 'filtered', description: null }, { reason_code: 'BUSINESS_004', reason: R.BUSINESS_004 }],
  ])('%s', (_label, fate, expected) => expect(failureReason(fate)).toEqual(expected));

  it('has a code for every terminal fate the gating rules decide', () => {
    const facts: FateFacts = { channel: 'sms', senderActive: true, optedOut: false, template: null, windowOpen: false, missingParameters: false, number: null, plan: {} };
    const fates = [
      decideFate({ ...facts, senderActive: false }),
      decideFate({ ...facts, optedOut: true }),
      decideFate({ ...facts, template: { leg: 'PENDING', channels: ['sms'] } }),
      decideFate({ ...facts, template: { leg: 'APPROVED', channels: ['whatsapp'] } }),
      decideFate({ ...facts, channel: 'whatsapp' }),
      decideFate({ ...facts, missingParameters: true }),
      decideFate({ ...facts, number: { outcome: 'failed', description: null } }),
      decideFate({ ...facts, number: { outcome: 'route_denied', description: null } }),
    ];
    expect(fates.map((f) => failureReason(f)?.reason_code)).toEqual(['BUSINESS_029', 'BUSINESS_004', 'BUSINESS_005', 'BUSINESS_012', 'BUSINESS_007', 'VALIDATION_008', 'DELIVERY_001', 'DELIVERY_007']);
  });
});

describe('eventBodyText', () => {
  it('keeps a body up to 3,072 characters, cuts a longer one there, and says null for none', () => {
    expect(eventBodyText('Hi')).toBe('Hi');
    expect(eventBodyText('x'.repeat(EVENT_BODY_MAX))).toHaveLength(3072);
    expect(eventBodyText('y'.repeat(4000))).toBe('y'.repeat(3072));
    expect(eventBodyText(null)).toBeNull();
    expect(eventBodyText(undefined)).toBeNull();
  });

  it('counts characters, never cutting one in two', () => {
    const cut = eventBodyText('😀'.repeat(3100))!;
    expect(Array.from(cut)).toHaveLength(3072);
    expect(cut).toBe('😀'.repeat(3072));
  });
});
