/**
 * An account's WhatsApp account and RCS agent as they read (sent-api-v3-2026-11 §2.7). A WABA
 * connected through the channels API is stored here; one the account already had — the
 * organization's, or a profile's own from `/v3/profiles` — reads the same way (never an
 * inherited one: WhatsApp is not inherited, §2.9).
 */
import type { components } from '../../generated/sent-v3.js';
import type { Tenant } from '../../store/types.js';
import type { Account } from '../account.js';
import { channelAccount } from './collection.js';
import { profileOf } from './identity.js';

type Schemas = components['schemas'];

/** Sent's Multi-Partner Solution id (fictional): every WABA reaches Sent through it. */
export const SOLUTION_ID = '1084739265103846';

/** The business portfolio an organization's WABAs are shared from: 15 digits, stable per organization. */
export function ownerBusinessId(tenant: Tenant): string {
  let h = 0x811c9dc5;
  for (const ch of tenant.id) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `1${String(h).padStart(10, '0')}${String(h % 10_000).padStart(4, '0')}`.slice(0, 15);
}

export function whatsappView(tenant: Tenant, account: Account): Schemas['WhatsappAccount'] | null {
  const stored = channelAccount(tenant, account.id)?.whatsapp;
  if (stored) return { ...stored };
  const base = { solution_id: SOLUTION_ID, owner_business_id: ownerBusinessId(tenant) };
  if (account.profileId === null) {
    const waba = tenant.organization.waba;
    return waba ? { waba_id: waba.waba_id, phone_number_id: null, ...base, status: 'ACTIVE' } : null;
  }
  const own = profileOf(tenant, account)?.whatsapp;
  if (!own || own.inherited) return null;
  return { waba_id: own.waba_id, phone_number_id: own.phone_number_id, ...base, status: own.phone_number_id ? 'ACTIVE' : 'PROVISIONING' };
}

export function rcsView(tenant: Tenant, account: Account): Schemas['RcsAgent'] | null {
  const agent = channelAccount(tenant, account.id)?.rcs;
  if (!agent) return null;
  const { review: _review, ...view } = agent;
  return view;
}
