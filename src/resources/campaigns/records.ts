import type { components } from '../../generated/sent-v3.js';
import type { Random } from '../../util/random.js';

type CampaignData = components['schemas']['CampaignData'];
type CampaignUseCase = components['schemas']['CampaignUseCase'];

/**
 * A campaign as stored: the wire shape plus the owner. `profileId: null` marks one of the
 * organization's own campaigns, which profiles with `inherit_tcr_campaign: true` see read-only.
 */
export type CampaignRecord = components['schemas']['Campaign'] & {
  profileId: string | null;
};

/** Who a campaign belongs to. `profileId: null` makes it one of the organization's own. */
export interface CampaignOwner {
  profileId: string | null;
  brandId: string | null;
  /** The organization id (Sent's `customerId`). */
  customerId: string;
}

/**
 * Request `CampaignData` → stored campaign. Without `existing` it is a new campaign, not
 * submitted to TCR. With `existing` it is a PUT, which Sent defines as a full replace: every
 * request field is overwritten (optional ones left out become null), while the campaign's
 * identity and everything TCR and billing set (status, submission, ids, cost…) is kept.
 * Exported for the control plane, which creates the organization's campaigns with it.
 */
export function campaignFromRequest(
  data: CampaignData,
  owner: CampaignOwner,
  ids: { random: Random; now: string },
  existing?: CampaignRecord,
): CampaignRecord {
  const id = existing?.id ?? ids.random.uuid();
  // Use cases are replaced whole on PUT, so they get new ids (Sent gives them no identity of their own in requests).
  const useCases: CampaignUseCase[] = data.useCases.map((u) => ({
    id: ids.random.uuid(),
    campaignId: id,
    customerId: owner.customerId,
    messagingUseCaseUs: u.messagingUseCaseUs,
    sampleMessages: [...u.sampleMessages],
    createdAt: ids.now,
    updatedAt: null,
  }));
  return {
    id,
    createdAt: existing?.createdAt ?? ids.now,
    updatedAt: existing ? ids.now : null,
    name: data.name,
    description: data.description,
    type: data.type,
    brandId: owner.brandId,
    customerId: owner.customerId,
    status: existing?.status ?? null,
    submittedToTCR: existing?.submittedToTCR ?? false,
    submittedAt: existing?.submittedAt ?? null,
    tcrCampaignId: existing?.tcrCampaignId ?? null,
    tcrSyncError: existing?.tcrSyncError ?? null,
    billedDate: existing?.billedDate ?? null,
    cost: existing?.cost ?? null,
    dcaElectionsComplete: existing?.dcaElectionsComplete ?? null,
    dcaElectionsCompletedAt: existing?.dcaElectionsCompletedAt ?? null,
    hasSubmissionTransaction: existing?.hasSubmissionTransaction ?? false,
    messageFlow: data.messageFlow ?? null,
    privacyPolicyLink: data.privacyPolicyLink ?? null,
    termsAndConditionsLink: data.termsAndConditionsLink ?? null,
    optinKeywords: data.optinKeywords ?? null,
    optoutKeywords: data.optoutKeywords ?? null,
    helpKeywords: data.helpKeywords ?? null,
    optinMessage: data.optinMessage ?? null,
    optoutMessage: data.optoutMessage ?? null,
    helpMessage: data.helpMessage ?? null,
    // Sent (2026-08): a numeric string, below 2000 the low-volume tier, omitted the standard one.
    volume: data.volume ?? null,
    useCases,
    profileId: owner.profileId,
  };
}
