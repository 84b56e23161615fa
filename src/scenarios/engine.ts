import { MESSAGES } from '../errors/catalog.js';
import { simError, validationError, type SimError } from '../errors/sim-error.js';
import type { Request } from 'express';
import { header } from '../http/context.js';
import type { Tenant } from '../store/types.js';
import type { Scenario, ScenarioAction, ScenarioRule } from './types.js';

export const SCENARIO_HEADER = 'x-sim-scenario';

/** What the engine is told of the modules (docs/decisions/0025). */
export interface ScenarioEngineOptions {
  /**
   * Sent's own wording of a `500 INTERNAL_001` on some operations (its documented DELETE
   * failures), by operationId, for an injected error that names no message.
   */
  internalErrors?: Readonly<Record<string, (requestId: string) => string>>;
}

/**
 * Scenarios make the simulator misbehave on purpose. The one in force for a request is, in
 * order: the `x-sim-scenario` header, the tenant's active scenario, the process default
 * (`--scenario`). Counters for "the Nth call" and sequences live on the tenant.
 */
export class ScenarioEngine {
  constructor(
    readonly scenarios: Map<string, Scenario>,
    private readonly defaultName: string | null = null,
    private readonly options: ScenarioEngineOptions = {},
  ) {
    if (defaultName !== null && !scenarios.has(defaultName)) {
      throw new Error(`Unknown scenario "${defaultName}". Known: ${this.names()}`);
    }
  }

  names(): string {
    return [...this.scenarios.keys()].join(', ') || '(none)';
  }

  get(name: string): Scenario | undefined {
    return this.scenarios.get(name);
  }

  /** An unknown name is a clear 400, never a silent no-op. */
  require(name: string, field: string): Scenario {
    const scenario = this.scenarios.get(name);
    if (!scenario) throw validationError({ [field]: [MESSAGES.unknownScenario(name, this.names())] });
    return scenario;
  }

  resolve(req: Request, tenant: Tenant): Scenario | undefined {
    return this.inForce(header(req, SCENARIO_HEADER), tenant);
  }

  /** The scenario in force for a call that names `named` (the header's value) or none: it, else the tenant's, else the default. */
  inForce(named: string | undefined, tenant: Tenant): Scenario | undefined {
    if (named !== undefined) return this.require(named, SCENARIO_HEADER);
    const active = tenant.activeScenario ?? this.defaultName;
    return active === null ? undefined : this.scenarios.get(active);
  }

  /**
   * Pipeline stage, just before the handler: latency and injected errors of the matching rules of
   * the scenario in force (`resolve`, which the pipeline calls first). Latency waits through
   * `sleep` (real time when serving; tests pass one that does not wait).
   */
  async apply(scenario: Scenario | undefined, request: ScenarioRequest, sleep: (ms: number) => Promise<void>, rateLimit = 200): Promise<void> {
    if (!scenario?.rules) return;
    const { tenant } = request;
    for (const [i, rule] of scenario.rules.entries()) {
      if (!matches(rule, request)) continue;
      const key = `${scenario.name}#${i}`;
      const call = (tenant.scenarioCalls.get(key) ?? 0) + 1;
      tenant.scenarioCalls.set(key, call);
      if (rule.latency_ms) await sleep(rule.latency_ms);
      const action = actionFor(rule, call);
      if (action !== 'pass') throw injectedError(action, request.requestId, this.internalWording(request.operationId), tenant.clock.now(), rateLimit);
    }
  }

  /** The wording of an injected `INTERNAL_001`: the operation's own (declared by its module), else Sent's generic one. */
  private internalWording(operationId: string | undefined): (requestId: string) => string {
    const declared = this.options.internalErrors ?? {};
    return operationId !== undefined && Object.hasOwn(declared, operationId) ? declared[operationId]! : MESSAGES.internal;
  }
}

/** What a scenario rule matches on, and the tenant whose counters it moves. */
export interface ScenarioRequest {
  tenant: Tenant;
  method: string;
  /** The path inside the simulator (`/v3/…`). */
  path: string;
  operationId: string;
  requestId: string;
}

function matches(rule: ScenarioRule, request: ScenarioRequest): boolean {
  if (rule.operation !== undefined && rule.operation !== request.operationId) return false;
  if (rule.method !== undefined && rule.method !== request.method) return false;
  if (rule.path !== undefined && !new RegExp(rule.path).test(request.path)) return false;
  return true;
}

function actionFor(rule: ScenarioRule, call: number): ScenarioAction {
  if (rule.sequence) return rule.sequence[call - 1] ?? 'pass';
  if (rule.on_call !== undefined) return call === rule.on_call ? (rule.respond ?? 'pass') : 'pass';
  return rule.respond ?? 'pass';
}

/** Sent's own wording for injected failures: 500s name the request id; 429s carry Retry-After. */
function injectedError(
  action: Exclude<ScenarioAction, 'pass'>,
  requestId: string,
  internalWording: (requestId: string) => string,
  now: number,
  rateLimit: number,
): SimError {
  const headers: Record<string, string> = { ...action.headers };
  let message = action.message;
  if (action.error === 'INTERNAL_001' && message === undefined) message = internalWording(requestId);
  if (action.error === 'INTERNAL_003' && message === undefined) message = MESSAGES.providerError(requestId);
  if (action.error === 'BUSINESS_002') {
    const retryAfter = action.retry_after ?? 60;
    headers['Retry-After'] ??= String(retryAfter);
    headers['X-RateLimit-Limit'] ??= String(rateLimit);
    headers['X-RateLimit-Remaining'] ??= '0';
    headers['X-RateLimit-Reset'] ??= String(Math.ceil(now / 1000) + retryAfter);
  }
  return simError(action.error, { status: action.status, message, headers });
}
