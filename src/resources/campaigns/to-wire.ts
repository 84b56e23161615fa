import type { components } from '../../generated/sent-v3.js';
import type { CampaignRecord } from './records.js';

type Campaign = components['schemas']['Campaign'];

/**
 * Stored campaign → `Campaign` (Sent's `TcrCampaignWithUseCases`), in the spec's key order.
 * Drops the simulator-only owner (`profileId`); every other key is always present. The six
 * fields Sent removed by 2026-11 (`telnyxCampaignId`, `cspId`, `resellerId`, `upstreamCnpId`,
 * `kycSubmissionFormId`, `sharingStatus`) are gone; `volume` is new (decisions §14).
 * This is the list's (and the control plane's) view; create and update use the one below.
 */
export function campaignToWire(c: CampaignRecord): Campaign {
  return {
    id: c.id,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    name: c.name,
    description: c.description,
    type: c.type,
    brandId: c.brandId,
    customerId: c.customerId,
    status: c.status,
    submittedToTCR: c.submittedToTCR,
    submittedAt: c.submittedAt,
    tcrCampaignId: c.tcrCampaignId,
    tcrSyncError: c.tcrSyncError,
    billedDate: c.billedDate,
    cost: c.cost,
    dcaElectionsComplete: c.dcaElectionsComplete,
    dcaElectionsCompletedAt: c.dcaElectionsCompletedAt,
    hasSubmissionTransaction: c.hasSubmissionTransaction,
    messageFlow: c.messageFlow,
    privacyPolicyLink: c.privacyPolicyLink,
    termsAndConditionsLink: c.termsAndConditionsLink,
    optinKeywords: c.optinKeywords,
    optoutKeywords: c.optoutKeywords,
    helpKeywords: c.helpKeywords,
    optinMessage: c.optinMessage,
    optoutMessage: c.optoutMessage,
    helpMessage: c.helpMessage,
    volume: c.volume,
    useCases: c.useCases.map((u) => ({
      id: u.id,
      campaignId: u.campaignId,
      customerId: u.customerId,
      messagingUseCaseUs: u.messagingUseCaseUs,
      sampleMessages: [...u.sampleMessages],
      createdAt: u.createdAt,
      updatedAt: u.updatedAt,
    })),
  };
}

/**
 * Sent fills `hasSubmissionTransaction` only on the list path and answers `false` elsewhere
 * (fact sheet §11), so create and update responses do the same.
 */
export function campaignToWireOutsideList(c: CampaignRecord): Campaign {
  return { ...campaignToWire(c), hasSubmissionTransaction: false };
}
