import { campaignsModule } from './resources/campaigns/module.js';
import { channelsModule } from './resources/channels/module.js';
import { complianceModule } from './resources/compliance/module.js';
import { completionModule } from './resources/completion/module.js';
import { contactsModule } from './resources/contacts/module.js';
import { conversationsModule } from './resources/conversations/module.js';
import { messagesModule } from './resources/messages/module.js';
import { meModule } from './resources/me/module.js';
import type { ResourceModule, SettingDecl } from './resources/module.js';
import { numbersModule } from './resources/numbers/module.js';
import { profilesModule } from './resources/profiles/module.js';
import { senderProfilesModule } from './resources/sender-profiles/module.js';
import { templatesModule } from './resources/templates/module.js';
import { webhooksModule } from './resources/webhooks/module.js';
import { usersModule } from './resources/users/module.js';
import type { EventFamily } from './events/families.js';
import type { LimitDecl, ResourceLimits } from './limits.js';
import type { ScenarioBlock } from './scenarios/blocks.js';
import type { Collection } from './store/collections.js';
import type { OrganizationRecord } from './store/types.js';
import type { Random } from './util/random.js';
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
  // Event families are listed in module order: `message`, `templates`, then `contact` (Sent's order, sent-api-v3-2026-11 §2.4).
  messagesModule,
  templatesModule,
  contactsModule,
  webhooksModule,
  usersModule,
  meModule,
  numbersModule,
  conversationsModule,
  // Compliance before channels: its `/v3/channels/{channel}/{country}/compliance` is tried before the
  // channels module's `/v3/channels/sms/{country}/{type}`, which matches the same path.
  complianceModule,
  channelsModule,
  senderProfilesModule,
];

/**
 * The modules by name, for a library user's type checker: a declaration file keeps an import only
 * where something is exported, and each module's file carries its declaration merges (the config
 * keys of its caps, its settings) into `dist/*.d.ts` through this list, which `src/index.ts`
 * imports. test/unit/module-contract.test.ts checks it holds every module of `RESOURCES`.
 */
export { campaignsModule, channelsModule, completionModule, complianceModule, contactsModule, conversationsModule, meModule, messagesModule, numbersModule, profilesModule, senderProfilesModule, templatesModule, usersModule, webhooksModule };

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

/** Every cap the modules declare (docs/decisions/0024); a flag or key declared twice is a programming error. */
export function allLimits(modules: readonly ResourceModule[] = RESOURCES): LimitDecl[] {
  const limits = modules.flatMap((m) => m.limits ?? []);
  const seen = new Set<string>();
  for (const l of limits) {
    for (const name of [`--${l.flag}`, l.key]) {
      if (seen.has(name)) throw new Error(`limit ${name} is declared twice`);
      seen.add(name);
    }
  }
  return limits;
}

/** The declared caps at their defaults, as configuration. */
export function defaultLimits(limits: readonly LimitDecl[]): ResourceLimits {
  return Object.fromEntries(limits.map((l) => [l.key, l.default])) as unknown as ResourceLimits;
}

/** Every scenario block the modules declare (docs/decisions/0025); one declared twice is a programming error. */
export function allScenarioBlocks(modules: readonly ResourceModule[] = RESOURCES): ScenarioBlock[] {
  const blocks = modules.flatMap((m) => m.scenarioBlocks ?? []);
  const names = blocks.map((b) => b.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new Error(`scenario block ${twice} is declared twice`);
  return blocks;
}

/** Sent's per-operation wording of an injected `INTERNAL_001`, from every module. */
export function allInternalErrors(modules: readonly ResourceModule[] = RESOURCES): Record<string, (requestId: string) => string> {
  return Object.assign({}, ...modules.map((m) => m.internalErrors ?? {})) as Record<string, (requestId: string) => string>;
}

/** Every event family the modules declare (docs/decisions/0026), in registry order. */
export function allEventFamilies(modules: readonly ResourceModule[] = RESOURCES): EventFamily[] {
  return modules.flatMap((m) => m.events ?? []);
}

/** A new tenant's organization fields that modules keep (the WABA and brand), from each module's declaration. */
export function initialOrganization(modules: readonly ResourceModule[], random: Random): Omit<OrganizationRecord, 'id' | 'name' | 'email'> {
  return Object.assign({}, ...modules.map((m) => m.organization?.initial(random) ?? {})) as Omit<OrganizationRecord, 'id' | 'name' | 'email'>;
}
