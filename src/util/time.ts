/**
 * The last instant a four-digit year can write: the end of year 9999. Tenant clocks stop there
 * (docs/decisions/0022); a timestamp past it (a job due later than the clock may go) is written
 * as this instant rather than as an expanded `+010000-…` year no client parses.
 */
export const MAX_TIMESTAMP_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * Sent's timestamps are .NET DateTimeOffset strings: 7 fractional digits and `+00:00`
 * (docs/decisions/0001), e.g. `2026-05-21T12:05:03.7544606+00:00`. JavaScript has milliseconds,
 * so the last four digits carry a sub-millisecond tick taken from the high-resolution timer.
 */
export function sentTimestamp(epochMs: number, subMsTicks = 0): string {
  const iso = new Date(clampMs(epochMs)).toISOString(); // 2026-05-21T12:05:03.754Z
  const ticks = String(Math.max(0, Math.min(9999, Math.floor(subMsTicks)))).padStart(4, '0');
  return `${iso.slice(0, 23)}${ticks}+00:00`;
}

/** Parses a Sent-style timestamp back to epoch milliseconds. */
export function parseSentTimestamp(value: string): number {
  return Date.parse(value.replace(/(\.\d{3})\d+/, '$1'));
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

/**
 * Webhook event bodies carry `yyyy-MM-ddTHH:mm:ssZ` (docs/decisions/0011, rest §10.2): UTC,
 * whole seconds, a `Z`, unlike resource timestamps.
 */
export function eventTimestamp(epochMs: number): string {
  return `${new Date(clampMs(epochMs)).toISOString().slice(0, 19)}Z`;
}

/** Epoch ms within what a four-digit ISO year writes (non-finite → the epoch, never a throw). */
function clampMs(epochMs: number): number {
  if (!Number.isFinite(epochMs)) return 0;
  return Math.min(MAX_TIMESTAMP_MS, Math.max(0, Math.floor(epochMs)));
}
