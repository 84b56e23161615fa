import { MESSAGES } from '../../errors/catalog.js';
import { defineLimit } from '../../limits.js';
import { defineCollection } from '../../store/collections.js';
import type { Tenant } from '../../store/types.js';
import type { CampaignStateRecord, ChannelAccountRecord, MarketRecord, ReviewRecord } from './records.js';

/** Bounded memory (docs/decisions/0022): SMS markets per tenant, all its accounts together. */
export const MARKET_CAP = defineLimit({
  flag: 'max-sms-markets',
  key: 'maxSmsMarketsPerTenant',
  default: 10_000,
  min: 1,
  max: 1_000_000,
  description: 'SMS markets per tenant (all its accounts) before adding one answers 400 BUSINESS_008',
  error: { code: 'BUSINESS_008', message: MESSAGES.marketCap },
});

/** Bounded memory: US TEN_DLC campaigns added through the channels API per tenant. */
export const CAMPAIGN_STATE_CAP = defineLimit({
  flag: 'max-ten-dlc-campaigns',
  key: 'maxTenDlcCampaignsPerTenant',
  default: 10_000,
  min: 1,
  max: 1_000_000,
  description: 'US TEN_DLC campaigns added through /v3/channels per tenant before adding one answers 400 BUSINESS_008',
  error: { code: 'BUSINESS_008', message: MESSAGES.tenDlcCampaignCap },
});

/** The key of the `market` index: one market per (account, country, sender type). */
export const marketKey = (accountId: string, country: string, type: string) => `${accountId}|${country}|${type}`;

const text = (max: number) => ({ type: ['string', 'null'], maxLength: max });
const review = {
  type: ['object', 'null'],
  required: ['stage', 'due_at', 'review_ms', 'outcome', 'reason_code', 'reason', 'scenario'],
  properties: {
    stage: { enum: ['provisioning', 'review'] },
    due_at: { type: 'number' },
    review_ms: { type: 'number', minimum: 0 },
    outcome: { enum: ['ACTIVE', 'ACTION_NEEDED', 'INACTIVE'] },
    reason_code: { enum: ['CHANNEL_001', 'CHANNEL_002', null] },
    reason: text(1024),
    scenario: text(255),
    // Not required: a snapshot made before it existed reads null (`reviewOf`).
    request_id: text(64),
  },
};

/** A stored review as a snapshot holds it: `request_id` null when the snapshot predates it (docs/decisions/0092). */
function reviewOf(review: ReviewRecord | null): ReviewRecord | null {
  return review && { ...review, request_id: review.request_id ?? null };
}

/**
 * Every SMS market of the tenant, its profiles' included, by id; found by (account, country,
 * type) through the `market` index. A new organization's two simulator-provided markets are not
 * stored until something is written to them (markets.ts `accountMarkets`).
 */
export const MARKETS = defineCollection<MarketRecord>({
  name: 'sms_markets',
  indexes: { market: { key: (m) => marketKey(m.account_id, m.country, m.number_type) } },
  limit: MARKET_CAP,
  itemSchema: {
    type: 'object',
    required: ['id', 'account_id', 'country', 'number_type', 'status', 'reason_code', 'reason', 'note', 'sender_value', 'numbers', 'pending_brand', 'pending_campaign', 'fields', 'documents', 'approved', 'seeded', 'review', 'job_at', 'created_at', 'updated_at'],
    properties: {
      id: { type: 'string', maxLength: 64 },
      account_id: { type: 'string', maxLength: 64 },
      country: { type: 'string', pattern: '^[A-Z]{2}$' },
      number_type: { $ref: 'sent-v3#/components/schemas/SmsNumberType' },
      status: { $ref: 'sent-v3#/components/schemas/ChannelStatus' },
      reason_code: { enum: ['CHANNEL_001', 'CHANNEL_002', null] },
      reason: text(1024),
      note: text(1024),
      sender_value: text(32),
      numbers: { type: 'array', maxItems: 64, items: { $ref: 'sent-v3#/components/schemas/SmsNumber' } },
      pending_brand: { type: ['object', 'null'], additionalProperties: text(2048) },
      pending_campaign: { type: ['object', 'null'] },
      fields: { type: 'object', additionalProperties: { type: 'string', maxLength: 255 } },
      documents: {
        type: 'array',
        maxItems: 32,
        items: {
          type: 'object',
          required: ['document_id', 'key', 'file_name', 'size_bytes'],
          properties: { document_id: { type: 'string', maxLength: 64 }, key: { type: 'string', maxLength: 64 }, file_name: { type: 'string', maxLength: 255 }, size_bytes: { type: ['integer', 'null'], minimum: 0 } },
        },
      },
      approved: { type: 'boolean' },
      seeded: { type: 'boolean' },
      review,
      job_at: { type: ['number', 'null'] },
      created_at: { type: 'string', maxLength: 64 },
      updated_at: text(64),
    },
  },
  fromSnapshot: (item, _tenant, account) => {
    const m = item as MarketRecord;
    return { ...m, account_id: account(m.account_id), review: reviewOf(m.review) };
  },
});

/** The channels-side state of US TEN_DLC campaigns (the campaign data is the campaigns module's record). */
export const CAMPAIGN_STATES = defineCollection<CampaignStateRecord>({
  name: 'ten_dlc_campaigns',
  limit: CAMPAIGN_STATE_CAP,
  itemSchema: {
    type: 'object',
    required: ['id', 'account_id', 'status', 'volume', 'reason', 'review', 'job_at'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      account_id: { type: 'string', maxLength: 64 },
      status: { enum: ['ACTIVE', 'PENDING_REVIEW', 'ACTION_NEEDED', 'DECLINED', 'INACTIVE'] },
      volume: text(16),
      reason: text(1024),
      review,
      job_at: { type: ['number', 'null'] },
    },
  },
  fromSnapshot: (item, _tenant, account) => {
    const s = item as CampaignStateRecord;
    return { ...s, id: s.id.toLowerCase(), account_id: account(s.account_id), review: reviewOf(s.review) };
  },
});

/** Each account's WhatsApp account and RCS agent (at most one record per account: bounded by the profiles cap). */
export const CHANNEL_ACCOUNTS = defineCollection<ChannelAccountRecord>({
  name: 'channel_accounts',
  indexes: { account: { key: (a) => a.account_id } },
  itemSchema: {
    type: 'object',
    required: ['id', 'account_id', 'whatsapp', 'rcs'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      account_id: { type: 'string', maxLength: 64 },
      whatsapp: { oneOf: [{ $ref: 'sent-v3#/components/schemas/WhatsappAccount' }, { type: 'null' }] },
      rcs: {
        oneOf: [{ allOf: [{ $ref: 'sent-v3#/components/schemas/RcsAgent' }, { type: 'object', required: ['review'], properties: { review } }] }, { type: 'null' }],
      },
    },
  },
  fromSnapshot: (item, _tenant, account) => {
    const a = item as ChannelAccountRecord;
    return { ...a, id: a.id.toLowerCase(), account_id: account(a.account_id), rcs: a.rcs && { ...a.rcs, review: reviewOf(a.rcs.review) } };
  },
});

/** An account's WhatsApp account and RCS agent record, if it has one. */
export function channelAccount(tenant: Tenant, accountId: string): ChannelAccountRecord | undefined {
  return CHANNEL_ACCOUNTS.in(tenant).findBy('account', accountId);
}

/** Writes an account's WhatsApp account or RCS agent (a new record gets `id`). */
export function saveChannelAccount(tenant: Tenant, accountId: string, change: Partial<Pick<ChannelAccountRecord, 'whatsapp' | 'rcs'>>, id: () => string): ChannelAccountRecord {
  const current = channelAccount(tenant, accountId) ?? { id: id(), account_id: accountId, whatsapp: null, rcs: null };
  const next = { ...current, ...change };
  CHANNEL_ACCOUNTS.in(tenant).set(next.id, next);
  return next;
}
