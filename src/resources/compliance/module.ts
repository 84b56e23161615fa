import type { ResourceModule } from '../module.js';
import { complianceOperations } from './routes.js';

/**
 * Compliance requirements and number types (sent-api-v3-2026-11 §2.7, docs/decisions/0074): read
 * only, from the simulator's requirements table (markets.ts). Registered before the channels
 * module: `GET /v3/channels/{channel}/{country}/compliance` must be tried before
 * `/v3/channels/sms/{country}/{type}`, which the same path also matches.
 */
export const complianceModule: ResourceModule = {
  name: 'compliance',
  create: () => ({ operations: complianceOperations() }),
};
