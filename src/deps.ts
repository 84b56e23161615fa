import { DEFAULT_BODY_LIMIT, DEFAULT_JOURNAL_BODY_BYTES, DEFAULT_LIMITS, type ResourceLimits } from './limits.js';
import pino, { type Logger } from 'pino';
import { Scheduler } from './clock/scheduler.js';
import { ControlPlane } from './control/plane.js';
import { DeliveryCore } from './delivery/core.js';
import { TargetPolicy } from './delivery/targets.js';
import { EventBus } from './events/bus.js';
import { EventCatalog } from './events/families.js';
import { loadSpec, RequestValidator, specOperations, type SpecDocument } from './http/validation.js';
import { allCollections, allEventFamilies, allInternalErrors, allLimits, allScenarioBlocks, allSettings, defaultLimits, defaultSettings, initialOrganization, RESOURCES } from './registry.js';
import type { ResourceInstance, ResourceModule, SettingDecl } from './resources/module.js';
import { checkScenarioBlocks } from './scenarios/blocks.js';
import { ScenarioEngine } from './scenarios/engine.js';
import { loadAllScenarios } from './scenarios/loader.js';
import type { Scenario } from './scenarios/types.js';
import type { Collection } from './store/collections.js';
import { JournalBodyBudget } from './store/journal.js';
import { TenantRegistry, type ProfileLookup } from './store/tenants.js';
import { createRandom, type Random } from './util/random.js';
import { VERSION } from './version.js';

/**
 * Everything the app holds: no module-level mutable state, so every test can build its own
 * simulator (and tenants) and run in parallel with the others.
 */
// The defaults live in limits.ts, which the CLI reads without loading the simulator.
export * from './limits.js';

export interface Deps {
  logger: Logger;
  random: Random;
  tenants: TenantRegistry;
  spec: SpecDocument;
  validator: RequestValidator;
  config: Config;
  /** Real time; each tenant's clock adds its own offset to it. */
  realNow: () => number;
  /** Waits in real time (scenario latency); tests pass one that does not. */
  sleep: (ms: number) => Promise<void>;
  scheduler: Scheduler;
  delivery: DeliveryCore;
  /** Events resources publish (messages, templates) for webhooks to deliver (events/bus.ts). */
  events: EventBus;
  scenarios: ScenarioEngine;
  /** The process-wide bound on journaled request bodies (store/journal.ts). */
  journalBodies: JournalBodyBudget;
  /** The resource modules, and what each built (registry.ts). */
  modules: readonly ResourceModule[];
  resources: ReadonlyMap<string, ResourceInstance>;
  collections: readonly Collection<{ id: string }>[];
  settings: Readonly<Record<string, SettingDecl>>;
  /** Every `/_sim` route with its two doors, HTTP and in process (control/plane.ts, docs/decisions/0080); made on first use. */
  readonly control: ControlPlane;
}

/**
 * The core's limits and switches. Resource caps (profiles, messages, webhooks…) are declared by
 * their modules (`ResourceModule.limits`, docs/decisions/0024) and join these in `Config`.
 */
export interface SimConfig {
  bodyLimit: number;
  /** How long a completion callback receiver may take (docs/decisions/0006: 10 s, as Sent documents). */
  callbackTimeoutMs: number;
  /** `--admin-token`: required on every `/_sim` call when set. */
  adminToken: string | null;
  /** `--no-control-plane` turns `/_sim` off. */
  controlPlane: boolean;
  /** `--webhook-targets`: where outbound notifications may go (delivery/targets.ts, docs/decisions/0046). */
  webhookTargets: string;
  /**
   * Shared by several teams (docs/decisions/0046): answers through `/v3` then name no low-level
   * delivery error. The CLI sets it when it binds a non-loopback host; an admin token implies it.
   */
  sharedInstance: boolean;
  /** `--journal-body-budget`: bytes of request bodies the journal keeps, all tenants together. */
  journalBodyBytes: number;
  /** How long a concurrent idempotent duplicate waits for the first (docs/decisions/0007: 5 s). */
  idempotencyWaitMs: number;
  // Limits (docs/decisions/0022, issue 15): every store bounded, every input cheap to refuse.
  /** `--max-tenants`: organizations held at once; the demo tenant counts. */
  maxTenants: number;
  /** `--tenant-idle-ttl` (ms here): when full, a tenant unused this long makes room for a new one; 0 never. */
  tenantIdleMs: number;
  /** `--max-keys`: API keys per tenant (`POST /_sim/tenant/keys`). */
  maxKeysPerTenant: number;
  /** `--max-pending-jobs`: jobs a tenant's requests may have pending (completions, deliveries due later…). */
  maxPendingJobsPerTenant: number;
  /** `--idempotency-cache-bytes`: cached responses per tenant, in bytes. */
  idempotencyBytesPerTenant: number;
  /** `--journal-size`: newest requests `GET /_sim/requests` keeps per tenant. */
  journalSize: number;
  /** `--delivery-log-size`: newest delivery attempts `GET /_sim/deliveries` keeps per tenant. */
  deliveryLogSize: number;
  /** Longest request target (path and query), in characters: past it `414`. */
  maxUrlLength: number;
  /** `--max-json-depth`: nesting of arrays and objects in a request body. */
  maxJsonDepth: number;
  /** `--max-json-nodes`: object members plus array items in one request body (`/_sim/import` excepted). */
  maxJsonNodes: number;
  /** `--max-string-length`: characters in any string of a request body (object keys: 255). */
  maxStringLength: number;
  /** `--max-connections`: open client connections; past it Node drops new ones. */
  maxConnections: number;
  /** Time a client has to send its request head. */
  headersTimeoutMs: number;
  /** `--request-timeout` (ms here): time a client has to send its whole request, body included. */
  requestTimeoutMs: number;
  /** Time an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
  /** On shutdown, how long in-flight requests may take to finish (docs/decisions/0021: 10 s). */
  shutdownGraceMs: number;
  /** `--allowed-hosts`: `Host` names served besides loopback names and the bound address; `*` any (docs/decisions/0033). */
  allowedHosts: readonly string[];
  /** `--max-streams`: open `/_sim/stream` connections per tenant; past it `429` (docs/decisions/0031). */
  maxStreamsPerTenant: number;
  /** `--stream-idle-timeout` (ms here): a stream with nothing to send for this long is ended. */
  streamIdleMs: number;
  /** `--stream-lifetime` (ms here): a stream is ended this long after it opened, whatever it sends. */
  streamLifetimeMs: number;
  /** `--stream-buffer`: bytes a stream may have unsent before it waits for its reader; what the logs drop meanwhile is skipped, with a `resync` event (docs/decisions/0089). */
  streamBufferBytes: number;
  /** `--idempotency-max-response`: the largest answer an Idempotency-Key caches; a larger one runs once and its retries answer `409` (docs/decisions/0087). */
  idempotencyMaxResponseBytes: number;
  /** `--journal-bytes`: bytes of requests (fields, headers, bodies) a tenant's journal keeps; the oldest go first. */
  journalBytesPerTenant: number;
  /** `--journal-total-bytes`: bytes of requests all journals keep together; the oldest of any tenant go first. */
  journalTotalBytes: number;
  /** `--delivery-log-bytes`: bytes of delivery attempts (bodies, headers) `GET /_sim/deliveries` keeps per tenant; the oldest go first. */
  deliveryLogBytes: number;
  /** `--clock-log-fired`: fired jobs `GET /_sim/clock` keeps of each advance (the rest counted in `fired_count`). */
  clockLogFired: number;
}

/** Everything `deps.config` holds: the core's settings and every cap the modules declare. */
export type Config = SimConfig & ResourceLimits;

/** Refuses a configuration that cannot work, at start-up rather than on the first request. */
export function checkConfig(config: Config): void {
  // docs/decisions/0022: an empty token would let an empty header through.
  if (config.adminToken !== null && config.adminToken.trim() === '') throw new RangeError('The admin token must not be empty');
  for (const [name, value] of Object.entries(config)) {
    if (typeof value === 'number' && (!Number.isFinite(value) || value < 0)) throw new RangeError(`${name} must be a finite number ≥ 0`);
  }
}

export interface DepsOptions {
  seed?: number;
  logger?: Logger;
  config?: Partial<Config>;
  realNow?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Directories of scenario files added to the package's own (docs/decisions/0084), or pre-loaded scenarios. */
  scenariosDir?: string | readonly string[];
  scenarios?: Map<string, Scenario>;
  /** `--scenario`: the default for every tenant that has none set. */
  defaultScenario?: string | null;
  /** A pre-loaded spec, so test suites that build many simulators parse and compile it once. */
  spec?: SpecDocument;
  validator?: RequestValidator;
  /** The resource modules (default: all of registry.ts). */
  modules?: readonly ResourceModule[];
  /** Jobs also run when real time reaches them (default true; test apps turn it off: they advance the clock). */
  realTimeJobs?: boolean;
}

export const CALLBACK_TIMEOUT_MS = 10_000;

export function createDeps(options: DepsOptions = {}): Deps {
  const random = createRandom(options.seed);
  const realNow = options.realNow ?? Date.now;
  const spec = options.spec ?? loadSpec();
  const validator = options.validator ?? new RequestValidator(spec);
  const scenarios =
    options.scenarios ??
    loadAllScenarios([options.scenariosDir ?? []].flat(), validator, new Set(specOperations(spec).map((o) => o.operationId)));
  const logger = options.logger ?? pino({ level: 'silent' });
  const modules = options.modules ?? RESOURCES;
  // Every block of every scenario is one a module declares, and valid (docs/decisions/0025).
  checkScenarioBlocks(scenarios, allScenarioBlocks(modules), validator);
  const config: Config = {
    bodyLimit: DEFAULT_BODY_LIMIT,
    callbackTimeoutMs: CALLBACK_TIMEOUT_MS,
    adminToken: null,
    controlPlane: true,
    webhookTargets: 'local',
    sharedInstance: false,
    journalBodyBytes: DEFAULT_JOURNAL_BODY_BYTES,
    idempotencyWaitMs: 5000,
    allowedHosts: [],
    ...DEFAULT_LIMITS,
    ...defaultLimits(allLimits(modules)),
    ...options.config,
  };
  checkConfig(config);
  // An admin token is what the guide prescribes for a shared instance (docs/decisions/0046).
  if (config.adminToken !== null) config.sharedInstance = true;
  const targets = new TargetPolicy(config.webhookTargets);
  const collections = allCollections(modules);
  const settings = allSettings(modules);
  const journalBodies = new JournalBodyBudget(config.journalBodyBytes, config.journalTotalBytes);
  const scheduler = new Scheduler({ realNow, logger, random, maxPendingPerTenant: config.maxPendingJobsPerTenant, realTime: options.realTimeJobs });
  // Set once the modules are built: the profiles module resolves `x-profile-id` for the core (docs/decisions/0027).
  let profileLookup: ProfileLookup = () => null;
  let control: ControlPlane | undefined;
  const deps: Deps = {
    logger,
    random,
    realNow,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    scheduler,
    delivery: new DeliveryCore({ logger, scheduler, userAgent: `sent-sim/${VERSION}`, realNow, targets }),
    events: new EventBus(new EventCatalog(allEventFamilies(modules))),
    tenants: new TenantRegistry({
      random,
      realNow,
      blueprint: { collections, settings: () => defaultSettings(settings), organization: (random) => initialOrganization(modules, random) },
      profileLookup: (tenant, id) => profileLookup(tenant, id),
      journalSize: config.journalSize,
      journalBytes: config.journalBytesPerTenant,
      // An entry pushed out of its tenant's journal no longer counts in the process-wide bound.
      onJournalEvict: (entry) => journalBodies.forget(entry),
      deliveryLogSize: config.deliveryLogSize,
      deliveryLogBytes: config.deliveryLogBytes,
      maxTenants: config.maxTenants,
      idleMs: config.tenantIdleMs,
      maxKeys: config.maxKeysPerTenant,
      idempotencyBytes: config.idempotencyBytesPerTenant,
      onRemove: (tenant) => {
        scheduler.forget(tenant);
        for (const entry of tenant.journal.toArray()) journalBodies.forget(entry);
      },
    }),
    spec,
    validator,
    scenarios: new ScenarioEngine(scenarios, options.defaultScenario ?? null, { internalErrors: allInternalErrors(modules) }),
    config,
    journalBodies,
    modules,
    resources: new Map(),
    collections,
    settings,
    // After the modules are built (below): their control routes join the core's.
    get control() {
      return (control ??= new ControlPlane(deps));
    },
  };
  // Each module builds its services once; its jobs and delivery sources are registered here.
  const resources = deps.resources as Map<string, ResourceInstance>;
  for (const module of modules) {
    const instance = module.create(deps);
    resources.set(module.name, instance);
    for (const [kind, handler] of Object.entries(instance.jobs ?? {})) scheduler.register(kind, handler, declaredPayload(module, kind));
    for (const [name, source] of Object.entries(instance.deliverySources ?? {})) deps.delivery.register(name, source);
    if (instance.profileLookup) profileLookup = instance.profileLookup;
  }
  return deps;
}

/** The payload schema `module` declares for a job kind it handles; a kind it does not declare is a programming error. */
function declaredPayload(module: ResourceModule, kind: string): object {
  const decl = module.jobKinds?.find((k) => k.kind === kind);
  if (!decl) throw new Error(`module ${module.name} handles job kind ${kind} without declaring it (ResourceModule.jobKinds)`);
  return decl.payload;
}
