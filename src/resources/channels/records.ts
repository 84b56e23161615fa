// How the channels module stores an account's channels (docs/decisions/0073).
import type { components } from '../../generated/sent-v3.js';
import type { NumberType } from '../compliance/markets.js';

type Schemas = components['schemas'];

export type ChannelStatus = Schemas['ChannelStatus'];
export type ReasonCode = Schemas['ChannelReasonCode'];
export type CampaignStatus = Schemas['TenDlcCampaign']['status'];

/** One number (or sender id) of a market, as its wire shape. */
export type NumberRecord = Schemas['SmsNumber'];

/** A document: its name and size only — the simulator never keeps a file's bytes (docs/decisions/0077). */
export interface DocumentRecord {
  document_id: string;
  key: string;
  file_name: string;
  size_bytes: number | null;
}

/**
 * Where a chain of channel steps comes from (docs/decisions/0092): the scenario in force and the
 * `X-Request-Id` of the API or `/_sim` call that started it — the envelope's `request_id` of
 * every `channel.*` event of the chain (docs/decisions/0060); null when no call did.
 */
export interface Origin {
  scenario: string | null;
  request_id: string | null;
}

/** No call and no scenario: a chain the simulator starts on its own. */
export const NO_ORIGIN: Origin = Object.freeze({ scenario: null, request_id: null });

/**
 * A review in progress on the tenant clock (docs/decisions/0075): the step due next and the
 * verdict it will give, decided when the market was submitted (the scenario in force, else
 * the tenant's delays and ACTIVE). It is the chain's `Origin`: the steps the clock takes later
 * carry the scenario and the `request_id` of the call that planned it (docs/decisions/0092).
 */
export interface ReviewRecord extends Origin {
  stage: 'provisioning' | 'review';
  due_at: number;
  review_ms: number;
  outcome: 'ACTIVE' | 'ACTION_NEEDED' | 'INACTIVE';
  reason_code: ReasonCode | null;
  reason: string | null;
}

/**
 * One SMS market of one account (the organization or a profile). A US TEN_DLC identity that
 * is complete lives on the account's brand (profiles module) and its campaigns are campaign
 * records (campaigns module); an incomplete identity or campaign waits here, in `pending_*`,
 * until it is complete (docs/decisions/0073).
 */
export interface MarketRecord {
  id: string;
  account_id: string;
  country: string;
  number_type: NumberType;
  status: ChannelStatus;
  reason_code: ReasonCode | null;
  reason: string | null;
  note: string | null;
  /** The sender id or number the request named; shown on `numbers[]`, never on the market (2026-11-12). */
  sender_value: string | null;
  numbers: NumberRecord[];
  pending_brand: Record<string, string | null> | null;
  pending_campaign: Record<string, unknown> | null;
  /** Values of a market that registers with no regime (`compliance.fields`). */
  fields: Record<string, string>;
  documents: DocumentRecord[];
  /** Passed its review once: numbers added later are claimed at once. */
  approved: boolean;
  /** A simulator-provided sender of a new organization (US TEN_DLC, CA LOCAL): it owes nothing until its compliance is written. */
  seeded: boolean;
  review: ReviewRecord | null;
  /** The tenant-clock time of the review job scheduled for it, if any. */
  job_at: number | null;
  created_at: string;
  updated_at: string | null;
}

/** The channels-side state of a US TEN_DLC campaign record (campaigns module): its review, volume tier and reason. */
export interface CampaignStateRecord {
  /** The campaign's id. */
  id: string;
  account_id: string;
  status: CampaignStatus;
  volume: string | null;
  reason: string | null;
  review: ReviewRecord | null;
  job_at: number | null;
}

export type WhatsappRecord = Schemas['WhatsappAccount'];

/** The RCS agent as its wire shape, and its review. */
export type RcsRecord = Schemas['RcsAgent'] & {
  review: ReviewRecord | null;
};

/** An account's WhatsApp account and RCS agent, one record per account that has either. */
export interface ChannelAccountRecord {
  id: string;
  /** The account (the organization's id or a profile's). */
  account_id: string;
  whatsapp: WhatsappRecord | null;
  rcs: RcsRecord | null;
}
