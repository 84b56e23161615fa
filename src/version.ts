import { readFileSync } from 'node:fs';

/** The package version, read once (used in the CLI and the callback User-Agent). */
export const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
