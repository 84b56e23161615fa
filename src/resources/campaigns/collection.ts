import { defineCollection } from '../../store/collections.js';
import type { CampaignRecord } from '../../store/types.js';
import { campaignToWire } from './to-wire.js';

/**
 * Every campaign of the tenant, the organization's (`profileId: null`) and its profiles', by
 * campaign id (docs/decisions/0004).
 */
export const CAMPAIGNS = defineCollection<CampaignRecord>({
  name: 'campaigns',
  itemSchema: {
    type: 'object',
    required: ['id', 'profileId', 'useCases'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      profileId: { type: ['string', 'null'] },
      submittedToTCR: { type: 'boolean' },
      useCases: {
        type: 'array',
        items: { type: 'object', required: ['sampleMessages'], properties: { sampleMessages: { type: 'array', items: { type: 'string' } } } },
      },
    },
  },
  fromSnapshot: (item, tenant) => {
    const c = item as CampaignRecord;
    return { ...c, id: c.id.toLowerCase(), customerId: tenant.id };
  },
  toView: (c) => ({ ...campaignToWire(c), profile_id: c.profileId }),
});
