import { defineScenarioBlock } from '../../scenarios/blocks.js';

/** `templates:` of a scenario file — what review does to templates submitted under it (docs/decisions/0017, 0023, 0049). */
export interface TemplatesBlock {
  /** paused / disabled: approved, then paused or disabled by Meta at the same instant (docs/decisions/0049). */
  review?: 'approved' | 'rejected' | 'paused' | 'disabled';
  reason?: string;
  review_delay_seconds?: number;
  /** The whatsapp leg's verdict (default), or one for the whole template (every leg, an event without `channel`). */
  scope?: 'whatsapp' | 'template';
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
    review: { enum: ['approved', 'rejected', 'paused', 'disabled'] },
    reason: { type: 'string', minLength: 1 },
    review_delay_seconds: { type: 'number', minimum: 0, maximum: 31_536_000 },
    scope: { enum: ['whatsapp', 'template'] },
  },
});
