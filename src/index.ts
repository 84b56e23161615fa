/**
 * The public entry point of the `sent-sim` package (docs/decisions/0021):
 * `import { createSimulator } from 'sent-sim'`.
 */
export { createSimulator } from './simulator.js';
export type { Listening, Simulator, SimulatorOptions } from './simulator.js';
export type { SimConfig } from './deps.js';
export { DEMO_KEYS } from './store/tenants.js';
export { checkReceiver, FAMILY_NAMES, reportText, ReceiverCheckUsageError } from './receiver-check/index.js';
export type { CheckResult, CheckStatus, DeliveryOutcome, ReceiverCheckOptions, ReceiverCheckReport } from './receiver-check/index.js';
export { VERSION } from './version.js';
