import { MAX_TIMESTAMP_MS } from '../util/time.js';

/** The latest instant a tenant clock may show: the end of year 9999 (docs/decisions/0022). */
export const MAX_CLOCK_MS = MAX_TIMESTAMP_MS;

/**
 * A tenant's virtual clock: real time plus an offset that only `clock/advance` moves forward
 * (and a reset returns to zero). Advancing it never moves other tenants' clocks.
 */
export class TenantClock {
  private offsetMs = 0;

  constructor(private readonly realNow: () => number) {}

  now(): number {
    return this.realNow() + this.offsetMs;
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** How far this clock may still move before it would pass year 9999. */
  get headroomMs(): number {
    return MAX_CLOCK_MS - this.now();
  }

  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('The clock only moves forward');
    if (ms > this.headroomMs) throw new RangeError('The clock cannot pass year 9999');
    this.offsetMs += ms;
    return this.now();
  }

  /** Back to real time (reset). */
  reset(): void {
    this.offsetMs = 0;
  }
}
