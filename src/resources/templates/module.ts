import { defineJobKind } from '../../clock/scheduler.js';
import type { ResourceModule } from '../module.js';
import { seedDemoAutoReplies } from './auto-replies.js';
import { TEMPLATES_FAMILY } from './event-family.js';
import { TEMPLATE_CAP, TEMPLATES } from './collection.js';
import { templateControl } from './control.js';
import { REVIEW_JOB, TemplateReviews, type ReviewJob } from './review.js';
import { templateOperations } from './routes.js';
import { TEMPLATES_BLOCK } from './scenario.js';
import { TemplateService } from './service.js';

declare module '../../limits.js' {
  interface ResourceLimits {
    /** `--max-templates`: stored templates per tenant (all its accounts) before creates answer `400 BUSINESS_008`. */
    maxTemplatesPerTenant: number;
  }
}

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
  limits: [TEMPLATE_CAP],
  scenarioBlocks: [TEMPLATES_BLOCK],
  settings: {
    template_review_seconds: { default: 24 * 3600, schema: { type: 'number', minimum: 0, maximum: 31_536_000 } },
  },
  events: [TEMPLATES_FAMILY],
  // The review verdict's job: which template (docs/decisions/0090).
  jobKinds: [defineJobKind({ kind: REVIEW_JOB, payload: { type: 'object', required: ['template_id'], properties: { template_id: { type: 'string', maxLength: 64 } } } })],
  create: (deps) => {
    const reviews = new TemplateReviews({ random: deps.random, scheduler: deps.scheduler, events: deps.events, logger: deps.logger });
    const service = new TemplateService({ random: deps.random, reviews, maxTemplates: deps.config.maxTemplatesPerTenant });
    return {
      operations: templateOperations(service),
      jobs: { [REVIEW_JOB]: (tenant, job) => reviews.onJob(tenant, job.payload as ReviewJob, job.due_at) },
      control: templateControl(service, reviews, deps),
      seedDemo: seedDemoAutoReplies,
    };
  },
};
