import { MESSAGES } from '../../errors/catalog.js';
import type { components } from '../../generated/sent-v3.js';
import { defineLimit } from '../../limits.js';
import { newestFirst } from '../../http/pagination.js';
import { defineCollection } from '../../store/collections.js';
import type { Tenant } from '../../store/types.js';
import { phoneInfo } from '../../util/phone.js';
import type { Random } from '../../util/random.js';
import { sentTimestamp } from '../../util/time.js';
import { contactToWire } from './to-wire.js';

type Contact = components['schemas']['Contact'];

/**
 * A contact as stored: the wire fields (`is_inherited` is always false and `customer_id` is
 * `account_id`, both set by to-wire) plus the account it belongs to and, simulator-only, when the
 * contact last wrote on WhatsApp (the 24 h window, docs/decisions/0014).
 */
export interface ContactRecord extends Omit<Contact, 'is_inherited' | 'customer_id'> {
  account_id: string;
  last_whatsapp_inbound_at: string | null;
}

/** Bounded memory (docs/decisions/0022): contacts per tenant, its profiles' included. */
export const CONTACT_CAP = defineLimit({
  flag: 'max-contacts',
  key: 'maxContactsPerTenant',
  default: 100_000,
  min: 1,
  max: 10_000_000,
  description: 'stored contacts per tenant before creates answer 400 BUSINESS_008',
  error: { code: 'BUSINESS_008', message: MESSAGES.contactCap },
});

/** The key of the `phone` index: one contact per number per account (docs/decisions/0018). */
export const phoneKey = (accountId: string, e164: string) => `${accountId}|${e164}`;

/** The group of the `listed` list index: an account's contacts, or those of them on one channel. */
export const listGroup = (accountId: string, channel?: string) => (channel === undefined ? accountId : `${accountId}|${channel}`);

/**
 * The account of the `listed` groups that hold every contact of the tenant (its organization's
 * and all its profiles'): what the organization lists (read-time widening, docs/decisions/0055).
 * Account ids are UUIDs, so it names no account.
 */
export const EVERY_ACCOUNT = '*';

/**
 * Every contact of the tenant, by id; looked up by number through the `phone` index, and listed
 * through `listed`: each account's contacts and the whole tenant's, each also per channel, newest
 * first (issue 25 row 13: a list no longer filters and sorts the whole store).
 */
export const CONTACTS = defineCollection<ContactRecord>({
  name: 'contacts',
  indexes: { phone: { key: (c) => phoneKey(c.account_id, c.format_e164) } },
  limit: CONTACT_CAP,
  lists: {
    listed: {
      groups: (c) => {
        const channels = c.available_channels.split(',');
        return [c.account_id, EVERY_ACCOUNT].flatMap((account) => [listGroup(account), ...channels.map((channel) => listGroup(account, channel))]);
      },
      order: newestFirst,
    },
  },
  wire: [{ component: 'Contact', render: (c) => contactToWire(c) }],
  itemSchema: {
    type: 'object',
    // The fields the indexes read are typed here, before any index is built from an import
    // (FUZZ_SEED=451769049: an imported `available_channels` of `[""]` reached the list groups).
    required: ['id', 'account_id', 'format_e164', 'format_national', 'available_channels', 'opt_out'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      account_id: { type: 'string', maxLength: 64 },
      format_e164: { type: 'string', pattern: '^\\+[1-9]\\d{6,14}$' },
      format_national: { type: 'string', maxLength: 64 },
      opt_out: { type: 'boolean' },
      default_channel: { enum: ['sms', 'whatsapp'] },
      // The `listed` list keys a contact by its channels (issue 25 row 13).
      available_channels: { type: 'string', minLength: 1, maxLength: 64 },
    },
  },
  fromSnapshot: (item, _tenant, account) => {
    const c = item as ContactRecord;
    return { ...c, id: c.id.toLowerCase(), account_id: account(c.account_id) };
  },
});

/**
 * A new contact record for an E.164 number (decisions 0018): formats, region and channels from
 * google-libphonenumber; `sms,whatsapp` for numbers that may be mobile, else `sms`.
 */
export function newContact(accountId: string, phoneNumber: string, e164: string, ids: { random: Random; now: number }): ContactRecord {
  const info = phoneInfo(e164);
  const mobile = info.lineType === 'mobile' || info.lineType === 'fixed_line_or_mobile';
  return {
    id: ids.random.uuid(),
    account_id: accountId,
    phone_number: phoneNumber,
    format_e164: info.e164,
    format_international: info.international,
    format_national: info.national,
    format_rfc: info.rfc,
    country_code: info.countryCode,
    region_code: info.regionCode ?? '',
    available_channels: mobile ? 'sms,whatsapp' : 'sms',
    default_channel: 'sms',
    opt_out: false,
    created_at: sentTimestamp(ids.now),
    updated_at: null,
    last_whatsapp_inbound_at: null,
  };
}

/** The account's contact for a number, created when there is none (a send or an inbound message creates one). */
export function ensureContact(tenant: Tenant, accountId: string, e164: string, ids: { random: Random; now: number }): ContactRecord {
  const contacts = CONTACTS.in(tenant);
  const found = contacts.findBy('phone', phoneKey(accountId, e164));
  if (found) return found;
  const created = newContact(accountId, e164, e164, ids);
  contacts.set(created.id, created);
  return created;
}
