import type { components } from '../../generated/sent-v3.js';
import type { ContactRecord } from './collection.js';

type Contact = components['schemas']['Contact'];

/**
 * Stored contact → `Contact`, in the key order of Sent's docs example. Drops the simulator-only
 * fields (the WhatsApp window); `customer_id` is the owning account. `is_inherited` is always
 * false: Sent deprecated it, "a profile sees only the contacts it owns" (decisions §14,
 * docs/decisions/0055).
 */
export function contactToWire(c: ContactRecord): Contact {
  return {
    id: c.id,
    customer_id: c.account_id,
    phone_number: c.phone_number,
    format_e164: c.format_e164,
    format_international: c.format_international,
    format_national: c.format_national,
    format_rfc: c.format_rfc,
    country_code: c.country_code,
    region_code: c.region_code,
    available_channels: c.available_channels,
    default_channel: c.default_channel,
    opt_out: c.opt_out,
    is_inherited: false,
    created_at: c.created_at,
    updated_at: c.updated_at,
  };
}
