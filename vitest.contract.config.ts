import { defineConfig } from 'vitest/config';

/**
 * The Pact contract suite, apart from the unit and integration tests:
 *   npm run contracts:generate  — consumer tests (test/contract/consumer) rewrite contracts/;
 *   npm run contracts:verify    — provider tests (test/contract/provider) verify the simulator,
 *                                 and prove the contracts fail divergent implementations.
 * Files run one at a time: the consumer files all write the one pact file, and the provider
 * files run Pact's native verifier, which is happier alone.
 */
export default defineConfig({
  test: {
    include: ['test/contract/**/*.test.ts'],
    globalSetup: ['test/contract/global-setup.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    env: { PACT_DO_NOT_TRACK: 'true' },
  },
});
