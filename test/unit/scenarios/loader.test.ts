import { copyFileSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSpec, RequestValidator, specOperations } from '../../../src/http/validation.js';
import { buildScenarios, DEFAULT_SCENARIOS_DIR, loadAllScenarios, loadScenarios, ScenarioFileError } from '../../../src/scenarios/loader.js';

const spec = loadSpec();
const validator = new RequestValidator(spec);
const operationIds = new Set(specOperations(spec).map((o) => o.operationId));

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sent-sim-scenarios-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const valid = (name: string, extra = '') =>
  `name: ${name}\ndescription: A test scenario.\nexample: curl http://127.0.0.1:4010/v3/profiles\n${extra}`;

function loadError(files: Record<string, string>): ScenarioFileError {
  return thrown(() => loadScenarios(dirWith(files), validator, operationIds));
}

function thrown(load: () => unknown): ScenarioFileError {
  try {
    load();
  } catch (err) {
    if (err instanceof ScenarioFileError) return err;
    throw err;
  }
  throw new Error('the directory loaded without an error');
}

describe('scenario files that stop start-up, naming the file and the field', () => {
  it('refuses a file that is not YAML', () => {
    expect(loadError({ 'profile-x.yaml': 'name: [unclosed' }).message).toMatch(/profile-x\.yaml: not valid YAML/);
  });

  it('refuses a rule with an unknown action field, naming the field path', () => {
    const err = loadError({ 'profile-x.yaml': valid('profile-x', 'rules:\n  - operation: deleteProfile\n    respond: { error: NOPE_001 }\n') });
    expect(err.message).toMatch(/profile-x\.yaml: \/?rules[./[]0/);
  });

  it('refuses a name that is not the file name', () => {
    expect(loadError({ 'profile-x.yaml': valid('profile-y') }).message).toContain('profile-x.yaml: name: "profile-y" must match the file name');
  });

  it('refuses an operation the spec does not have, and a path that is not a regular expression', () => {
    expect(loadError({ 'profile-x.yaml': valid('profile-x', 'rules:\n  - operation: launchRocket\n') }).message).toContain(
      'rules[0].operation: unknown operation "launchRocket"',
    );
    expect(loadError({ 'profile-x.yaml': valid('profile-x', "rules:\n  - path: '(['\n") }).message).toContain(
      'rules[0].path: not a valid regular expression',
    );
  });
});

describe('a misspelt key, named with its path and the keys allowed there (docs/decisions/0084)', () => {
  it.each([
    ['in a rule', 'rules:\n  - operation: deleteProfile\n    respnd: { error: INTERNAL_001 }\n', 'rules[0].respnd: unknown key (the keys there are operation, method, path, latency_ms, on_call, respond, sequence)'],
    ['in an action', 'rules:\n  - respond: { error: INTERNAL_001, mesage: Oops }\n', 'rules[0].respond.mesage: unknown key (the keys there are error, status, message, retry_after, headers)'],
    ['in a sequence', 'rules:\n  - sequence: [pass, { eror: INTERNAL_001 }]\n', 'rules[0].sequence[1].eror: unknown key'],
    ['at the top, with a value that no block has', 'exmple: curl http://127.0.0.1:4010\n', 'exmple: unknown key (the keys there are name, description, example, rules, a block a module declares)'],
  ])('%s', (_label, extra, expected) => {
    expect(loadError({ 'profile-x.yaml': valid('profile-x', extra) }).message).toContain(`profile-x.yaml: ${expected}`);
  });
});

describe('scenario files of your own, added to the package’s (docs/decisions/0084)', () => {
  it('loads every built-in scenario and each file of each directory, with or without an example', () => {
    const builtIn = loadScenarios(DEFAULT_SCENARIOS_DIR, validator, operationIds);
    const first = dirWith({ 'profile-mine.yaml': valid('profile-mine') });
    const second = dirWith({ 'message-mine.yaml': 'name: message-mine\ndescription: No example needed.\n' });
    const all = loadAllScenarios([first, second], validator, operationIds);
    expect([...all.keys()]).toEqual([...builtIn.keys(), 'profile-mine', 'message-mine']);
    expect(all.get('message-mine')).toEqual({ name: 'message-mine', description: 'No example needed.', file: path.join(second, 'message-mine.yaml') });
  });

  it('refuses a name the package (or another file) already has, naming both files', () => {
    const dir = dirWith({ 'profile-delete-fails.yaml': valid('profile-delete-fails') });
    expect(thrown(() => loadAllScenarios([dir], validator, operationIds)).message).toBe(
      `${path.join(dir, 'profile-delete-fails.yaml')}: name: "profile-delete-fails" is already defined by ${path.join(DEFAULT_SCENARIOS_DIR, 'profile-delete-fails.yaml')}; rename one of them`,
    );
    const a = dirWith({ 'profile-mine.yaml': valid('profile-mine') });
    const b = dirWith({ 'profile-mine.yaml': valid('profile-mine') });
    expect(thrown(() => loadAllScenarios([a, b], validator, operationIds)).message).toMatch(/profile-mine\.yaml: name: "profile-mine" is already defined by .*profile-mine\.yaml/);
  });

  it('adds nothing for the package’s own directory given again, and names a directory that is not there', () => {
    expect(loadAllScenarios([DEFAULT_SCENARIOS_DIR], validator, operationIds).size).toBe(loadScenarios(DEFAULT_SCENARIOS_DIR, validator, operationIds).size);
    const missing = path.join(os.tmpdir(), 'sent-sim-no-such-dir');
    expect(thrown(() => loadAllScenarios([missing], validator, operationIds)).message).toBe(`${missing}: no such directory of scenario files`);
  });
});

describe("the build's checked JSON copy of the scenarios", () => {
  /** A copy of the package's scenarios and a built copy of them, as `npm run build` writes it. */
  function builtFixture() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sent-sim-scenarios-'));
    for (const name of readdirSync(DEFAULT_SCENARIOS_DIR).filter((f) => f.endsWith('.yaml'))) {
      copyFileSync(path.join(DEFAULT_SCENARIOS_DIR, name), path.join(dir, name));
    }
    const copy = path.join(dir, 'built.json');
    writeFileSync(copy, JSON.stringify(buildScenarios(dir, validator, operationIds)));
    return { dir, copy: pathToFileURL(copy) };
  }

  it('loads exactly what parsing the files gives', () => {
    const { dir, copy } = builtFixture();
    const fromCopy = loadScenarios(dir, validator, operationIds, copy);
    const parsed = loadScenarios(dir, validator, operationIds, null);
    expect(fromCopy.size).toBeGreaterThanOrEqual(12);
    expect([...fromCopy.entries()]).toEqual([...parsed.entries()]);
  });

  it('is used while no file changed, and ignored once one has', () => {
    const { dir, copy } = builtFixture();
    const file = path.join(dir, 'profile-delete-fails.yaml');
    // The copy wins while the files are as they were built (proved by doctoring the copy).
    const doctored = JSON.parse(readFileSync(copy, 'utf8')) as { scenarios: Array<{ name: string; description: string }> };
    doctored.scenarios.find((s) => s.name === 'profile-delete-fails')!.description = 'from the built copy';
    writeFileSync(copy, JSON.stringify(doctored));
    expect(loadScenarios(dir, validator, operationIds, copy).get('profile-delete-fails')!.description).toBe('from the built copy');
    // An edited file (new mtime) is read afresh.
    writeFileSync(file, readFileSync(file, 'utf8').replace('description: >-\n', 'description: >-\n  Edited after the build.\n'));
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    expect(loadScenarios(dir, validator, operationIds, copy).get('profile-delete-fails')!.description).toMatch(/^Edited after the build\. DELETE/);
  });

  it('is ignored when a file is added', () => {
    const { dir, copy } = builtFixture();
    writeFileSync(path.join(dir, 'profile-added.yaml'), valid('profile-added'));
    expect(loadScenarios(dir, validator, operationIds, copy).has('profile-added')).toBe(true);
  });
});
