import type { ControlRoute } from '../../control/handler.js';
import { MESSAGES } from '../../errors/catalog.js';
import { simError } from '../../errors/sim-error.js';
import { ok } from '../../http/result.js';
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
export function templateControl(reviews: TemplateReviews): ControlRoute[] {
  return [
    {
      method: 'post',
      path: '/templates/:id/review',
      params: ({ id }) => {
        if (!isUuid(String(id))) throw simError('VALIDATION_001', { message: MESSAGES.invalidTemplateId, details: { id: [MESSAGES.invalidTemplateId] } });
      },
      body: reviewSchema,
      handle: async (c) => {
        const input = c.body as { outcome: ReviewOutcome; reason?: string };
        const template = TEMPLATES.in(c.tenant).get(c.params.id!.toLowerCase());
        if (!template) throw simError('RESOURCE_002');
        if (template.status !== 'PENDING') {
          const message = MESSAGES.templateNotPending(template.status);
          throw simError('VALIDATION_001', { status: 409, message, details: { status: [message] } });
        }
        const { record, delivered } = reviews.decide(c.tenant, template, input.outcome, input.reason ?? null, c.tenant.clock.now(), null);
        await delivered;
        return ok(templateView(record));
      },
    },
  ];
}
