/**
 * Consent signals (docs/decisions/0064): which inbound texts are keywords, and the `contact.*`
 * event a signal publishes. Pure: the inbound service and the provider-signal control apply the
 * change to the contact and publish what these build.
 */
import type { SentEvent } from '../../events/bus.js';
import type { ContactRecord } from './collection.js';
import type { ContactSignal } from './event-family.js';

const KEYWORDS: ReadonlyMap<string, Exclude<ContactSignal, 'custom_keyword'>> = new Map([
  ...['STOP', 'CANCEL', 'UNSUBSCRIBE', 'QUIT', 'END'].map((w) => [w, 'opt_out'] as const),
  ...['START', 'UNSTOP', 'SUBSCRIBE'].map((w) => [w, 'opt_in'] as const),
  ...['HELP', 'INFO'].map((w) => [w, 'help'] as const),
]);

/** The keyword an inbound text is (decisions §7: the whole trimmed body, case-insensitive), else null. */
export function consentKeyword(text: string | null | undefined): Exclude<ContactSignal, 'custom_keyword'> | null {
  return KEYWORDS.get(text?.trim().toUpperCase() ?? '') ?? null;
}

/** The contact's `opt_out` after a signal: opt-outs set it, opt-ins clear it, help and custom keywords leave it. */
export function optOutAfter(signal: ContactSignal, current: boolean): boolean {
  return signal === 'opt_out' ? true : signal === 'opt_in' ? false : current;
}

export interface ConsentSignal {
  signal: ContactSignal;
  source: 'INBOUND_KEYWORD' | 'PROVIDER_SIGNAL';
  /** The contact after the signal (its `opt_out` is the payload's). */
  contact: ContactRecord;
  /** The account it belongs to: the organization's id or a profile's. */
  accountId: string;
  channel: string;
  /** The account's number the signal concerns (null when unknown). */
  to: string | null;
  /** The inbound message that carried the keyword; null for a provider signal. */
  message: { id: string; text: string | null } | null;
  /** The account's auto-reply template for the keyword (Sent's `sent_opt_out`…), if it has one. */
  templateId: string | null;
  at: number;
  scenario: string | null;
  requestId: string | null;
}

/**
 * The `contact.<signal>` event, payload as Sent's `ContactEventPayload` (sent-api-v3-2026-11
 * §2.4): every key present (nullable ones null), `agent_id` omitted — the simulator's RCS sender
 * is a number, so `to` is the populated one of the two.
 */
export function consentEvent(s: ConsentSignal): SentEvent {
  const payload: Record<string, unknown> = {
    account_id: s.accountId,
    channel: s.channel,
    contact_id: s.contact.id,
    from: s.contact.format_e164,
    message_id: s.message?.id ?? null,
    opt_out: s.contact.opt_out,
    source: s.source,
    template_id: s.templateId,
    text: s.message?.text ?? null,
    to: s.to,
  };
  return {
    account_id: s.accountId,
    family: 'contact',
    name: `contact.${s.signal}`,
    at: s.at,
    payload,
    // Behind the message's own `message.received` when there is one (the family's order key).
    order_key: s.message?.id ?? s.contact.id,
    scenario: s.scenario,
    request_id: s.requestId,
  };
}
