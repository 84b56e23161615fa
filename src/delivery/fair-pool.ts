/** Thrown by `FairPool.run` when an attempt that may only wait `maxWaitMs` did not get a slot in time. */
export class PoolBusyError extends Error {
  override name = 'PoolBusyError';
}

export interface FairPoolOptions {
  /** Attempts in flight at once, all tenants together (it bounds the sockets). */
  total: number;
  /** Attempts of one tenant in flight at once, when it is alone. */
  perTenant: number;
  /** Attempts a tenant may always start while a slot is free, however busy the others are. */
  guaranteed: number;
  /** The last slots, kept for tenants holding fewer than `guaranteed`. */
  reserve: number;
}

interface Waiting {
  start: () => void;
  /** Set when the attempt stopped waiting (`maxWaitMs`): it is skipped. */
  gone: boolean;
}

/** One tenant's attempts: how many are in flight, and those waiting, oldest first. */
interface Lane {
  active: number;
  waiting: Waiting[];
  /** Index of the oldest waiting attempt (the array is compacted when half of it is done). */
  head: number;
}

/**
 * The slots of outbound attempts, shared fairly between tenants (issue 25 row 3,
 * docs/decisions/0045):
 *
 * - at most `total` attempts in flight, all tenants together;
 * - a tenant holds at most its share: `perTenant`, shrunk to an equal part of the unreserved
 *   slots while other tenants have attempts in flight or waiting, never below `guaranteed`;
 * - the last `reserve` slots go only to tenants holding fewer than `guaranteed`, so tenants
 *   whose receivers hang cannot fill the pool: another tenant's first attempts start at once;
 * - a freed slot goes to the waiting tenants in turn (round robin), each its oldest attempt first.
 *
 * A share that shrinks never cuts an attempt in flight: a tenant above it starts nothing new
 * until it is back under. Idle tenants cost nothing here (their lane is dropped).
 */
export class FairPool {
  private readonly lanes = new Map<string, Lane>();
  /** Tenants with waiting attempts, in the order they get their next turn (a Set keeps insertion order). */
  private readonly turns = new Set<string>();
  private active = 0;

  constructor(private readonly options: FairPoolOptions) {}

  /** Attempts in flight, all tenants together. */
  get activeCount(): number {
    return this.active;
  }

  /** Attempts in flight and waiting for one tenant. */
  counts(tenantId: string): { active: number; waiting: number } {
    const lane = this.lanes.get(tenantId);
    const waiting = lane ? lane.waiting.slice(lane.head).filter((w) => !w.gone).length : 0;
    return { active: lane?.active ?? 0, waiting };
  }

  /** The most attempts one tenant may hold now. */
  share(): number {
    const { total, perTenant, guaranteed, reserve } = this.options;
    const tenants = Math.max(1, this.lanes.size);
    return Math.max(guaranteed, Math.min(perTenant, Math.floor((total - reserve) / tenants)));
  }

  /**
   * Runs `fn` once the tenant has a slot. With `maxWaitMs`, an attempt still waiting then is
   * given up: it rejects with `PoolBusyError` and `fn` never runs.
   */
  run<T>(tenantId: string, fn: () => Promise<T>, maxWaitMs?: number): Promise<T> {
    const lane = this.lane(tenantId);
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const entry: Waiting = {
        gone: false,
        start: () => {
          if (timer) clearTimeout(timer);
          lane.active++;
          this.active++;
          let running: Promise<T>;
          try {
            running = fn();
          } catch (err) {
            running = Promise.reject(err instanceof Error ? err : new Error(String(err)));
          }
          running
            .then(resolve, reject)
            .finally(() => {
              lane.active--;
              this.active--;
              this.dropIfIdle(tenantId, lane);
              this.dispatch();
            });
        },
      };
      // Straight in when the tenant has nothing waiting and may start one (nobody it would pass
      // may: every freed slot was already offered to the waiting tenants).
      if (this.nextWaiting(lane) === undefined && this.mayStart(lane)) {
        entry.start();
        return;
      }
      if (maxWaitMs !== undefined) {
        timer = setTimeout(() => {
          entry.gone = true;
          this.dropIfIdle(tenantId, lane);
          // One tenant fewer may mean a larger share for the others.
          this.dispatch();
          reject(new PoolBusyError(`no delivery slot within ${maxWaitMs} ms`));
        }, maxWaitMs);
        timer.unref();
      }
      this.turns.add(tenantId);
      lane.waiting.push(entry);
    });
  }

  private lane(tenantId: string): Lane {
    let lane = this.lanes.get(tenantId);
    if (!lane) {
      lane = { active: 0, waiting: [], head: 0 };
      this.lanes.set(tenantId, lane);
    }
    return lane;
  }

  private mayStart(lane: Lane): boolean {
    const { total, guaranteed, reserve } = this.options;
    if (this.active >= total || lane.active >= this.share()) return false;
    return lane.active < guaranteed || this.active < total - reserve;
  }

  /** Gives free slots to the waiting tenants in turn, until none of them may start one. */
  private dispatch(): void {
    let passed = 0;
    while (this.turns.size > 0 && passed < this.turns.size && this.active < this.options.total) {
      const tenantId = this.turns.values().next().value!;
      this.turns.delete(tenantId);
      const lane = this.lanes.get(tenantId);
      const next = lane ? this.nextWaiting(lane) : undefined;
      if (!lane || !next) {
        if (lane) this.dropIfIdle(tenantId, lane);
        continue;
      }
      if (!this.mayStart(lane)) {
        // Not its turn while it holds its share: to the back of the line.
        this.turns.add(tenantId);
        passed++;
        continue;
      }
      passed = 0;
      lane.head++;
      this.compact(lane);
      next.start();
      if (this.nextWaiting(lane)) this.turns.add(tenantId);
    }
  }

  /** The oldest attempt of the lane still waiting (skipping those that gave up). */
  private nextWaiting(lane: Lane): Waiting | undefined {
    while (lane.head < lane.waiting.length && lane.waiting[lane.head]!.gone) lane.head++;
    this.compact(lane);
    return lane.waiting[lane.head];
  }

  private compact(lane: Lane): void {
    if (lane.head > 64 && lane.head * 2 > lane.waiting.length) {
      lane.waiting.splice(0, lane.head);
      lane.head = 0;
    }
  }

  private dropIfIdle(tenantId: string, lane: Lane): void {
    if (lane.active === 0 && !this.nextWaiting(lane) && this.lanes.get(tenantId) === lane) this.lanes.delete(tenantId);
  }
}
