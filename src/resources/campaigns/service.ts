import type { components } from '../../generated/sent-v3.js';
import { effectiveBrand } from '../profiles/brand.js';
import { liveProfile } from '../profiles/collection.js';
import { CAMPAIGNS } from './collection.js';
import type { Tenant } from '../../store/types.js';
import type { CampaignRecord } from './records.js';
import type { ProfileRecord } from '../profiles/records.js';
import type { Random } from '../../util/random.js';
import { sentTimestamp } from '../../util/time.js';
import { campaignFromRequest } from './records.js';
import { assertCampaignEditable, assertCanOwnCampaigns, ownCampaign, requireBrand, visibleCampaigns } from './rules.js';
import { campaignToWire, campaignToWireOutsideList } from './to-wire.js';

type Schemas = components['schemas'];
type CampaignRequest = Schemas['CampaignRequest'];
type Campaign = Schemas['Campaign'];

export interface CampaignServiceDeps {
  random: Random;
}

/**
 * Campaign operations, named after the spec's operationIds. Every guard runs before the store
 * is touched, and a write replaces the stored record in one step, so a refused request changes
 * nothing. Sandbox calls (docs/decisions/0008) make no lookups and change nothing:
 * they answer with a campaign built from the request alone.
 */
export class CampaignService {
  constructor(private readonly deps: CampaignServiceDeps) {}

  createCampaign(tenant: Tenant, profileId: string, body: CampaignRequest, sandbox: boolean): Campaign {
    if (sandbox) return campaignToWireOutsideList(this.sandboxCampaign(tenant, profileId, body));
    const profile = liveProfile(tenant, profileId);
    const brand = requireBrand(effectiveBrand(profile, tenant), 'RESOURCE_009');
    assertCanOwnCampaigns(profile);
    const record = campaignFromRequest(
      body.campaign,
      { profileId: profile.id, brandId: brand.id, customerId: tenant.organization.id },
      this.ids(tenant),
    );
    CAMPAIGNS.in(tenant).set(record.id, record);
    return campaignToWireOutsideList(record);
  }

  listCampaigns(tenant: Tenant, profileId: string): Campaign[] {
    const profile = liveProfile(tenant, profileId);
    requireBrand(effectiveBrand(profile, tenant), 'RESOURCE_009');
    return visibleCampaigns(CAMPAIGNS.in(tenant).values(), profile).map(campaignToWire);
  }

  updateCampaign(tenant: Tenant, profileId: string, campaignId: string, body: CampaignRequest, sandbox: boolean): Campaign {
    if (sandbox) return campaignToWireOutsideList(this.sandboxCampaign(tenant, profileId, body, campaignId));
    const { profile, brandId, campaign } = this.editable(tenant, profileId, campaignId);
    const next = campaignFromRequest(
      body.campaign,
      { profileId: profile.id, brandId, customerId: tenant.organization.id },
      this.ids(tenant),
      campaign,
    );
    CAMPAIGNS.in(tenant).set(next.id, next);
    return campaignToWireOutsideList(next);
  }

  deleteCampaign(tenant: Tenant, profileId: string, campaignId: string, sandbox: boolean): void {
    if (sandbox) return;
    const { campaign } = this.editable(tenant, profileId, campaignId);
    // Campaigns have no soft delete: Sent answers 204 and the campaign is gone.
    CAMPAIGNS.in(tenant).delete(campaign.id);
  }

  /** The checks PUT and DELETE share: live profile, a brand, the profile's own campaign, not submitted. */
  private editable(
    tenant: Tenant,
    profileId: string,
    campaignId: string,
  ): { profile: ProfileRecord; brandId: string; campaign: CampaignRecord } {
    const profile = liveProfile(tenant, profileId);
    const brand = requireBrand(effectiveBrand(profile, tenant), 'RESOURCE_010');
    const campaign = ownCampaign(CAMPAIGNS.in(tenant).get(campaignId.toLowerCase()), profile.id);
    assertCampaignEditable(campaign);
    return { profile, brandId: brand.id, campaign };
  }

  /**
   * No lookups in sandbox: the profile and its brand are not read, so the brand id is
   * generated; on update the campaign keeps the id from the path.
   */
  private sandboxCampaign(tenant: Tenant, profileId: string, body: CampaignRequest, campaignId?: string): CampaignRecord {
    const owner = { profileId: profileId.toLowerCase(), brandId: this.deps.random.uuid(), customerId: tenant.organization.id };
    const record = campaignFromRequest(body.campaign, owner, this.ids(tenant));
    if (campaignId === undefined) return record;
    const id = campaignId.toLowerCase();
    return { ...record, id, updatedAt: record.createdAt, useCases: record.useCases.map((u) => ({ ...u, campaignId: id })) };
  }

  private ids(tenant: Tenant): { random: Random; now: string } {
    return { random: this.deps.random, now: sentTimestamp(tenant.clock.now()) };
  }
}
