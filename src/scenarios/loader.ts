import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYaml } from '../util/yaml.js';
import type { RequestValidator } from '../http/validation.js';
import { scenarioSchema } from './schema.js';
import { GENERIC_SCENARIO_KEYS, type Scenario } from './types.js';
import { unknownKey, unknownKeyProblem } from './unknown-keys.js';

export const DEFAULT_SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios', import.meta.url));

/** The bundled scenarios, checked and written as JSON by `npm run build` (absent when running from src/). */
const BUILT_SCENARIOS_URL = new URL('../scenarios.json', import.meta.url);

/** What the build writes: the checked scenarios and the files they came from, to notice edits. */
export interface BuiltScenarios {
  files: Array<{ name: string; size: number; mtimeMs: number }>;
  scenarios: Scenario[];
}

/** A scenario file that does not load: the message names the file and the field. */
export class ScenarioFileError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'ScenarioFileError';
  }
}

/**
 * Loads and checks every `*.yaml` in the directory, at start-up. A bad file stops start-up:
 * a scenario that silently does nothing would make a test pass for the wrong reason.
 * The package's own scenarios come from the build's checked JSON copy while no file has
 * changed since (same names, sizes and modification times): no YAML parse at start-up.
 */
export function loadScenarios(
  dir: string,
  validator: RequestValidator,
  operationIds: Set<string>,
  builtCopy: URL | null = dir === DEFAULT_SCENARIOS_DIR ? BUILT_SCENARIOS_URL : null,
): Map<string, Scenario> {
  const built = builtCopy ? readBuilt(dir, builtCopy) : undefined;
  return built ?? parseScenarioFiles(dir, validator, operationIds);
}

/**
 * The package's scenarios, then every file of each directory in `dirs` added to them
 * (`--scenarios-dir`, the library's `scenariosDir`; docs/decisions/0084). A name already
 * defined — by the package or by an earlier file — stops start-up naming both files. The
 * package's own directory, given again (as scripts did when it replaced the built-in ones), adds
 * nothing.
 */
export function loadAllScenarios(dirs: readonly string[], validator: RequestValidator, operationIds: Set<string>): Map<string, Scenario> {
  const scenarios = loadScenarios(DEFAULT_SCENARIOS_DIR, validator, operationIds);
  const seen = new Set([realpathSync(DEFAULT_SCENARIOS_DIR)]);
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ScenarioFileError(resolve(dir), 'no such directory of scenario files');
    const real = realpathSync(dir);
    if (seen.has(real)) continue;
    seen.add(real);
    for (const scenario of parseScenarioFiles(dir, validator, operationIds).values()) {
      const known = scenarios.get(scenario.name);
      if (known) throw new ScenarioFileError(scenario.file, `name: "${scenario.name}" is already defined by ${known.file}; rename one of them`);
      scenarios.set(scenario.name, scenario);
    }
  }
  return scenarios;
}

/** The build step's half: every file parsed and checked, with the file list to notice edits. */
export function buildScenarios(dir: string, validator: RequestValidator, operationIds: Set<string>): BuiltScenarios {
  const scenarios = [...parseScenarioFiles(dir, validator, operationIds).values()].map((s) => ({ ...s, file: basename(s.file) }));
  return { files: scenarioFiles(dir).map((name) => fileStamp(dir, name)), scenarios };
}

function readBuilt(dir: string, copy: URL): Map<string, Scenario> | undefined {
  if (!existsSync(copy)) return undefined;
  const built = JSON.parse(readFileSync(copy, 'utf8')) as BuiltScenarios;
  const names = scenarioFiles(dir);
  const unchanged =
    names.length === built.files.length &&
    names.every((name, i) => {
      const was = built.files[i]!;
      const now = fileStamp(dir, name);
      return was.name === now.name && was.size === now.size && was.mtimeMs === now.mtimeMs;
    });
  return unchanged ? new Map(built.scenarios.map((s) => [s.name, { ...s, file: join(dir, s.file) }])) : undefined;
}

/**
 * A top-level key that is neither a generic part nor an object: not a block either (blocks are
 * objects; `checkScenarioBlocks` names an object no module declares).
 */
function unknownTopLevelKey(doc: unknown): { path: string; known: string[] } | null {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return null;
  for (const [key, value] of Object.entries(doc)) {
    if (GENERIC_SCENARIO_KEYS.has(key) && key !== 'file') continue;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { path: key, known: [...GENERIC_SCENARIO_KEYS].filter((k) => k !== 'file').concat('a block a module declares') };
    }
  }
  return null;
}

function scenarioFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
}

function fileStamp(dir: string, name: string): { name: string; size: number; mtimeMs: number } {
  const { size, mtimeMs } = statSync(join(dir, name));
  return { name, size, mtimeMs };
}

function parseScenarioFiles(dir: string, validator: RequestValidator, operationIds: Set<string>): Map<string, Scenario> {
  const check = validator.compile(scenarioSchema);
  const scenarios = new Map<string, Scenario>();
  for (const name of scenarioFiles(dir)) {
    const file = join(dir, name);
    let doc: unknown;
    try {
      doc = parseYaml(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ScenarioFileError(file, `not valid YAML (${(err as Error).message.split('\n')[0]})`);
    }
    const misspelt = unknownTopLevelKey(doc) ?? unknownKey(scenarioSchema, doc);
    if (misspelt) throw new ScenarioFileError(file, unknownKeyProblem(misspelt));
    const details = check(doc);
    if (details) {
      // The deepest path is the most precise (a oneOf also reports its shallower branches).
      const [field, messages] = Object.entries(details).sort((x, y) => y[0].length - x[0].length)[0]!;
      throw new ScenarioFileError(file, `${field}: ${messages.join('; ')}`);
    }
    const scenario = { ...(doc as Omit<Scenario, 'file'>), file };
    if (scenario.name !== basename(name).replace(/\.ya?ml$/, '')) {
      throw new ScenarioFileError(file, `name: "${scenario.name}" must match the file name`);
    }
    scenario.rules?.forEach((rule, i) => {
      if (rule.operation !== undefined && !operationIds.has(rule.operation)) {
        throw new ScenarioFileError(file, `rules[${i}].operation: unknown operation "${rule.operation}" (one of ${[...operationIds].join(', ')})`);
      }
      if (rule.path !== undefined) {
        try {
          new RegExp(rule.path);
        } catch {
          throw new ScenarioFileError(file, `rules[${i}].path: not a valid regular expression`);
        }
      }
    });
    scenarios.set(scenario.name, scenario);
  }
  return scenarios;
}
