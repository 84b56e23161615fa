import { MESSAGES } from '../../errors/catalog.js';
import { validationError } from '../../errors/sim-error.js';
import { limitError } from '../../limits.js';
import type { EventBus } from '../../events/bus.js';
import type { components } from '../../generated/sent-v3.js';
import type { Tenant } from '../../store/types.js';
import type { Random } from '../../util/random.js';
import { sentTimestamp } from '../../util/time.js';
import type { Account } from '../account.js';
import { CONTACTS, ensureContact } from '../contacts/collection.js';
import { consentEvent, consentKeyword, optOutAfter } from '../contacts/consent.js';
import { PROFILES } from '../profiles/collection.js';
import { autoReplyId } from '../templates/auto-replies.js';
import { MESSAGE_CAP, MESSAGE_RECORDS, NUMBER_OUTCOME_CAP, NUMBER_OUTCOMES, type Channel, type MessageRecord, type NumberOutcome, type NumberOutcomeRecord } from './collection.js';
import { receivedEvent, type InboundMedia } from './lifecycle.js';
import { magicOutcome, senderNumber } from './rules.js';
import { messageToWire } from './to-wire.js';

export interface InboundRequest {
  from: string;
  /** Null or absent only for a media-only MMS. */
  text?: string | null;
  channel?: Channel;
  /** Attachments of an inbound MMS, as a carrier declares them (docs/decisions/0068). */
  media?: InboundMedia[];
  to?: string;
  /** The organization's id (default) or one of its profiles' ids: the account the message is for. */
  account_id?: string;
}

/** What `/_sim/numbers/{e164}` shows: the outcome a send to the number gets, and where it comes from. */
export interface NumberOutcomeView {
  number: string;
  outcome: NumberOutcome;
  description: string | null;
  source: 'rule' | 'magic' | 'default';
  created_at: string | null;
}

export interface InboundDeps {
  random: Random;
  events: EventBus;
  maxMessages: number;
  maxNumberOutcomes: number;
}

/**
 * Simulator-only levers of the message lifecycle (docs/decisions/0014): messages from contacts
 * (`POST /_sim/inbound`) and per-number outcomes (`/_sim/numbers/{e164}`). Not Sent behaviour.
 */
export class InboundService {
  constructor(private readonly deps: InboundDeps) {}

  /**
   * A RECEIVED message from a contact, to the organization or one of its profiles. The contact
   * is created if new; STOP/START keywords flip its `opt_out` and a whatsapp message opens its
   * 24 h window — both **before** `message.received` is published, as on Sent, so a receiver
   * that looks the contact up on a STOP already sees `opt_out: true`. A keyword (STOP…, START…,
   * HELP, INFO) then publishes its `contact.*` event, ordered behind `message.received`
   * (docs/decisions/0064). Both carry `requestId`, the control call's. The promise settles once
   * the events' webhook deliveries have.
   */
  async receive(
    tenant: Tenant,
    input: InboundRequest,
    scenario: string | null = null,
    requestId: string | null = null,
  ): Promise<{ message: components['schemas']['MessageStatusDetail']; contact: { id: string; opt_out: boolean } }> {
    const account = this.account(tenant, input.account_id);
    const records = MESSAGE_RECORDS.in(tenant);
    if (records.size + 1 > this.deps.maxMessages) throw limitError(MESSAGE_CAP, this.deps.maxMessages);
    const text = input.text ?? null;
    // Media rides MMS only; a message with media and no channel is an MMS.
    const channel = input.channel ?? (input.media ? 'mms' : 'sms');
    if (input.media && channel !== 'mms') throw validationError({ media: [MESSAGES.inboundMediaChannel] });
    if (text === null && !input.media?.length) throw validationError({ text: [MESSAGES.inboundNoContent] });
    const now = tenant.clock.now();
    const timestamp = sentTimestamp(now);
    let contact = ensureContact(tenant, account.id, input.from, { random: this.deps.random, now });
    const keyword = consentKeyword(text);
    const optOut = keyword === null ? contact.opt_out : optOutAfter(keyword, contact.opt_out);
    if (optOut !== contact.opt_out || channel === 'whatsapp') {
      contact = {
        ...contact,
        opt_out: optOut,
        last_whatsapp_inbound_at: channel === 'whatsapp' ? timestamp : contact.last_whatsapp_inbound_at,
        updated_at: timestamp,
      };
      CONTACTS.in(tenant).set(contact.id, contact);
    }
    const message: MessageRecord = {
      id: this.deps.random.uuid(),
      customer_id: account.id,
      contact_id: contact.id,
      phone: input.from,
      phone_international: contact.format_international,
      region_code: contact.region_code,
      channel,
      direction: 'inbound',
      status: 'RECEIVED',
      created_at: timestamp,
      template_id: null,
      template_name: null,
      template_category: null,
      message_body: {
        header: null,
        content: text ?? '',
        footer: null,
        buttons: null,
        headerMedia: null,
        // The carrier's own links, as declared: re-reading the message returns the same ones.
        media: channel === 'mms' ? (input.media ?? []).map((m) => ({ mediaType: m.mime_type ?? null, url: m.url })) : null,
        subject: null,
      },
      price: null,
      active_contact_price: null,
      activities: [{ status: 'RECEIVED', description: MESSAGES.messageReceived, timestamp, from: input.from, price: null, active_contact_price: null }],
      route: channel,
      routed_body: null,
      from: input.to ?? this.ourNumber(tenant, account, channel),
      fate: { end: 'delivered', description: null },
      scenario,
      request_id: requestId,
    };
    records.set(message.id, message);
    const deliveries: Promise<unknown>[] = [];
    const received = this.deps.events.publish(tenant, receivedEvent(message, text, now, input.media));
    if (received) deliveries.push(received);
    if (keyword !== null) {
      const action = keyword === 'opt_out' ? 'OPT_OUT' : keyword === 'opt_in' ? 'OPT_IN' : 'HELP';
      const event = consentEvent({
        signal: keyword,
        source: 'INBOUND_KEYWORD',
        contact,
        accountId: account.id,
        channel,
        to: message.from,
        message: { id: message.id, text },
        templateId: autoReplyId(tenant, account.id, action),
        at: now,
        scenario,
        requestId,
      });
      const consent = this.deps.events.publish(tenant, event);
      if (consent) deliveries.push(consent);
    }
    await Promise.all(deliveries);
    return { message: messageToWire(message), contact: { id: contact.id, opt_out: contact.opt_out } };
  }

  /** What a send to `e164` does: the tenant's rule, else the magic number's outcome, else delivered. */
  numberOutcome(tenant: Tenant, e164: string): NumberOutcomeView {
    const rule = NUMBER_OUTCOMES.in(tenant).get(e164);
    if (rule) return { number: e164, outcome: rule.outcome, description: rule.description, source: 'rule', created_at: rule.created_at };
    const magic = magicOutcome(e164);
    return { number: e164, outcome: magic ?? 'delivered', description: null, source: magic ? 'magic' : 'default', created_at: null };
  }

  listNumberOutcomes(tenant: Tenant): NumberOutcomeView[] {
    return [...NUMBER_OUTCOMES.in(tenant).values()].map((r) => this.numberOutcome(tenant, r.id));
  }

  setNumberOutcome(tenant: Tenant, e164: string, input: { outcome: NumberOutcome; description?: string | null }): NumberOutcomeView {
    const rules = NUMBER_OUTCOMES.in(tenant);
    const previous = rules.get(e164);
    if (!previous && rules.size >= this.deps.maxNumberOutcomes) throw limitError(NUMBER_OUTCOME_CAP, this.deps.maxNumberOutcomes);
    const record: NumberOutcomeRecord = { id: e164, outcome: input.outcome, description: input.description ?? null, created_at: previous?.created_at ?? sentTimestamp(tenant.clock.now()) };
    rules.set(e164, record);
    return this.numberOutcome(tenant, e164);
  }

  clearNumberOutcome(tenant: Tenant, e164: string): void {
    NUMBER_OUTCOMES.in(tenant).delete(e164);
  }

  private account(tenant: Tenant, accountId: string | undefined): Account {
    if (accountId === undefined || accountId.toLowerCase() === tenant.id) return { id: tenant.id, profileId: null };
    const profile = PROFILES.in(tenant).get(accountId.toLowerCase());
    if (!profile || profile.deleted_at !== null) throw validationError({ account_id: [MESSAGES.inboundAccountUnknown] });
    return { id: profile.id, profileId: profile.id };
  }

  /** The number the account's sends on the channel come from: the one the contact wrote to. */
  private ourNumber(tenant: Tenant, account: Account, channel: Channel): string {
    return senderNumber(account.profileId === null ? null : PROFILES.in(tenant).get(account.profileId), account.id, channel);
  }
}
