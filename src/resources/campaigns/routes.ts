import type { components } from '../../generated/sent-v3.js';
import type { OperationDef } from '../../http/operation.js';
import { created, noContent, ok } from '../../http/result.js';
import type { CampaignService } from './service.js';

type CampaignRequest = components['schemas']['CampaignRequest'];

/** Campaign operations: parse → call the service → return. No business logic here. */
export function campaignOperations(service: CampaignService): Record<string, OperationDef> {
  return {
    createCampaign: {
      access: 'write',
      handle: (c) => created(service.createCampaign(c.tenant, c.params.profileId!, c.body as CampaignRequest, c.sandbox)),
    },
    listCampaigns: {
      access: 'read',
      // Sent answers a bare array here, not an object wrapping it (fact sheet §11).
      handle: (c) => ok(service.listCampaigns(c.tenant, c.params.profileId!)),
    },
    updateCampaign: {
      access: 'write',
      handle: (c) => ok(service.updateCampaign(c.tenant, c.params.profileId!, c.params.campaignId!, c.body as CampaignRequest, c.sandbox)),
    },
    deleteCampaign: {
      access: 'write',
      handle: (c) => {
        service.deleteCampaign(c.tenant, c.params.profileId!, c.params.campaignId!, c.sandbox);
        return noContent();
      },
    },
  };
}
