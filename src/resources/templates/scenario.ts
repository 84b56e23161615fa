import { defineScenarioBlock } from '../../scenarios/blocks.js';

/** `templates:` of a scenario file — what review does to templates submitted under it (docs/decisions/0017, 0023). */
export interface TemplatesBlock {
  review?: 'approved' | 'rejected';
  reason?: string;
  review_delay_seconds?: number;
}

declare module '../../scenarios/types.js' {
  interface Scenario {
    templates?: TemplatesBlock;
  }
}

export const TEMPLATES_BLOCK = defineScenarioBlock('templates', {
  type: 'object',
  additionalProperties: false,
  properties: {
    review: { enum: ['approved', 'rejected'] },
    reason: { type: 'string', minLength: 1 },
    review_delay_seconds: { type: 'number', minimum: 0, maximum: 31_536_000 },
  },
});
