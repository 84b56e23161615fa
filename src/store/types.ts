import type { TenantClock } from '../clock/tenant-clock.js';
import type { IdempotencyStore } from '../http/idempotency-store.js';
import type { JobQueue } from '../clock/job-queue.js';
import type { FiredJob } from '../clock/scheduler.js';
import type { DeliveryAttempt } from '../delivery/types.js';
import type { RingBuffer } from '../util/ring-buffer.js';
import type { Records } from './collections.js';
import type { StoredJournalEntry } from './journal.js';

export type Role = 'owner' | 'admin' | 'developer' | 'billing';
export const ROLES: readonly Role[] = ['owner', 'admin', 'developer', 'billing'];
export type KeyType = 'organization' | 'profile';

export interface ApiKeyRecord {
  key: string;
  role: Role;
  type: KeyType;
  /** Set for profile-scoped keys: the one profile the key acts as. */
  profileId: string | null;
  createdAt: string;
}

/**
 * The organization itself. Modules keep fields of their own on it (the profiles module's WABA and
 * brand, which profiles may inherit) and add them here by declaration merging (docs/decisions/0027).
 */
export interface OrganizationRecord {
  id: string;
  name: string;
  email: string;
}

/**
 * Per-tenant knobs, each declared (with its default and schema) by the resource module that
 * reads it; `GET/PATCH /_sim/tenant`, reset and snapshots derive from those declarations.
 * Modules add their keys to this interface by declaration merging.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TenantSettings {}

/** One request as `GET /_sim/requests` shows it: secrets redacted, API keys masked. */
export interface JournalEntry {
  request_id: string;
  at: string;
  method: string;
  path: string;
  operation: string | null;
  status: number;
  error_code: string | null;
  duration_ms: number;
  scenario: string | null;
  sandbox: boolean;
  headers: Record<string, string>;
  /** The request body, redacted; past 4 KiB of JSON, its truncated text (see util/redact.ts). */
  body?: unknown;
  /** The headers the simulator answered with; whole numbers as numbers (see util/redact.ts). */
  response_headers?: Record<string, string | number>;
  /**
   * The response body of a `/v3` request, redacted and truncated like `body`. Control-plane
   * answers are not kept: they are the simulator's own state (and show keys and secrets once).
   */
  response_body?: unknown;
  /** The bodies were dropped to keep the process-wide journal body budget (store/journal.ts). */
  body_dropped?: true;
}

/** One `POST /_sim/clock/advance`, as `GET /_sim/clock` lists it: the move and the jobs it fired. */
export interface ClockAdvance {
  /** The tenant's clock before and after the move. */
  from: string;
  at: string;
  seconds: number;
  /** The first `--clock-log-fired` jobs it fired (issue 25 row 6: an advance can fire thousands). */
  fired: FiredJob[];
  /** How many more it fired, when the log left some out. */
  fired_dropped?: number;
}

export interface Tenant {
  /** The organization id doubles as the tenant id. */
  id: string;
  createdAt: string;
  /** The demo tenant returns to its seed on reset (docs/decisions/0022). */
  demo: boolean;
  organization: OrganizationRecord;
  clock: TenantClock;
  keys: Map<string, ApiKeyRecord>;
  /** Every tenant-scoped collection declared by a resource module, by collection name (store/collections.ts). */
  store: Map<string, Records<{ id: string }>>;
  settings: TenantSettings;
  idempotency: IdempotencyStore;
  /** Pending jobs, stored as data (clock/job-queue.ts). */
  jobs: JobQueue;
  /** Every outbound delivery attempt, newest kept (bounded). */
  deliveries: RingBuffer<DeliveryAttempt>;
  /** The scenario set for the whole tenant through the control plane. */
  activeScenario: string | null;
  /** The request journal: newest requests, shown redacted (bounded; store/journal.ts). */
  journal: RingBuffer<StoredJournalEntry>;
  /** The newest clock advances and what each fired (bounded). */
  clockAdvances: RingBuffer<ClockAdvance>;
  /** Rate-limit windows per key and tier, when rate limits are on. */
  rateWindows: Map<string, { start: number; count: number }>;
  /** Matching-call counters of scenario rules ("the Nth call", sequences). */
  scenarioCalls: Map<string, number>;
  /** `whsec_` + base64: signs completion callbacks (docs/decisions/0006). Never logged. */
  callbackSigningSecret: string;
}
