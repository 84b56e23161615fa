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
  /** The file it came from. */
  file: string;
}
