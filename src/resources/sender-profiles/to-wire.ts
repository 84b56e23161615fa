import type { components } from '../../generated/sent-v3.js';
import type { Tenant } from '../../store/types.js';
import type { Account } from '../account.js';
import { rcsView, whatsappView } from '../channels/account-views.js';
import { effectiveBrand, flatBrand, marketBrandView } from '../channels/identity.js';
import { accountMarkets } from '../channels/markets.js';
import { listedView, marketView } from '../channels/requirements.js';
import type { ProfileRecord } from '../profiles/records.js';

type Schemas = components['schemas'];

/** The profile as an account (a sender profile acts as itself). */
export const accountOfProfile = (p: Pick<ProfileRecord, 'id'>): Account => ({ id: p.id, profileId: p.id });

function common(tenant: Tenant, p: ProfileRecord) {
  const account = accountOfProfile(p);
  const { brand, inherit } = effectiveBrand(tenant, account);
  return {
    id: p.id,
    organization_id: p.organization_id ?? tenant.organization.id,
    name: p.name,
    short_name: p.short_name,
    description: p.description,
    // The organization pays (`{"inherit": true}`), or the profile with its billing contact.
    billing: p.billing_model === 'organization' ? { inherit: true, contact: null } : { inherit: false, contact: p.billing_contact },
    compliance: { brand: brand ? marketBrandView(flatBrand(brand), inherit, brand.submitted_to_tcr) : null },
    created_at: p.created_at,
    account,
  };
}

/**
 * A profile record through the `/v3/sender-profiles` view (sent-api-v3-2026-11 §2.6): billing,
 * channels (SMS markets with their status and what they owe) and the identity in full with
 * `inherit`; no campaigns array. The same record `/v3/profiles` renders its own way.
 */
export function senderProfileToWire(tenant: Tenant, p: ProfileRecord): Schemas['SenderProfile'] {
  const { account, ...rest } = common(tenant, p);
  const channels = { sms: accountMarkets(tenant, account).map((m) => marketView(tenant, account, m)), whatsapp: whatsappView(tenant, account), rcs: rcsView(tenant, account) };
  const { created_at, ...head } = rest;
  return { ...head, channels, created_at };
}

/** In a list, markets omit `compliance`. */
export function listedSenderProfile(tenant: Tenant, p: ProfileRecord): Schemas['SenderProfileListed'] {
  const { account, ...rest } = common(tenant, p);
  const channels = { sms: accountMarkets(tenant, account).map(listedView), whatsapp: whatsappView(tenant, account), rcs: rcsView(tenant, account) };
  const { created_at, ...head } = rest;
  return { ...head, channels, created_at };
}
