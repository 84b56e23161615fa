import pino, { type Logger } from 'pino';
import { TenantRegistry } from './store/tenants.js';
import { createRandom, type Random } from './util/random.js';
import { loadSpec, RequestValidator, type SpecDocument } from './http/validation.js';
import { DEFAULT_BODY_LIMIT } from './http/json-body.js';

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
}

export interface SimConfig {
  bodyLimit: number;
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
  return {
    logger: options.logger ?? pino({ level: 'silent' }),
    random,
    tenants: new TenantRegistry({ random, realNow }),
    spec,
    validator: options.validator ?? new RequestValidator(spec),
    config: { bodyLimit: DEFAULT_BODY_LIMIT, ...options.config },
    realNow,
  };
}
