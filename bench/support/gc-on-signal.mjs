// Preloaded into the sent-sim child by bench/memory.mjs only (`node --expose-gc --import …`):
// SIGUSR2 runs a full garbage collection, so that RSS is read with the same (no) garbage before
// and after a fill. The simulator itself is unchanged; users never run this.
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  globalThis.gc?.();
});
