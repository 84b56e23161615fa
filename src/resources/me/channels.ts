/**
 * The `channels` of `GET /v3/me`, from the account's state (docs/decisions/0020). Pure: the
 * inputs are the records the service looked up.
 *
 * - sms: the organization always sends (docs/decisions/0013), from the number its messages show
 *   as `from` (messages' `senderNumber`); a profile is configured when it has a sending number —
 *   its `sending_phone_number`, or that of the profile named by `sending_phone_number_profile_id`.
 * - whatsapp: configured when the account has a WhatsApp Business Account — the organization's,
 *   or a profile's own or inherited one (an inherited one only while the organization has it). `phone_number` is a profile's `whatsapp_phone_number`
 *   (or that of `sending_whatsapp_number_profile_id`), else null; `business_name` is the name
 *   of whoever holds the WABA (the profile for its own, else the organization).
 * - rcs: never configured — RCS is not self-service at Sent (rest §7).
 */
import type { components } from '../../generated/sent-v3.js';
import type { OrganizationRecord } from '../../store/types.js';
import type { ProfileRecord } from '../profiles/records.js';

type MeChannels = components['schemas']['MeChannels'];

type Numbers = Pick<ProfileRecord, 'sending_phone_number' | 'whatsapp_phone_number'>;

export function organizationChannels(org: OrganizationRecord, smsNumber: string): MeChannels {
  return {
    sms: { configured: true, phone_number: smsNumber },
    whatsapp: org.waba ? { configured: true, phone_number: null, business_name: org.name } : notWhatsapp(),
    rcs: { configured: false, phone_number: null },
  };
}

/**
 * `smsFrom` and `whatsappFrom` are the profiles named by `sending_phone_number_profile_id` and
 * `sending_whatsapp_number_profile_id`, when those exist.
 */
export function profileChannels(p: ProfileRecord, org: OrganizationRecord, smsFrom: Numbers | undefined, whatsappFrom: Numbers | undefined): MeChannels {
  const sms = p.sending_phone_number ?? smsFrom?.sending_phone_number ?? null;
  // An inherited WABA is the organization's: gone when the organization no longer has one.
  const waba = p.whatsapp !== null && (!p.whatsapp.inherited || org.waba !== null) ? p.whatsapp : null;
  const whatsapp = p.whatsapp_phone_number ?? whatsappFrom?.whatsapp_phone_number ?? null;
  return {
    sms: { configured: sms !== null, phone_number: sms },
    whatsapp: waba ? { configured: true, phone_number: whatsapp, business_name: waba.inherited ? org.name : p.name } : notWhatsapp(),
    rcs: { configured: false, phone_number: null },
  };
}

function notWhatsapp(): MeChannels['whatsapp'] {
  return { configured: false, phone_number: null, business_name: null };
}
