import type { Deps } from '../../deps.js';
import type { components } from '../../generated/sent-v3.js';
import { authed, ctx, pathId } from '../../http/context.js';
import { completionPlan } from '../../scenarios/engine.js';
import { sendData } from '../../http/envelope.js';
import type { OperationTable } from '../../http/operations.js';
import { CompletionService } from './service.js';

/** Completion route: parse → call the service → send. */
export function completionOperations(deps: Deps): OperationTable {
  const service = new CompletionService({ random: deps.random, scheduler: deps.scheduler, deliverer: deps.deliverer });
  return {
    completeProfile: {
      access: 'complete',
      handle: (req, res) => {
        const { tenant } = authed(res);
        const body = req.body as components['schemas']['CompleteProfileRequest'];
        // The scenario in force binds to the job this request starts.
        const result = service.completeProfile(tenant, pathId(req, 'profileId'), body, completionPlan(ctx(res).scenario));
        sendData(res, result.status, result.data);
      },
    },
  };
}
