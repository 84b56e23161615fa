import pino, { type Logger } from 'pino';
import { DEFAULT_JOURNAL_BODY_BYTES, JournalBodyBudget } from './store/journal.js';
import { TenantRegistry } from './store/tenants.js';
import { createRandom, type Random } from './util/random.js';
import { loadSpec, RequestValidator, specOperations, type SpecDocument } from './http/validation.js';
import { ScenarioEngine } from './scenarios/engine.js';
import { DEFAULT_SCENARIOS_DIR, loadScenarios } from './scenarios/loader.js';
import type { Scenario } from './scenarios/types.js';
import { DEFAULT_BODY_LIMIT } from './http/json-body.js';
import { Scheduler } from './clock/scheduler.js';
import { CALLBACK_TIMEOUT_MS, CallbackDeliverer } from './callbacks/deliver.js';
import { VERSION } from './version.js';

/**
 * Everything the app holds: no module-level mutable state, so every test can build its own
 * app (and tenants) and run in parallel with the others.
 */
export interface Deps {
  logger: Logger;
  random: Random;
  tenants: TenantRegistry;
  spec: SpecDocument;
  validator: RequestValidator;
  config: SimConfig;
  /** Real time; each tenant's clock adds its own offset to it. */
  realNow: () => number;
  scheduler: Scheduler;
  deliverer: CallbackDeliverer;
  scenarios: ScenarioEngine;
  /** The process-wide bound on journaled request bodies (store/journal.ts). */
  journalBodies: JournalBodyBudget;
}

export const DEFAULT_MAX_PROFILES = 250_000;

export interface SimConfig {
  bodyLimit: number;
  /** How long a callback receiver may take (decisions §3: 10 s, as Sent documents). */
  callbackTimeoutMs: number;
  /** `--admin-token`: required on every `/_sim` call when set. */
  adminToken: string | null;
  /** `--no-control-plane` turns `/_sim` off. */
  controlPlane: boolean;
  /** `--max-profiles`: stored profiles per tenant before creates are refused (bounded memory). */
  maxProfilesPerTenant: number;
  /** `--journal-body-budget`: bytes of request bodies the journal keeps, all tenants together. */
  journalBodyBytes: number;
}

export interface DepsOptions {
  seed?: number;
  logger?: Logger;
  config?: Partial<SimConfig>;
  realNow?: () => number;
  /** Scenario files (default: the package's `scenarios/`), or pre-loaded scenarios. */
  scenariosDir?: string;
  scenarios?: Map<string, Scenario>;
  /** `--scenario`: the default for every tenant that has none set. */
  defaultScenario?: string | null;
  /** A pre-loaded spec, so test suites that build many apps parse the YAML once. */
  spec?: SpecDocument;
  validator?: RequestValidator;
}

export function createDeps(options: DepsOptions = {}): Deps {
  const random = createRandom(options.seed);
  const realNow = options.realNow ?? Date.now;
  const spec = options.spec ?? loadSpec();
  const validator = options.validator ?? new RequestValidator(spec);
  const scenarios =
    options.scenarios ??
    loadScenarios(options.scenariosDir ?? DEFAULT_SCENARIOS_DIR, validator, new Set(specOperations(spec).map((o) => o.operationId)));
  const logger = options.logger ?? pino({ level: 'silent' });
  const config: SimConfig = {
    bodyLimit: DEFAULT_BODY_LIMIT,
    callbackTimeoutMs: CALLBACK_TIMEOUT_MS,
    adminToken: null,
    controlPlane: true,
    maxProfilesPerTenant: DEFAULT_MAX_PROFILES,
    journalBodyBytes: DEFAULT_JOURNAL_BODY_BYTES,
    ...options.config,
  };
  return {
    logger,
    scheduler: new Scheduler({ realNow, logger, random }),
    deliverer: new CallbackDeliverer({ logger, userAgent: `sent-sim/${VERSION}`, timeoutMs: config.callbackTimeoutMs }),
    random,
    tenants: new TenantRegistry({ random, realNow }),
    spec,
    validator,
    scenarios: new ScenarioEngine(scenarios, options.defaultScenario ?? null),
    config,
    realNow,
    journalBodies: new JournalBodyBudget(config.journalBodyBytes),
  };
}
