/**
 * A tenant's virtual clock: real time plus an offset that only ever grows
 * (decisions §5). Advancing it never moves other tenants' clocks.
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

  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('The clock only moves forward');
    this.offsetMs += ms;
    return this.now();
  }
}
