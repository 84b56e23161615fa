import type { Deps } from '../deps.js';
import { ok } from '../http/result.js';
import type { Scenario } from '../scenarios/types.js';
import type { ControlRoute } from './handler.js';
import { activeScenarioSchema } from './schemas.js';

/** A scenario as the control plane lists it; `example` is null for files without one (docs/decisions/0084). */
export interface ScenarioSummary {
  name: string;
  description: string;
  example: string | null;
}

const summary = (s: Scenario): ScenarioSummary => ({ name: s.name, description: s.description, example: s.example ?? null });

/** `/_sim/scenarios…`: list the scenarios, and set or clear the tenant's active one. */
export function scenarioRoutes(deps: Deps): ControlRoute[] {
  return [
    { method: 'get', path: '/scenarios', handle: () => ok({ scenarios: [...deps.scenarios.scenarios.values()].map(summary) }) },
    {
      method: 'get',
      path: '/scenarios/active',
      handle: ({ tenant }) => {
        const name = tenant.activeScenario;
        return ok({ active: name === null ? null : summary(deps.scenarios.get(name)!) });
      },
    },
    {
      method: 'put',
      path: '/scenarios/active',
      body: activeScenarioSchema,
      handle: ({ tenant, body }) => {
        const scenario = deps.scenarios.require((body as { name: string }).name, 'name');
        tenant.activeScenario = scenario.name;
        // A fresh start for "the Nth call" and sequences.
        tenant.scenarioCalls.clear();
        return ok({ active: summary(scenario) });
      },
    },
    {
      method: 'delete',
      path: '/scenarios/active',
      handle: ({ tenant }) => {
        tenant.activeScenario = null;
        tenant.scenarioCalls.clear();
        return ok({ active: null });
      },
    },
  ];
}
