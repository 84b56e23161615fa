import { MinHeap } from '../util/min-heap.js';

/**
 * A job is data: its kind (the handler a resource module registered for it), when it is due on
 * the tenant's clock, an optional key (at most one pending job per key) and a JSON payload. So
 * pending jobs can be listed, exported and imported like any other state.
 */
export interface Job {
  id: string;
  kind: string;
  /** Due time on the tenant's virtual clock (epoch ms). */
  due_at: number;
  key: string | null;
  payload: unknown;
}

interface Entry {
  job: Job;
  seq: number;
}

const earlier = (a: Entry, b: Entry) => a.job.due_at < b.job.due_at || (a.job.due_at === b.job.due_at && a.seq < b.seq);

/**
 * A tenant's pending jobs, in a min-heap on (due_at, insertion order): jobs run in time order,
 * and jobs due at the same instant run in the order they were scheduled.
 */
export class JobQueue {
  private heap = new MinHeap<Entry>(earlier);
  private keyed?: Map<string, Job>;
  private seq = 0;

  /** Made on first use: most tenants never schedule a keyed job. */
  private get byKey(): Map<string, Job> {
    return (this.keyed ??= new Map());
  }

  get size(): number {
    return this.heap.size;
  }

  hasKey(key: string): boolean {
    return this.keyed?.has(key) ?? false;
  }

  peek(): Job | undefined {
    return this.heap.peek()?.job;
  }

  push(job: Job): void {
    if (job.key !== null) {
      if (this.byKey.has(job.key)) throw new Error(`a job with key ${job.key} is already pending`);
      this.byKey.set(job.key, job);
    }
    this.heap.push({ job, seq: this.seq++ });
  }

  /** Removes and returns the earliest job due at or before `now`. */
  popDue(now: number): Job | undefined {
    const top = this.heap.peek();
    if (!top || top.job.due_at > now) return undefined;
    this.heap.pop();
    if (top.job.key !== null) this.keyed?.delete(top.job.key);
    return top.job;
  }

  /** Every pending job in the order it will run. */
  list(): Job[] {
    return [...this.heap.values()].sort((a, b) => (earlier(a, b) ? -1 : 1)).map((e) => e.job);
  }

  clear(): void {
    this.heap.clear();
    this.keyed = undefined;
  }
}
