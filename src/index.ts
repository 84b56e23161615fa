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
