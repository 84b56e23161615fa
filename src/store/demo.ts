import type { Deps } from '../deps.js';
import { DEMO_KEYS } from './tenants.js';
import type { Tenant } from './types.js';

/**
 * The demo tenant (docs/decisions/0010): org keys for each role, then its seeded content. A reset
 * of the demo tenant seeds the content again.
 */
export function seedDemoTenant(deps: Deps): Tenant {
  const { owner, ...others } = DEMO_KEYS;
  const tenant = deps.tenants.createTenant({ ownerKey: owner, name: 'Acme Demo Organization', extraKeys: others, demo: true });
  tenant.organization.email = 'team@acme.com';
  seedDemoContent(deps, tenant);
  return tenant;
}

/**
 * What each resource module seeds, in registry order: the organization's brand, a campaign and
 * three profiles (profiles), then the users (users). Each seeds from fixed data, so every start
 * and every reset shows the same demo.
 */
export function seedDemoContent(deps: Deps, tenant: Tenant): void {
  for (const instance of deps.resources.values()) instance.seedDemo?.(tenant);
}
