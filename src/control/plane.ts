import type { Router } from 'express';
import type { Deps } from '../deps.js';
import { simError } from '../errors/sim-error.js';
import type { Result } from '../http/result.js';
import type { ApiKeyRecord, Tenant } from '../store/types.js';
import { checkControlAccess, controlRunner, mountControlRoutes, type ControlRoute, type ControlRunner } from './handler.js';
import { inspectorRoutes } from './inspector-routes.js';
import { requestRoutes } from './request-routes.js';
import { scenarioRoutes } from './scenario-routes.js';
import { seedRoutes } from './seed.js';
import { tenantRoutes } from './tenant-routes.js';

/** What an in-process call gives besides the key: what a request would carry in its path, query, body and `x-sim-scenario`. */
export interface ControlCall {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
  scenario?: string;
}

/**
 * Every `/_sim` route — the core's and each module's — with two doors (docs/decisions/0080):
 * `mount` puts them on the control router for HTTP; `call` runs one in process, for
 * `sim.tenant(key)`. Both run the same `ControlRunner`: the same role check, the same compiled
 * body schema, the same handler, the same `SimError` when refused.
 */
export class ControlPlane {
  private readonly runners: Array<{ route: ControlRoute; run: ControlRunner }>;
  private readonly byRoute = new Map<string, ControlRunner>();

  constructor(private readonly deps: Deps) {
    const routes = [
      ...scenarioRoutes(deps),
      ...tenantRoutes(deps),
      ...seedRoutes(deps),
      ...inspectorRoutes(),
      ...requestRoutes(deps),
      ...[...deps.resources.values()].flatMap((instance) => instance.control ?? []),
    ];
    this.runners = routes.map((route) => ({ route, run: controlRunner(route, deps.validator) }));
    for (const { route, run } of this.runners) this.byRoute.set(`${route.method} ${route.path}`, run);
  }

  /** The HTTP door: the router has authenticated the caller and checked its role already. */
  mount(router: Router): void {
    mountControlRoutes(router, this.runners);
  }

  /**
   * The in-process door: the key is resolved as an API call resolves it (an unknown `sk_test_`
   * key makes a fresh tenant), its role checked as the control router checks it, then the route
   * runs. The admin token guards the network door only: whoever holds the simulator object
   * already has everything it protects.
   */
  async call(key: string, method: ControlRoute['method'], path: string, input: ControlCall = {}): Promise<Result> {
    const run = this.byRoute.get(`${method} ${path}`);
    if (!run) throw new Error(`no control route ${method.toUpperCase()} /_sim${path}`);
    const caller = this.caller(key);
    checkControlAccess(caller.apiKey, method);
    return run({ ...caller, params: { ...input.params }, query: input.query ?? {}, body: input.body, scenario: input.scenario, requestId: null });
  }

  /** As the API's authentication does it: no key `401 AUTH_001`, an unknown one `401 AUTH_002`. */
  private caller(key: string): { tenant: Tenant; apiKey: ApiKeyRecord } {
    if (typeof key !== 'string' || key.trim() === '') throw simError('AUTH_001');
    const found = this.deps.tenants.resolve(key);
    if (!found) throw simError('AUTH_002');
    return { tenant: found.tenant, apiKey: found.key };
  }
}
