import { MESSAGES } from '../../errors/catalog.js';
import type { components } from '../../generated/sent-v3.js';
import { defineLimit } from '../../limits.js';
import { defineCollection } from '../../store/collections.js';
import type { Tenant } from '../../store/types.js';
import { PROFILES } from '../profiles/collection.js';
import type { Account } from '../account.js';
import { templateToWire } from './to-wire.js';

type Schemas = components['schemas'];
type Template = Schemas['Template'];
export type TemplateDefinition = Schemas['TemplateDefinition'];
export type TemplateChannel = 'sms' | 'whatsapp' | 'rcs';

/**
 * A template as stored: the wire fields plus what the wire does not show — the account, the
 * definition (v3 returns none), Meta's template id and the review's reason (both carried by
 * template events, docs/decisions/0017).
 */
export interface TemplateRecord extends Template {
  account_id: string;
  definition: TemplateDefinition;
  whatsapp_template_id: string | null;
  reason: string | null;
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
  outcome: 'approved' | 'rejected';
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
              outcome: { enum: ['approved', 'rejected'] },
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
    return { ...t, id: t.id.toLowerCase(), account_id: account(t.account_id) };
  },
  toView: (t) => templateView(t),
});

/** A template as the control plane shows it: the wire fields and what the wire hides. */
export function templateView(t: TemplateRecord) {
  return {
    ...templateToWire(t),
    simulator: { account_id: t.account_id, whatsapp_template_id: t.whatsapp_template_id, reason: t.reason, review: t.review ?? null, definition: t.definition },
  };
}

/**
 * Whether `account` may use a template: its own, or its organization's when it is a profile
 * that inherits templates (`inherit_templates`, the default).
 */
export function templateVisible(tenant: Tenant, account: Account, template: TemplateRecord): boolean {
  if (template.account_id === account.id) return true;
  if (account.profileId === null || template.account_id !== tenant.id) return false;
  return PROFILES.in(tenant).get(account.profileId)?.inherit_templates === true;
}

/**
 * The template a send names (docs/decisions/0012): by id when it has one (the id wins over a
 * name), else by exact, case-sensitive name, preferring the newest APPROVED one; undefined when
 * nothing resolves (the caller answers `404 RESOURCE_002`).
 */
export function findTemplate(tenant: Tenant, account: Account, ref: { id?: string | null; name?: string | null }): TemplateRecord | undefined {
  const templates = TEMPLATES.in(tenant);
  if (ref.id != null) {
    const byId = templates.get(ref.id.toLowerCase());
    return byId && templateVisible(tenant, account, byId) ? byId : undefined;
  }
  if (ref.name == null) return undefined;
  let best: TemplateRecord | undefined;
  for (const t of templates.values()) {
    if (t.name !== ref.name || !templateVisible(tenant, account, t)) continue;
    const better = !best || (t.status === 'APPROVED') > (best.status === 'APPROVED') || ((t.status === 'APPROVED') === (best.status === 'APPROVED') && t.created_at >= best.created_at);
    if (better) best = t;
  }
  return best;
}

const PLACEHOLDER = /\{\{(\d+):variable\}\}/g;

/**
 * The text a template renders for one channel (docs/decisions/0012): the channel's own body, else
 * `multiChannel`; each `{{<id>:variable}}` takes `parameters[<that variable's name>]`. Missing
 * parameters are listed, not thrown: the message then ends FAILED (`ERR_TEMPLATE_PARAMS_INVALID`).
 */
export function renderTemplate(
  definition: TemplateDefinition,
  channel: TemplateChannel,
  parameters: Record<string, string> | null | undefined,
): { text: string | null; missing: string[] } {
  const body = definition.body[channel] ?? definition.body.multiChannel;
  if (!body) return { text: null, missing: [] };
  const names = new Map((body.variables ?? []).map((v, i) => [v.id ?? i, v.name]));
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

/** The channels a definition has a body for (`multiChannel` counts as sms and whatsapp, docs/decisions/0017). */
export function templateChannels(definition: TemplateDefinition): TemplateChannel[] {
  const out = new Set<TemplateChannel>();
  if (definition.body.multiChannel) out.add('sms').add('whatsapp');
  for (const channel of ['sms', 'whatsapp', 'rcs'] as const) if (definition.body[channel]) out.add(channel);
  return [...out];
}
