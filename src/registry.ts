import { campaignsModule } from './resources/campaigns/module.js';
import { completionModule } from './resources/completion/module.js';
import { contactsModule } from './resources/contacts/module.js';
import { messagesModule } from './resources/messages/module.js';
import { meModule } from './resources/me/module.js';
import type { ResourceModule, SettingDecl } from './resources/module.js';
import { numbersModule } from './resources/numbers/module.js';
import { profilesModule } from './resources/profiles/module.js';
import { templatesModule } from './resources/templates/module.js';
import { webhooksModule } from './resources/webhooks/module.js';
import { usersModule } from './resources/users/module.js';
import type { Collection } from './store/collections.js';
import type { TenantSettings } from './store/types.js';

/**
 * Every resource the simulator serves. Adding one is a folder under `src/resources/` and a line
 * here (docs/adding-a-resource.md). Routes, collections, settings, jobs and delivery sources
 * are all derived from this list.
 */
export const RESOURCES: readonly ResourceModule[] = [
  profilesModule,
  campaignsModule,
  completionModule,
  contactsModule,
  templatesModule,
  messagesModule,
  webhooksModule,
  usersModule,
  meModule,
  numbersModule,
];

/** Settings that belong to no resource. */
const CORE_SETTINGS: Record<string, SettingDecl> = {
  rate_limits: { default: false, schema: { type: 'boolean' } },
};

export function allCollections(modules: readonly ResourceModule[] = RESOURCES): Collection<{ id: string }>[] {
  return modules.flatMap((m) => m.collections ?? []);
}

export function allSettings(modules: readonly ResourceModule[] = RESOURCES): Record<string, SettingDecl> {
  const out: Record<string, SettingDecl> = { ...CORE_SETTINGS };
  for (const m of modules) {
    for (const [name, decl] of Object.entries(m.settings ?? {})) {
      if (name in out) throw new Error(`setting ${name} is declared twice`);
      out[name] = decl;
    }
  }
  return out;
}

/** A tenant's settings at their defaults. */
export function defaultSettings(decls: Record<string, SettingDecl>): TenantSettings {
  return Object.fromEntries(Object.entries(decls).map(([name, d]) => [name, d.default])) as unknown as TenantSettings;
}
