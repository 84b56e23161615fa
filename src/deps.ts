import pino, { type Logger } from 'pino';
import { TenantRegistry } from './store/tenants.js';
import { createRandom, type Random } from './util/random.js';
import { loadSpec, RequestValidator, type SpecDocument } from './http/validation.js';
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
}

export interface SimConfig {
  bodyLimit: number;
  /** How long a callback receiver may take (decisions §3: 10 s, as Sent documents). */
  callbackTimeoutMs: number;
}

export interface DepsOptions {
  seed?: number;
  logger?: Logger;
  config?: Partial<SimConfig>;
  realNow?: () => number;
  /** A pre-loaded spec, so test suites that build many apps parse the YAML once. */
  spec?: SpecDocument;
  validator?: RequestValidator;
}

export function createDeps(options: DepsOptions = {}): Deps {
  const random = createRandom(options.seed);
  const realNow = options.realNow ?? Date.now;
  const spec = options.spec ?? loadSpec();
  const logger = options.logger ?? pino({ level: 'silent' });
  const config: SimConfig = { bodyLimit: DEFAULT_BODY_LIMIT, callbackTimeoutMs: CALLBACK_TIMEOUT_MS, ...options.config };
  return {
    logger,
    scheduler: new Scheduler({ realNow, logger, random }),
    deliverer: new CallbackDeliverer({ logger, userAgent: `sent-sim/${VERSION}`, timeoutMs: config.callbackTimeoutMs }),
    random,
    tenants: new TenantRegistry({ random, realNow }),
    spec,
    validator: options.validator ?? new RequestValidator(spec),
    config,
    realNow,
  };
}
