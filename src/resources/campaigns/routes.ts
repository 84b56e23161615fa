import type { Deps } from '../../deps.js';
import type { components } from '../../generated/sent-v3.js';
import { authed, ctx, pathId } from '../../http/context.js';
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
        sendData(res, 201, service.createCampaign(authed(res).tenant, pathId(req, 'profileId'), body, ctx(res).sandbox));
      },
    },
    listCampaigns: {
      access: 'read',
      handle: (req, res) => {
        // Sent answers a bare array here, not an object wrapping it (fact sheet §11).
        sendData(res, 200, service.listCampaigns(authed(res).tenant, pathId(req, 'profileId')));
      },
    },
    updateCampaign: {
      access: 'write',
      handle: (req, res) => {
        const body = req.body as CampaignRequest;
        const { tenant } = authed(res);
        sendData(res, 200, service.updateCampaign(tenant, pathId(req, 'profileId'), pathId(req, 'campaignId'), body, ctx(res).sandbox));
      },
    },
    deleteCampaign: {
      access: 'write',
      handle: (req, res) => {
        service.deleteCampaign(authed(res).tenant, pathId(req, 'profileId'), pathId(req, 'campaignId'), ctx(res).sandbox);
        sendNoContent(res);
      },
    },
  };
}
