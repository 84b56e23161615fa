import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../../src/errors/catalog.js';
import { parseScheduledAt, quietHoursEnd, readDateTime } from '../../../../src/resources/messages/schedule.js';
import { sentTimestamp } from '../../../../src/util/time.js';

const NOW = Date.UTC(2026, 9, 1, 7, 0, 0);

describe('readDateTime', () => {
  it.each([
    ['2026-10-01T09:00:00+02:00', Date.UTC(2026, 9, 1, 7)],
    ['2026-10-01T07:00:00Z', Date.UTC(2026, 9, 1, 7)],
    ['2026-10-01T07:00Z', Date.UTC(2026, 9, 1, 7)],
    ['2026-10-01T02:00:00.5-05:00', Date.UTC(2026, 9, 1, 7, 0, 0, 500)],
    ['2026-10-01T07:00:00.1234567+00:00', Date.UTC(2026, 9, 1, 7, 0, 0, 123)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('reads %s', (value, at) => {
    expect(readDateTime(value)).toEqual({ at });
  });

  it.each([
    ['2026-10-01T07:00:00', MESSAGES.scheduledAtNoOffset],
    ['2026-10-01T07:00', MESSAGES.scheduledAtNoOffset],
    ['2026-10-01', MESSAGES.scheduledAtFormat],
    ['2026-02-29T00:00:00Z', MESSAGES.scheduledAtFormat],
    ['2026-13-01T00:00:00Z', MESSAGES.scheduledAtFormat],
    ['2026-10-01T24:00:00Z', MESSAGES.scheduledAtFormat],
    ['2026-10-01 07:00:00Z', MESSAGES.scheduledAtFormat],
    ['next tuesday', MESSAGES.scheduledAtFormat],
  ])('refuses %s', (value, problem) => {
    expect(readDateTime(value)).toEqual({ problem });
  });
});

describe('parseScheduledAt', () => {
  it.each([
    [60_000, true],
    [59_999, false],
    [30 * 86_400_000, true],
    [30 * 86_400_000 + 1, false],
    [-1000, false],
  ])('%i ms ahead of the tenant clock is accepted: %s', (ahead, accepted) => {
    const result = parseScheduledAt(new Date(NOW + ahead).toISOString(), NOW);
    expect('at' in result).toBe(accepted);
  });

  it('names the tenant clock’s now in the refusal', () => {
    expect(parseScheduledAt(new Date(NOW).toISOString(), NOW)).toEqual({ problem: MESSAGES.scheduledAtTooSoon(sentTimestamp(NOW)) });
    expect(parseScheduledAt(new Date(NOW + 31 * 86_400_000).toISOString(), NOW)).toEqual({ problem: MESSAGES.scheduledAtTooLate(sentTimestamp(NOW)) });
  });
});

describe('quietHoursEnd', () => {
  const utc = (h: number, m = 0, day = 1) => Date.UTC(2026, 9, day, h, m);
  it.each([
    ['inside a daytime window', { start: '09:00', end: '17:00', time_zone: 'UTC' }, utc(12), utc(17)],
    ['at its start (inclusive)', { start: '09:00', end: '17:00', time_zone: 'UTC' }, utc(9), utc(17)],
    ['at its end (exclusive)', { start: '09:00', end: '17:00', time_zone: 'UTC' }, utc(17), null],
    ['outside it', { start: '09:00', end: '17:00', time_zone: 'UTC' }, utc(8, 59), null],
    ['over midnight, before midnight', { start: '21:00', end: '08:00', time_zone: 'UTC' }, utc(23), utc(8, 0, 2)],
    ['over midnight, after midnight', { start: '21:00', end: '08:00', time_zone: 'UTC' }, utc(3), utc(8)],
    ['equal start and end: no window', { start: '08:00', end: '08:00', time_zone: 'UTC' }, utc(8), null],
    // New York is UTC-4 in October: 22:00 local = 02:00Z the next day; 08:00 local = 12:00Z.
    ['in New York', { start: '21:00', end: '08:00', time_zone: 'America/New_York' }, utc(2, 0, 2), utc(12, 0, 2)],
    ['an unknown zone (an import may carry one): none', { start: '00:00', end: '23:00', time_zone: 'Nowhere/Atlantis' }, utc(12), null],
  ])('%s', (_name, quiet, at, end) => {
    expect(quietHoursEnd(quiet, at)).toBe(end);
  });

  it('ends at the local time on the day the clocks change', () => {
    // Europe/Berlin leaves summer time on 2026-10-25 (03:00 CEST → 02:00 CET). A window 22:00–08:00
    // entered at 23:00 CEST on the 24th ends at 08:00 CET on the 25th = 07:00Z.
    const at = Date.UTC(2026, 9, 24, 21, 0);
    expect(quietHoursEnd({ start: '22:00', end: '08:00', time_zone: 'Europe/Berlin' }, at)).toBe(Date.UTC(2026, 9, 25, 7, 0));
    // And on the day summer time starts (2026-03-29, 02:00 CET → 03:00 CEST): 08:00 CEST = 06:00Z.
    expect(quietHoursEnd({ start: '22:00', end: '08:00', time_zone: 'Europe/Berlin' }, Date.UTC(2026, 2, 28, 22, 0))).toBe(Date.UTC(2026, 2, 29, 6, 0));
  });

  it('is off without a setting', () => {
    expect(quietHoursEnd(null, NOW)).toBeNull();
  });
});
