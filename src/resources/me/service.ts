import type { components } from '../../generated/sent-v3.js';
import type { ApiKeyRecord, Tenant } from '../../store/types.js';
import type { ProfileRecord } from '../profiles/records.js';
import type { Account } from '../account.js';
import { liveProfile, PROFILES } from '../profiles/collection.js';
import { senderNumber } from '../messages/rules.js';
import { organizationChannels, profileChannels } from './channels.js';

type Schemas = components['schemas'];
type Me = Schemas['Me'];

/**
 * `GET /v3/me` (docs/decisions/0020), shaped as the SDK's `MeRetrieveResponse`: an organization
 * key gets `type: "organization"` with its live profiles (each with the key's role); a profile
 * key, or an organization key with `x-profile-id`, gets `type: "profile"` with the profile's
 * fields. `type: "user"` is never produced: every simulated key belongs to one of the two.
 */
export function retrieveMe(tenant: Tenant, account: Account, apiKey: ApiKeyRecord): Me {
  const org = tenant.organization;
  if (account.profileId === null) {
    const profiles: Schemas['MeProfile'][] = [];
    for (const p of PROFILES.in(tenant).values()) {
      if (p.deleted_at !== null) continue;
      profiles.push({ id: p.id, name: p.name, short_name: p.short_name, description: p.description, icon: p.icon, created_at: p.created_at, role: apiKey.role, status: p.status, settings: settingsOf(p) });
    }
    return {
      id: org.id,
      type: 'organization',
      name: org.name,
      email: org.email,
      icon: null,
      description: null,
      created_at: tenant.createdAt,
      organization_id: null,
      short_name: null,
      status: null,
      settings: null,
      channels: organizationChannels(org, senderNumber(null, org.id, 'sms')),
      profiles,
    };
  }
  const p = liveProfile(tenant, account.profileId);
  return {
    id: p.id,
    type: 'profile',
    name: p.name,
    // A profile's email is its organization's (as in ProfileDetail).
    email: org.email,
    icon: p.icon,
    description: p.description,
    created_at: p.created_at,
    organization_id: p.organization_id,
    short_name: p.short_name,
    status: p.status,
    settings: settingsOf(p),
    channels: profileChannels(p),
    profiles: [],
  };
}

/** The sharing and contact/template inheritance settings always read false (decisions §14). */
function settingsOf(p: ProfileRecord): Schemas['ProfileSettings'] {
  return {
    allow_contact_sharing: false,
    allow_template_sharing: false,
    billing_model: p.billing_model,
    inherit_contacts: false,
    inherit_templates: false,
    inherit_tcr_brand: p.inherit_tcr_brand,
    inherit_tcr_campaign: p.inherit_tcr_campaign,
  };
}
