import type { ErrorCode } from '../errors/catalog.js';

export type ScenarioAction =
  | 'pass'
  | { error: ErrorCode; status?: number; message?: string; retry_after?: number; headers?: Record<string, string> };

export interface ScenarioRule {
  operation?: string;
  method?: string;
  path?: string;
  latency_ms?: number;
  on_call?: number;
  respond?: ScenarioAction;
  sequence?: ScenarioAction[];
}

/**
 * One `scenarios/<resource>-<situation>.yaml` file: the generic parts the engine knows (name,
 * description, example, rules). The blocks resource modules declare (`completion`, `messages`,
 * `events`…, docs/decisions/0025) sit at the top level as in the file; each module adds its
 * block's type to this interface by declaration merging, beside its `ScenarioBlock`.
 */
export interface Scenario {
  name: string;
  description: string;
  /** A command that shows it (the package's files all have one; a partner's may not). */
  example?: string;
  rules?: ScenarioRule[];
  /** The file it came from. */
  file: string;
}

/** The parts of a scenario every file has; any other top-level key is a module's block. */
export const GENERIC_SCENARIO_KEYS: ReadonlySet<string> = new Set(['name', 'description', 'example', 'rules', 'file']);

/** The keys modules add to `Scenario` (its blocks). */
export type ScenarioBlockName = Exclude<keyof Scenario, 'name' | 'description' | 'example' | 'rules' | 'file'>;
