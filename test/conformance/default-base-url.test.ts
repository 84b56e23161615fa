import SentDm from '@sentdm/sentdm';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

// The SDK's own tests talk to a Prism mock at http://127.0.0.1:4010 (TEST_API_BASE_URL's
// default). `npm start` must serve exactly there, so the SDK works against the simulator with
// no flag and no configuration (docs/decisions/0010). Port 4010 is never bound here: it may be taken.
const SDK_TEST_BASE_URL = 'http://127.0.0.1:4010';
const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = `${root}dist/cli.js`;

/** `sent-sim serve --help` of the build `npm start` runs, with commander's line wrapping undone. */
function serveHelp(): string {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` (npm start builds it first, via prestart)');
  const { PORT: _port, ...env } = process.env;
  return execFileSync(process.execPath, [cli, 'serve', '--help'], { env, encoding: 'utf8', timeout: 10_000 }).replace(/\s+/g, ' ');
}

describe('the SDK’s default test base URL works with `npm start` unchanged', () => {
  it('starts `node dist/cli.js serve` with no port or host of its own, after a build', () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe('node dist/cli.js serve');
    // prestart builds dist/ only when it is stale (scripts/ensure-built.mjs), so a start after install is fast.
    expect(pkg.scripts.prestart).toBe('node scripts/ensure-built.mjs');
  });

  it('serves on port 4010 and host 127.0.0.1 by default, the SDK test base URL', () => {
    const help = serveHelp();
    const port = /--port <port> .*?\(default: (\d+), env: PORT\)/.exec(help)?.[1];
    const host = /--host <host> .*?\(default: "([^"]+)"\)/.exec(help)?.[1];
    expect({ port, host }).toEqual({ port: '4010', host: '127.0.0.1' });
    expect(`http://${host}:${port}`).toBe(SDK_TEST_BASE_URL);
  });

  it('lists the default address first among the spec’s servers', () => {
    const spec = parseYaml(readFileSync(`${root}spec/sent-v3.yaml`, 'utf8')) as { servers: Array<{ url: string }> };
    expect(spec.servers[0]?.url).toBe(SDK_TEST_BASE_URL);
  });

  it('points an unchanged SDK at it through SENT_BASE_URL, as the SDK documents', () => {
    const previous = process.env.SENT_BASE_URL;
    process.env.SENT_BASE_URL = SDK_TEST_BASE_URL;
    try {
      expect(new SentDm({ apiKey: 'sk_test_demo_admin' }).baseURL).toBe(SDK_TEST_BASE_URL);
    } finally {
      if (previous === undefined) delete process.env.SENT_BASE_URL;
      else process.env.SENT_BASE_URL = previous;
    }
  });
});
