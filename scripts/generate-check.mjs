// Fails when src/generated/ is stale: regenerates into a temp dir and compares byte for byte.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const committed = 'src/generated/sent-v3.ts';
const dir = mkdtempSync(join(tmpdir(), 'sent-sim-gen-'));
const fresh = join(dir, 'sent-v3.ts');
try {
  execFileSync(process.execPath, ['node_modules/openapi-typescript/bin/cli.js', 'spec/sent-v3.yaml', '-o', fresh], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let current = '';
  try {
    current = readFileSync(committed, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== readFileSync(fresh, 'utf8')) {
    console.error(`${committed} is stale: run \`npm run generate\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${committed} is up to date with spec/sent-v3.yaml.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
