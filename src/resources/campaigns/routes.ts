import type { Request } from 'express';
import type { Deps } from '../../deps.js';
import type { components } from '../../generated/sent-v3.js';
import { authed, ctx } from '../../http/context.js';
import { sendData, sendNoContent } from '../../http/envelope.js';
import type { OperationTable } from '../../http/operations.js';
import { CampaignService } from './service.js';

type CampaignRequest = components['schemas']['CampaignRequest'];

/** Campaign routes: parse → call the service → send. No business logic here. */
export function campaignOperations(deps: Deps): OperationTable {
  const service = new CampaignService({ random: deps.random });
  return {
    createCampaign: {
      access: 'write',
      handle: (req, res) => {
        const body = req.body as CampaignRequest;
        sendData(res, 201, service.createCampaign(authed(res).tenant, profileId(req), body, ctx(res).sandbox));
      },
    },
    listCampaigns: {
      access: 'read',
      handle: (req, res) => {
        // Sent answers a bare array here, not an object wrapping it (fact sheet §11).
        sendData(res, 200, service.listCampaigns(authed(res).tenant, profileId(req)));
      },
    },
    updateCampaign: {
      access: 'write',
      handle: (req, res) => {
        const body = req.body as CampaignRequest;
        const { tenant } = authed(res);
        sendData(res, 200, service.updateCampaign(tenant, profileId(req), campaignId(req), body, ctx(res).sandbox));
      },
    },
    deleteCampaign: {
      access: 'write',
      handle: (req, res) => {
        service.deleteCampaign(authed(res).tenant, profileId(req), campaignId(req), ctx(res).sandbox);
        sendNoContent(res);
      },
    },
  };
}

function profileId(req: Request): string {
  return String(req.params.profileId).toLowerCase();
}

function campaignId(req: Request): string {
  return String(req.params.campaignId).toLowerCase();
}
