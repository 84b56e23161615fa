import type { Router } from 'express';
import { handle } from '../../control/handler.js';
import { MESSAGES } from '../../errors/catalog.js';
import { simError, validationError } from '../../errors/sim-error.js';
import { authed } from '../../http/context.js';
import { ok } from '../../http/result.js';
import type { RequestValidator } from '../../http/validation.js';
import { isUuid } from '../../util/random.js';
import { TEMPLATES, templateView } from './collection.js';
import type { ReviewOutcome, TemplateReviews } from './review.js';

const reviewSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['outcome'],
  properties: {
    outcome: { enum: ['approved', 'rejected'] },
    reason: { type: 'string', minLength: 1, maxLength: 1024 },
  },
};

/**
 * `POST /_sim/templates/{id}/review {outcome, reason?}` (simulator-only, docs/decisions/0017):
 * decides a `PENDING` template of any account of the tenant now, and answers once the event's
 * deliveries are done — as `clock/advance` does. Any other status is a `409`.
 */
export function templateControl(reviews: TemplateReviews, validator: RequestValidator): (router: Router) => void {
  const check = validator.compile(reviewSchema);
  return (router) => {
    router.post(
      '/templates/:id/review',
      handle(async (req, res) => {
        const { tenant } = authed(res);
        const id = String(req.params.id);
        if (!isUuid(id)) throw simError('VALIDATION_001', { message: MESSAGES.invalidTemplateId, details: { id: [MESSAGES.invalidTemplateId] } });
        const body: unknown = req.body ?? {};
        const details = check(body);
        if (details) throw validationError(details);
        const input = body as { outcome: ReviewOutcome; reason?: string };
        const template = TEMPLATES.in(tenant).get(id.toLowerCase());
        if (!template) throw simError('RESOURCE_002');
        if (template.status !== 'PENDING') {
          const message = MESSAGES.templateNotPending(template.status);
          throw simError('VALIDATION_001', { status: 409, message, details: { status: [message] } });
        }
        const { record, delivered } = reviews.decide(tenant, template, input.outcome, input.reason ?? null, tenant.clock.now(), null);
        await delivered;
        return ok(templateView(record));
      }),
    );
  };
}
