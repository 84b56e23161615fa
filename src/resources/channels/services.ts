import type { Deps } from '../../deps.js';
import { AccountService } from './account-service.js';
import { CampaignReviews } from './filing.js';
import { MarketService } from './market-service.js';
import { NumberService } from './number-service.js';
import { MarketReviews } from './review.js';
import { TenDlcCampaignService } from './campaign-service.js';

/**
 * The channels services, built from the app's dependencies. They keep no state of their own (it
 * is all in the tenant's store and the scheduler's jobs), so the sender-profiles module builds
 * its own set to add a new profile's channels the way these routes do.
 */
export function channelServices(deps: Pick<Deps, 'random' | 'scheduler' | 'events' | 'logger' | 'config'>) {
  const base = { random: deps.random, scheduler: deps.scheduler, events: deps.events, logger: deps.logger };
  const reviews = new MarketReviews(base);
  const campaignReviews = new CampaignReviews(base);
  const maxCampaigns = deps.config.maxTenDlcCampaignsPerTenant;
  return {
    reviews,
    campaignReviews,
    markets: new MarketService({ random: deps.random, reviews, maxMarkets: deps.config.maxSmsMarketsPerTenant, maxCampaigns }),
    numbers: new NumberService(reviews),
    campaigns: new TenDlcCampaignService({ random: deps.random, reviews, campaignReviews, maxCampaigns }),
    accounts: new AccountService({ ...base, reviews }),
  };
}

export type ChannelServices = ReturnType<typeof channelServices>;
