/**
 * The facts a message's fate is decided from (docs/decisions/0013), read from the tenant: the
 * sender's state, the contact's consent and WhatsApp window, the template's review leg for the
 * channel, the number's outcome. A send decides them at acceptance; a scheduled message again at
 * its release and a resend again at the resend (docs/decisions/0066, 0067), so each sees the
 * tenant as it is then.
 */
import type { Tenant } from '../../store/types.js';
import { CONTACTS, phoneKey, type ContactRecord } from '../contacts/collection.js';
import { PROFILES } from '../profiles/collection.js';
import { TEMPLATES, templateChannels, type TemplateRecord } from '../templates/collection.js';
import { MESSAGES } from '../../errors/catalog.js';
import { NUMBER_OUTCOMES, type Channel, type MessageFate, type MessageRecord } from './collection.js';
import { decideFate, magicOutcome, templateLeg, whatsappWindowOpen, type MessagePlan } from './rules.js';

/** The organization itself is an active sender; a profile is one once approved and not deleted (BUSINESS_029 otherwise). */
export function senderActive(tenant: Tenant, customerId: string): boolean {
  if (customerId === tenant.id) return true;
  const profile = PROFILES.in(tenant).get(customerId);
  return profile?.status === 'approved' && profile.deleted_at === null;
}

/** What `PUT /_sim/numbers/{e164}` set for the number, else its magic outcome (docs/decisions/0014). */
export function numberOutcomeOf(tenant: Tenant, e164: string): { outcome: NonNullable<ReturnType<typeof magicOutcome>>; description: string | null } | null {
  const rule = NUMBER_OUTCOMES.in(tenant).get(e164);
  if (rule) return { outcome: rule.outcome, description: rule.description };
  const magic = magicOutcome(e164);
  return magic ? { outcome: magic, description: null } : null;
}

/** The channels a template can carry a message on: those its body renders on, and mms when it has an mms body. */
export function messageChannels(template: TemplateRecord): Channel[] {
  const channels: Channel[] = templateChannels(template.definition);
  if (template.definition.body.mms) channels.push('mms');
  return channels;
}

export interface GateInput {
  customerId: string;
  contact: Pick<ContactRecord, 'opt_out' | 'last_whatsapp_inbound_at'> | null;
  phone: string;
  channel: Channel;
  template: TemplateRecord | null;
  missingParameters: boolean;
  hasMedia: boolean;
  plan: MessagePlan;
}

export function fateOf(tenant: Tenant, input: GateInput, now: number): MessageFate {
  const { template, channel } = input;
  return decideFate({
    channel,
    senderActive: senderActive(tenant, input.customerId),
    optedOut: input.contact?.opt_out ?? false,
    template: template ? { leg: templateLeg(template, channel), channels: messageChannels(template) } : null,
    windowOpen: whatsappWindowOpen(input.contact?.last_whatsapp_inbound_at ?? null, now),
    missingParameters: input.missingParameters,
    number: numberOutcomeOf(tenant, input.phone),
    plan: input.plan,
    hasMedia: input.hasMedia,
  });
}

/**
 * A stored message's fate decided again, from the tenant as it is now: its contact (by number,
 * so one deleted and made again counts), its template (a deleted one blocks it), `plan` the
 * scenario's for this attempt.
 */
export function refate(tenant: Tenant, m: MessageRecord, plan: MessagePlan, now: number): MessageFate {
  const template = m.template_id === null ? null : (TEMPLATES.in(tenant).get(m.template_id) ?? null);
  if (m.template_id !== null && !template) return { end: 'blocked', description: MESSAGES.templateNotApproved };
  const body = m.channel === null ? m.routed_body : m.message_body;
  return fateOf(
    tenant,
    {
      customerId: m.customer_id,
      contact: CONTACTS.in(tenant).findBy('phone', phoneKey(m.customer_id, m.phone)) ?? null,
      phone: m.phone,
      channel: m.route,
      template,
      missingParameters: m.missing_parameters ?? false,
      hasMedia: (body?.media?.length ?? 0) > 0,
      plan,
    },
    now,
  );
}
