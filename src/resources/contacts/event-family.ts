import type { EventFamily } from '../../events/families.js';

/** The four `contact.*` events Sent lists (sent-api-v3-2026-11 §2.3–2.4), with descriptions in the words of its docs. */
export const CONTACT_EVENTS = [
  ['opt_in', 'Contact Opted In', 'Triggered when a contact opts back in to your messages (START, UNSTOP, SUBSCRIBE)'],
  ['opt_out', 'Contact Opted Out', 'Triggered when a contact opts out of your messages (STOP and similar keywords, or a carrier-handled opt-out)'],
  ['help', 'Contact Asked for Help', 'Triggered when a contact sends a help keyword (HELP, INFO); opt_out is unchanged'],
  ['custom_keyword', 'Custom Keyword', 'Triggered when a contact sends one of your custom keywords; opt_out is unchanged (not produced by the simulator)'],
] as const;

export type ContactSignal = (typeof CONTACT_EVENTS)[number][0];

/**
 * The `contact` family (docs/decisions/0064): consent signals, from inbound keywords
 * (`INBOUND_KEYWORD`) or the network (`PROVIDER_SIGNAL`). One contact's signals that came with an
 * inbound message are ordered behind that message's `message.received` (they share its id as the
 * order key); a provider signal has no message and is ordered by the contact.
 */
export const CONTACT_FAMILY: EventFamily = {
  name: 'contact',
  display_name: 'Contacts',
  description: 'Consent signals: opt-outs, opt-ins, help requests and custom keywords',
  sub_types: CONTACT_EVENTS.map(([suffix, display_name, description]) => ({ suffix, display_name, description })),
  // Sent's ContactEventPayload (sent-api-v3-2026-11 §2.4), with fictional numbers.
  samplePayload: (name, accountId, _at, random) => {
    const signal = name.slice('contact.'.length);
    const text = signal === 'opt_out' ? 'STOP' : signal === 'opt_in' ? 'START' : signal === 'help' ? 'HELP' : 'MENU';
    return {
      account_id: accountId,
      channel: 'sms',
      contact_id: random.uuid(),
      from: '+14155550100',
      message_id: random.uuid(),
      opt_out: signal === 'opt_out',
      source: 'INBOUND_KEYWORD',
      template_id: null,
      text,
      to: '+14155550199',
    };
  },
  orderKey: (payload) => (typeof payload.message_id === 'string' ? payload.message_id : typeof payload.contact_id === 'string' ? payload.contact_id : null),
};
