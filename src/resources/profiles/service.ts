import { limitError } from '../../limits.js';
import type { components } from '../../generated/sent-v3.js';
import { wholeList } from '../../http/pagination.js';
import type { ApiKeyRecord, Tenant } from '../../store/types.js';
import type { ProfileRecord } from './records.js';
import type { Random } from '../../util/random.js';
import { sentTimestamp } from '../../util/time.js';
import { brandFromRequest } from './brand.js';
import { liveProfile, PROFILE_CAP, PROFILES } from './collection.js';
import { cardBrand } from './rules.js';
import type { SandboxData } from './sandbox.js';
import { profileToWire } from './to-wire.js';

type Schemas = components['schemas'];
type CreateProfileRequest = Schemas['CreateProfileRequest'];
type UpdateProfileRequest = Schemas['UpdateProfileRequest'];
type ProfileDetail = Schemas['ProfileDetail'];

export interface ProfileServiceDeps {
  random: Random;
  sandbox: SandboxData;
  /** Bounded memory: creates past this many stored profiles (deleted ones count) are refused (none: the demo seed). */
  maxProfiles?: number;
}

/**
 * Profile operations, named after the spec's operationIds. The field rules (rules.ts) ran in
 * the pipeline's one validation pass before any of these is called; a write replaces the stored
 * record in one step, so a refused request changes nothing and a PATCH is applied whole or not
 * at all. `sandbox` is decided once, by the pipeline.
 */
export class ProfileService {
  constructor(private readonly deps: ProfileServiceDeps) {}

  createProfile(tenant: Tenant, body: CreateProfileRequest, sandbox: boolean): ProfileDetail {
    const now = tenant.clock.now();
    const record = this.newRecord(tenant, body, now);
    // Sandbox answers exactly what a real create would, and stores nothing.
    if (sandbox) return profileToWire(record, tenant);
    const profiles = PROFILES.in(tenant);
    const cap = this.deps.maxProfiles ?? Infinity;
    if (profiles.size >= cap) throw limitError(PROFILE_CAP, cap);
    profiles.set(record.id, record);
    return profileToWire(record, tenant);
  }

  /** Every live profile in one page (`pagination`, decisions §14). */
  listProfiles(tenant: Tenant, apiKey: ApiKeyRecord): Schemas['ProfileList'] {
    const profiles: ProfileDetail[] = [];
    // A profile-scoped key lists nothing (docs/decisions/0002).
    if (apiKey.type === 'organization') {
      for (const p of PROFILES.in(tenant).values()) if (p.deleted_at === null) profiles.push(profileToWire(p, tenant));
    }
    return { profiles, pagination: wholeList(profiles.length) };
  }

  retrieveProfile(tenant: Tenant, profileId: string): ProfileDetail {
    return profileToWire(liveProfile(tenant, profileId), tenant);
  }

  updateProfile(tenant: Tenant, profileId: string, body: UpdateProfileRequest, sandbox: boolean): ProfileDetail {
    // Sandbox makes no lookups: the answer is generated data with the request applied to it.
    const current = sandbox ? this.deps.sandbox.record(tenant, profileId) : liveProfile(tenant, profileId);
    const next = this.applyPatch(current, body, tenant.clock.now());
    if (!sandbox) PROFILES.in(tenant).set(next.id, next);
    return profileToWire(next, tenant);
  }

  deleteProfile(tenant: Tenant, profileId: string, sandbox: boolean): void {
    if (sandbox) return;
    const current = liveProfile(tenant, profileId);
    // Soft delete: the record and its data stay, marked with deleted_at (docs/decisions/0004).
    PROFILES.in(tenant).set(current.id, { ...current, deleted_at: sentTimestamp(tenant.clock.now()) });
  }

  private newRecord(tenant: Tenant, body: CreateProfileRequest, now: number): ProfileRecord {
    const timestamp = sentTimestamp(now);
    const waba = body.whatsapp_business_account;
    const brand = body.brand ? brandFromRequest(body.brand, { id: this.deps.random.uuid(), now: timestamp }) : null;
    return {
      id: this.deps.random.uuid(),
      organization_id: tenant.organization.id,
      name: body.name,
      icon: body.icon ?? null,
      description: body.description ?? null,
      short_name: body.short_name ?? null,
      status: 'incomplete',
      created_at: timestamp,
      updated_at: null,
      // Accepted and ignored, always false: nothing is shared or inherited but the TCR brand
      // and campaigns (decisions §14, docs/decisions/0058).
      allow_contact_sharing: false,
      allow_template_sharing: false,
      inherit_contacts: false,
      inherit_templates: false,
      // Both default to false now (decisions §14).
      inherit_tcr_brand: body.inherit_tcr_brand ?? false,
      inherit_tcr_campaign: body.inherit_tcr_campaign ?? false,
      billing_model: body.billing_model ?? 'profile',
      // Accepted and ignored, always null: a profile sends from its own channels.
      sending_phone_number_profile_id: null,
      sending_whatsapp_number_profile_id: null,
      sending_phone_number: null,
      whatsapp_phone_number: null,
      allow_number_change_during_onboarding: null,
      billing_contact: body.billing_contact ? contactRecord(body.billing_contact) : null,
      brand,
      // Never inherited (decisions §14): without its own account the profile has no WhatsApp.
      whatsapp: waba ? { waba_id: waba.waba_id, access_token: waba.access_token, phone_number_id: waba.phone_number_id ?? null, inherited: false } : null,
      payment: paymentRecord(body.payment_details),
      deleted_at: null,
    };
  }

  /**
   * PATCH semantics (docs/decisions/0004): absent = unchanged; `null` = unchanged for booleans,
   * `billing_model`, `billing_contact`, `brand` and `name`; `null` clears the nullable strings.
   * The sharing and contact/template inheritance flags and `sending_*_profile_id` are accepted
   * and ignored (decisions §14).
   */
  private applyPatch(current: ProfileRecord, body: UpdateProfileRequest, now: number): ProfileRecord {
    const timestamp = sentTimestamp(now);
    const next: ProfileRecord = { ...current, updated_at: timestamp };
    if (body.name != null) next.name = body.name;
    for (const key of CLEARABLE) if (body[key] !== undefined) next[key] = body[key] ?? null;
    for (const key of FLAGS) {
      const value = body[key];
      if (value != null) next[key] = value;
    }
    if (body.allow_number_change_during_onboarding != null) {
      next.allow_number_change_during_onboarding = body.allow_number_change_during_onboarding;
    }
    if (body.billing_model != null) next.billing_model = body.billing_model;
    if (body.billing_contact != null) next.billing_contact = contactRecord(body.billing_contact);
    if (body.payment_details != null) next.payment = paymentRecord(body.payment_details);
    if (body.brand != null) {
      next.brand = brandFromRequest(body.brand, { id: this.deps.random.uuid(), now: timestamp }, current.brand);
      if (body.inherit_tcr_brand == null) next.inherit_tcr_brand = false;
    }
    return next;
  }
}

const CLEARABLE = ['icon', 'description', 'short_name', 'sending_phone_number', 'whatsapp_phone_number'] as const;

/** The flags a PATCH still sets; the others (sharing, contacts, templates) always read false. */
const FLAGS = ['inherit_tcr_brand', 'inherit_tcr_campaign'] as const;

function contactRecord(contact: Schemas['BillingContactInfo']): NonNullable<ProfileRecord['billing_contact']> {
  return { name: contact.name, email: contact.email, phone: contact.phone ?? null, address: contact.address ?? null };
}

/** Keeps only last4 and the card brand: the number, expiry and CVC are dropped here. */
function paymentRecord(payment: Schemas['PaymentDetails'] | null | undefined): ProfileRecord['payment'] {
  if (payment == null) return null;
  return { last4: payment.card_number.slice(-4), card_brand: cardBrand(payment.card_number) };
}
