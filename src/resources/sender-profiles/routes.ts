import type { components } from '../../generated/sent-v3.js';
import type { OperationDef } from '../../http/operation.js';
import { pageOf } from '../../http/pagination.js';
import { created, noContent, ok } from '../../http/result.js';
import { createProblems, updateProblems } from './rules.js';
import type { SenderProfileService } from './service.js';

type Schemas = components['schemas'];

/**
 * Sender-profile operations: parse → call the service → return. `x-profile-id` has no effect
 * here (§2.6); organization `owner`/`admin` keys write, any key reads, a profile key only itself.
 */
export function senderProfileOperations(service: SenderProfileService): Record<string, OperationDef> {
  return {
    createSenderProfile: {
      access: 'write',
      check: (c) => createProblems(c.body),
      handle: (c) => created(service.createSenderProfile(c.tenant, c.body as Schemas['CreateSenderProfileRequest'], c.sandbox, { scenario: c.scenario, requestId: c.requestId })),
    },
    listSenderProfiles: {
      access: 'read',
      handle: (c) => ok(service.listSenderProfiles(c.tenant, c.apiKey, pageOf(c.query))),
    },
    retrieveSenderProfile: {
      access: 'read',
      handle: (c) => ok(service.retrieveSenderProfile(c.tenant, c.apiKey, c.params.id!)),
    },
    updateSenderProfile: {
      access: 'write',
      check: (c) => updateProblems(c.body),
      handle: (c) => ok(service.updateSenderProfile(c.tenant, c.params.id!, c.body as Schemas['UpdateSenderProfileRequest'], c.sandbox)),
    },
    deleteSenderProfile: {
      access: 'write',
      handle: (c) => {
        service.deleteSenderProfile(c.tenant, c.params.id!, c.sandbox, c.requestId);
        return noContent();
      },
    },
  };
}
