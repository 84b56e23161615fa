/**
 * "A message needs a sender" (decisions §15, docs/decisions/0078): a recipient whose region
 * (google-libphonenumber) has no ACTIVE SMS market on the sending account, on a send that would
 * go by SMS, refuses the whole request — `400 VALIDATION_002`, `details["to[i]"]` naming the
 * region — before anything is stored. A sender profile sends through its own markets in a country
 * where it holds any, else through its organization's (as Sent documents for WhatsApp: a profile
 * "keeps sending from your organization's account until a number is named").
 */
import { MESSAGES } from '../../errors/catalog.js';
import { simError, type ErrorDetails } from '../../errors/sim-error.js';
import type { Tenant } from '../../store/types.js';
import { phoneInfo } from '../../util/phone.js';
import type { Account } from '../account.js';
import { CONTACTS, phoneKey } from '../contacts/collection.js';
import { accountMarkets } from './markets.js';

/** Whether an account can send by SMS to a region. */
export function smsCoverage(tenant: Tenant, account: Account): (region: string | null) => boolean {
  const own = accountMarkets(tenant, account);
  const organization = account.profileId === null ? [] : accountMarkets(tenant, { id: tenant.id, profileId: null });
  return (region) => {
    if (region === null) return false;
    const mine = own.filter((m) => m.country === region);
    const pool = mine.length > 0 ? mine : organization.filter((m) => m.country === region);
    return pool.some((m) => m.status === 'ACTIVE');
  };
}

/**
 * Throws when a recipient that would get an SMS has no sender. `route` is the send's auto-detect
 * choice for a contact with these channels and conversation window (messages/rules.ts `autoRoute`).
 */
export function assertSmsSenders(
  tenant: Tenant,
  account: Account,
  to: readonly string[],
  channels: readonly string[],
  route: (availableChannels: string, lastWhatsappInboundAt: string | null) => string,
): void {
  const covered = smsCoverage(tenant, account);
  const details: ErrorDetails = {};
  to.forEach((e164, i) => {
    if (Object.hasOwn(details, `to[${to.indexOf(e164)}]`)) return;
    const info = phoneInfo(e164);
    const bySms = channels.some((asked) => {
      if (asked === 'sms' || asked === 'mms') return true;
      if (asked !== 'sent') return false;
      const contact = CONTACTS.in(tenant).findBy('phone', phoneKey(account.id, e164));
      const mobile = info.lineType === 'mobile' || info.lineType === 'fixed_line_or_mobile';
      return route(contact?.available_channels ?? (mobile ? 'sms,whatsapp' : 'sms'), contact?.last_whatsapp_inbound_at ?? null) === 'sms';
    });
    if (bySms && !covered(info.regionCode)) details[`to[${i}]`] = [MESSAGES.noSmsSender(info.regionCode)];
  });
  if (Object.keys(details).length > 0) throw simError('VALIDATION_002', { message: MESSAGES.noSmsSenderSummary, details });
}
