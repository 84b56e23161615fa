/**
 * What one send may make (issue 25 rows 1 and 2, docs/decisions/0086, 0087), checked before
 * anything is stored: the rendered text of each channel within Sent's caps, and the webhook
 * deliveries its messages' events would fan out to within `--max-send-fanout`.
 */
import { MESSAGES } from '../../errors/catalog.js';
import { simError, validationError } from '../../errors/sim-error.js';
import { defineLimit } from '../../limits.js';
import { MAX_BODY_CHARS, MAX_RCS_BODY_CHARS } from '../templates/content-rules.js';
import type { Channel, MessageBody } from './collection.js';
import { CHANNEL_LABELS, type RequestedChannel } from './rules.js';

/**
 * Recipients × channels × webhooks that take the account's message events, per send: each event
 * of each message goes to each such webhook, so this bounds the deliveries one request makes
 * (1,000 webhooks × 1,000 numbers was a million per lifecycle step, and took the process down).
 */
export const SEND_FANOUT_CAP = defineLimit({
  flag: 'max-send-fanout',
  key: 'maxSendFanout',
  default: 10_000,
  min: 1,
  max: 100_000_000,
  description: 'recipients × channels × webhooks taking message events, per send; past it 400 BUSINESS_008, nothing stored',
  error: { code: 'BUSINESS_008', message: (cap) => MESSAGES.sendFanoutCap(cap, null) },
});

/**
 * The longest text a channel carries, rendered with its parameters (Sent's template caps: Meta
 * refuses a WhatsApp template whose text with its parameters passes 1,024 characters; an rcs
 * body may be three times as long; an mms body has the sms cap, as its template slot does). A
 * header and a footer are held to the same cap as the body.
 */
export const RENDERED_MAX: Record<Channel, number> = { sms: MAX_BODY_CHARS, whatsapp: MAX_BODY_CHARS, rcs: MAX_RCS_BODY_CHARS, mms: MAX_BODY_CHARS };

export interface SendShape {
  recipients: number;
  channels: readonly RequestedChannel[];
  /** Whether an auto-detect message of the send may go by MMS (it carries media; docs/decisions/0068). */
  mmsEligible?: boolean;
  /** Webhooks that take the sending account's message events now. */
  receivers: number;
  maxFanout: number;
  /** The body a template renders on a channel, null without a template or a body for it. */
  render: (channel: Channel) => MessageBody | null;
}

/** Throws `400` (nothing stored yet) when a send would render past a channel's cap or fan out past `--max-send-fanout`. */
export function assertSendBounds(send: SendShape): void {
  const fanout = send.recipients * send.channels.length * Math.max(1, send.receivers);
  if (fanout > send.maxFanout) {
    throw simError('BUSINESS_008', { message: MESSAGES.sendFanoutCap(send.maxFanout, { recipients: send.recipients, channels: send.channels.length, webhooks: send.receivers }) });
  }
  // Auto-detect (`sent`) routes each message to whatsapp, else mms when it carries media, else sms.
  const auto: Channel[] = ['whatsapp', send.mmsEligible ? 'mms' : 'sms'];
  const channels = new Set(send.channels.flatMap((c): Channel[] => (c === 'sent' ? auto : [c])));
  const problems: string[] = [];
  for (const channel of channels) {
    const body = send.render(channel);
    if (!body) continue;
    for (const [part, text] of [['header', body.header], ['body', body.content], ['footer', body.footer]] as const) {
      if (text !== null && text.length > RENDERED_MAX[channel]) problems.push(MESSAGES.renderedTooLong(CHANNEL_LABELS[channel], part, text.length, RENDERED_MAX[channel]));
    }
  }
  if (problems.length > 0) throw validationError({ 'template.parameters': problems });
}
