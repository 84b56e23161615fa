/**
 * Sent's timestamps are .NET DateTimeOffset strings: 7 fractional digits and `+00:00`
 * (docs/decisions/0001), e.g. `2026-05-21T12:05:03.7544606+00:00`. JavaScript has milliseconds,
 * so the last four digits carry a sub-millisecond tick taken from the high-resolution timer.
 */
export function sentTimestamp(epochMs: number, subMsTicks = 0): string {
  const iso = new Date(Math.floor(epochMs)).toISOString(); // 2026-05-21T12:05:03.754Z
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
  return `${new Date(Math.floor(epochMs)).toISOString().slice(0, 19)}Z`;
}
