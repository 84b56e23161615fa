import type { Request } from 'express';
import type { Deps } from '../../deps.js';
import type { components } from '../../generated/sent-v3.js';
import { authed, ctx } from '../../http/context.js';
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
        sendData(res, 200, service.retrieveProfile(authed(res).tenant, profileId(req)));
      },
    },
    updateProfile: {
      access: 'write',
      fieldChecks: paymentFieldChecks,
      handle: (req, res) => {
        const body = req.body as Schemas['UpdateProfileRequest'];
        sendData(res, 200, service.updateProfile(authed(res).tenant, profileId(req), body));
      },
    },
    deleteProfile: {
      access: 'write',
      handle: (req, res) => {
        service.deleteProfile(authed(res).tenant, profileId(req), ctx(res).sandbox);
        sendNoContent(res);
      },
    },
  };
}

function profileId(req: Request): string {
  return String(req.params.profileId).toLowerCase();
}
