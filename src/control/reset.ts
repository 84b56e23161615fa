import type { Deps } from '../deps.js';
import { defaultSettings } from '../registry.js';
import { seedDemoContent } from '../store/demo.js';
import type { Tenant } from '../store/types.js';

/**
 * Back to a fresh tenant (docs/decisions/0022): keys and the signing secret stay; every declared
 * collection, pending job, delivery, idempotency record, journal entry, clock advance and setting goes; the
 * clock returns to real time; each module restores what it keeps outside its collections (the
 * organization's brand, docs/decisions/0027); the demo tenant gets its seed back.
 */
export function resetTenant(deps: Deps, tenant: Tenant): void {
  deps.scheduler.clear(tenant);
  for (const c of deps.collections) c.in(tenant).clear();
  for (const instance of deps.resources.values()) instance.reset?.(tenant);
  tenant.deliveries.clear();
  tenant.idempotency.clear();
  for (const entry of tenant.journal.toArray()) deps.journalBodies.forget(entry);
  tenant.journal.clear();
  tenant.clockAdvances.clear();
  tenant.activeScenario = null;
  tenant.scenarioCalls.clear();
  tenant.rateWindows.clear();
  tenant.settings = defaultSettings(deps.settings);
  tenant.clock.reset();
  if (tenant.demo) seedDemoContent(deps, tenant);
}
