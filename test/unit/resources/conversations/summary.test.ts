import { describe, expect, it } from 'vitest';
import { messageSummary, percent } from '../../../../src/resources/conversations/rules.js';
import type { MessageRecord } from '../../../../src/resources/messages/collection.js';

type M = Pick<MessageRecord, 'created_at' | 'channel' | 'status'>;
const m = (channel: M['channel'], status: M['status'], created_at = '2026-10-01T07:00:00.0000000+00:00'): M => ({ channel, status, created_at });

describe('messageSummary', () => {
  it.each([
    ['nothing', [], { message_count: 0, first_message_at: null, last_message_at: null, channels_used: [], channel_scores: [] }],
    [
      'success states per direction and FAILED',
      [m('sms', 'DELIVERED'), m('sms', 'SENT'), m('sms', 'READ'), m('sms', 'FAILED'), m('whatsapp', 'RECEIVED')],
      { message_count: 5, channels_used: ['sms', 'whatsapp'], channel_scores: [{ channel: 'sms', success_score: 75, fail_score: 25 }, { channel: 'whatsapp', success_score: 100, fail_score: 0 }] },
    ],
    [
      'states that count as neither',
      [m('mms', 'QUEUED'), m('mms', 'FILTERED'), m('mms', 'BLOCKED'), m('mms', 'CANCELLED'), m('mms', 'SCHEDULED'), m('mms', 'DELIVERED')],
      { message_count: 6, channels_used: ['mms'], channel_scores: [{ channel: 'mms', success_score: 16.67, fail_score: 0 }] },
    ],
    [
      'channels in the enum order, whatever the message order',
      [m('mms', 'SENT'), m('rcs', 'SENT'), m('whatsapp', 'SENT'), m('sms', 'SENT')],
      { channels_used: ['sms', 'whatsapp', 'rcs', 'mms'] },
    ],
    ['an unrouted auto-detect message counts, on no channel', [m(null, 'QUEUED')], { message_count: 1, channels_used: [], channel_scores: [] }],
  ])('%s', (_name, messages, expected) => {
    expect(messageSummary('c1', messages)).toMatchObject({ contact_id: 'c1', ...expected });
  });

  it('takes the earliest and latest creation times', () => {
    const s = messageSummary('c1', [m('sms', 'SENT', '2026-10-02T00:00:00.0000000+00:00'), m('sms', 'SENT', '2026-10-01T00:00:00.0000000+00:00'), m('sms', 'SENT', '2026-10-03T00:00:00.0000000+00:00')]);
    expect([s.first_message_at, s.last_message_at]).toEqual(['2026-10-01T00:00:00.0000000+00:00', '2026-10-03T00:00:00.0000000+00:00']);
  });
});

describe('percent', () => {
  it.each([
    [1, 3, 33.33],
    [2, 3, 66.67],
    [0, 0, 0],
    [5, 5, 100],
  ])('%i of %i is %f', (part, whole, expected) => {
    expect(percent(part, whole)).toBe(expected);
  });
});
