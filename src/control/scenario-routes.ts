import type { Router } from 'express';
import type { Deps } from '../deps.js';
import { authed } from '../http/context.js';
import { ok } from '../http/result.js';
import type { Scenario } from '../scenarios/types.js';
import { handle, type BodyReader } from './handler.js';
import { activeScenarioSchema } from './schemas.js';

const summary = (s: Scenario) => ({ name: s.name, description: s.description, example: s.example });

/** `/_sim/scenarios…`: list the scenarios, and set or clear the tenant's active one. */
export function mountScenarioRoutes(router: Router, deps: Deps, body: BodyReader): void {
  const check = deps.validator.compile(activeScenarioSchema);

  router.get(
    '/scenarios',
    handle(() => ok({ scenarios: [...deps.scenarios.scenarios.values()].map(summary) })),
  );

  router.get(
    '/scenarios/active',
    handle((_req, res) => {
      const name = authed(res).tenant.activeScenario;
      return ok({ active: name === null ? null : summary(deps.scenarios.get(name)!) });
    }),
  );

  router.put(
    '/scenarios/active',
    handle((req, res) => {
      const { tenant } = authed(res);
      const { name } = body(req, check) as { name: string };
      const scenario = deps.scenarios.require(name, 'name');
      tenant.activeScenario = scenario.name;
      // A fresh start for "the Nth call" and sequences.
      tenant.scenarioCalls.clear();
      return ok({ active: summary(scenario) });
    }),
  );

  router.delete(
    '/scenarios/active',
    handle((_req, res) => {
      const { tenant } = authed(res);
      tenant.activeScenario = null;
      tenant.scenarioCalls.clear();
      return ok({ active: null });
    }),
  );
}
