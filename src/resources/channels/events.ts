/**
 * The `channel` event family (sent-api-v3-2026-11 §2.4, docs/decisions/0075) and the payload of
 * each step: `ChannelEventPayload`, with `number_type` omitted where a channel has none and
 * `reason_code` omitted while ACTIVE; `sender_value` always present, null until a sender exists.
 */
import type { SentEvent } from '../../events/bus.js';
import type { EventFamily } from '../../events/families.js';
import type { Tenant } from '../../store/types.js';
import { eventTimestamp } from '../../util/time.js';
import type { Account } from '../account.js';
import type { MarketRecord, Origin, RcsRecord } from './records.js';
import { activeSender, brandView, campaignViews } from './requirements.js';

export type ChannelEventName = 'channel.submitted' | 'channel.activated' | 'channel.deactivated' | 'channel.removed';

export const CHANNEL_FAMILY: EventFamily = {
  name: 'channel',
  display_name: 'Channels',
  description: 'SMS markets and RCS agents moving through their review',
  sub_types: [
    { suffix: 'submitted', display_name: 'Channel Submitted', description: 'Triggered when a channel is submitted or resubmitted, or owes something' },
    { suffix: 'activated', display_name: 'Channel Activated', description: 'Triggered when a channel becomes ACTIVE and can send' },
    { suffix: 'deactivated', display_name: 'Channel Deactivated', description: 'Triggered when an ACTIVE channel stops being able to send' },
    { suffix: 'removed', display_name: 'Channel Removed', description: 'Triggered when a channel is removed (INACTIVE because it was removed)' },
  ],
  samplePayload: (name, accountId, at) => ({
    country: 'GB',
    account_id: accountId,
    channel: 'sms',
    compliance: { documents: [] },
    number_type: 'ALPHANUMERIC',
    reason: null,
    sender_value: name === 'channel.activated' ? 'ACME' : null,
    status: name === 'channel.activated' ? 'ACTIVE' : name === 'channel.submitted' ? 'PROVISIONING' : 'INACTIVE',
    updated_at: eventTimestamp(at),
  }),
  // One channel's steps stay in order: the account, the channel and, for SMS, the market.
  orderKey: (payload) => (typeof payload.account_id === 'string' ? channelOrderKey(payload.account_id, String(payload.channel), String(payload.country), payload.number_type as string | undefined) : null),
};

function channelOrderKey(accountId: string, channel: string, country: string, numberType: string | undefined): string {
  return `channel:${accountId}:${channel}:${country}:${numberType ?? ''}`;
}

/** The event of one market step of the chain `origin` started. */
export function marketEvent(tenant: Tenant, account: Account, market: MarketRecord, name: ChannelEventName, at: number, origin: Origin): SentEvent {
  const tcr = market.country === 'US' && market.number_type === 'TEN_DLC';
  const documents = market.documents.map(({ document_id, key, file_name }) => ({ document_id, key, file_name }));
  const compliance = tcr ? { brand: brandView(tenant, account, market), campaign: campaignViews(tenant, account)[0] ?? null, documents } : { documents };
  return event(account, name, at, origin, {
    country: market.country,
    account_id: account.id,
    channel: 'sms',
    compliance,
    number_type: market.number_type,
    reason: market.reason,
    ...(market.status !== 'ACTIVE' && market.reason_code ? { reason_code: market.reason_code } : {}),
    sender_value: activeSender(market),
    status: market.status,
    updated_at: eventTimestamp(at),
  });
}

/** The event of one RCS agent step: no `number_type`; its country is the agent's address's. */
export function rcsEvent(account: Account, agent: RcsRecord, name: ChannelEventName, reason: string | null, reasonCode: string | null, at: number, origin: Origin): SentEvent {
  return event(account, name, at, origin, {
    country: agent.official_address.country,
    account_id: account.id,
    channel: 'rcs',
    compliance: { documents: [] },
    reason,
    ...(agent.status !== 'ACTIVE' && reasonCode ? { reason_code: reasonCode } : {}),
    sender_value: agent.phone_number,
    status: agent.status,
    updated_at: eventTimestamp(at),
  });
}

/** `request_id`: the call that started the chain (docs/decisions/0060, 0092), however much later the step. */
function event(account: Account, name: ChannelEventName, at: number, origin: Origin, payload: Record<string, unknown>): SentEvent {
  return { account_id: account.id, family: 'channel', name, at, payload, order_key: CHANNEL_FAMILY.orderKey(payload), scenario: origin.scenario, request_id: origin.request_id };
}
