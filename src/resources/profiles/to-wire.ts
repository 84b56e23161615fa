import type { components } from '../../generated/sent-v3.js';
import type { Tenant } from '../../store/types.js';
import type { ProfileRecord } from './records.js';
import { brandToWire, effectiveBrand } from './brand.js';

type ProfileDetail = components['schemas']['ProfileDetail'];

/**
 * Internal record → `ProfileDetail`, in the key order of Sent's docs example. Drops every
 * simulator-only field: the WhatsApp access token, the card's last4, `deleted_at`.
 * A profile that inherits its brand shows the organization's brand with `is_inherited: true`.
 */
export function profileToWire(p: ProfileRecord, tenant: Tenant): ProfileDetail {
  const own = p.brand;
  const inherited = own ? null : effectiveBrand(p, tenant);
  const brand = own ? brandToWire(own) : inherited ? brandToWire(inherited, true) : null;
  return {
    id: p.id,
    organization_id: p.organization_id,
    name: p.name,
    email: tenant.organization.email,
    icon: p.icon,
    description: p.description,
    short_name: p.short_name,
    status: p.status,
    created_at: p.created_at,
    updated_at: p.updated_at,
    // Deprecated by Sent: always false / null (decisions §14).
    allow_contact_sharing: false,
    allow_template_sharing: false,
    inherit_contacts: false,
    inherit_templates: false,
    inherit_tcr_brand: p.inherit_tcr_brand,
    inherit_tcr_campaign: p.inherit_tcr_campaign,
    billing_model: p.billing_model,
    sending_phone_number_profile_id: null,
    sending_whatsapp_number_profile_id: null,
    sending_phone_number: p.sending_phone_number,
    whatsapp_phone_number: p.whatsapp_phone_number,
    allow_number_change_during_onboarding: p.allow_number_change_during_onboarding,
    waba_id: p.whatsapp?.waba_id ?? null,
    billing_contact: p.billing_contact,
    brand,
  };
}
