import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import { messagingApp } from './helpers.js';

const T = MESSAGES.templateOrText;

/** Each body, the code of the one answer and its complete `details` (every failing field at once). */
const CASES: Array<{ title: string; body: object; code: keyof typeof ERROR_CATALOG; details: Record<string, string[]> }> = [
  { title: 'no `to`', body: { text: 'Hi' }, code: 'VALIDATION_004', details: { to: [MESSAGES.noRecipient] } },
  { title: 'an empty `to`', body: { to: [], text: 'Hi' }, code: 'VALIDATION_004', details: { to: [MESSAGES.noRecipient] } },
  { title: 'a number that is not E.164', body: { to: ['+14155550100', '4155550101'], text: 'Hi' }, code: 'VALIDATION_002', details: { 'to[1]': [MESSAGES.recipientNotE164] } },
  {
    title: 'several bad numbers',
    body: { to: ['+0123456789', '+1415', '+14155550100'], text: 'Hi' },
    code: 'VALIDATION_002',
    details: { 'to[0]': [MESSAGES.recipientNotE164], 'to[1]': [MESSAGES.recipientNotE164] },
  },
  { title: 'an unknown channel', body: { to: ['+14155550100'], channel: ['sms', 'fax'], text: 'Hi' }, code: 'VALIDATION_006', details: { 'channel[1]': [MESSAGES.channelNotSupported] } },
  { title: 'neither template nor text', body: { to: ['+14155550100'] }, code: 'VALIDATION_001', details: { template: [T], text: [T] } },
  { title: 'null template and null text', body: { to: ['+14155550100'], template: null, text: null }, code: 'VALIDATION_001', details: { template: [T], text: [T] } },
  { title: 'a template with neither id nor name', body: { to: ['+14155550100'], template: { parameters: {} } }, code: 'VALIDATION_001', details: { template: [MESSAGES.templateRefEmpty] } },
  { title: 'a text over 4,096 characters', body: { to: ['+14155550100'], text: 'x'.repeat(4097) }, code: 'VALIDATION_001', details: { text: [MESSAGES.messageTextTooLong(4096)] } },
  {
    title: 'a bad number and an unknown channel (different codes: the general one)',
    body: { to: ['nope'], channel: ['pigeon'], text: 'Hi' },
    code: 'VALIDATION_001',
    details: { 'to[0]': [MESSAGES.recipientNotE164], 'channel[0]': [MESSAGES.channelNotSupported] },
  },
  {
    title: 'no recipient and neither template nor text',
    body: { channel: ['sms'] },
    code: 'VALIDATION_001',
    details: { to: [MESSAGES.noRecipient], template: [T], text: [T] },
  },
  {
    title: 'a schema failure beside a rule failure',
    body: { to: ['+1415'], text: 42 },
    code: 'VALIDATION_001',
    details: { 'to[0]': [MESSAGES.recipientNotE164], text: ['The text field must be of type string or null'] },
  },
];

describe('POST /v3/messages validation', () => {
  for (const { title, body, code, details } of CASES) {
    it(`answers ${code} for ${title}, listing every failing field`, async () => {
      const { c } = messagingApp();
      const res = await c.post('/v3/messages', body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ success: false, data: null, error: { code, message: ERROR_CATALOG[code].message } });
      expect(res.body.error.details).toEqual(details);
    });
  }

  it('answers VALIDATION_001 for more than 1,000 recipients', async () => {
    const { c } = messagingApp();
    const to = Array.from({ length: 1001 }, (_, i) => `+1415555${String(i).padStart(4, '0')}`);
    const res = await c.post('/v3/messages', { to, text: 'Hi' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', details: { to: [expect.stringContaining('1000')] } });
  });

  it('changes nothing when it refuses a send', async () => {
    const { c, control, events } = messagingApp();
    const before = await control.export();
    for (const body of CASES.map((k) => k.body)) expect((await c.post('/v3/messages', body)).status).toBe(400);
    const { exported_at: _a, ...after } = await control.export();
    const { exported_at: _b, ...was } = before;
    expect(after).toEqual(was);
    expect((await control.tenant()).totals).toMatchObject({ messages: 0, contacts: 0, pending_jobs: 0 });
    await control.advance(60);
    expect(events).toEqual([]);
  });
});
