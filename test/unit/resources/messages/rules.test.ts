import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../../src/errors/catalog.js';
import { autoRoute, decideFate, magicOutcome, sendValidationCode, simulatorNumber, whatsappWindowOpen, type FateFacts } from '../../../../src/resources/messages/rules.js';
import type { TemplateRecord } from '../../../../src/resources/templates/collection.js';
import { sentTimestamp } from '../../../../src/util/time.js';

const delivered: FateFacts = { channel: 'sms', senderActive: true, optedOut: false, template: null, windowOpen: false, missingParameters: false, number: null, plan: {} };

describe('decideFate', () => {
  const cases: Array<[string, Partial<FateFacts>, string, string | null]> = [
    ['a plain sms', {}, 'delivered', null],
    ['an inactive sender, even opted out', { senderActive: false, optedOut: true }, 'blocked', MESSAGES.senderNotActive],
    ['an opted-out contact, even with a DRAFT template', { optedOut: true, template: { leg: null, channels: ['sms'] } }, 'filtered', MESSAGES.consentBlocked],
    ['a number that filters', { number: { outcome: 'filtered', description: null } }, 'filtered', MESSAGES.consentBlocked],
    ['a DRAFT template (no legs) on sms', { template: { leg: null, channels: ['sms'] } }, 'blocked', MESSAGES.templateNotApproved],
    ['an approved sms leg', { template: { leg: 'APPROVED', channels: ['sms', 'whatsapp', 'rcs'] } }, 'delivered', null],
    ['a PENDING leg on sms (a resubmission)', { template: { leg: 'PENDING', channels: ['sms'] } }, 'blocked', MESSAGES.templateNotApproved],
    ['a PENDING whatsapp leg', { channel: 'whatsapp', template: { leg: 'PENDING', channels: ['sms', 'whatsapp', 'rcs'] } }, 'blocked', MESSAGES.templateNotApproved],
    ['a PAUSED leg', { channel: 'whatsapp', template: { leg: 'PAUSED', channels: ['sms', 'whatsapp', 'rcs'] } }, 'blocked', MESSAGES.templateNotApproved],
    ['a REJECTED leg on rcs', { channel: 'rcs', template: { leg: 'REJECTED', channels: ['rcs'] } }, 'blocked', MESSAGES.templateNotApproved],
    ['a template without a body for the channel', { channel: 'rcs', template: { leg: null, channels: ['sms'] } }, 'blocked', MESSAGES.templateNotOnChannel],
    ['free text on whatsapp, window closed', { channel: 'whatsapp' }, 'blocked', MESSAGES.whatsappWindowClosed],
    ['free text on whatsapp, window open', { channel: 'whatsapp', windowOpen: true }, 'delivered', null],
    ['a missing parameter', { template: { leg: 'APPROVED', channels: ['sms'] }, missingParameters: true }, 'invalid', MESSAGES.templateParamsInvalid],
    ['a failing number', { number: { outcome: 'failed', description: null } }, 'failed', MESSAGES.carrierRejected],
    ['a failing number with its description', { number: { outcome: 'failed', description: 'Handset off' } }, 'failed', 'Handset off'],
    ['a route-denied number', { number: { outcome: 'route_denied', description: null } }, 'route_denied', MESSAGES.routeDenied],
    ['a read number on sms', { number: { outcome: 'read', description: null } }, 'delivered', null],
    ['a read number on rcs', { channel: 'rcs', number: { outcome: 'read', description: null } }, 'read', null],
    ['a scenario over the number', { number: { outcome: 'failed', description: 'x' }, plan: { outcome: 'undelivered' } }, 'undelivered', null],
    ['a blocking scenario', { plan: { outcome: 'blocked', description: 'BUSINESS_029: no' } }, 'blocked', 'BUSINESS_029: no'],
  ];
  for (const [title, facts, end, description] of cases) {
    it(`${end} for ${title}`, () => {
      expect(decideFate({ ...delivered, ...facts })).toEqual({ end, description });
    });
  }
});

describe('sendValidationCode', () => {
  it('uses the fields’ own code when they share one, else VALIDATION_001', () => {
    expect(sendValidationCode({ to: [MESSAGES.noRecipient] })).toBe('VALIDATION_004');
    expect(sendValidationCode({ 'to[0]': [MESSAGES.recipientNotE164], 'to[3]': [MESSAGES.recipientNotE164] })).toBe('VALIDATION_002');
    expect(sendValidationCode({ 'channel[1]': [MESSAGES.channelNotSupported] })).toBe('VALIDATION_006');
    expect(sendValidationCode({ 'to[0]': [MESSAGES.recipientNotE164], 'channel[1]': [MESSAGES.channelNotSupported] })).toBe('VALIDATION_001');
    expect(sendValidationCode({ 'to[0]': [MESSAGES.recipientNotE164], text: ['The text field must be of type string'] })).toBe('VALIDATION_001');
  });
});

describe('magic numbers', () => {
  it('recognise +1 NPA 555-0150 … 0190 only', () => {
    expect(['+14155550150', '+12125550160', '+14155550170', '+14155550180', '+14155550190'].map(magicOutcome)).toEqual(['read', 'failed', 'route_denied', 'filtered', 'undelivered']);
    expect(['+14155550100', '+14155550140', '+14155550151', '+441555550150', '+14155560150'].map(magicOutcome)).toEqual([null, null, null, null, null]);
  });
});

describe('autoRoute', () => {
  /** A template whose whatsapp leg is at `whatsapp` (its status says otherwise: the leg decides). */
  const template = (whatsapp: 'APPROVED' | 'PENDING') => ({ status: 'APPROVED', legs: { whatsapp: { status: whatsapp, reason: null, updated_at: '' } } }) as TemplateRecord;
  it('takes whatsapp only when the contact has it and the template’s whatsapp leg (or the window) allows it', () => {
    expect(autoRoute('sms,whatsapp', template('APPROVED'), ['sms', 'whatsapp'], false)).toBe('whatsapp');
    expect(autoRoute('sms,whatsapp', template('APPROVED'), ['sms'], false)).toBe('sms');
    expect(autoRoute('sms,whatsapp', template('PENDING'), ['sms', 'whatsapp'], true)).toBe('sms');
    expect(autoRoute('sms', template('APPROVED'), ['sms', 'whatsapp'], true)).toBe('sms');
    expect(autoRoute('sms,whatsapp', null, [], true)).toBe('whatsapp');
    expect(autoRoute('sms,whatsapp', null, [], false)).toBe('sms');
  });
});

describe('whatsappWindowOpen', () => {
  it('is open for 24 h after the last inbound whatsapp message', () => {
    const at = Date.UTC(2026, 4, 21, 12);
    expect(whatsappWindowOpen(null, at)).toBe(false);
    expect(whatsappWindowOpen(sentTimestamp(at), at + 24 * 3600_000 - 1)).toBe(true);
    expect(whatsappWindowOpen(sentTimestamp(at), at + 24 * 3600_000)).toBe(false);
  });
});

describe('simulatorNumber', () => {
  it('is stable per account, shared by sms and rcs, and a fictional +1555 number', () => {
    const a = simulatorNumber('acc-1', 'sms');
    expect(a).toMatch(/^\+1555\d{7}$/);
    expect(simulatorNumber('acc-1', 'sms')).toBe(a);
    expect(simulatorNumber('acc-1', 'rcs')).toBe(a);
    expect(simulatorNumber('acc-1', 'whatsapp')).not.toBe(a);
    expect(simulatorNumber('acc-2', 'sms')).not.toBe(a);
  });
});
