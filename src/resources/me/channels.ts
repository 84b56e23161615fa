/**
 * The `channels` of `GET /v3/me`, from the account's state (docs/decisions/0020). Pure: the
 * inputs are the records the service looked up.
 *
 * - sms: the organization always sends (docs/decisions/0013), from the number its messages show
 *   as `from` (messages' `senderNumber`); a profile is configured when it has its own
 *   `sending_phone_number` (`sending_*_profile_id` are ignored and null now, decisions §14).
 * - whatsapp: configured when the account has a WhatsApp Business Account of its own — a WABA is
 *   never inherited now (decisions §14). `phone_number` is a profile's `whatsapp_phone_number`,
 *   else null; `business_name` is the account's name.
 * - rcs: never configured — RCS is not self-service at Sent (rest §7).
 */
import type { components } from '../../generated/sent-v3.js';
import type { OrganizationRecord } from '../../store/types.js';
import type { ProfileRecord } from '../profiles/records.js';

type MeChannels = components['schemas']['MeChannels'];

export function organizationChannels(org: OrganizationRecord, smsNumber: string): MeChannels {
  return {
    sms: { configured: true, phone_number: smsNumber },
    whatsapp: org.waba ? { configured: true, phone_number: null, business_name: org.name } : notWhatsapp(),
    rcs: { configured: false, phone_number: null },
  };
}

export function profileChannels(p: Pick<ProfileRecord, 'name' | 'whatsapp' | 'sending_phone_number' | 'whatsapp_phone_number'>): MeChannels {
  const sms = p.sending_phone_number;
  return {
    sms: { configured: sms !== null, phone_number: sms },
    whatsapp: p.whatsapp ? { configured: true, phone_number: p.whatsapp_phone_number, business_name: p.name } : notWhatsapp(),
    rcs: { configured: false, phone_number: null },
  };
}

function notWhatsapp(): MeChannels['whatsapp'] {
  return { configured: false, phone_number: null, business_name: null };
}
