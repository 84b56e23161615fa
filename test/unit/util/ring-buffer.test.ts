import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../../src/util/ring-buffer.js';

describe('a ring buffer’s observers', () => {
  it('hear every push, the ones that push an old item out included, and every clear, until they stop', () => {
    const ring = new RingBuffer<number>(2);
    const heard: string[] = [];
    const stop = ring.observe({ push: (n) => heard.push(`push ${n}`), clear: () => heard.push('clear') });
    for (const n of [1, 2, 3]) ring.push(n);
    ring.clear();
    stop();
    ring.push(4);
    expect(heard).toEqual(['push 1', 'push 2', 'push 3', 'clear']);
    expect(ring.toArray()).toEqual([4]);
  });

  it('tells each of several observers, and one without a clear handler is fine', () => {
    const ring = new RingBuffer<string>(5);
    const a: string[] = [];
    const b: string[] = [];
    const stopA = ring.observe({ push: (s) => a.push(s) });
    ring.observe({ push: (s) => b.push(s) });
    ring.push('x');
    stopA();
    ring.push('y');
    ring.clear();
    expect(a).toEqual(['x']);
    expect(b).toEqual(['x', 'y']);
  });
});

describe('a ring buffer bounded in bytes (issue 25 row 6)', () => {
  it('pushes out the oldest items while their weight passes maxBytes, keeping the newest even when it alone does', () => {
    const evicted: number[] = [];
    const ring = new RingBuffer<number>(100, { maxBytes: 10, onEvict: (n) => evicted.push(n) });
    for (const n of [1, 2, 3, 4]) ring.push(n, 3);
    expect(ring.toArray()).toEqual([2, 3, 4]);
    expect(ring.usedBytes).toBe(9);
    ring.push(5, 50);
    expect(ring.toArray()).toEqual([5]);
    expect(evicted).toEqual([1, 2, 3, 4]);
    expect(ring.droppedCount).toBe(4);
  });

  it('numbers every item, so a reader can tell which it missed: at(seq) reads one while it is kept', () => {
    const ring = new RingBuffer<string>(3);
    const seqs: number[] = [];
    ring.observe({ push: (_s, seq) => seqs.push(seq) });
    for (const s of ['a', 'b', 'c', 'd']) ring.push(s);
    expect(seqs).toEqual([0, 1, 2, 3]);
    expect([ring.firstSeq, ring.nextSeq]).toEqual([1, 4]);
    expect([ring.at(0), ring.at(1), ring.at(3), ring.at(4)]).toEqual([undefined, 'b', 'd', undefined]);
    expect(ring.shift()).toBe('b');
    ring.clear();
    expect([ring.firstSeq, ring.nextSeq, ring.size]).toEqual([4, 4, 0]);
    ring.push('e');
    expect(ring.at(4)).toBe('e');
  });
});
