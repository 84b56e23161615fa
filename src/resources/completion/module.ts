import { defineJobKind } from '../../clock/scheduler.js';
import type { ResourceModule } from '../module.js';
import { completionOperations } from './routes.js';
import { CALLBACK_BLOCK, COMPLETION_BLOCK } from './scenario.js';
import { COMPLETION_JOB, COMPLETION_SOURCE, CompletionService, TCR_REVIEW_JOB, type CompletionJob, type TcrReviewJob } from './service.js';

declare module '../../store/types.js' {
  interface TenantSettings {
    /** Completion runs this long (simulator time) after the 202 (docs/decisions/0005: 2 s). */
    processing_delay_seconds: number;
    /** TCR reviews a submitted brand this long after submission (48 h). */
    tcr_review_delay_seconds: number;
    /** 1 = Sent's single attempt; more turns on retries with backoff. */
    callback_max_attempts: number;
  }
}

const ms = { type: 'number', minimum: 0, maximum: 31_536_000_000 };

/** A completion's `CompletionPlan` as a job carries it: what the scenario in force asked for. */
const PLAN_SCHEMA = {
  type: 'object',
  properties: {
    outcome: { oneOf: [{ enum: ['COMPLETED', 'SUBMITTED'] }, { type: 'object', required: ['failed'], properties: { failed: { type: 'string', maxLength: 4096 } } }] },
    processingDelayMs: ms,
    tcrReviewDelayMs: ms,
    tcrRejects: { type: 'boolean' },
    callbackMaxAttempts: { type: 'integer', minimum: 1, maximum: 20 },
    callback: {
      type: 'object',
      properties: { drop: { type: 'boolean' }, timeoutMs: { type: 'number', exclusiveMinimum: 0, maximum: 60_000 }, duplicate: { type: 'boolean' }, delayMs: ms },
    },
    scenario: { type: 'string', maxLength: 255 },
  },
};

/** Profile completion: the 202, the job on the tenant's clock, TCR review, the signed callback (docs/decisions/0005, 0006). */
export const completionModule: ResourceModule = {
  name: 'completion',
  scenarioBlocks: [COMPLETION_BLOCK, CALLBACK_BLOCK],
  settings: {
    processing_delay_seconds: { default: 2, schema: { type: 'number', minimum: 0, maximum: 31_536_000 } },
    tcr_review_delay_seconds: { default: 48 * 3600, schema: { type: 'number', minimum: 0, maximum: 31_536_000 } },
    callback_max_attempts: { default: 1, schema: { type: 'integer', minimum: 1, maximum: 20 } },
  },
  // A completion's end and TCR's verdict (service.ts CompletionJob, TcrReviewJob; docs/decisions/0090).
  jobKinds: [
    defineJobKind({
      kind: COMPLETION_JOB,
      payload: {
        type: 'object',
        required: ['profile_id', 'url', 'plan'],
        properties: { profile_id: { type: 'string', maxLength: 64 }, url: { type: 'string', maxLength: 2048 }, plan: PLAN_SCHEMA },
      },
    }),
    defineJobKind({
      kind: TCR_REVIEW_JOB,
      payload: { type: 'object', required: ['profile_id', 'rejects'], properties: { profile_id: { type: 'string', maxLength: 64 }, rejects: { type: 'boolean' } } },
    }),
  ],
  create: (deps) => {
    const service = new CompletionService({ random: deps.random, scheduler: deps.scheduler, delivery: deps.delivery });
    return {
      operations: completionOperations(service),
      jobs: {
        [COMPLETION_JOB]: (tenant, job) => service.finish(tenant, job.payload as CompletionJob, job.due_at),
        [TCR_REVIEW_JOB]: (tenant, job) => service.review(tenant, job.payload as TcrReviewJob, job.due_at),
      },
      deliverySources: {
        [COMPLETION_SOURCE]: {
          // Its own webHookUrl, signed with the tenant's callback secret (docs/decisions/0006).
          target: (tenant, out) => ({ url: out.url, secret: tenant.callbackSigningSecret, timeoutMs: deps.config.callbackTimeoutMs }),
          currentSecret: (tenant) => tenant.callbackSigningSecret,
        },
      },
    };
  },
};
