import { defineScenarioBlock } from '../../scenarios/blocks.js';

/**
 * `channels:` of a scenario file — the review a market (or RCS agent, or US TEN_DLC campaign)
 * submitted under it gets (docs/decisions/0075): its verdict and how long each step takes.
 */
export interface ChannelsBlock {
  /** The verdict: ACTIVE (default), ACTION_NEEDED (a correction requested), or INACTIVE (declined). */
  outcome?: 'active' | 'action_needed' | 'inactive';
  /** With `action_needed`: CHANNEL_002 (default, a correction) or CHANNEL_001 (something owed). */
  reason_code?: 'CHANNEL_001' | 'CHANNEL_002';
  reason?: string;
  provisioning_seconds?: number;
  review_seconds?: number;
}

declare module '../../scenarios/types.js' {
  interface Scenario {
    channels?: ChannelsBlock;
  }
}

const seconds = { type: 'number', minimum: 0, maximum: 31_536_000 };

export const CHANNELS_BLOCK = defineScenarioBlock('channels', {
  type: 'object',
  additionalProperties: false,
  properties: {
    outcome: { enum: ['active', 'action_needed', 'inactive'] },
    reason_code: { enum: ['CHANNEL_001', 'CHANNEL_002'] },
    reason: { type: 'string', minLength: 1, maxLength: 1024 },
    provisioning_seconds: seconds,
    review_seconds: seconds,
  },
});
