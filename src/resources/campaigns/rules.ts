/**
 * Campaign rules as pure guards (no Express, no I/O, no store): each takes the records it
 * judges and throws the Sent error when the rule is broken. The service calls them before it
 * changes anything, so a refused request changes nothing. Messages come from the error catalog.
 */
import { MESSAGES } from '../../errors/catalog.js';
import { simError, validationError } from '../../errors/sim-error.js';
import type { CampaignRecord } from './records.js';
import type { BrandRecord, ProfileRecord } from '../profiles/records.js';

/**
 * Campaigns live under a brand, the profile's own or the inherited one. Without one, the
 * collection routes answer `404 RESOURCE_009` (Sent's docs, list page) and the item routes
 * `404 RESOURCE_010` (the spec: "or a profile without a brand").
 */
export function requireBrand(brand: BrandRecord | null, code: 'RESOURCE_009' | 'RESOURCE_010'): BrandRecord {
  if (!brand) throw simError(code);
  return brand;
}

/** Inherited campaigns are read-only: a profile must set `inherit_tcr_campaign: false` to own any. */
export function assertCanOwnCampaigns(profile: Pick<ProfileRecord, 'inherit_tcr_campaign'>): void {
  if (profile.inherit_tcr_campaign) throw validationError({ campaign: [MESSAGES.campaignsInherited] });
}

/**
 * The campaign, if it is one of the profile's own; else `404 RESOURCE_010`. The organization's
 * campaigns are not the profile's even when it inherits them, so PUT/DELETE cannot reach them.
 */
export function ownCampaign(campaign: CampaignRecord | undefined, profileId: string): CampaignRecord {
  if (!campaign || campaign.profileId !== profileId) throw simError('RESOURCE_010');
  return campaign;
}

/** Once submitted to TCR a campaign can be neither replaced nor deleted (fact sheet §16 #5). */
export function assertCampaignEditable(campaign: Pick<CampaignRecord, 'submittedToTCR'>): void {
  if (campaign.submittedToTCR) throw validationError({ campaign: [MESSAGES.campaignLocked] });
}

/**
 * What a profile's list shows: its own campaigns, then, when it inherits campaigns, the
 * organization's; each group in creation order (the order the records are given in).
 */
export function visibleCampaigns(
  campaigns: Iterable<CampaignRecord>,
  profile: Pick<ProfileRecord, 'id' | 'inherit_tcr_campaign'>,
): CampaignRecord[] {
  const own: CampaignRecord[] = [];
  const inherited: CampaignRecord[] = [];
  for (const c of campaigns) {
    if (c.profileId === profile.id) own.push(c);
    else if (c.profileId === null && profile.inherit_tcr_campaign) inherited.push(c);
  }
  return [...own, ...inherited];
}
