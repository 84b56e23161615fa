import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * `yaml`'s `parse`, loaded on first use: the built simulator reads the spec and the bundled
 * scenarios from JSON written at build time, so YAML costs nothing at start-up unless a user's
 * own scenarios directory (or an unbuilt checkout) needs it.
 */
export function parseYaml(text: string): unknown {
  return (require('yaml') as typeof import('yaml')).parse(text);
}
