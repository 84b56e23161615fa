// `npm start` and `npm install` (prepare): builds dist/ only when it is missing or older than
// what it is built from (src/, spec/, scenarios/, the tsconfigs), so a start after a fresh
// install does not rebuild. `npm run build` always builds.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const STAMP = 'dist/.build-stamp';
const SOURCES = ['src', 'spec', 'scenarios', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build-assets.mjs', 'package.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
const changed = Math.max(...SOURCES.map(newest));
if (built >= changed) {
  process.exit(0);
}
console.error(built === 0 ? 'sent-sim: building dist/ (first run)…' : 'sent-sim: sources changed since the last build, rebuilding dist/…');
execFileSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
