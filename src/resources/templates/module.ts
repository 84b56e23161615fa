import type { ResourceModule } from '../module.js';
import { TEMPLATES } from './collection.js';
import { templateControl } from './control.js';
import { REVIEW_JOB, TemplateReviews, type ReviewJob } from './review.js';
import { templateOperations } from './routes.js';
import { TemplateService } from './service.js';

declare module '../../store/types.js' {
  interface TenantSettings {
    /** A submitted template's review verdict falls due this long (simulator time) after submission (docs/decisions/0017: 24 h). */
    template_review_seconds: number;
  }
}

/** Templates with their review lifecycle (docs/decisions/0017). */
export const templatesModule: ResourceModule = {
  name: 'templates',
  collections: [TEMPLATES],
  settings: {
    template_review_seconds: { default: 24 * 3600, schema: { type: 'number', minimum: 0, maximum: 31_536_000 } },
  },
  events: ['templates'],
  create: (deps) => {
    const reviews = new TemplateReviews({ random: deps.random, scheduler: deps.scheduler, events: deps.events, logger: deps.logger });
    const service = new TemplateService({ random: deps.random, reviews, maxTemplates: deps.config.maxTemplatesPerTenant });
    return {
      operations: templateOperations(service),
      jobs: { [REVIEW_JOB]: (tenant, job) => reviews.onJob(tenant, job.payload as ReviewJob, job.due_at) },
      control: templateControl(reviews, deps.validator),
    };
  },
};
