import type { ErrorCode } from '../errors/catalog.js';

export type ScenarioAction =
  | 'pass'
  | { error: ErrorCode; status?: number; message?: string; retry_after?: number; headers?: Record<string, string> };

export interface ScenarioRule {
  operation?: string;
  method?: string;
  path?: string;
  latency_ms?: number;
  on_call?: number;
  respond?: ScenarioAction;
  sequence?: ScenarioAction[];
}

/** One `scenarios/<resource>-<situation>.yaml` file. */
export interface Scenario {
  name: string;
  description: string;
  example: string;
  rules?: ScenarioRule[];
  completion?: {
    outcome?: 'COMPLETED' | 'SUBMITTED' | 'failed';
    message?: string;
    processing_delay_seconds?: number;
    tcr_review_delay_seconds?: number;
    tcr_outcome?: 'approved' | 'rejected';
  };
  callback?: {
    drop?: boolean;
    timeout_ms?: number;
    duplicate?: boolean;
    delay_seconds?: number;
    max_attempts?: number;
  };
  /** What every message sent under it does (docs/decisions/0023), instead of its number's outcome. */
  messages?: {
    /** delivered (default) · read (DELIVERED then READ) · failed (after SENT) · undelivered (stays SENT, no receipt) · filtered · blocked */
    outcome?: 'delivered' | 'read' | 'failed' | 'undelivered' | 'filtered' | 'blocked';
    /** The description a failed or blocked message gets. */
    description?: string;
    /** Seconds between lifecycle steps, instead of the tenant's. */
    step_delay_seconds?: number;
    /** Seconds from SENT to the delivery receipt (slow receipts). */
    receipt_delay_seconds?: number;
  };
  /** How webhook events produced under it are delivered. */
  events?: {
    drop?: boolean;
    duplicate?: boolean;
    /** Sent this long (simulator time) after they happen. */
    delay_seconds?: number;
    /** Each message's events sent newest first instead of in lifecycle order. */
    reorder?: boolean;
    timeout_ms?: number;
    /** The receiver counts as down: nothing is sent, every attempt fails as a refused connection and is retried. */
    down?: boolean;
  };
  /** What review does to templates submitted under it. */
  templates?: {
    /** paused / disabled: approved, then paused or disabled by Meta at the same instant (docs/decisions/0049). */
    review?: 'approved' | 'rejected' | 'paused' | 'disabled';
    reason?: string;
    review_delay_seconds?: number;
    /** The whatsapp leg's verdict (default), or one for the whole template (every leg, an event without `channel`). */
    scope?: 'whatsapp' | 'template';
  };
  /** The file it came from. */
  file: string;
}
