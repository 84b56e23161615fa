/**
 * Completion rules as pure functions (fact sheet §10.6, docs/decisions/0005): the prerequisites and
 * the status logic. No Express, no I/O; the inputs are the records the service looked up.
 */
import { MESSAGES } from '../../errors/catalog.js';
import type { ErrorDetails } from '../../errors/sim-error.js';
import type { CampaignRecord } from '../campaigns/records.js';
import type { BrandRecord, ProfileRecord } from '../profiles/records.js';

export type CompletionOutcome = 'COMPLETED' | 'SUBMITTED';

export interface CompletionFacts {
  profile: ProfileRecord;
  /** The organization's own brand. */
  orgBrand: BrandRecord | null;
  ownCampaigns: CampaignRecord[];
  orgCampaigns: CampaignRecord[];
}

/** Every unmet prerequisite, in the documented order; empty when completion may start. */
export function unmetPrerequisites({ profile, orgBrand, ownCampaigns, orgCampaigns }: CompletionFacts): string[] {
  const unmet: string[] = [];
  const missing = (['name', 'short_name', 'description'] as const).filter((k) => !profile[k]?.trim());
  if (missing.length > 0) unmet.push(MESSAGES.prerequisiteGeneralData(missing));
  if (!profile.inherit_tcr_brand && !profile.brand) unmet.push(MESSAGES.prerequisiteOwnBrand);
  if (profile.inherit_tcr_brand && !orgBrand) unmet.push(MESSAGES.prerequisiteParentBrand);
  const brand = profile.brand ?? (profile.inherit_tcr_brand ? orgBrand : null);
  const available = ownCampaigns.length + (profile.inherit_tcr_campaign ? orgCampaigns.length : 0);
  if (compliance(brand)?.is_tcr_application && available === 0) {
    unmet.push(MESSAGES.prerequisiteTcrCampaign);
  }
  if (!profile.inherit_tcr_campaign && ownCampaigns.length === 0) unmet.push(MESSAGES.prerequisiteOwnCampaigns);
  if (profile.inherit_tcr_campaign && orgCampaigns.length === 0) unmet.push(MESSAGES.prerequisiteParentCampaigns);
  return unmet;
}

/**
 * The documented status logic, evaluated in order (what the callback reports; the profile is
 * `approved` either way since 2026-11, decisions §14):
 *   no SMS and no WhatsApp channel          → SUBMITTED
 *   TCR application, not inheriting both    → SUBMITTED
 *   non-TCR with a main destination country → SUBMITTED
 *   otherwise                               → COMPLETED
 */
export function completionOutcome({ profile, orgBrand }: Pick<CompletionFacts, 'profile' | 'orgBrand'>): CompletionOutcome {
  const sms = profile.sending_phone_number !== null || profile.sending_phone_number_profile_id !== null;
  const whatsapp = profile.whatsapp !== null || profile.whatsapp_phone_number !== null;
  if (!sms && !whatsapp) return 'SUBMITTED';
  const brand = compliance(profile.brand ?? (profile.inherit_tcr_brand ? orgBrand : null));
  const tcr = brand?.is_tcr_application === true;
  if (tcr && !(profile.inherit_tcr_brand && profile.inherit_tcr_campaign)) return 'SUBMITTED';
  if (!tcr && brand?.destination_countries.some((c) => c.isMain === true)) return 'SUBMITTED';
  return 'COMPLETED';
}

/** The unmet prerequisites as the validation answer's details: `prerequisites`, naming each one. */
export function prerequisiteProblems(unmet: readonly string[]): ErrorDetails {
  return unmet.length === 0 ? {} : { prerequisites: [...unmet] };
}

/** A profile's own brand goes to TCR when it is a TCR application and not yet submitted. */
export function submitsBrand(profile: ProfileRecord): boolean {
  return profile.brand !== null && !profile.brand.submitted_to_tcr && compliance(profile.brand)?.is_tcr_application === true;
}

/** The compliance section of a brand, or null without a brand or section. */
function compliance(brand: BrandRecord | null) {
  return brand?.compliance ?? null;
}

/**
 * A `webHookUrl` the outbound targets' policy refuses (`--webhook-targets`, docs/decisions/0046):
 * the callback follows the webhooks' rules. `refuseTarget` says why in words, or null. Tolerates
 * any body: a missing or malformed URL is the schema's to report.
 */
export function callbackUrlProblems(body: unknown, refuseTarget: (url: string) => string | null): ErrorDetails {
  const url = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).webHookUrl : undefined;
  const refused = typeof url === 'string' && /^https?:\/\/[^/?#]+/.test(url) ? refuseTarget(url) : null;
  return refused === null ? {} : { webHookUrl: [MESSAGES.targetRefused(refused)] };
}
