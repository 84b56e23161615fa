/**
 * Message rules as pure functions (docs/decisions/0012, 0013, 0014): send validation, the code of
 * a validation answer, auto-routing, gating, test numbers, prices and sender numbers. No Express,
 * no I/O. (The STOP/START keywords are the contacts module's: contacts/consent.ts.)
 */
import type { ErrorCode } from '../../errors/catalog.js';
import { MESSAGES } from '../../errors/catalog.js';
import type { ErrorDetails } from '../../errors/sim-error.js';
import { E164 } from '../../util/phone.js';
import { HOUR, parseSentTimestamp } from '../../util/time.js';
import type { TemplateRecord } from '../templates/collection.js';
import type { Channel, MessageFate, NumberOutcome } from './collection.js';
import { mediaProblems } from './mms.js';
import { parseScheduledAt, readDateTime } from './schedule.js';

/** `sent` is auto-detect: one message per recipient, its channel chosen at ROUTED. */
export type RequestedChannel = Channel | 'sent';
export const REQUESTED_CHANNELS: readonly RequestedChannel[] = ['sent', 'sms', 'whatsapp', 'rcs', 'mms'];

/** Sent's documented batch limit; the schema's `maxItems` enforces it. */
export const MAX_RECIPIENTS = 1000;
/** WhatsApp's limit on a text message; also bounds what 1,000 recipients can make the simulator store. */
export const MAX_TEXT_LENGTH = 4096;
export const MAX_PARAMETER_LENGTH = 1024;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const given = (v: unknown) => v !== undefined && v !== null && v !== '';

/**
 * The rules the schema cannot express, every failing field at once (docs/decisions/0012). They
 * tolerate wrong types: those are the schema's to report. `now` is the tenant clock, which
 * `scheduled_at` is measured against (docs/decisions/0066). The one place a send is checked
 * before anything is looked up: a new request-time rule joins here.
 */
export function sendProblems(body: unknown, now: number): ErrorDetails {
  const details: ErrorDetails = {};
  if (!isRecord(body)) return details;
  const { to, channel, template, text, scheduled_at: scheduledAt } = body;
  if (to === undefined || (Array.isArray(to) && to.length === 0)) details.to = [MESSAGES.noRecipient];
  if (Array.isArray(to)) {
    to.forEach((n, i) => {
      if (typeof n === 'string' && !E164.test(n)) details[`to[${i}]`] = [MESSAGES.recipientNotE164];
    });
  }
  if (Array.isArray(channel)) {
    channel.forEach((ch, i) => {
      if (typeof ch === 'string' && !REQUESTED_CHANNELS.includes(ch as RequestedChannel)) details[`channel[${i}]`] = [MESSAGES.channelNotSupported];
    });
  }
  if (!given(template) && !given(text)) {
    details.template = [MESSAGES.templateOrText];
    details.text = [MESSAGES.templateOrText];
  }
  if (isRecord(template)) {
    if (!given(template.id) && !given(template.name)) details.template = [MESSAGES.templateRefEmpty];
    if (isRecord(template.parameters)) {
      for (const [name, value] of Object.entries(template.parameters)) {
        if (typeof value === 'string' && value.length > MAX_PARAMETER_LENGTH) details[`template.parameters.${name}`] = [MESSAGES.templateParameterTooLong(MAX_PARAMETER_LENGTH)];
      }
    }
  }
  if (typeof text === 'string' && text.length > MAX_TEXT_LENGTH && !given(template)) details.text = [MESSAGES.messageTextTooLong(MAX_TEXT_LENGTH)];
  if (typeof scheduledAt === 'string') {
    const parsed = parseScheduledAt(scheduledAt, now);
    if ('problem' in parsed) details.scheduled_at = [parsed.problem];
  }
  mediaProblems(body, details);
  return details;
}

const FIELD_CODES = new Map<string, ErrorCode>([
  [MESSAGES.noRecipient, 'VALIDATION_004'],
  [MESSAGES.recipientNotE164, 'VALIDATION_002'],
  [MESSAGES.channelNotSupported, 'VALIDATION_006'],
]);

/**
 * The code of a send's validation answer: the field's own code (`VALIDATION_004` no recipient,
 * `VALIDATION_002` a number that is not E.164, `VALIDATION_006` an unknown channel) when every
 * failing field has that code; `VALIDATION_001` when they differ or any other field failed.
 * `details` always lists every failing field, so nothing is lost by the general code.
 */
export function sendValidationCode(details: ErrorDetails): ErrorCode {
  const codes = new Set<ErrorCode>();
  for (const messages of Object.values(details)) for (const m of messages) codes.add(FIELD_CODES.get(m) ?? 'VALIDATION_001');
  return codes.size === 1 ? [...codes][0]! : 'VALIDATION_001';
}

export interface SendRequest {
  recipients: string[];
  channels: RequestedChannel[];
  template: { id: string | null; name: string | null; parameters: Record<string, string> } | null;
  text: string | null;
  /** The release instant of a scheduled send (epoch ms); null: send now. */
  scheduledAt: number | null;
  /** MMS attachments and subject; null when not given. */
  mediaUrls: string[] | null;
  subject: string | null;
}

/**
 * A validated body as the service uses it: duplicates collapse (recipients and channels, first
 * occurrence first); `channel` omitted, null or empty → `["sent"]`; a template wins over text.
 */
export function normalizeSend(body: Record<string, unknown>): SendRequest {
  const recipients = [...new Set(body.to as string[])];
  const asked = Array.isArray(body.channel) ? (body.channel as RequestedChannel[]) : [];
  const channels = asked.length === 0 ? (['sent'] as RequestedChannel[]) : [...new Set(asked)];
  const t = isRecord(body.template) ? body.template : null;
  const template = t
    ? {
        id: typeof t.id === 'string' && t.id !== '' ? t.id : null,
        name: typeof t.name === 'string' && t.name !== '' ? t.name : null,
        parameters: (isRecord(t.parameters) ? t.parameters : {}) as Record<string, string>,
      }
    : null;
  const scheduled = typeof body.scheduled_at === 'string' ? readDateTime(body.scheduled_at) : null;
  return {
    recipients,
    channels,
    template,
    text: template ? null : (body.text as string),
    scheduledAt: scheduled && 'at' in scheduled ? scheduled.at : null,
    mediaUrls: Array.isArray(body.media_urls) ? (body.media_urls as string[]) : null,
    subject: typeof body.subject === 'string' ? body.subject : null,
  };
}

/**
 * The channel an auto-detect message takes (docs/decisions/0012): whatsapp when the contact can
 * get it and the template's whatsapp leg is approved (docs/decisions/0049); free text goes to
 * whatsapp only into an open conversation (else it would be BLOCKED, which auto-detect avoids by
 * taking sms). Otherwise mms when the message carries media (`mmsEligible`, docs/decisions/0068),
 * else sms.
 */
export function autoRoute(availableChannels: string, template: TemplateRecord | null, templateChannels: readonly Channel[], windowOpen: boolean, mmsEligible = false): Channel {
  const whatsapp = availableChannels.split(',').includes('whatsapp') && (template ? template.legs?.whatsapp?.status === 'APPROVED' && templateChannels.includes('whatsapp') : windowOpen);
  if (whatsapp) return 'whatsapp';
  return mmsEligible ? 'mms' : 'sms';
}

/**
 * The review leg a message on `channel` depends on: its own, except MMS, which rides the sms leg
 * (carriers, not Meta, deliver it; docs/decisions/0068). Null: never submitted.
 */
export function templateLeg(template: TemplateRecord, channel: Channel): string | null {
  return template.legs?.[channel === 'mms' ? 'sms' : channel]?.status ?? null;
}

/** The WhatsApp conversation window: an inbound whatsapp message from the contact in the last 24 h. */
export function whatsappWindowOpen(lastInboundAt: string | null, now: number): boolean {
  if (lastInboundAt === null) return false;
  const at = parseSentTimestamp(lastInboundAt);
  return Number.isFinite(at) && now - at < 24 * HOUR;
}

/**
 * Simulator-only magic numbers (docs/decisions/0014): `+1 NPA 555-01xx` ending 0150 read, 0160
 * failed after SENT, 0170 failed before ROUTED, 0180 filtered, 0190 no receipt. 555-01xx numbers
 * are fictional, so no real recipient is ever one of them.
 */
const MAGIC = /^\+1\d{3}55501([5-9])0$/;
const MAGIC_OUTCOMES: Record<string, NumberOutcome> = { 5: 'read', 6: 'failed', 7: 'route_denied', 8: 'filtered', 9: 'undelivered' };

export function magicOutcome(e164: string): NumberOutcome | null {
  const m = MAGIC.exec(e164);
  return m ? MAGIC_OUTCOMES[m[1]!]! : null;
}

/** What a scenario imposes on the messages of a send (scenario.ts `messagePlan`). Plain data. */
export interface MessagePlan {
  outcome?: 'delivered' | 'read' | 'failed' | 'undelivered' | 'filtered' | 'blocked';
  description?: string;
  stepDelayMs?: number;
  receiptDelayMs?: number;
  /** A cancel finds the message already released by Sent's sweep (docs/decisions/0067). */
  cancelLosesRace?: boolean;
  /** The carrier cannot fetch an MMS's media: the message FAILS after SENT (docs/decisions/0068). */
  mediaFails?: boolean;
  scenario?: string;
}

export interface FateFacts {
  channel: Channel;
  /** False for a profile that is not `approved` (the organization is always active). */
  senderActive: boolean;
  optedOut: boolean;
  /** Null for free text; `leg` is the status of the template's leg for this channel (null: never submitted). */
  template: { leg: string | null; channels: readonly Channel[] } | null;
  windowOpen: boolean;
  missingParameters: boolean;
  /** The number's outcome (PUT /_sim/numbers, else a magic number), with its description. */
  number: { outcome: NumberOutcome; description: string | null } | null;
  plan: MessagePlan;
  /** An MMS that carries media (what a `mediaFails` scenario fails). */
  hasMedia?: boolean;
}

/**
 * How a message ends (docs/decisions/0013), checked in this order: an inactive sender (BLOCKED,
 * BUSINESS_029); consent — an opted-out contact, or a number or scenario that filters (FILTERED,
 * ERR_CONSENT_BLOCKED); a scenario that blocks; the template — its leg for the channel not
 * APPROVED (BUSINESS_005, docs/decisions/0049), no body for the channel (BUSINESS_012); free text on
 * whatsapp outside the 24 h window; a missing parameter (FAILED, ERR_TEMPLATE_PARAMS_INVALID); an
 * MMS whose media a scenario makes unreachable (FAILED, ERR_MEDIA_UNREACHABLE; docs/decisions/0068);
 * then the scenario's outcome, else the number's, else delivered.
 */
export function decideFate(f: FateFacts): MessageFate {
  const outcome = f.plan.outcome ?? f.number?.outcome ?? 'delivered';
  const description = f.plan.outcome !== undefined ? (f.plan.description ?? null) : (f.number?.description ?? null);
  if (!f.senderActive) return { end: 'blocked', description: MESSAGES.senderNotActive };
  if (f.optedOut || outcome === 'filtered') return { end: 'filtered', description: MESSAGES.consentBlocked };
  if (outcome === 'blocked') return { end: 'blocked', description: description ?? MESSAGES.senderNotActive };
  if (f.template) {
    const { leg, channels } = f.template;
    if (!channels.includes(f.channel)) return { end: 'blocked', description: MESSAGES.templateNotOnChannel };
    if (leg !== 'APPROVED') return { end: 'blocked', description: MESSAGES.templateNotApproved };
  } else if (f.channel === 'whatsapp' && !f.windowOpen) {
    return { end: 'blocked', description: MESSAGES.whatsappWindowClosed };
  }
  if (f.missingParameters) return { end: 'invalid', description: MESSAGES.templateParamsInvalid };
  if (f.plan.mediaFails && f.channel === 'mms' && f.hasMedia) return { end: 'failed', description: MESSAGES.mediaFetchFailed };
  switch (outcome) {
    case 'failed':
      return { end: 'failed', description: description ?? MESSAGES.carrierRejected };
    case 'route_denied':
      return { end: 'route_denied', description: description ?? MESSAGES.routeDenied };
    // READ exists on whatsapp and rcs only; on sms the message stops at DELIVERED.
    case 'read':
      return { end: f.channel === 'sms' ? 'delivered' : 'read', description: null };
    case 'undelivered':
      return { end: 'undelivered', description: null };
    default:
      return { end: 'delivered', description: null };
  }
}

/**
 * The simulator's price table, in USD (docs/guide/messages.md): the channel cost (`price`) and
 * the active-contact markup on top of it. Sent states no currency or rates (rest §3.4).
 */
export const PRICES: Record<Channel, { price: number; active_contact_price: number }> = {
  sms: { price: 0.0075, active_contact_price: 0.015 },
  whatsapp: { price: 0.025, active_contact_price: 0.015 },
  rcs: { price: 0.01, active_contact_price: 0.015 },
  mms: { price: 0.02, active_contact_price: 0.015 },
};

export const CHANNEL_LABELS: Record<Channel, string> = { sms: 'SMS', whatsapp: 'WhatsApp', rcs: 'RCS', mms: 'MMS' };

/**
 * The number an account sends from on a channel when it has none of its own: `+1 555` and seven
 * digits from a hash of the account id and channel — stable across runs, never a real number
 * (area code 555 does not exist).
 */
export function simulatorNumber(accountId: string, channel: Channel): string {
  let h = 0x811c9dc5;
  for (const ch of `${accountId}:${channel === 'whatsapp' ? 'whatsapp' : 'sms'}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `+1555${String(h % 10_000_000).padStart(7, '0')}`;
}

/** The number an account sends from on a channel: a profile's own number when it has one, else its simulator number. */
export function senderNumber(
  profile: { sending_phone_number: string | null; whatsapp_phone_number: string | null } | null | undefined,
  accountId: string,
  channel: Channel,
): string {
  const own = channel === 'whatsapp' ? profile?.whatsapp_phone_number : profile?.sending_phone_number;
  return own ?? simulatorNumber(accountId, channel);
}
