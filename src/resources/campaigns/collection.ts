import { defineCollection } from '../../store/collections.js';
import type { CampaignRecord } from './records.js';
import { campaignToWire } from './to-wire.js';

/**
 * Every campaign of the tenant, the organization's (`profileId: null`) and its profiles', by
 * campaign id (docs/decisions/0004).
 */
export const CAMPAIGNS = defineCollection<CampaignRecord>({
  name: 'campaigns',
  // Every field, by the spec's own `Campaign`: an imported campaign reads back as the API describes it (issue 15 row 7).
  itemSchema: {
    allOf: [
      { $ref: 'sent-v3#/components/schemas/Campaign' },
      { type: 'object', required: ['id', 'profileId'], properties: { id: { type: 'string', format: 'uuid' }, profileId: { type: ['string', 'null'], format: 'uuid' } } },
    ],
  },
  fromSnapshot: (item, tenant) => {
    const c = item as CampaignRecord;
    return { ...c, id: c.id.toLowerCase(), customerId: tenant.id };
  },
  toView: (c) => ({ ...campaignToWire(c), profile_id: c.profileId }),
});
