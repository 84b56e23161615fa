import { defineScenarioBlock } from '../../scenarios/blocks.js';

/** `events:` of a scenario file — how webhook events produced under it are delivered (docs/decisions/0016, 0023). */
export interface EventsBlock {
  drop?: boolean;
  duplicate?: boolean;
  /** Sent this long (simulator time) after they happen. */
  delay_seconds?: number;
  /** Each message's events sent newest first instead of in lifecycle order. */
  reorder?: boolean;
  timeout_ms?: number;
  /** The receiver counts as down: nothing is sent, every attempt fails as a refused connection and is retried. */
  down?: boolean;
}

declare module '../../scenarios/types.js' {
  interface Scenario {
    events?: EventsBlock;
  }
}

export const EVENTS_BLOCK = defineScenarioBlock('events', {
  type: 'object',
  additionalProperties: false,
  properties: {
    drop: { type: 'boolean' },
    duplicate: { type: 'boolean' },
    delay_seconds: { type: 'number', minimum: 0, maximum: 31_536_000 },
    reorder: { type: 'boolean' },
    timeout_ms: { type: 'integer', minimum: 1, maximum: 120_000 },
    down: { type: 'boolean', description: 'nothing is sent; every attempt fails as a refused connection, and is retried' },
  },
});
