import { maskKey } from '../store/tenants.js';
import type { Tenant } from '../store/types.js';
import { campaignToWire } from '../resources/campaigns/to-wire.js';
import { brandToWire } from '../resources/profiles/brand.js';
import { profileToWire } from '../resources/profiles/to-wire.js';
import { sentTimestamp } from '../util/time.js';

/**
 * What `GET /_sim/tenant` shows: everything the simulator holds for the tenant, soft-deleted
 * profiles included — except secrets: API keys are masked, WhatsApp access tokens are reduced
 * to "set or not", and of a card only last4 and brand were ever kept.
 */
export function tenantView(tenant: Tenant) {
  return {
    organization_id: tenant.id,
    name: tenant.organization.name,
    email: tenant.organization.email,
    now: sentTimestamp(tenant.clock.now()),
    clock_offset_ms: tenant.clock.offset,
    callback_signing_secret: tenant.callbackSigningSecret,
    settings: {
      processing_delay_seconds: tenant.settings.processingDelayMs / 1000,
      tcr_review_delay_seconds: tenant.settings.tcrReviewDelayMs / 1000,
      callback_max_attempts: tenant.settings.callbackMaxAttempts,
      rate_limits: tenant.settings.rateLimits,
    },
    keys: [...tenant.keys.values()].map((k) => ({
      key: maskKey(k.key),
      role: k.role,
      type: k.type,
      profile_id: k.profileId,
      created_at: k.createdAt,
    })),
    organization: {
      whatsapp_business_account: tenant.organization.waba,
      brand: tenant.organization.brand ? brandToWire(tenant.organization.brand) : null,
      campaigns: [...tenant.campaigns.values()].filter((c) => c.profileId === null).map(campaignToWire),
    },
    profiles: [...tenant.profiles.values()].map((p) => ({
      ...profileToWire(p, tenant),
      deleted_at: p.deleted_at,
      campaigns: [...tenant.campaigns.values()].filter((c) => c.profileId === p.id).map(campaignToWire),
      simulator: {
        whatsapp_inherited: p.whatsapp?.inherited ?? null,
        whatsapp_access_token_set: p.whatsapp?.access_token != null,
        payment: p.payment,
      },
    })),
    pending_jobs: tenant.jobs.list().map((j) => ({ id: j.id, kind: j.kind, profile_id: j.profileId ?? null, due_at: sentTimestamp(j.dueAt) })),
  };
}
