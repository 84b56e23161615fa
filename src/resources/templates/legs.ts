/**
 * Per-channel review legs (docs/decisions/0049) and the edit rules that follow from them (0050),
 * as pure functions. Sent reviews a template per channel — "an approved SMS template and an
 * unapproved WhatsApp one are the same template in two states" — so the record keeps one leg per
 * channel it renders on; `status` reads the whatsapp leg once the template is submitted.
 */
import { MESSAGES } from '../../errors/catalog.js';
import { simError, type ErrorDetails } from '../../errors/sim-error.js';
import { sentTimestamp } from '../../util/time.js';
import type { TemplateChannel, TemplateRecord } from './collection.js';
import { sameDefinition, type TemplateStatus } from './rules.js';

export type LegStatus = Exclude<TemplateStatus, 'DRAFT'>;
export interface TemplateLeg {
  status: LegStatus;
  /** Why the leg reached its status (a rejection, pause, disabling or revocation), else null. */
  reason: string | null;
  updated_at: string;
}
export type TemplateLegs = Partial<Record<TemplateChannel, TemplateLeg>>;

/** What a reviewer (the review clock, a scenario, `/_sim/templates/{id}/review`) may decide. */
export type Verdict = Exclude<LegStatus, 'PENDING'>;
export const VERDICTS: readonly Verdict[] = ['APPROVED', 'REJECTED', 'PAUSED', 'DISABLED', 'REVOKED'];
/** One leg, or the whole template (a template-wide verdict, reported without `channel`). */
export type VerdictScope = TemplateChannel | 'template';

const LEG_ORDER: readonly TemplateChannel[] = ['sms', 'whatsapp', 'rcs'];

/**
 * Which status each verdict may follow: a pending leg is approved or rejected; only an approved
 * leg is paused, disabled or revoked (each a harder step); only the reviewer reinstates one.
 */
const VERDICT_FROM: Record<Verdict, readonly LegStatus[]> = {
  APPROVED: ['PENDING', 'PAUSED', 'DISABLED', 'REVOKED'],
  REJECTED: ['PENDING'],
  PAUSED: ['APPROVED'],
  DISABLED: ['APPROVED', 'PAUSED'],
  REVOKED: ['APPROVED', 'PAUSED', 'DISABLED'],
};

/** A status a leg or the template reached, for its `templates` event (`channel` null: template-wide). */
export interface LegChange {
  channel: TemplateChannel | null;
  status: LegStatus;
  reason: string | null;
}

/** The leg of `channel`, or null when the template was never submitted (or cannot render there). */
export function legStatus(t: TemplateRecord, channel: TemplateChannel): LegStatus | null {
  return t.legs?.[channel]?.status ?? null;
}

export function anyLeg(t: TemplateRecord, statuses: readonly LegStatus[]): boolean {
  return Object.values(t.legs ?? {}).some((leg) => statuses.includes(leg.status));
}

/** The record with these legs: `status` (and `is_published`, `reason`) read the whatsapp leg, else the first. */
export function withLegs(t: TemplateRecord, legs: TemplateLegs): TemplateRecord {
  const lead = legs.whatsapp ?? LEG_ORDER.map((ch) => legs[ch]).find((leg) => leg !== undefined);
  const status: TemplateStatus = lead?.status ?? 'DRAFT';
  return { ...t, legs, status, is_published: status === 'APPROVED', reason: lead?.reason ?? null };
}

/**
 * A submission (decisions §14): the sms and rcs legs are approved at once, the whatsapp leg
 * waits for Meta's verdict. The changes come in canonical channel order, one event each.
 */
export function submitLegs(t: TemplateRecord, at: number): { record: TemplateRecord; changes: LegChange[] } {
  const updated_at = sentTimestamp(at);
  const legs: TemplateLegs = {};
  const changes: LegChange[] = [];
  for (const channel of LEG_ORDER) {
    if (!t.channels?.includes(channel)) continue;
    const status: LegStatus = channel === 'whatsapp' ? 'PENDING' : 'APPROVED';
    legs[channel] = { status, reason: null, updated_at };
    changes.push({ channel, status, reason: null });
  }
  return { record: withLegs({ ...t, updated_at }, legs), changes };
}

/**
 * A verdict on one leg or on the whole template (then every leg takes it, whatever it was).
 * Null when it may not follow the current status (VERDICT_FROM) or the leg does not exist.
 */
export function applyVerdict(
  t: TemplateRecord,
  verdict: Verdict,
  scope: VerdictScope,
  reason: string | null,
  at: number,
): { record: TemplateRecord; change: LegChange } | null {
  const from = scope === 'template' ? (t.status === 'DRAFT' ? null : t.status) : legStatus(t, scope);
  if (from === null || !VERDICT_FROM[verdict].includes(from)) return null;
  const updated_at = sentTimestamp(at);
  const leg: TemplateLeg = { status: verdict, reason: verdict === 'APPROVED' ? null : (reason ?? MESSAGES.templateVerdictReason[verdict]), updated_at };
  const legs: TemplateLegs = { ...t.legs };
  for (const channel of scope === 'template' ? (Object.keys(legs) as TemplateChannel[]) : [scope]) legs[channel] = leg;
  return { record: withLegs({ ...t, updated_at }, legs), change: { channel: scope === 'template' ? null : scope, status: verdict, reason: leg.reason } };
}

/** Why `verdict` may not be applied now, for the control plane's 409 (null: it may). */
export function verdictRefusal(t: TemplateRecord, verdict: Verdict, scope: VerdictScope): string | null {
  if (t.status === 'DRAFT' || !t.legs) return MESSAGES.templateNotSubmitted;
  if (scope !== 'template' && !t.legs[scope]) return MESSAGES.templateNoLeg(scope);
  const from = scope === 'template' ? t.status : t.legs[scope]!.status;
  return VERDICT_FROM[verdict].includes(from) ? null : MESSAGES.templateVerdictNotAllowed(verdict, from, scope === 'template' ? 'the whole template' : `the ${scope} leg`);
}

/** The fields a PUT edits that Sent freezes under review: given, not null, and different from what is stored. */
export type ContentField = 'definition' | 'category' | 'language';
export function contentEdits(t: TemplateRecord, body: { definition?: unknown; category?: unknown; language?: unknown }): ContentField[] {
  const edits: ContentField[] = [];
  if (body.definition != null && !sameDefinition(body.definition, t.definition)) edits.push('definition');
  if (body.category != null && body.category !== t.category) edits.push('category');
  if (body.language != null && body.language !== t.language) edits.push('language');
  return edits;
}

/**
 * The state rules of `PUT /v3/templates/{id}` (Sent's update doc, decisions §14), checked before
 * anything changes: a template Sent provisioned (`sent_` name) takes only `submit_for_review`;
 * while any leg is PENDING its content is frozen and a resubmission refused (`409 CONFLICT_006`);
 * a PAUSED, DISABLED or REVOKED one refuses content edits (`400 VALIDATION_001`). Renames are
 * always allowed otherwise.
 */
export function assertEditable(t: TemplateRecord, edits: readonly ContentField[], renamed: boolean, submit: boolean, sentProvisioned: boolean): void {
  if (sentProvisioned && (renamed || edits.length > 0)) {
    throw simError('VALIDATION_001', { message: MESSAGES.templateSentReadOnly, details: fieldDetails([...(renamed ? ['name'] : []), ...edits], MESSAGES.templateSentReadOnly) });
  }
  if (anyLeg(t, ['PENDING']) && (edits.length > 0 || submit)) {
    throw simError('CONFLICT_006', { details: fieldDetails([...edits, ...(submit ? ['submit_for_review'] : [])], MESSAGES.templateUnderReview) });
  }
  if (anyLeg(t, ['PAUSED', 'DISABLED', 'REVOKED']) && edits.length > 0) {
    throw simError('VALIDATION_001', { message: MESSAGES.templateNotEditable, details: fieldDetails(edits, MESSAGES.templateNotEditable) });
  }
}

/** Whether `submit_for_review` opens a review: from DRAFT, REJECTED or APPROVED; a PAUSED, DISABLED or REVOKED template waits for the reviewer. */
export function submitOpensReview(t: TemplateRecord): boolean {
  return !anyLeg(t, ['PENDING', 'PAUSED', 'DISABLED', 'REVOKED']);
}

function fieldDetails(fields: readonly string[], message: string): ErrorDetails {
  return Object.fromEntries(fields.map((f) => [f, [message]]));
}
