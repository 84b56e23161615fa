/** Work a tenant's clock will run: completions, TCR reviews, callback retries. */
export type JobKind = 'completion' | 'tcr-review' | 'callback-retry';

export interface Job {
  id: string;
  kind: JobKind;
  /** Due time on the tenant's virtual clock (epoch ms). */
  dueAt: number;
  /** At most one pending job per key (e.g. one completion per profile). */
  key?: string;
  profileId?: string;
  /** Runs the job at its due time; a returned promise is outbound I/O (a callback delivery). */
  run: (dueAt: number) => void | Promise<unknown>;
}

/**
 * A tenant's pending jobs as a binary min-heap on (dueAt, insertion order), so jobs run in time
 * order and jobs due at the same instant run in the order they were scheduled.
 */
export class JobQueue {
  private heap: Array<Job & { seq: number }> = [];
  private keyed?: Map<string, Job>;

  /** Made on first use: an empty Map is ~200 B a tenant, and most tenants never complete a profile. */
  private get byKey(): Map<string, Job> {
    return (this.keyed ??= new Map());
  }
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  hasKey(key: string): boolean {
    return this.byKey.has(key);
  }

  peek(): Job | undefined {
    return this.heap[0];
  }

  push(job: Job): void {
    if (job.key !== undefined) {
      if (this.byKey.has(job.key)) throw new Error(`a job with key ${job.key} is already pending`);
      this.byKey.set(job.key, job);
    }
    this.heap.push({ ...job, seq: this.seq++ });
    this.up(this.heap.length - 1);
  }

  /** Removes and returns the earliest job due at or before `now`. */
  popDue(now: number): Job | undefined {
    const top = this.heap[0];
    if (!top || top.dueAt > now) return undefined;
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    if (top.key !== undefined) this.byKey.delete(top.key);
    return top;
  }

  list(): Job[] {
    return [...this.heap].sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq);
  }

  clear(): void {
    this.heap = [];
    this.byKey.clear();
  }

  private before(a: number, b: number): boolean {
    const x = this.heap[a]!;
    const y = this.heap[b]!;
    return x.dueAt < y.dueAt || (x.dueAt === y.dueAt && x.seq < y.seq);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) return;
      [this.heap[i], this.heap[parent]] = [this.heap[parent]!, this.heap[i]!];
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.heap.length && this.before(l, m)) m = l;
      if (r < this.heap.length && this.before(r, m)) m = r;
      if (m === i) return;
      [this.heap[i], this.heap[m]] = [this.heap[m]!, this.heap[i]!];
      i = m;
    }
  }
}
