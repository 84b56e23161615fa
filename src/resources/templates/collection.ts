import { MESSAGES } from '../../errors/catalog.js';
import type { components } from '../../generated/sent-v3.js';
import { defineLimit } from '../../limits.js';
import { defineCollection } from '../../store/collections.js';
import type { Tenant } from '../../store/types.js';
import { sentTimestamp } from '../../util/time.js';
import type { Account } from '../account.js';
import type { LegStatus, TemplateLegs } from './legs.js';
import { variableNames } from './rules.js';
import { templateToWire } from './to-wire.js';

type Schemas = components['schemas'];
type Template = Schemas['Template'];
export type TemplateDefinition = Schemas['TemplateDefinition'];
export type TemplateChannel = 'sms' | 'whatsapp' | 'rcs';
export type AutoReplyAction = NonNullable<Template['auto_reply_action']>;

/**
 * A template as stored: the wire fields plus what the wire does not show — the account, the
 * definition (v3 returns none), Meta's template id and the review's reason (both carried by
 * template events, docs/decisions/0017) and the per-channel review legs (0049).
 */
export interface TemplateRecord extends Omit<Template, 'customer_id' | 'auto_reply_action'> {
  account_id: string;
  /** Set on Sent's auto-reply templates only (docs/decisions/0051). */
  auto_reply_action?: AutoReplyAction | null;
  definition: TemplateDefinition;
  whatsapp_template_id: string | null;
  /** The reason of the status (the whatsapp leg's), for the simulator's view. */
  reason: string | null;
  /** One leg per channel once submitted (simulator-only: the wire shows `status`, events each leg). */
  legs?: TemplateLegs | null;
  /** The review in progress while `PENDING` (its verdict and when it falls due), else null or absent. */
  review?: TemplateReview | null;
  /**
   * Due time of the earliest review job pending for this template, if any. Jobs cannot be
   * withdrawn, so a submission schedules one only when none is due at or before its verdict
   * (the job re-arms itself for a later one): at most one live job per template.
   */
  review_job_at?: number | null;
}

/**
 * A review in progress, decided when the template is submitted (docs/decisions/0017): approved
 * after the tenant's `template_review_seconds`, or what the scenario in force asked for. Kept on
 * the record, so the one pending review job per template reads the latest submission's.
 */
export interface TemplateReview {
  /** When the verdict falls due (epoch ms, tenant clock). */
  due_at: number;
  /** paused / disabled: approved, then paused or disabled by Meta at the same instant (a scenario's). */
  outcome: 'approved' | 'rejected' | 'paused' | 'disabled';
  /** The whatsapp leg (default), or the whole template (a template-wide verdict). */
  scope?: 'whatsapp' | 'template';
  reason: string | null;
  /** The scenario in force at submission: its event faults apply to the verdict's event too. */
  scenario: string | null;
}

/** Bounded memory (docs/decisions/0022): templates per tenant, its profiles' included. */
export const TEMPLATE_CAP = defineLimit({
  flag: 'max-templates',
  key: 'maxTemplatesPerTenant',
  default: 10_000,
  min: 1,
  max: 1_000_000,
  description: 'stored templates per tenant before creates answer 400 BUSINESS_008',
  error: { code: 'BUSINESS_008', message: MESSAGES.templateCap },
});

export const TEMPLATES = defineCollection<TemplateRecord>({
  name: 'templates',
  limit: TEMPLATE_CAP,
  wire: [{ component: 'Template', render: templateToWire }],
  itemSchema: {
    type: 'object',
    required: ['id', 'account_id', 'name', 'status', 'definition'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      account_id: { type: 'string', maxLength: 64 },
      name: { type: 'string', maxLength: 1024 },
      status: { $ref: 'sent-v3#/components/schemas/TemplateStatus' },
      definition: { $ref: 'sent-v3#/components/schemas/TemplateDefinition' },
      auto_reply_action: { enum: ['OPT_IN', 'OPT_OUT', 'HELP', 'OTHER', null] },
      legs: {
        oneOf: [
          { type: 'null' },
          {
            type: 'object',
            additionalProperties: false,
            properties: Object.fromEntries(
              ['sms', 'whatsapp', 'rcs'].map((channel) => [
                channel,
                {
                  type: 'object',
                  required: ['status'],
                  properties: {
                    status: { enum: ['PENDING', 'APPROVED', 'REJECTED', 'PAUSED', 'DISABLED', 'REVOKED'] },
                    reason: { type: ['string', 'null'], maxLength: 1024 },
                    updated_at: { type: 'string', maxLength: 64 },
                  },
                },
              ]),
            ),
          },
        ],
      },
      created_at: { type: 'string', maxLength: 64 },
      whatsapp_template_id: { type: ['string', 'null'], maxLength: 64 },
      reason: { type: ['string', 'null'], maxLength: 1024 },
      review_job_at: { type: ['number', 'null'], minimum: 0, maximum: 253_402_300_799_999 },
      review: {
        oneOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['due_at', 'outcome'],
            properties: {
              due_at: { type: 'number', minimum: 0, maximum: 253_402_300_799_999 },
              outcome: { enum: ['approved', 'rejected', 'paused', 'disabled'] },
              scope: { enum: ['whatsapp', 'template'] },
              reason: { type: ['string', 'null'], maxLength: 1024 },
              scenario: { type: ['string', 'null'], maxLength: 255 },
            },
          },
        ],
      },
    },
  },
  fromSnapshot: (item, _tenant, account) => {
    const t = item as TemplateRecord;
    const record = { ...t, id: t.id.toLowerCase(), account_id: account(t.account_id) };
    return t.legs === undefined ? legacyRecord(record) : record;
  },
  toView: (t) => templateView(t),
});

/** A template as the control plane shows it: the wire fields and what the wire hides. */
export function templateView(t: TemplateRecord) {
  return {
    ...templateToWire(t),
    simulator: {
      account_id: t.account_id,
      whatsapp_template_id: t.whatsapp_template_id,
      reason: t.reason,
      legs: t.legs ?? null,
      review: t.review ?? null,
      definition: t.definition,
    },
  };
}

/**
 * A record from a snapshot of an older simulator, which had no legs: its channels derived anew
 * (docs/decisions/0048), and its legs read off its status — a PENDING one as a submission leaves
 * them (sms and rcs approved: the older simulator sent PENDING templates on sms too), any other
 * status on every leg.
 */
function legacyRecord(t: TemplateRecord): TemplateRecord {
  const channels = templateChannels(t.definition);
  if (t.status === 'DRAFT') return { ...t, channels, legs: null };
  const updated_at = t.updated_at ?? t.created_at;
  const legs: TemplateLegs = Object.fromEntries(
    channels.map((channel) => {
      const status = t.status === 'PENDING' && channel !== 'whatsapp' ? 'APPROVED' : (t.status as LegStatus);
      return [channel, { status, reason: status === t.status ? t.reason : null, updated_at }];
    }),
  );
  return { ...t, channels, legs };
}

/**
 * Whether `account` reads a template (decisions §14, docs/decisions/0055): a profile its own
 * only (`inherit_templates` is always false now); the organization its own and its profiles'
 * (Sent's "read-time widening"). Sends and changes use the account's own templates only.
 */
export function templateVisible(account: Account, template: TemplateRecord): boolean {
  return template.account_id === account.id || account.profileId === null;
}

/**
 * The template a send names (docs/decisions/0012): one of the sending account's own (an
 * organization's widened reads do not make a profile's template its own, docs/decisions/0055), by
 * id when it has one (the id wins over a name), else by exact, case-sensitive name, preferring
 * the newest APPROVED one; undefined when nothing resolves (the caller answers `404 RESOURCE_002`).
 */
export function findTemplate(tenant: Tenant, account: Account, ref: { id?: string | null; name?: string | null }): TemplateRecord | undefined {
  const templates = TEMPLATES.in(tenant);
  if (ref.id != null) {
    const byId = templates.get(ref.id.toLowerCase());
    return byId && byId.account_id === account.id ? byId : undefined;
  }
  if (ref.name == null) return undefined;
  let best: TemplateRecord | undefined;
  for (const t of templates.values()) {
    if (t.name !== ref.name || t.account_id !== account.id) continue;
    const better = !best || (t.status === 'APPROVED') > (best.status === 'APPROVED') || ((t.status === 'APPROVED') === (best.status === 'APPROVED') && t.created_at >= best.created_at);
    if (better) best = t;
  }
  return best;
}

const PLACEHOLDER = /\{\{(\d+):variable\}\}/g;

/**
 * The body a channel reads, by Sent's send-time fallback chains (docs/decisions/0048): SMS
 * `sms ?? multiChannel`, WhatsApp `whatsapp ?? multiChannel`, RCS `rcs ?? multiChannel ?? sms`.
 */
export function channelBody(definition: TemplateDefinition, channel: TemplateChannel): Schemas['TemplateBodyContent'] | null {
  const { body } = definition;
  if (channel === 'rcs') return body.rcs ?? body.multiChannel ?? body.sms ?? null;
  return body[channel] ?? body.multiChannel ?? null;
}

/**
 * The text a template renders for one channel (docs/decisions/0012): the channel's body
 * (`channelBody`); each `{{<id>:variable}}` takes `parameters[<that variable's name>]`. Missing
 * parameters are listed, not thrown: the message then ends FAILED (`ERR_TEMPLATE_PARAMS_INVALID`).
 */
export function renderTemplate(
  definition: TemplateDefinition,
  channel: TemplateChannel,
  parameters: Record<string, string> | null | undefined,
): { text: string | null; missing: string[] } {
  const body = channelBody(definition, channel);
  if (!body) return { text: null, missing: [] };
  const names = new Map((body.variables ?? []).map((v) => [v.id ?? 0, v.name]));
  const missing: string[] = [];
  const text = body.template.replace(PLACEHOLDER, (whole, id: string) => {
    const name = names.get(Number(id));
    const value = name === undefined ? undefined : parameters?.[name];
    if (value === undefined) {
      missing.push(name ?? whole);
      return whole;
    }
    return value;
  });
  return { text, missing };
}

/** The channels a definition renders on, in canonical order: those whose fallback chain finds a body (`channelBody`). */
export function templateChannels(definition: TemplateDefinition): TemplateChannel[] {
  return (['sms', 'whatsapp', 'rcs'] as const).filter((channel) => channelBody(definition, channel) !== null);
}

/** A new DRAFT of the account, never reviewed: its channels and variables come from its definition. */
export function newDraft(
  id: string,
  account: Account,
  definition: TemplateDefinition,
  now: number,
  named: Pick<TemplateRecord, 'name' | 'category' | 'language'>,
): TemplateRecord {
  return {
    id,
    account_id: account.id,
    ...named,
    status: 'DRAFT',
    channels: templateChannels(definition),
    variables: variableNames(definition),
    is_published: false,
    created_at: sentTimestamp(now),
    updated_at: null,
    definition,
    whatsapp_template_id: null,
    reason: null,
    legs: null,
    review: null,
    review_job_at: null,
  };
}
