import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { StreamWriter, type StreamLogs } from '../../../src/control/stream-writer.js';
import { RingBuffer } from '../../../src/util/ring-buffer.js';

/** A response whose reader takes nothing until `drain()`: what it was sent, and what waits unsent. */
function stalledResponse() {
  let unsent: string[] = [];
  const read: string[] = [];
  const res = {
    writableEnded: false,
    destroyed: false,
    get writableLength() {
      return unsent.reduce((sum, t) => sum + t.length, 0);
    },
    write(text: string) {
      unsent.push(text);
      return true;
    },
  };
  return {
    res: res as unknown as ServerResponse,
    unsentBytes: () => res.writableLength,
    /** The reader takes everything sent so far; the events it got, by name and data. */
    drain() {
      read.push(...unsent);
      unsent = [];
      return read.map((block) => ({ event: /^event: (.*)$/m.exec(block)![1]!, data: JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as unknown }));
    },
  };
}

function logs(size: number): StreamLogs & Record<'requests' | 'deliveries' | 'clock', { ring: RingBuffer<unknown> }> {
  return {
    requests: { ring: new RingBuffer<unknown>(size), event: 'request', view: (x) => x },
    deliveries: { ring: new RingBuffer<unknown>(size), event: 'delivery', view: (x) => x },
    clock: { ring: new RingBuffer<unknown>(size), event: 'clock', view: (x) => x },
  };
}

function follow(writer: StreamWriter, l: StreamLogs) {
  for (const name of ['requests', 'deliveries', 'clock'] as const) {
    l[name].ring.observe({ push: (_item, seq) => writer.enqueue(name, seq, seq + 1), clear: () => writer.note({ cleared: name }) });
  }
}

describe('a stream’s writer (issue 25 row 6: the SSE backlog was written whole, +1.1 GB in 8 s)', () => {
  it('holds at most its buffer for a reader that stops reading, then skips what the logs dropped meanwhile with one resync event (issue 25 row 6)', () => {
    const l = logs(10);
    const out = stalledResponse();
    const writer = new StreamWriter(out.res, l, 100, () => {});
    follow(writer, l);
    writer.note({ ready: () => ({ now: 'then' }) });
    for (let n = 0; n < 50; n++) l.requests.ring.push({ n, pad: 'x'.repeat(40) });
    // What it wrote before the buffer filled: an entry or two; nothing else is copied or held.
    expect(out.unsentBytes()).toBeLessThan(100 + 80);
    const first = out.drain();
    const sent = first.filter((e) => e.event === 'request').length;
    expect(first[0]!.event).toBe('ready');
    expect(sent).toBeGreaterThanOrEqual(1);
    writer.pump();
    const events = out.drain();
    expect(events[first.length]).toEqual({ event: 'resync', data: { dropped: { requests: 40 - sent, deliveries: 0, clock: 0 } } });
    // Then the newest entries, in order, as the reader keeps reading.
    let all = events;
    for (let i = 0; i < 20; i++) {
      writer.pump();
      all = out.drain();
    }
    const requests = all.filter((e) => e.event === 'request').map((e) => (e.data as { n: number }).n);
    expect(requests).toEqual([...Array.from({ length: sent }, (_, n) => n), 40, 41, 42, 43, 44, 45, 46, 47, 48, 49]);
    expect(all.filter((e) => e.event === 'resync')).toHaveLength(1);
  });

  it('sends a backlog and live entries of several logs in the order they were recorded, and a cleared log without counting it as missed', () => {
    const l = logs(100);
    l.requests.ring.push({ r: 1 });
    l.clock.ring.push({ c: 1 });
    const out = stalledResponse();
    const writer = new StreamWriter(out.res, l, 1_000_000, () => {});
    follow(writer, l);
    writer.enqueue('requests', l.requests.ring.firstSeq, l.requests.ring.nextSeq);
    writer.enqueue('clock', l.clock.ring.firstSeq, l.clock.ring.nextSeq);
    writer.note({ ready: () => ({}) });
    l.deliveries.ring.push({ d: 1 });
    l.requests.ring.push({ r: 2 });
    l.requests.ring.clear();
    l.requests.ring.push({ r: 3 });
    expect(out.drain()).toEqual([
      { event: 'request', data: { r: 1 } },
      { event: 'clock', data: { c: 1 } },
      { event: 'ready', data: {} },
      { event: 'delivery', data: { d: 1 } },
      { event: 'request', data: { r: 2 } },
      { event: 'cleared', data: { log: 'requests' } },
      { event: 'request', data: { r: 3 } },
    ]);
  });
});
