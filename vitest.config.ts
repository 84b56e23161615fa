import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Pact suites run through `npm run contracts:generate|verify` (vitest.contract.config.ts).
    exclude: ['test/contract/**', 'node_modules/**'],
    // Tests create their own app and random tenant keys, so files run in parallel safely.
    pool: 'threads',
    // Test files share a worker's loaded modules (the parsed spec, the compiled ajv schemas): there is no
    // module-level state, so nothing leaks between files, and each file no longer pays ~1 s to load them.
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 20_000,
    env: { PACT_DO_NOT_TRACK: 'true' },
  },
});
