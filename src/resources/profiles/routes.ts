import type { Deps } from '../../deps.js';
import type { components } from '../../generated/sent-v3.js';
import { authed, ctx, pathId } from '../../http/context.js';
import { sendData, sendNoContent } from '../../http/envelope.js';
import type { OperationTable } from '../../http/operations.js';
import { cardProblems } from './rules.js';
import { SandboxData } from './sandbox.js';
import { ProfileService } from './service.js';

type Schemas = components['schemas'];

/** Profile routes: parse → call the service → send. No business logic here. */
export function profileOperations(deps: Deps, sandbox = new SandboxData(deps.random)): OperationTable {
  const service = new ProfileService({ random: deps.random, sandbox, maxProfiles: deps.config.maxProfilesPerTenant });
  const paymentFieldChecks = (body: unknown, tenant: { clock: { now(): number } }) =>
    cardProblems((body as { payment_details?: unknown }).payment_details, tenant.clock.now());
  return {
    createProfile: {
      access: 'write',
      fieldChecks: paymentFieldChecks,
      handle: (req, res) => {
        const { tenant } = authed(res);
        sendData(res, 201, service.createProfile(tenant, req.body as Schemas['CreateProfileRequest']));
      },
    },
    listProfiles: {
      access: 'read',
      handle: (_req, res) => {
        const { tenant, apiKey } = authed(res);
        sendData(res, 200, service.listProfiles(tenant, apiKey));
      },
    },
    retrieveProfile: {
      access: 'read',
      handle: (req, res) => {
        sendData(res, 200, service.retrieveProfile(authed(res).tenant, pathId(req, 'profileId')));
      },
    },
    updateProfile: {
      access: 'write',
      fieldChecks: paymentFieldChecks,
      handle: (req, res) => {
        const body = req.body as Schemas['UpdateProfileRequest'];
        sendData(res, 200, service.updateProfile(authed(res).tenant, pathId(req, 'profileId'), body));
      },
    },
    deleteProfile: {
      access: 'write',
      handle: (req, res) => {
        service.deleteProfile(authed(res).tenant, pathId(req, 'profileId'), ctx(res).sandbox);
        sendNoContent(res);
      },
    },
  };
}
