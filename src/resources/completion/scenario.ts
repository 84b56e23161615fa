import { MESSAGES } from '../../errors/catalog.js';
import { defineScenarioBlock } from '../../scenarios/blocks.js';
import type { Scenario } from '../../scenarios/types.js';
import type { CompletionPlan } from './service.js';

/** `completion:` of a scenario file — what happens to a completion started under it (docs/decisions/0005). */
export interface CompletionBlock {
  outcome?: 'COMPLETED' | 'SUBMITTED' | 'failed';
  message?: string;
  processing_delay_seconds?: number;
  tcr_review_delay_seconds?: number;
  tcr_outcome?: 'approved' | 'rejected';
}

/** `callback:` of a scenario file — how the completion callback misbehaves (docs/decisions/0006). */
export interface CallbackBlock {
  drop?: boolean;
  timeout_ms?: number;
  duplicate?: boolean;
  delay_seconds?: number;
  max_attempts?: number;
}

declare module '../../scenarios/types.js' {
  interface Scenario {
    completion?: CompletionBlock;
    callback?: CallbackBlock;
  }
}

export const COMPLETION_BLOCK = defineScenarioBlock('completion', {
  type: 'object',
  additionalProperties: false,
  properties: {
    outcome: { enum: ['COMPLETED', 'SUBMITTED', 'failed'] },
    message: { type: 'string', minLength: 1 },
    processing_delay_seconds: { type: 'number', minimum: 0 },
    tcr_review_delay_seconds: { type: 'number', minimum: 0 },
    tcr_outcome: { enum: ['approved', 'rejected'] },
  },
});

export const CALLBACK_BLOCK = defineScenarioBlock('callback', {
  type: 'object',
  additionalProperties: false,
  properties: {
    drop: { type: 'boolean', description: 'send nothing; the attempt is recorded as dropped' },
    timeout_ms: { type: 'integer', minimum: 1, maximum: 60_000 },
    duplicate: { type: 'boolean' },
    delay_seconds: { type: 'number', minimum: 0 },
    max_attempts: { type: 'integer', minimum: 1, maximum: 20 },
  },
});

/** What a scenario imposes on a completion and its callback. */
export function completionPlan(scenario: Scenario | undefined): CompletionPlan {
  if (!scenario) return {};
  const c = scenario.completion ?? {};
  const cb = scenario.callback ?? {};
  return {
    outcome: c.outcome === 'failed' ? { failed: c.message ?? MESSAGES.completionFailedDefault } : c.outcome,
    processingDelayMs: c.processing_delay_seconds !== undefined ? c.processing_delay_seconds * 1000 : undefined,
    tcrReviewDelayMs: c.tcr_review_delay_seconds !== undefined ? c.tcr_review_delay_seconds * 1000 : undefined,
    tcrRejects: c.tcr_outcome === 'rejected',
    callbackMaxAttempts: cb.max_attempts,
    callback: { drop: cb.drop, timeoutMs: cb.timeout_ms, duplicate: cb.duplicate, delayMs: cb.delay_seconds !== undefined ? cb.delay_seconds * 1000 : undefined },
    scenario: scenario.name,
  };
}
