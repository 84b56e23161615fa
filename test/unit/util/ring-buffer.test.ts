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
