import { defineScenarioBlock } from '../../scenarios/blocks.js';
import type { Scenario } from '../../scenarios/types.js';
import type { MessagePlan } from './rules.js';

/** `messages:` of a scenario file — what every message sent under it does (docs/decisions/0023), instead of its number's outcome. */
export interface MessagesBlock {
  /** delivered (default) · read (DELIVERED then READ) · failed (after SENT) · undelivered (stays SENT, no receipt) · filtered · blocked */
  outcome?: 'delivered' | 'read' | 'failed' | 'undelivered' | 'filtered' | 'blocked';
  /** The description a failed or blocked message gets. */
  description?: string;
  /** Seconds between lifecycle steps, instead of the tenant's. */
  step_delay_seconds?: number;
  /** Seconds from SENT to the delivery receipt (slow receipts). */
  receipt_delay_seconds?: number;
  /** A cancel finds its scheduled message already released by Sent's sweep: 409, and the message goes out (docs/decisions/0067). */
  cancel_loses_race?: boolean;
  /** The carrier cannot fetch an MMS's media: an MMS with media FAILS after SENT (`ERR_MEDIA_UNREACHABLE`; docs/decisions/0068). */
  mms_media_fails?: boolean;
}

declare module '../../scenarios/types.js' {
  interface Scenario {
    messages?: MessagesBlock;
  }
}

export const MESSAGES_BLOCK = defineScenarioBlock('messages', {
  type: 'object',
  additionalProperties: false,
  properties: {
    outcome: { enum: ['delivered', 'read', 'failed', 'undelivered', 'filtered', 'blocked'] },
    description: { type: 'string', minLength: 1 },
    step_delay_seconds: { type: 'number', minimum: 0, maximum: 31_536_000 },
    receipt_delay_seconds: { type: 'number', minimum: 0, maximum: 31_536_000 },
    cancel_loses_race: { type: 'boolean' },
    mms_media_fails: { type: 'boolean' },
  },
});

/** What a scenario imposes on the messages of a send (docs/decisions/0023): their outcome and timing. */
export function messagePlan(scenario: Scenario | undefined): MessagePlan {
  if (!scenario) return {};
  const m = scenario.messages ?? {};
  return {
    outcome: m.outcome,
    description: m.description,
    stepDelayMs: m.step_delay_seconds !== undefined ? m.step_delay_seconds * 1000 : undefined,
    receiptDelayMs: m.receipt_delay_seconds !== undefined ? m.receipt_delay_seconds * 1000 : undefined,
    cancelLosesRace: m.cancel_loses_race === true ? true : undefined,
    mediaFails: m.mms_media_fails === true ? true : undefined,
    scenario: scenario.name,
  };
}
