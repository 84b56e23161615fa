/**
 * Provider states: the sentences the consumer tests name in `given(...)`, and how to bring each
 * one about. Handlers work through the public `/v3` API wherever it can express the state, so
 * they set up any implementation. The few that cannot (the clock, the organization's own brand
 * and campaigns, keys of other roles, an empty organization) name why in `controlPlane`; they
 * need the simulator's `/_sim` control plane and are skipped, with that reason, elsewhere.
 *
 * Each handler returns the ids it created; Pact injects them into the request wherever the
 * consumer wrote `fromProviderState('${profileId}', …)`.
 */
import { STATE_CALLBACK_URL } from '../constants.js';
import { BRAND, CAMPAIGN, EXAMPLE, PROFILE, PROFILE_WITH_BRAND, TCR_BRAND } from '../fixtures.js';
import type { Target } from '../target.js';
import { count, NOTHING, text, type StateDefinition, type StateParams } from './types.js';

export const PROFILE_STATE = {
  waba: 'the organization has a WhatsApp Business Account',
  profile: 'a profile {profileId} named {name} exists',
  inheriting: "a profile {profileId} that inherits the organization's brand and campaigns",
  noProfile: 'no profile {profileId} exists',
  deleted: 'a profile {profileId} was deleted',
  onlyProfileDeleted: "the organization's only profile {profileId} was deleted",
  brandSubmitted: 'a profile {profileId} whose brand was submitted to TCR',
  readyToComplete: 'a profile {profileId} that meets every completion prerequisite',
  missingPrerequisites: 'a profile {profileId} without a short name, a description or a brand',
  completed: 'a profile {profileId} that is already completed',
  ownBrand: 'a profile {profileId} with its own brand and no campaigns',
  ownCampaign: 'a profile {profileId} with its own brand and a campaign {campaignId}',
  noBrand: 'a profile {profileId} without a brand',
  orgBrandAndCampaigns: 'the organization has a brand and {count} campaigns',
  idempotencyKeyUsed: 'a profile was created with Idempotency-Key {idempotencyKey}',
  developerKey: 'an API key {apiKey} with the developer role',
  unknownKey: 'no API key is known as {apiKey}',
} as const;

export const PROFILE_STATES: Record<(typeof PROFILE_STATE)[keyof typeof PROFILE_STATE], StateDefinition> = {
  [PROFILE_STATE.waba]: {
    // The organization's own WhatsApp account (profiles never inherit it since 2026-11). Other
    // implementations must start with one; a simulator is given one to be sure.
    setup: async ({ target, simulator }) => {
      if (simulator) await target.controlExpect('PATCH', '/_sim/tenant', { whatsapp_business_account: true });
    },
  },
  [PROFILE_STATE.profile]: {
    setup: async ({ target }, params) => ({ profileId: await target.createProfile({ ...PROFILE, name: text(params, 'name') }) }),
  },
  [PROFILE_STATE.inheriting]: {
    // Inheritance is asked for: both flags default to false since Sent's 2026-11 semantics.
    setup: async ({ target }) => ({ profileId: await target.createProfile({ ...PROFILE, inherit_tcr_brand: true, inherit_tcr_campaign: true }) }),
  },
  [PROFILE_STATE.noProfile]: NOTHING,
  [PROFILE_STATE.deleted]: {
    setup: async ({ target, simulator }) => {
      const profileId = await target.createProfile(PROFILE);
      await target.deleteProfile(profileId);
      // Sent soft-deletes: the record stays, marked. Only the control plane can see that.
      if (simulator) await assertSoftDeleted(target, profileId);
      return { profileId };
    },
  },
  [PROFILE_STATE.onlyProfileDeleted]: {
    controlPlane: 'needs an organization with no other profiles (the simulator makes a fresh tenant for an unknown sk_test_ key)',
    setup: async ({ target }) => {
      target.useFreshTenant();
      const profileId = await target.createProfile(PROFILE);
      await target.deleteProfile(profileId);
      return { profileId };
    },
  },
  [PROFILE_STATE.brandSubmitted]: {
    controlPlane: 'TCR submission happens when completion finishes; the simulator clock is advanced to finish it',
    setup: async ({ target }) => {
      const profileId = await profileReadyToComplete(target, TCR_BRAND);
      await runCompletion(target, profileId);
      const { body } = await target.expect(200, 'GET', `/v3/profiles/${profileId}`);
      const submitted = (body as { data?: { brand?: { submitted_to_tcr?: unknown } } }).data?.brand?.submitted_to_tcr;
      if (submitted !== true) throw new Error(`completion did not submit the brand to TCR (brand.submitted_to_tcr is ${String(submitted)})`);
      return { profileId };
    },
  },
  [PROFILE_STATE.readyToComplete]: {
    setup: async ({ target, simulator }) => ({
      profileId: await profileReadyToComplete(target, BRAND),
      // The simulator calls back when completion finishes; a closed local port keeps that local.
      webHookUrl: simulator ? STATE_CALLBACK_URL : EXAMPLE.webHookUrl,
    }),
  },
  [PROFILE_STATE.missingPrerequisites]: {
    setup: async ({ target }) => ({ profileId: await target.createProfile({ name: PROFILE.name, inherit_tcr_brand: false }) }),
  },
  [PROFILE_STATE.completed]: {
    controlPlane: 'completion finishes in the background; the simulator clock is advanced to finish it',
    setup: async ({ target }) => {
      const profileId = await profileReadyToComplete(target, BRAND);
      await runCompletion(target, profileId);
      const status = await target.profileStatus(profileId);
      if (status !== 'approved') throw new Error(`completion left the profile ${String(status)}, not approved`);
      return { profileId };
    },
  },
  [PROFILE_STATE.ownBrand]: {
    setup: async ({ target }) => ({ profileId: await target.createProfile(PROFILE_WITH_BRAND) }),
  },
  [PROFILE_STATE.ownCampaign]: {
    setup: async ({ target }) => {
      const profileId = await target.createProfile(PROFILE_WITH_BRAND);
      return { profileId, campaignId: await target.createCampaign(profileId, CAMPAIGN) };
    },
  },
  [PROFILE_STATE.noBrand]: {
    setup: async ({ target }) => ({ profileId: await target.createProfile({ ...PROFILE, inherit_tcr_brand: false }) }),
  },
  [PROFILE_STATE.orgBrandAndCampaigns]: {
    controlPlane: "the organization's own brand and campaigns are set outside the API (PATCH /_sim/tenant)",
    setup: async ({ target }, params) => {
      // A fresh tenant, so the organization brand does not leak into other interactions.
      target.useFreshTenant();
      await target.controlExpect('PATCH', '/_sim/tenant', { brand: BRAND, campaigns: count(params, 'count') });
    },
  },
  [PROFILE_STATE.idempotencyKeyUsed]: {
    setup: async ({ target }) => {
      // A new key each run: a key replays for 24 h, and the first use must be this state's.
      const idempotencyKey = `contract_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 10)}`;
      await target.createProfile(PROFILE, { 'Idempotency-Key': idempotencyKey });
      return { idempotencyKey };
    },
  },
  [PROFILE_STATE.developerKey]: {
    controlPlane: 'keys with other roles are issued outside the API (POST /_sim/tenant/keys)',
    setup: async ({ target }) => {
      const created = await target.controlExpect('POST', '/_sim/tenant/keys', { role: 'developer' });
      return { apiKey: text(created as StateParams, 'key') };
    },
  },
  // The contract's key is not an `sk_test_` key, so no simulator provisions it.
  [PROFILE_STATE.unknownKey]: NOTHING,
};

/** Own brand, own campaign, general data: every completion prerequisite met. */
async function profileReadyToComplete(target: Target, brand: typeof BRAND): Promise<string> {
  const profileId = await target.createProfile({ ...PROFILE_WITH_BRAND, brand });
  await target.createCampaign(profileId, CAMPAIGN);
  return profileId;
}

/** Starts completion and advances the simulator clock past its processing time. */
async function runCompletion(target: Target, profileId: string): Promise<void> {
  await target.expect(202, 'POST', `/v3/profiles/${profileId}/complete`, { webHookUrl: STATE_CALLBACK_URL });
  const tenant = (await target.controlExpect('GET', '/_sim/tenant')) as { settings?: { processing_delay_seconds?: number } };
  await target.advanceClock((tenant.settings?.processing_delay_seconds ?? 2) + 1);
}

async function assertSoftDeleted(target: Target, profileId: string): Promise<void> {
  const stored = await target.storedRecord('profiles', profileId);
  if (!stored) throw new Error(`the deleted profile ${profileId} is gone from the store: Sent soft-deletes profiles (deleted_at set, data kept)`);
  if (typeof stored.deleted_at !== 'string') throw new Error(`the deleted profile ${profileId} has no deleted_at`);
}
