/**
 * Issue 26: a partner's own scenario files add to the built-in ones (docs/decisions/0084), through
 * both public doors — `createSimulator({ scenariosDir })` and `sent-sim serve|scenarios
 * --scenarios-dir` (the real CLI, started from the sources). A name clash, a misspelt key or a
 * missing directory stops start-up with one line naming the file(s) and the key's path.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../../src/index.js';
import { DEFAULT_SCENARIOS_DIR, ScenarioFileError } from '../../../src/scenarios/loader.js';
import { tenantKey } from '../../support/app.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BUILT_IN = readdirSync(DEFAULT_SCENARIOS_DIR).filter((f) => f.endsWith('.yaml')).length;

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sent-sim-own-scenarios-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

// No `example`: a partner's file need not show a curl command.
const MINE = dirWith({
  'message-mine-fails.yaml': 'name: message-mine-fails\ndescription: Sends fail with a provider error.\nrules:\n  - operation: sendMessage\n    respond: { error: INTERNAL_003 }\n',
});
const ALSO_MINE = dirWith({ 'profile-mine-slow.yaml': 'name: profile-mine-slow\ndescription: Profiles answer slowly.\nrules:\n  - operation: listProfiles\n    latency_ms: 1\n' });
const CLASH = dirWith({ 'message-failed.yaml': 'name: message-failed\ndescription: Mine, not the package’s.\nmessages: { outcome: failed }\n' });
const MISSPELT = dirWith({ 'message-typo.yaml': 'name: message-typo\ndescription: A typo.\nrules:\n  - operation: sendMessage\n    respnd: { error: INTERNAL_003 }\n' });

/** `sent-sim <args>` from the sources; resolves with its exit code and output once it exits, or with `url` once it listens. */
function sentSim(args: string[]): { done: Promise<{ code: number | null; output: string }>; url: Promise<string>; stop(): void } {
  const { PORT: _port, SENT_SIM_ADMIN_TOKEN: _token, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', './test/support/ts-register.mjs', 'src/cli.ts', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let listening: (url: string) => void = () => {};
  let exited: (err: Error) => void = () => {};
  const url = new Promise<string>((resolve, reject) => {
    listening = resolve;
    exited = reject;
  });
  const read = (chunk: Buffer) => {
    output += chunk.toString();
    const found = /"url":"(http:[^"]+)"/.exec(output)?.[1];
    if (found) listening(found);
  };
  child.stdout.on('data', read);
  child.stderr.on('data', read);
  const done = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('exit', (code) => {
      exited(new Error(`sent-sim exited (${code}) before it listened: ${output}`));
      resolve({ code, output });
    }),
  );
  // Only `serve` listens; a command that exits is read through `done`.
  url.catch(() => {});
  return { done, url, stop: () => child.kill('SIGTERM') };
}

describe('createSimulator({ scenariosDir })', () => {
  it('adds the files of each directory to the built-in scenarios, each usable as any other', async () => {
    const sim = createSimulator({ scenariosDir: [MINE, ALSO_MINE] });
    try {
      const key = tenantKey();
      const listed = (await request(sim.app).get('/_sim/scenarios').set('x-api-key', key)).body.scenarios as Array<{ name: string; example: string | null }>;
      expect(listed).toHaveLength(BUILT_IN + 2);
      expect(listed.slice(-2)).toEqual([
        { name: 'message-mine-fails', description: 'Sends fail with a provider error.', example: null },
        { name: 'profile-mine-slow', description: 'Profiles answer slowly.', example: null },
      ]);
      expect(listed.map((s) => s.name)).toContain('message-failed');
      await sim.tenant(key).scenario.set('message-mine-fails');
      const sent = await request(sim.app).post('/v3/messages').set('x-api-key', key).send({ to: ['+14155550100'], text: 'Hi' });
      expect(sent.body.error.code).toBe('INTERNAL_003');
    } finally {
      await sim.close();
    }
  });

  it('refuses a name clash, a misspelt key and a missing directory at start-up, naming the files and the key', () => {
    const problem = (dir: string) => {
      try {
        createSimulator({ scenariosDir: dir });
      } catch (err) {
        if (err instanceof ScenarioFileError) return err.message;
        throw err;
      }
      throw new Error('it started');
    };
    expect(problem(CLASH)).toBe(`${join(CLASH, 'message-failed.yaml')}: name: "message-failed" is already defined by ${join(DEFAULT_SCENARIOS_DIR, 'message-failed.yaml')}; rename one of them`);
    expect(problem(MISSPELT)).toMatch(/message-typo\.yaml: rules\[0\]\.respnd: unknown key \(the keys there are operation, method, path/);
    expect(problem(join(MINE, 'nowhere'))).toBe(`${join(MINE, 'nowhere')}: no such directory of scenario files`);
  });
});

describe('sent-sim --scenarios-dir', () => {
  it('lists the built-in scenarios and your own (sent-sim scenarios)', async () => {
    const { code, output } = await sentSim(['scenarios', '--scenarios-dir', MINE, '--scenarios-dir', ALSO_MINE]).done;
    expect(code).toBe(0);
    expect(output).toContain('message-mine-fails\n  Sends fail with a provider error.');
    expect(output).toContain('profile-delete-fails\n');
    expect(output).toContain(`${BUILT_IN + 2} scenarios.`);
  }, 60_000);

  it('serves them beside the built-in ones (sent-sim serve)', async () => {
    const run = sentSim(['serve', '--port', '0', '--log-format', 'json', '--no-demo', '--scenarios-dir', MINE]);
    try {
      const url = await run.url;
      const res = await fetch(`${url}/_sim/scenarios`, { headers: { 'x-api-key': tenantKey() } });
      const names = ((await res.json()) as { scenarios: Array<{ name: string }> }).scenarios.map((s) => s.name);
      expect(names).toHaveLength(BUILT_IN + 1);
      expect(names).toEqual(expect.arrayContaining(['message-mine-fails', 'message-failed']));
    } finally {
      run.stop();
    }
    expect((await run.done).code).toBe(0);
  }, 60_000);

  it('stops start-up with one line naming both files of a clash, or the file and key path of a typo', async () => {
    const [clash, typo] = await Promise.all([sentSim(['serve', '--port', '0', '--scenarios-dir', CLASH]).done, sentSim(['scenarios', '--scenarios-dir', MISSPELT]).done]);
    expect(clash.code).toBe(1);
    expect(clash.output.trim()).toBe(
      `error: invalid scenario file ${join(CLASH, 'message-failed.yaml')}: name: "message-failed" is already defined by ${join(DEFAULT_SCENARIOS_DIR, 'message-failed.yaml')}; rename one of them`,
    );
    expect(typo.code).toBe(1);
    expect(typo.output.trim()).toMatch(/^error: invalid scenario file .*message-typo\.yaml: rules\[0\]\.respnd: unknown key \(the keys there are operation, method, path, latency_ms, on_call, respond, sequence\)$/);
  }, 60_000);
});
