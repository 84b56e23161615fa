import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PACT_DIR } from '../../src/verify/constants.js';

/**
 * `npm run contracts:generate` rewrites the pact files rather than merging into them: Pact merges
 * interactions into an existing file, so one removed from a test would otherwise live on. The
 * files are cleared only when the run asks for the consumer tests by path (as the npm script
 * does), never for a provider run, which needs them.
 */
export default function setup(): void {
  const consumerRun = process.argv.slice(2).some((arg) => arg.replace(/\\/g, '/').includes('test/contract/consumer'));
  if (!consumerRun) return;
  for (const name of readdirSync(DEFAULT_PACT_DIR)) {
    if (name.endsWith('.json')) rmSync(join(DEFAULT_PACT_DIR, name));
  }
}
