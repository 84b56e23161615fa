/**
 * Issue 15 rows 8 and 11, and a newcomer's first minutes: the real `sent-sim serve` process,
 * started from the sources (test/support/ts-register.mjs). SIGTERM lets in-flight requests
 * finish and exits 0; usage errors are one line; an empty admin token is refused; a public
 * host without a token warns; an exception nothing caught is logged and survived.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '../../src/store/tenants.js';
import { capturingLogger, client, testApp } from '../support/app.js';
import { closedPort } from '../support/listen.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const started: ChildProcess[] = [];

// A fresh clone has no transpiled sources yet (test/support/ts-hooks.mjs): fill the cache once,
// so the CLIs started together below do not each load TypeScript and transpile every file.
beforeAll(async () => {
  const warm = spawn(process.execPath, ['--import', './test/support/ts-register.mjs', '--input-type=module', '-e', "await import('./src/cli-serve.ts')"], { cwd: ROOT, stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => warm.on('exit', resolve));
  expect(code).toBe(0);
}, 120_000);
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

interface Cli {
  child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** The JSON log lines so far. */
  lines(): Array<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the URL once the server logs that it listens. */
  listening(): Promise<string>;
}

function cli(args: string[], preload: string[] = []): Cli {
  const { PORT: _port, SENT_SIM_ADMIN_TOKEN: _token, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', './test/support/ts-register.mjs', ...preload.flatMap((p) => ['--import', p]), 'src/cli.ts', ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const lines = () =>
    output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return {
    child,
    output: () => output,
    lines,
    exited,
    listening: async () => {
      for (let i = 0; i < 600; i++) {
        const line = lines().find((l) => typeof l.url === 'string');
        if (line) return line.url as string;
        if (child.exitCode !== null) throw new Error(`the CLI exited: ${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the CLI did not start: ${output}`);
    },
  };
}

describe('usage errors (issue 15 row 11)', () => {
  it('answers a bad flag, a bad value, an unknown command, an empty admin token and a busy port with one line each, exit 1 (issue 15 row 11)', async () => {
    const busy = createNetServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const busyPort = (busy.address() as { port: number }).port;
    try {
      const cases: Array<[string[], RegExp]> = [
        [['serve', '--prot', '5'], /^error: unknown option '--prot' \(Did you mean --port\?\)/],
        [['serve', '--port', 'abc'], /^error: .*--port must be a whole number from 0 to 65535/],
        [['serve', '--max-tenants', '0'], /^error: .*--max-tenants must be a whole number from 1/],
        [['frobnicate'], /^error: unknown command 'frobnicate'; the commands are serve, scenarios, verify/],
        [['serve', '--admin-token', '', '--port', '0'], /^error: --admin-token \(or SENT_SIM_ADMIN_TOKEN\) must not be empty/],
        [['serve', '--admin-token', '   ', '--port', '0'], /^error: --admin-token \(or SENT_SIM_ADMIN_TOKEN\) must not be empty/],
        [['serve', '--port', String(busyPort), '--log-format', 'json'], new RegExp(`^error: port ${busyPort} on 127\\.0\\.0\\.1 is already in use`)],
      ];
      const runs = cases.map(([args]) => cli(args));
      const results = await Promise.all(runs.map(async (run) => ({ ...(await run.exited), output: run.output() })));
      results.forEach((result, i) => {
        const [args, pattern] = cases[i]!;
        const label = `sent-sim ${args.join(' ')}`;
        expect(result.code, label).toBe(1);
        expect(result.output.trim().split('\n'), label).toHaveLength(1);
        expect(result.output.trim(), label).toMatch(pattern);
      });
    } finally {
      busy.close();
    }
  }, 60_000);

  it('warns when it listens on a public interface without an admin token, and not with one (issue 15 row 11)', async () => {
    const open = cli(['serve', '--host', '0.0.0.0', '--port', '0', '--log-format', 'json', '--no-demo']);
    const guarded = cli(['serve', '--host', '0.0.0.0', '--port', '0', '--log-format', 'json', '--no-demo', '--admin-token', 's3cret']);
    await Promise.all([open.listening(), guarded.listening()]);
    const warning = (run: Cli) => run.lines().find((l) => l.level === 40 && /without --admin-token/.test(String(l.msg)));
    // The warning is written just after the line that says where it listens: on a loaded machine
    // it can arrive in a later chunk, so it is waited for (the guarded one is read after that).
    for (let i = 0; i < 100 && !warning(open); i++) await new Promise((r) => setTimeout(r, 100));
    expect(warning(open)).toMatchObject({ host: '0.0.0.0' });
    expect(warning(guarded)).toBeUndefined();
    for (const run of [open, guarded]) run.child.kill('SIGTERM');
    expect((await open.exited).code).toBe(0);
    expect((await guarded.exited).code).toBe(0);
  }, 60_000);
});

describe('store caps as flags (issue 15 row 3)', () => {
  it('passes --max-webhooks and --max-contacts to the server: past them a create answers 400 BUSINESS_008 naming the flag, and nothing is stored', async () => {
    const run = cli(['serve', '--port', '0', '--log-format', 'json', '--max-webhooks', '1', '--max-contacts', '2']);
    const url = await run.listening();
    const key = DEMO_KEYS.owner;
    const call = async (method: string, path: string, body?: object) => {
      const res = await fetch(`${url}${path}`, { method, headers: { 'x-api-key': key, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as { data?: { webhooks?: unknown[]; contacts?: unknown[] }; error?: { code: string; message: string } } };
    };
    const hook = { display_name: 'h', endpoint_url: 'http://127.0.0.1:9/hook', event_types: ['message'] };
    const existingHooks = (await call('GET', '/v3/webhooks?page=1&page_size=100')).body.data!.webhooks!.length;
    if (existingHooks === 0) expect((await call('POST', '/v3/webhooks', hook)).status).toBe(201);
    const refused = await call('POST', '/v3/webhooks', hook);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'BUSINESS_008', message: expect.stringContaining('--max-webhooks') });
    expect((await call('GET', '/v3/webhooks?page=1&page_size=100')).body.data!.webhooks).toHaveLength(1);
    const contacts = (await call('GET', '/v3/contacts?page=1&page_size=100')).body.data!.contacts!.length;
    for (let i = contacts; i < 2; i++) expect((await call('POST', '/v3/contacts', { phone_number: `+1415555017${i}` })).status).toBe(201);
    const full = await call('POST', '/v3/contacts', { phone_number: '+14155550179' });
    expect(full.status).toBe(400);
    expect(full.body.error).toMatchObject({ code: 'BUSINESS_008', message: expect.stringContaining('--max-contacts') });
    expect((await call('GET', '/v3/contacts?page=1&page_size=100')).body.data!.contacts).toHaveLength(2);
    run.child.kill('SIGTERM');
    expect((await run.exited).code).toBe(0);
  }, 60_000);
});

describe('stream and Host flags (issue 25 rows 4 and 12)', () => {
  it('passes --allowed-hosts and --max-streams to the server (issue 25 rows 4 and 12)', async () => {
    const run = cli(['serve', '--port', '0', '--log-format', 'json', '--allowed-hosts', 'sim.test, Other.Test', '--max-streams', '1']);
    const url = new URL(await run.listening());
    const statusFor = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest({ host: url.hostname, port: url.port, path: '/healthz', headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.on('error', reject).end();
      });
    expect([await statusFor('sim.test:4010'), await statusFor('other.test'), await statusFor('evil.test')]).toEqual([200, 200, 403]);
    const abort = new AbortController();
    const stream = await fetch(`${url.origin}/_sim/stream`, { headers: { 'x-api-key': DEMO_KEYS.owner }, signal: abort.signal });
    expect(stream.status).toBe(200);
    const second = await fetch(`${url.origin}/_sim/stream`, { headers: { 'x-api-key': DEMO_KEYS.admin } });
    expect(second.status).toBe(429);
    expect(((await second.json()) as { detail: string }).detail).toContain('--max-streams');
    abort.abort();
    run.child.kill('SIGTERM');
    expect((await run.exited).code).toBe(0);
  }, 60_000);
});

describe('shutdown (issue 15 row 8)', () => {
  it('lets in-flight requests finish on SIGTERM, records the delivery it cuts as aborted, and exits 0 (issue 15 row 8)', async () => {
    // A receiver that never answers: the completion callback is in flight when the signal comes.
    const hanging: Server = createHttpServer(() => undefined);
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
    const hook = `http://127.0.0.1:${(hanging.address() as { port: number }).port}/hook`;
    try {
      const run = cli(['serve', '--port', '0', '--log-format', 'json', '--shutdown-grace', '3000']);
      const url = await run.listening();
      const headers = { 'x-api-key': DEMO_KEYS.admin, 'content-type': 'application/json' };
      const listed = (await (await fetch(`${url}/v3/profiles`, { headers })).json()) as { data: { profiles: Array<{ id: string }> } };
      const profile = listed.data.profiles[0]!;
      expect((await fetch(`${url}/v3/profiles/${profile.id}/complete`, { method: 'POST', headers, body: JSON.stringify({ webHookUrl: hook }) })).status).toBe(202);
      // The advance waits for the callback; the slow reads take 1.5 s each (profile-slow).
      const advance = fetch(`${url}/_sim/clock/advance`, { method: 'POST', headers, body: JSON.stringify({ seconds: 2 }) });
      const slow = Array.from({ length: 20 }, () => fetch(`${url}/v3/profiles`, { headers: { ...headers, 'x-sim-scenario': 'profile-slow' } }));
      await new Promise((r) => setTimeout(r, 500));
      run.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200));
      // Stopped accepting: a new connection is refused.
      await expect(fetch(`${url}/healthz`, { headers: { connection: 'close' } })).rejects.toThrow();

      const answers = await Promise.all(slow);
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      const advanced = await advance;
      expect(advanced.status).toBe(200);
      expect(((await advanced.json()) as { fired: unknown[] }).fired).toEqual([expect.objectContaining({ kind: 'completion', profile_id: profile.id })]);
      expect((await run.exited).code).toBe(0);

      const lines = run.lines();
      expect(lines.find((l) => l.msg === 'delivery attempt')).toMatchObject({ source: 'completion', error: 'aborted by shutdown' });
      expect(lines.filter((l) => l.msg === 'request' && l.status === 200 && l.path === '/v3/profiles')).toHaveLength(21);
      // 'stopped' is said once, after the shutdown began. (Not necessarily last: under load the
      // access-log line of the request the grace period cut can come after it.)
      const said = (msg: string) => lines.findIndex((l) => l.msg === msg);
      expect(lines.filter((l) => l.msg === 'stopped')).toHaveLength(1);
      expect(said('stopped')).toBeGreaterThan(said('shutting down: no new connections; in-flight requests may finish'));
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  }, 60_000);
});

describe('the last line of defence', () => {
  it('logs an exception that escaped a listener and keeps serving', async () => {
    const fixture = new URL('./fixtures/throw-on-signal.mjs', import.meta.url).href;
    const run = cli(['serve', '--port', '0', '--log-format', 'json'], [fixture]);
    const url = await run.listening();
    run.child.kill('SIGUSR2');
    for (let i = 0; i < 100 && !run.lines().some((l) => /unexpected exception/.test(String(l.msg))); i++) await new Promise((r) => setTimeout(r, 50));
    const logged = run.lines().find((l) => /unexpected exception/.test(String(l.msg)));
    expect(logged).toMatchObject({ level: 50, err: { message: 'a bug nobody caught (test fixture)' } });
    expect((await fetch(`${url}/v3/profiles`, { headers: { 'x-api-key': DEMO_KEYS.admin } })).status).toBe(200);
    run.child.kill('SIGTERM');
    expect((await run.exited).code).toBe(0);
  }, 60_000);

  it('is not installed by the library', () => {
    const before = process.listenerCount('uncaughtException');
    testApp();
    expect(process.listenerCount('uncaughtException')).toBe(before);
  });
});

describe('the access log', () => {
  it('writes one line per request, with the Sent error code when there is one', async () => {
    const { logger, lines } = capturingLogger();
    const { app } = testApp({ logger });
    const c = client(app);
    const ids = [
      (await c.get('/v3/profiles')).headers['x-request-id'],
      (await c.get('/v3/profiles/not-a-uuid')).headers['x-request-id'],
      (await client(app, 'nope').get('/v3/profiles')).headers['x-request-id'],
      (await c.post('/_sim/clock/advance', { seconds: -1 })).headers['x-request-id'],
      (await c.get(`/v3/profiles?${'x'.repeat(3000)}`)).headers['x-request-id'],
      (await c.post('/v3/profiles/5d2b8c4e-1f3a-4b6c-8d9e-0a1b2c3d4e5f/complete', { webHookUrl: `http://127.0.0.1:${await closedPort()}/x` })).headers['x-request-id'],
    ];
    const requests = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request');
    expect(requests.map((l) => l.request_id)).toEqual(ids);
    expect(requests.map((l) => [l.status, l.error_code])).toEqual([
      [200, undefined],
      [400, 'VALIDATION_001'],
      [401, 'AUTH_002'],
      [400, 'VALIDATION_001'],
      [414, 'VALIDATION_001'],
      [404, 'RESOURCE_014'],
    ]);
  });
});
