import { MESSAGES } from '../../errors/catalog.js';
import type { ResourceModule } from '../module.js';
import { CAMPAIGNS } from './collection.js';
import { campaignOperations } from './routes.js';
import { CampaignService } from './service.js';

/** 10DLC campaigns under a profile's brand, and the organization's own (docs/decisions/0004). */
export const campaignsModule: ResourceModule = {
  name: 'campaigns',
  collections: [CAMPAIGNS],
  // Sent's documented 500 on DELETE (fact sheet §5.3), for a scenario that injects one.
  internalErrors: { deleteCampaign: (requestId) => MESSAGES.deleteFailed('campaign', requestId) },
  create: (deps) => ({ operations: campaignOperations(new CampaignService({ random: deps.random })) }),
};
