// Preloaded into the simulator by scripts/issue-15-figures.mjs only (`node --expose-gc --import …`):
// SIGUSR2 runs a full garbage collection and prints what the process still holds, as one JSON
// line on stderr, so retained memory is read without garbage (RSS alone keeps freed pages).
// The simulator itself is unchanged; users never run this.
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  globalThis.gc?.();
  const m = process.memoryUsage();
  const mib = (n) => Math.round((n / 1024 / 1024) * 10) / 10;
  process.stderr.write(`${JSON.stringify({ heap_probe: true, heapUsedMiB: mib(m.heapUsed), externalMiB: mib(m.external), rssMiB: mib(m.rss) })}\n`);
});
