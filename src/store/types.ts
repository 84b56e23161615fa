import type { components } from '../generated/sent-v3.js';
import type { TenantClock } from '../clock/tenant-clock.js';
import type { IdempotencyStore } from '../http/idempotency-store.js';
import type { JobQueue } from '../clock/job-queue.js';
import type { DeliveryAttempt } from '../callbacks/deliver.js';
import type { RingBuffer } from '../util/ring-buffer.js';
import type { PackedBrandData } from './brand-data.js';
import type { StoredJournalEntry } from './journal.js';

type Schemas = components['schemas'];

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
 * The brand as stored: its id, timestamps and TCR state under their wire names, and its
 * `contact`, `business` and `compliance` sections packed into one string (`data`, see
 * store/brand-data.ts). `is_inherited` is not stored: it says how a profile sees the brand,
 * and to-wire sets it. `brandToWire` (resources/profiles/brand.ts) gives the wire shape.
 */
export interface BrandRecord
  extends Omit<Schemas['ProfileBrand'], 'is_inherited' | 'contact' | 'business' | 'compliance'> {
  /** Replaced whole when the brand's data changes; shared by the records of one profile until then. */
  readonly data: PackedBrandData;
}

/**
 * Simulator-only WhatsApp state. `access_token` is stored and never returned or logged.
 * Inherited ones (the organization's WABA) are frozen and shared between profiles.
 */
export interface WhatsappRecord {
  waba_id: string;
  access_token: string | null;
  phone_number_id: string | null;
  inherited: boolean;
}

/** What the simulator keeps of a card: never the number, expiry or CVC (decisions §2). */
export interface PaymentRecord {
  last4: string;
  card_brand: string;
}

/**
 * A profile as stored. Wire fields keep their wire names; simulator-only state
 * (`whatsapp`, `payment`, `deleted_at`) is dropped by to-wire. Records are replaced, never
 * changed in place, so unchanged parts (the brand, an inherited `whatsapp`) are shared.
 */
export interface ProfileRecord
  extends Omit<Schemas['ProfileDetail'], 'email' | 'waba_id' | 'brand'> {
  brand: BrandRecord | null;
  whatsapp: WhatsappRecord | null;
  payment: PaymentRecord | null;
  deleted_at: string | null;
}

/**
 * A campaign as stored: the wire shape plus the owner. `profileId: null` marks one of the
 * organization's own campaigns, which profiles with `inherit_tcr_campaign: true` see read-only.
 */
export type CampaignRecord = Schemas['Campaign'] & {
  profileId: string | null;
};

/** The organization's own settings, which profiles may inherit. */
export interface OrganizationRecord {
  id: string;
  name: string;
  email: string;
  waba: { waba_id: string } | null;
  brand: BrandRecord | null;
}

/** Per-tenant knobs of the asynchronous behaviour (decisions §3), changed through the control plane. */
export interface TenantSettings {
  /** Completion job runs this long (simulator time) after the 202. */
  processingDelayMs: number;
  /** TCR reviews a submitted brand this long after submission. */
  tcrReviewDelayMs: number;
  /** 1 = Sent's single attempt; more turns on retries with exponential backoff. */
  callbackMaxAttempts: number;
  /** Sent's rate limits (200/min, 10/min for completion), off by default. */
  rateLimits: boolean;
}

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
  /** The body was dropped to keep the process-wide journal body budget (store/journal.ts). */
  body_dropped?: true;
}

export interface Tenant {
  /** The organization id doubles as the tenant id. */
  id: string;
  createdAt: string;
  organization: OrganizationRecord;
  clock: TenantClock;
  keys: Map<string, ApiKeyRecord>;
  profiles: Map<string, ProfileRecord>;
  /** Every campaign of the tenant, the organization's and its profiles', by campaign id. */
  campaigns: Map<string, CampaignRecord>;
  idempotency: IdempotencyStore;
  jobs: JobQueue;
  /** Every callback attempt, newest kept (bounded). */
  deliveries: RingBuffer<DeliveryAttempt>;
  settings: TenantSettings;
  /** The scenario set for the whole tenant through the control plane. */
  activeScenario: string | null;
  /** The request journal: newest requests, redacted (bounded). */
  journal: RingBuffer<StoredJournalEntry>;
  /** Rate-limit windows per key and tier, when rate limits are on. */
  rateWindows: Map<string, { start: number; count: number }>;
  /** Matching-call counters of scenario rules ("the Nth call", sequences). */
  scenarioCalls: Map<string, number>;
  /** `whsec_` + base64: signs completion callbacks (decisions §3). Never logged. */
  callbackSigningSecret: string;
}
