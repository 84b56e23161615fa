/**
 * The public entry point of the `sent-sim` package (docs/decisions/0021):
 * `import { createSimulator } from 'sent-sim'`.
 */
export { createSimulator } from './simulator.js';
export type { Listening, Simulator, SimulatorOptions } from './simulator.js';
export type { Config, SimConfig } from './deps.js';
export type { ResourceLimits } from './limits.js';
export { DEMO_KEYS } from './store/tenants.js';
export { VERSION } from './version.js';
