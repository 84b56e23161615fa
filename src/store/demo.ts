import type { Deps } from '../deps.js';
import { organizationCampaignData } from '../control/org-campaigns.js';
import { CAMPAIGNS } from '../resources/campaigns/collection.js';
import { campaignFromRequest } from '../resources/campaigns/records.js';
import { brandFromRequest } from '../resources/profiles/brand.js';
import { SandboxData } from '../resources/profiles/sandbox.js';
import { ProfileService } from '../resources/profiles/service.js';
import { createRandom } from '../util/random.js';
import { sentTimestamp } from '../util/time.js';
import { DEMO_KEYS } from './tenants.js';
import type { Tenant } from './types.js';

/** The fixed seed of the demo tenant's data, so every start (and every reset) shows the same demo. */
export const DEMO_SEED = 4010;

/**
 * The demo tenant (docs/decisions/0010): org keys for each role, an organization WABA, and its
 * seeded content. A reset of the demo tenant seeds the content again.
 */
export function seedDemoTenant(deps: Deps, profileCount = 3): Tenant {
  const { owner, ...others } = DEMO_KEYS;
  const tenant = deps.tenants.createTenant({ ownerKey: owner, name: 'Acme Demo Organization', extraKeys: others, demo: true });
  tenant.organization.email = 'team@acme.com';
  seedDemoContent(deps, tenant, profileCount);
  return tenant;
}

/**
 * The demo organization's (non-TCR) brand and a campaign, so its profiles, which inherit both,
 * can complete; a few faker-made profiles from a fixed seed, created through the profile service
 * so they obey every rule a real create does; then what each resource module seeds.
 */
export function seedDemoContent(deps: Deps, tenant: Tenant, profileCount = 3): void {
  const random = createRandom(DEMO_SEED);
  const data = new SandboxData(random);
  const now = sentTimestamp(tenant.clock.now());
  tenant.organization.brand = brandFromRequest(
    {
      contact: { name: 'John Smith', businessName: 'Acme Corp', email: 'john@acmecorp.com' },
      business: { legalName: 'Acme Corporation LLC', country: 'US' },
      compliance: { brandRelationship: 'SMALL_ACCOUNT', vertical: 'PROFESSIONAL' },
    },
    { id: random.uuid(), now },
  );
  // Ids come from the demo's own seed too, so a reset gives back the very same records (docs/decisions/0022).
  const campaign = campaignFromRequest(
    organizationCampaignData(data, 0),
    { profileId: null, brandId: tenant.organization.brand.id, customerId: tenant.id },
    { random, now },
  );
  CAMPAIGNS.in(tenant).set(campaign.id, campaign);
  const service = new ProfileService({ random, sandbox: data });
  const teams = ['Marketing Team', 'Sales Team', 'Support Team', 'Alerts Team', 'Billing Team'];
  for (let i = 0; i < profileCount; i++) {
    const team = teams[i % teams.length]!;
    service.createProfile(
      tenant,
      {
        name: team,
        short_name: team.split(' ')[0]!.toUpperCase().slice(0, 11),
        description: `${team.split(' ')[0]} sender profile — ${data.catchPhrase()}`,
        billing_model: 'organization',
        billing_contact: { name: data.personName(), email: data.email() },
      },
      false,
    );
  }
  for (const instance of deps.resources.values()) instance.seedDemo?.(tenant);
}
