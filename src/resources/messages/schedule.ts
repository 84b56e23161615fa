/**
 * When a message goes out (docs/decisions/0066): `scheduled_at` as Sent checks it, and the
 * simulator-only quiet hours. Pure functions of their inputs and an instant (epoch ms on the
 * tenant clock); no Express, no I/O.
 */
import { MESSAGES } from '../../errors/catalog.js';
import { HOUR, sentTimestamp, SECOND } from '../../util/time.js';

/** Sent's window for `scheduled_at` (SDK 0.40.0 send doc): at least a minute, at most 30 days ahead. */
export const MIN_SCHEDULE_AHEAD_MS = 60 * SECOND;
export const MAX_SCHEDULE_AHEAD_MS = 30 * 24 * HOUR;

// An ISO-8601 date-time; the offset group is optional here so that its absence gets its own message.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * The instant an ISO-8601 date-time names, or why it is refused: not a date-time, or no
 * explicit offset (Sent will not read it in the server's zone). Calendar fields are checked, so
 * `2026-02-30` is refused rather than rolled over.
 */
export function readDateTime(value: string): { at: number } | { problem: string } {
  const m = DATE_TIME.exec(value);
  if (!m) return { problem: MESSAGES.scheduledAtFormat };
  const [, y, mo, d, h, mi, s = '0', fraction = '0', offset] = m;
  if (offset === undefined) return { problem: MESSAGES.scheduledAtNoOffset };
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const local = Date.UTC(year, month - 1, day, hour, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3)));
  const back = new Date(local);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return { problem: MESSAGES.scheduledAtFormat };
  }
  const offsetMs = offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
  return { at: local - offsetMs };
}

/** `scheduled_at` as Sent checks it: a date-time with an offset, 60 s to 30 days ahead of `now` (the tenant clock). */
export function parseScheduledAt(value: string, now: number): { at: number } | { problem: string } {
  const read = readDateTime(value);
  if ('problem' in read) return read;
  if (read.at - now < MIN_SCHEDULE_AHEAD_MS) return { problem: MESSAGES.scheduledAtTooSoon(sentTimestamp(now)) };
  if (read.at - now > MAX_SCHEDULE_AHEAD_MS) return { problem: MESSAGES.scheduledAtTooLate(sentTimestamp(now)) };
  return read;
}

/** The tenant setting `quiet_hours` (simulator-only): a daily window in one time zone, `start` inclusive, `end` exclusive. */
export interface QuietHours {
  /** `HH:MM`, 24 h. A window with `start` after `end` runs over midnight; equal times mean no window. */
  start: string;
  end: string;
  /** An IANA zone (`America/New_York`) or `UTC`. */
  time_zone: string;
}

export const QUIET_HOURS_ZONES: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone')];

const TIME_OF_DAY = '^([01][0-9]|2[0-3]):[0-5][0-9]$';

/** The setting's JSON Schema: `null` (off) or the window. Zones are listed, so a misspelt one is refused when set. */
export const QUIET_HOURS_SCHEMA = {
  oneOf: [
    { type: 'null' },
    {
      type: 'object',
      required: ['start', 'end', 'time_zone'],
      additionalProperties: false,
      properties: {
        start: { type: 'string', pattern: TIME_OF_DAY },
        end: { type: 'string', pattern: TIME_OF_DAY },
        // A pattern rather than an enum so the refusal reads as one sentence (catalog FIELD_MESSAGES).
        time_zone: { type: 'string', pattern: `^(${QUIET_HOURS_ZONES.map((z) => z.replace(/[+]/g, '\\+')).join('|')})$` },
      },
    },
  ],
} as const;

/**
 * Where a release at `at` must move to: the end of the quiet-hours window when `at` falls
 * inside it, else null (no window, outside it, or a zone the runtime does not know — an import
 * may carry one). The end is the next instant the zone's clock reads `end`, found by
 * converting that wall time with the zone's offset (twice, for the day an offset changes).
 */
export function quietHoursEnd(quiet: QuietHours | null | undefined, at: number): number | null {
  if (!quiet || quiet.start === quiet.end) return null;
  const parts = wallClock(quiet.time_zone, at);
  if (!parts) return null;
  const minutes = parts.hour * 60 + parts.minute;
  const [start, end] = [minutesOf(quiet.start), minutesOf(quiet.end)];
  const inside = start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
  if (!inside) return null;
  // Over midnight and already past `start`: the window ends tomorrow (local date).
  const dayShift = start > end && minutes >= start ? 1 : 0;
  const guess = Date.UTC(parts.year, parts.month - 1, parts.day + dayShift, Math.floor(end / 60), end % 60);
  let instant = guess - offsetOf(quiet.time_zone, guess);
  instant = guess - offsetOf(quiet.time_zone, instant);
  return instant > at ? instant : null;
}

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(timeZone: string, at: number): WallClock | null {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  } catch {
    return null;
  }
  const parts = format.formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** The zone's offset from UTC at `at`, in ms (wall time read as UTC, minus the instant). */
function offsetOf(timeZone: string, at: number): number {
  const w = wallClock(timeZone, at)!;
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at / SECOND) * SECOND;
}
