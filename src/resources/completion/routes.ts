import type { components } from '../../generated/sent-v3.js';
import type { OperationDef } from '../../http/operation.js';
import { callbackUrlProblems, prerequisiteProblems } from './rules.js';
import { completionPlan } from './scenario.js';
import type { CompletionService } from './service.js';

/** The completion operation: parse → call the service → return. */
export function completionOperations(service: CompletionService): Record<string, OperationDef> {
  return {
    completeProfile: {
      access: 'complete',
      rateTier: 'sensitive',
      // Every prerequisite is judged first, in the one validation answer beside the body's
      // problems (decisions §14: "400 naming every unmet one, nothing started"). Sandbox looks
      // nothing up; an unknown profile is the handler's 404.
      check: (c) => ({
        ...callbackUrlProblems(c.body, (url) => service.targetRefusal(url)),
        ...(c.sandbox ? {} : prerequisiteProblems(service.unmetPrerequisites(c.tenant, c.params.profileId!))),
      }),
      handle: (c) => {
        const body = c.body as components['schemas']['CompleteProfileRequest'];
        // The scenario in force binds to the job this request starts.
        return service.completeProfile(c.tenant, c.params.profileId!, body, c.sandbox, completionPlan(c.scenario));
      },
    },
  };
}
