import type { ControlRoute } from '../../control/handler.js';
import { MESSAGES } from '../../errors/catalog.js';
import { simError, validationError } from '../../errors/sim-error.js';
import { created, ok } from '../../http/result.js';
import type { ScenarioEngine } from '../../scenarios/engine.js';
import type { Tenant } from '../../store/types.js';
import { isUuid } from '../../util/random.js';
import type { Account } from '../account.js';
import { PROFILES } from '../profiles/collection.js';
import { TEMPLATES, templateView } from './collection.js';
import { verdictRefusal, VERDICTS, type Verdict, type VerdictScope } from './legs.js';
import type { TemplateReviews } from './review.js';
import type { TemplateService } from './service.js';

// Outcomes in either case: the first control took `approved` / `rejected` (docs/decisions/0017).
const reviewSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['outcome'],
  properties: {
    outcome: { enum: VERDICTS.flatMap((v) => [v, v.toLowerCase()]) },
    reason: { type: 'string', minLength: 1, maxLength: 1024 },
    scope: { enum: ['whatsapp', 'sms', 'rcs', 'template'] },
  },
};

const autoRepliesSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { account_id: { type: 'string', maxLength: 64 } },
};

/**
 * The templates' control plane (simulator-only):
 * - `POST /_sim/templates/{id}/review {outcome, reason?, scope?}` (docs/decisions/0049) — the
 *   reviewer's verdict now, on the whatsapp leg (default), another leg, or the whole template:
 *   approve or reject a PENDING leg, pause, disable or revoke an APPROVED one, approve a PAUSED,
 *   DISABLED or REVOKED one again. Any template of any account of the tenant; it answers once the
 *   event's deliveries are done, as `clock/advance` does. A verdict that may not follow is a `409`.
 * - `POST /_sim/templates/auto-replies {account_id?}` (docs/decisions/0051) — Sent's three
 *   compliance auto-replies for the organization (default) or one of its profiles, submitted.
 */
export function templateControl(service: TemplateService, reviews: TemplateReviews, deps: { scenarios: ScenarioEngine }): ControlRoute[] {
  return [
    {
      method: 'post',
      path: '/templates/auto-replies',
      body: autoRepliesSchema,
      handle: (c) => {
        const account = accountById(c.tenant, (c.body as { account_id?: string }).account_id);
        // Submitted under the scenario in force (header, else the tenant's), as a create would be.
        const records = service.provisionAutoReplies(c.tenant, account, deps.scenarios.inForce(c.scenario, c.tenant), c.requestId);
        return created({ templates: records.map(templateView) });
      },
    },
    {
      method: 'post',
      path: '/templates/:id/review',
      params: ({ id }) => {
        if (!isUuid(String(id))) throw simError('VALIDATION_001', { message: MESSAGES.invalidTemplateId, details: { id: [MESSAGES.invalidTemplateId] } });
      },
      body: reviewSchema,
      handle: async (c) => {
        const input = c.body as { outcome: string; reason?: string; scope?: VerdictScope };
        const verdict = input.outcome.toUpperCase() as Verdict;
        const scope = input.scope ?? 'whatsapp';
        const template = TEMPLATES.in(c.tenant).get(c.params.id!.toLowerCase());
        if (!template) throw simError('RESOURCE_002');
        const refusal = verdictRefusal(template, verdict, scope);
        if (refusal) throw simError('VALIDATION_001', { status: 409, message: refusal, details: { outcome: [refusal] } });
        const { record, delivered } = reviews.decide(c.tenant, template, verdict, scope, input.reason ?? null, c.tenant.clock.now(), c.requestId);
        await delivered;
        return ok(templateView(record));
      },
    },
  ];
}

/** The organization (no id, or its own) or one of its live profiles. */
function accountById(tenant: Tenant, accountId: string | undefined): Account {
  if (accountId === undefined || accountId.toLowerCase() === tenant.id) return { id: tenant.id, profileId: null };
  const profile = PROFILES.in(tenant).get(accountId.toLowerCase());
  if (!profile || profile.deleted_at !== null) throw validationError({ account_id: [MESSAGES.inboundAccountUnknown] });
  return { id: profile.id, profileId: profile.id };
}
