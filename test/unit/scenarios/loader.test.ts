import { copyFileSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSpec, RequestValidator, specOperations } from '../../../src/http/validation.js';
import { buildScenarios, DEFAULT_SCENARIOS_DIR, loadScenarios, ScenarioFileError } from '../../../src/scenarios/loader.js';

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
  try {
    loadScenarios(dirWith(files), validator, operationIds);
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
