/**
 * The public entry point of the `sent-sim` package (docs/decisions/0021):
 * `import { createSimulator } from 'sent-sim'`.
 */
// For the declaration files: the modules' declaration merges (e.g. the config keys of their caps,
// `ResourceLimits`) reach a library user's type checker through the registry (registry.ts).
import './registry.js';
export { createSimulator } from './simulator.js';
export type { Listening, Simulator, SimulatorOptions } from './simulator.js';
export type { Config, SimConfig } from './deps.js';
export type { ResourceLimits } from './limits.js';
export { DEMO_KEYS } from './store/tenants.js';
export { checkReceiver, FAMILY_NAMES, reportText, ReceiverCheckUsageError } from './receiver-check/index.js';
export type { CheckResult, CheckStatus, DeliveryOutcome, ReceiverCheckOptions, ReceiverCheckReport } from './receiver-check/index.js';
export { VERSION } from './version.js';
// In-process controls (docs/guide/in-process.md): what `sim.tenant(key)` takes and answers.
export type { Duration, InboundResult, RequestQueries, ScenarioOption, SimTenant, TemplateView, TenantView } from './control/in-process.js';
export type { ClockAdvanced, DeliveryList } from './control/tenant-routes.js';
export type { DeliveryFilter } from './control/delivery-filter.js';
export type { DeliveryView } from './control/delivery-view.js';
export type { RequestCount, RequestList } from './control/request-routes.js';
export type { RequestFilter } from './control/request-filter.js';
export type { ScenarioSummary } from './control/scenario-routes.js';
export type { SeedRequest, SeedResult } from './control/seed.js';
export type { TenantPatchRequest } from './control/schemas.js';
export type { TenantSnapshot } from './control/snapshot.js';
export type { FiredJob } from './clock/scheduler.js';
export type { ClockAdvance, JournalEntry } from './store/types.js';
export type { InboundRequest, NumberOutcomeView } from './resources/messages/inbound.js';
export type { NumberOutcome } from './resources/messages/collection.js';
export type { Verdict, VerdictScope } from './resources/templates/legs.js';
// Refusals, from either door: `status`, `code`, `message`, `details` as the problem document has them.
export { SimError } from './errors/sim-error.js';
export type { ErrorDetails } from './errors/sim-error.js';
export type { ErrorCode } from './errors/catalog.js';
