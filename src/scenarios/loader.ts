import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { RequestValidator } from '../http/validation.js';
import { scenarioSchema } from './schema.js';
import type { Scenario } from './types.js';

export const DEFAULT_SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios', import.meta.url));

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
 */
export function loadScenarios(dir: string, validator: RequestValidator, operationIds: Set<string>): Map<string, Scenario> {
  const check = validator.compile(scenarioSchema);
  const scenarios = new Map<string, Scenario>();
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
  for (const name of files) {
    const file = join(dir, name);
    let doc: unknown;
    try {
      doc = parseYaml(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ScenarioFileError(file, `not valid YAML (${(err as Error).message.split('\n')[0]})`);
    }
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
