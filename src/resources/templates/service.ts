import { MESSAGES } from '../../errors/catalog.js';
import { simError } from '../../errors/sim-error.js';
import { limitError } from '../../limits.js';
import type { components } from '../../generated/sent-v3.js';
import { newestFirst, pageOf, paginate } from '../../http/pagination.js';
import type { Scenario } from '../../scenarios/types.js';
import type { Tenant } from '../../store/types.js';
import type { Random } from '../../util/random.js';
import { sentTimestamp } from '../../util/time.js';
import type { Account } from '../account.js';
import { autoReplyDrafts, hasAutoReplies } from './auto-replies.js';
import { newDraft, TEMPLATE_CAP, TEMPLATES, templateChannels, templateVisible, type TemplateRecord } from './collection.js';
import { assertEditable, contentEdits, submitOpensReview } from './legs.js';
import type { TemplateReviews } from './review.js';
import {
  baseName,
  DEFAULT_CATEGORY,
  DEFAULT_LANGUAGE,
  isSentProvisionedName,
  normalizeDefinition,
  uniqueName,
  variableNames,
  type TemplateCategory,
} from './rules.js';
import { templateToWire } from './to-wire.js';

type Schemas = components['schemas'];
type CreateTemplateRequest = Schemas['CreateTemplateRequest'];
type UpdateTemplateRequest = Schemas['UpdateTemplateRequest'];
type Template = Schemas['Template'];

export interface TemplateServiceDeps {
  random: Random;
  reviews: TemplateReviews;
  /** Bounded memory: creates past this many stored templates per tenant (all accounts) are refused. */
  maxTemplates: number;
}

/**
 * Template operations, named after the spec's operationIds (docs/decisions/0017, 0048–0050). The
 * field and content rules (rules.ts, content-rules.ts) ran before any of these; the state rules
 * (legs.ts) run before anything changes, and a write replaces the stored record in one step, so a
 * refused request changes nothing. Templates belong to an account (`accountOf`): a profile sees
 * only its own; the organization also reads its profiles' and changes only its own (docs/decisions/0055).
 */
export class TemplateService {
  constructor(private readonly deps: TemplateServiceDeps) {}

  createTemplate(tenant: Tenant, account: Account, body: CreateTemplateRequest, sandbox: boolean, scenario: Scenario | undefined, requestId: string | null = null): Template {
    const now = tenant.clock.now();
    const templates = TEMPLATES.in(tenant);
    // Sandbox looks nothing up: no cap, and the name without the account's suffixes.
    if (!sandbox && templates.size >= this.deps.maxTemplates) {
      throw limitError(TEMPLATE_CAP, this.deps.maxTemplates);
    }
    const definition = normalizeDefinition(body.definition!);
    const base = baseName(definition);
    const record = newDraft(this.deps.random.uuid(), account, definition, now, {
      name: sandbox ? base : uniqueName(base, this.namesOf(tenant, account.id)),
      category: (body.category as TemplateCategory | null | undefined) ?? DEFAULT_CATEGORY,
      language: body.language ?? DEFAULT_LANGUAGE,
    });
    if (body.submit_for_review === true) return templateToWire(this.submit(tenant, record, scenario, sandbox, now, requestId));
    if (!sandbox) templates.set(record.id, record);
    return templateToWire(record);
  }

  retrieveTemplate(tenant: Tenant, account: Account, id: string): Template {
    return templateToWire(this.visible(tenant, account, id));
  }

  /**
   * PUT, with absent or `null` keys unchanged (Sent's docs example), under Sent's state rules
   * (legs.ts `assertEditable`): an APPROVED template is edited live and stays APPROVED; a new
   * definition sends a REJECTED one back to DRAFT; `submit_for_review` opens review from DRAFT,
   * REJECTED or APPROVED and changes nothing on a PAUSED, DISABLED or REVOKED one.
   */
  updateTemplate(
    tenant: Tenant,
    account: Account,
    id: string,
    body: UpdateTemplateRequest,
    sandbox: boolean,
    scenario: Scenario | undefined,
    requestId: string | null = null,
  ): Template {
    const now = tenant.clock.now();
    // Sandbox makes no lookups: the answer is a sample template with the request applied to it.
    const current = sandbox ? sandboxTemplate(id, account, now) : this.writable(tenant, account, id);
    const definition = body.definition != null ? normalizeDefinition(body.definition) : null;
    const edits = contentEdits(current, { definition, category: body.category, language: body.language });
    const renamed = body.name != null && body.name !== current.name;
    const submit = body.submit_for_review === true;
    assertEditable(current, edits, renamed, submit, isSentProvisionedName(current.name));

    let next: TemplateRecord = {
      ...current,
      name: body.name ?? current.name,
      category: (body.category as TemplateCategory | null | undefined) ?? current.category,
      language: body.language ?? current.language,
      updated_at: sentTimestamp(now),
    };
    if (definition && edits.includes('definition')) {
      next = { ...next, definition, channels: templateChannels(definition), variables: variableNames(definition) };
      // A rejected template's new content starts over as a draft (docs/decisions/0050).
      if (current.status === 'REJECTED') next = { ...next, status: 'DRAFT', legs: null, is_published: false, reason: null, review: null };
    }
    if (submit && submitOpensReview(next)) return templateToWire(this.submit(tenant, next, scenario, sandbox, now, requestId));
    if (!sandbox) TEMPLATES.in(tenant).set(next.id, next);
    return templateToWire(next);
  }

  /** Newest first; `search` (name contains, case-insensitive), `status`, `category` (either case); empty values filter nothing. */
  listTemplates(tenant: Tenant, account: Account, query: Record<string, unknown>): { templates: Template[]; pagination: Schemas['PaginationMeta'] } {
    const page = pageOf(query);
    const search = text(query.search)?.toLowerCase();
    const status = text(query.status)?.toUpperCase();
    const category = text(query.category)?.toUpperCase();
    const matches: TemplateRecord[] = [];
    for (const t of TEMPLATES.in(tenant).values()) {
      if (!templateVisible(account, t)) continue;
      if (search !== undefined && !t.name.toLowerCase().includes(search)) continue;
      if (status !== undefined && t.status !== status) continue;
      if (category !== undefined && t.category !== category) continue;
      matches.push(t);
    }
    const { items, pagination } = paginate(matches.sort(newestFirst), page);
    return { templates: items.map(templateToWire), pagination };
  }

  /**
   * Gone for good; messages keep the id and name they copied. A pending review job finds nothing
   * and does nothing. A template Sent provisioned is read-only, so it stays (docs/decisions/0050).
   */
  deleteTemplate(tenant: Tenant, account: Account, id: string, sandbox: boolean): void {
    if (sandbox) return;
    const t = this.writable(tenant, account, id);
    if (isSentProvisionedName(t.name)) throw simError('VALIDATION_001', { message: MESSAGES.templateSentReadOnly, details: { id: [MESSAGES.templateSentReadOnly] } });
    TEMPLATES.in(tenant).delete(t.id);
  }

  /**
   * `POST /_sim/templates/auto-replies` (simulator-only, docs/decisions/0051): Sent's three
   * compliance auto-replies for the account, submitted for review as Sent submits them at signup.
   */
  provisionAutoReplies(tenant: Tenant, account: Account, scenario: Scenario | undefined, requestId: string | null = null): TemplateRecord[] {
    if (hasAutoReplies(tenant, account.id)) throw simError('RESOURCE_007', { message: MESSAGES.autoRepliesExist });
    const drafts = autoReplyDrafts(account, tenant.clock.now(), () => this.deps.random.uuid());
    if (TEMPLATES.in(tenant).size + drafts.length > this.deps.maxTemplates) throw limitError(TEMPLATE_CAP, this.deps.maxTemplates);
    return drafts.map((draft) => this.submit(tenant, draft, scenario, false, tenant.clock.now(), requestId));
  }

  /**
   * Submits for review (sandbox: the answer only), on the review the scenario in force plans;
   * `requestId` (the submitting call's) is the `request_id` of the events it publishes at once.
   */
  private submit(tenant: Tenant, record: TemplateRecord, scenario: Scenario | undefined, sandbox: boolean, now: number, requestId: string | null): TemplateRecord {
    const review = this.deps.reviews.plan(tenant, scenario, now);
    return sandbox ? this.deps.reviews.preview(record, review, now) : this.deps.reviews.submit(tenant, record, review, now, requestId);
  }

  /** A template the account may read, else `404 RESOURCE_002` (another account's is "not found", never 403). */
  private visible(tenant: Tenant, account: Account, id: string): TemplateRecord {
    const t = TEMPLATES.in(tenant).get(id);
    if (!t || !templateVisible(account, t)) throw simError('RESOURCE_002');
    return t;
  }

  /**
   * A template the account may change: its own, else `404 RESOURCE_002` — a profile's template
   * that the organization reads is not the organization's to change (docs/decisions/0055).
   */
  private writable(tenant: Tenant, account: Account, id: string): TemplateRecord {
    const t = TEMPLATES.in(tenant).get(id);
    if (!t || t.account_id !== account.id) throw simError('RESOURCE_002');
    return t;
  }

  private namesOf(tenant: Tenant, accountId: string): string[] {
    const names: string[] = [];
    for (const t of TEMPLATES.in(tenant).values()) if (t.account_id === accountId) names.push(t.name);
    return names;
  }
}

/** A query value as text; absent, empty (the SDK sends `null` as `key=`) or repeated → no filter. */
function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** What a sandbox PUT is applied to: a sample draft with the requested id. */
function sandboxTemplate(id: string, account: Account, now: number): TemplateRecord {
  const definition: Schemas['TemplateDefinition'] = {
    body: { multiChannel: { template: 'Hello {{0:variable}}, this is a sandbox template.', variables: [{ id: 0, name: 'name', type: 'variable' }] } },
  };
  return newDraft(id, account, definition, now, { name: 'Sandbox Template', category: DEFAULT_CATEGORY, language: DEFAULT_LANGUAGE });
}
