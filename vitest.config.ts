import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // examples/ import the package by name, as a partner's suite does: here, its sources.
  resolve: { alias: { 'sent-sim': fileURLToPath(new URL('./src/index.ts', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    // Pact suites run through `npm run contracts:generate|verify` (vitest.contract.config.ts).
    exclude: ['test/contract/**', 'node_modules/**'],
    // Tests create their own app and random tenant keys, so files run in parallel safely.
    // Processes, not threads: the hardening tests read the CPU time a request costs from
    // process.cpuUsage(), which for a thread would count the other workers too.
    pool: 'forks',
    // Test files share a worker's loaded modules (the parsed spec, the compiled ajv schemas): there is no
    // module-level state, so nothing leaks between files, and each file no longer pays ~1 s to load them.
    isolate: false,
    // Vitest's default is one worker per core less one: a single worker on a 2-core machine, where
    // much of the suite waits on child processes, sockets and a browser. Two workers there: npm test
    // 106 s → 70 s, measured on this 2-core machine (user CPU 110 s → 102 s: the time was waiting).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Sized for a loaded 2-core CI machine (issue 25 row 16): beside two busy loops and other work
    // (load average ~13), the slowest test on the default took 18.9 s (alone ~3 s). A timeout
    // only stops a hung test; speed targets live in `npm run bench`.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { PACT_DO_NOT_TRACK: 'true' },
  },
});
