/**
 * A contact's message summary (docs/decisions/0070) as a pure function of the messages: counts,
 * time bounds, channels and per-channel scores. Sent's SDK doc: each score is a percentage (0–100)
 * of the messages on that channel — success = SENT, DELIVERED or READ outbound, RECEIVED inbound;
 * fail = FAILED.
 */
import type { components } from '../../generated/sent-v3.js';
import type { Channel, MessageRecord, MessageStatus } from '../messages/collection.js';

type Summary = components['schemas']['ContactMessageSummary'];

/** The order channels are listed in (the spec's Channel enum). */
const CHANNEL_ORDER: readonly Channel[] = ['sms', 'whatsapp', 'rcs', 'mms'];
const SUCCESS: ReadonlySet<MessageStatus> = new Set(['SENT', 'DELIVERED', 'READ', 'RECEIVED']);

export function messageSummary(contactId: string, messages: readonly Pick<MessageRecord, 'created_at' | 'channel' | 'status'>[]): Summary {
  const byChannel = new Map<Channel, { total: number; success: number; fail: number }>();
  let first: string | null = null;
  let last: string | null = null;
  for (const m of messages) {
    if (first === null || m.created_at < first) first = m.created_at;
    if (last === null || m.created_at > last) last = m.created_at;
    // An auto-detect message not routed yet has no channel: it counts, but on none.
    if (m.channel === null) continue;
    const tally = byChannel.get(m.channel) ?? { total: 0, success: 0, fail: 0 };
    tally.total++;
    if (SUCCESS.has(m.status)) tally.success++;
    else if (m.status === 'FAILED') tally.fail++;
    byChannel.set(m.channel, tally);
  }
  const used = CHANNEL_ORDER.filter((c) => byChannel.has(c));
  return {
    contact_id: contactId,
    message_count: messages.length,
    first_message_at: first,
    last_message_at: last,
    channels_used: used,
    channel_scores: used.map((channel) => {
      const t = byChannel.get(channel)!;
      return { channel, success_score: percent(t.success, t.total), fail_score: percent(t.fail, t.total) };
    }),
  };
}

/** A share as a percentage with two decimals. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 100;
}
