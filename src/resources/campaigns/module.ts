import type { ResourceModule } from '../module.js';
import { CAMPAIGNS } from './collection.js';
import { campaignOperations } from './routes.js';
import { CampaignService } from './service.js';

/** 10DLC campaigns under a profile's brand, and the organization's own (docs/decisions/0004). */
export const campaignsModule: ResourceModule = {
  name: 'campaigns',
  collections: [CAMPAIGNS],
  create: (deps) => ({ operations: campaignOperations(new CampaignService({ random: deps.random })) }),
};
