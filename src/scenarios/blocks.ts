import type { RequestValidator } from '../http/validation.js';
import { ScenarioFileError } from './loader.js';
import { GENERIC_SCENARIO_KEYS, type Scenario, type ScenarioBlockName } from './types.js';
import { unknownKey, unknownKeyProblem } from './unknown-keys.js';

/**
 * A top-level block of scenario files that a resource module declares
 * (`ResourceModule.scenarioBlocks`, docs/decisions/0025): its key (`completion`, `messages`,
 * `events`…) and the JSON Schema start-up checks it against. The module adds the block's type
 * to `Scenario` by declaration merging and reads it as `scenario.<name>`; how the block changes
 * what the module does (its plan) is the module's own code.
 */
export interface ScenarioBlock {
  readonly name: ScenarioBlockName;
  readonly schema: object;
}

export function defineScenarioBlock(name: ScenarioBlockName, schema: object): ScenarioBlock {
  return { name, schema };
}

/**
 * Every block of every scenario must be declared by a module and valid against its schema:
 * a block nobody reads would make a test pass for the wrong reason. Throws a
 * `ScenarioFileError` naming the file and the field.
 */
export function checkScenarioBlocks(scenarios: ReadonlyMap<string, Scenario>, blocks: readonly ScenarioBlock[], validator: RequestValidator): void {
  const byName = new Map<string, (value: unknown) => Record<string, string[]> | null>(blocks.map((b) => [b.name, validator.compile(b.schema)]));
  const schemas = new Map<string, object>(blocks.map((b) => [b.name, b.schema]));
  for (const scenario of scenarios.values()) {
    for (const [key, value] of Object.entries(scenario)) {
      if (GENERIC_SCENARIO_KEYS.has(key)) continue;
      const check = byName.get(key);
      if (!check) throw new ScenarioFileError(scenario.file, `${key}: no module declares this block (blocks: ${[...byName.keys()].join(', ') || 'none'})`);
      const misspelt = unknownKey(schemas.get(key)!, value, key);
      if (misspelt) throw new ScenarioFileError(scenario.file, unknownKeyProblem(misspelt));
      const details = check(value);
      if (details) {
        // The deepest path is the most precise (a oneOf also reports its shallower branches).
        const [field, messages] = Object.entries(details).sort((x, y) => y[0].length - x[0].length)[0]!;
        throw new ScenarioFileError(scenario.file, `${field === 'body' ? key : `${key}.${field}`}: ${messages.join('; ')}`);
      }
    }
  }
}
