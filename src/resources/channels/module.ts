import { defineJobKind } from '../../clock/scheduler.js';
import type { ResourceModule } from '../module.js';
import { RCS_REVIEW_JOB } from './account-service.js';
import { CAMPAIGN_STATE_CAP, CAMPAIGN_STATES, CHANNEL_ACCOUNTS, MARKET_CAP, MARKETS } from './collection.js';
import { channelControl } from './control.js';
import { CHANNEL_FAMILY } from './events.js';
import { CAMPAIGN_REVIEW_JOB } from './filing.js';
import { MARKET_REVIEW_JOB, type ReviewJob } from './review.js';
import { channelOperations } from './routes.js';
import { CHANNELS_BLOCK } from './scenario.js';
import { channelServices } from './services.js';

declare module '../../limits.js' {
  interface ResourceLimits {
    /** `--max-sms-markets`: SMS markets per tenant (all its accounts) before adding one answers `400 BUSINESS_008`. */
    maxSmsMarketsPerTenant: number;
    /** `--max-ten-dlc-campaigns`: US TEN_DLC campaigns added through `/v3/channels` per tenant. */
    maxTenDlcCampaignsPerTenant: number;
  }
}

declare module '../../store/types.js' {
  interface TenantSettings {
    /** Seconds a market (or campaign) spends PROVISIONING before it is filed for review (docs/decisions/0075: 60 s). */
    channel_provisioning_seconds: number;
    /** Seconds from PENDING_REVIEW to the verdict (one day): carriers, TCR, registries. */
    channel_review_seconds: number;
  }
}

const seconds = { type: 'number', minimum: 0, maximum: 31_536_000 };

/** Every review job's payload: the id of what it reviews (a market, a campaign, an account's RCS agent); imports are checked against it (docs/decisions/0090). */
const REVIEW_PAYLOAD = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } };

/** A job's payload as a review job; a hand-edited one that is not does nothing. */
const reviewJob = (payload: unknown): ReviewJob | null =>
  typeof payload === 'object' && payload !== null && typeof (payload as ReviewJob).id === 'string' ? (payload as ReviewJob) : null;

/**
 * Channels (sent-api-v3-2026-11 §2.7, decisions §16, docs/decisions/0073–0078): SMS markets and
 * their numbers, US TEN_DLC campaigns, WhatsApp and RCS, reviewed on the tenant clock with
 * `channel.*` events; the organization's simulator-provided US and CA markets; the sender rule
 * messages read (sender-rule.ts).
 */
export const channelsModule: ResourceModule = {
  name: 'channels',
  collections: [MARKETS, CAMPAIGN_STATES, CHANNEL_ACCOUNTS],
  limits: [MARKET_CAP, CAMPAIGN_STATE_CAP],
  scenarioBlocks: [CHANNELS_BLOCK],
  settings: {
    channel_provisioning_seconds: { default: 60, schema: seconds },
    channel_review_seconds: { default: 24 * 3600, schema: seconds },
  },
  events: [CHANNEL_FAMILY],
  jobKinds: [MARKET_REVIEW_JOB, CAMPAIGN_REVIEW_JOB, RCS_REVIEW_JOB].map((kind) => defineJobKind({ kind, payload: REVIEW_PAYLOAD })),
  create: (deps) => {
    const s = channelServices(deps);
    return {
      operations: channelOperations(s),
      jobs: {
        [MARKET_REVIEW_JOB]: (tenant, job) => {
          const p = reviewJob(job.payload);
          return p ? s.reviews.onJob(tenant, p, job.due_at) : undefined;
        },
        [CAMPAIGN_REVIEW_JOB]: (tenant, job) => {
          const p = reviewJob(job.payload);
          return p ? s.campaignReviews.onJob(tenant, p, job.due_at) : undefined;
        },
        [RCS_REVIEW_JOB]: (tenant, job) => {
          const p = reviewJob(job.payload);
          return p ? s.accounts.onJob(tenant, p, job.due_at) : undefined;
        },
      },
      control: channelControl({ random: deps.random, reviews: s.reviews, campaignReviews: s.campaignReviews, accounts: s.accounts }),
    };
  },
};
