// Preloaded into the sent-sim child by bench/memory.mjs and bench/capacity.mjs only
// (`node --expose-gc --import …`): SIGUSR2 runs a full garbage collection, so that RSS is read
// with the same (no) garbage before and after a fill, then writes one line to stderr,
// `bench-gc {json}`, with V8's heap figures after that GC (bench/capacity.mjs reads it: RSS
// alone includes the young generation's committed pages, which V8 sizes by recent allocation
// rate, not by what is retained). The simulator itself is unchanged; users never run this.
import v8 from 'node:v8';

process.on('SIGUSR2', () => {
  globalThis.gc?.();
  globalThis.gc?.();
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, { committed: s.physical_space_size, used: s.space_used_size }]));
  const heap = v8.getHeapStatistics();
  const mem = process.memoryUsage();
  const line = {
    rss: mem.rss,
    heapUsed: heap.used_heap_size,
    heapCommitted: heap.total_physical_size,
    external: mem.external,
    arrayBuffers: mem.arrayBuffers,
    newSpaceCommitted: spaces.new_space?.committed ?? 0,
    spaces,
  };
  process.stderr.write(`bench-gc ${JSON.stringify(line)}\n`);
});
