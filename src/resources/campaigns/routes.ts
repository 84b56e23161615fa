import type { Deps } from '../../deps.js';
import type { OperationTable } from '../../http/operations.js';

/** Campaign routes: parse → call the service → send. (Being built; operations absent here answer 501.) */
export function campaignOperations(_deps: Deps): OperationTable {
  return {};
}
