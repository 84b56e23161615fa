/**
 * The default of every core bound and limit (docs/decisions/0022; docs/guide/hardening.md lists
 * them with their flags), and the shape of the caps resource modules declare (docs/decisions/0024).
 * Plain numbers in a module of their own, so `sent-sim --help` and a usage error answer without
 * loading the simulator.
 */
import type { SimConfig } from './deps.js';
import type { ErrorCode } from './errors/catalog.js';
import { simError, type SimError } from './errors/sim-error.js';

/** Largest request body, in bytes (docs/decisions/0001). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** Request bodies the journal keeps, all tenants together (docs/decisions/0022). */
export const DEFAULT_JOURNAL_BODY_BYTES = 4 * 1024 * 1024;
/** Newest requests `GET /_sim/requests` keeps per tenant. */
export const DEFAULT_JOURNAL_SIZE = 500;
/** Newest delivery attempts `GET /_sim/deliveries` keeps per tenant. */
export const DEFAULT_DELIVERY_LOG_SIZE = 1000;

/** The defaults of every core limit (docs/guide/hardening.md lists them with their flags). */
export const DEFAULT_LIMITS = {
  maxTenants: 10_000,
  tenantIdleMs: 60 * 60_000,
  maxKeysPerTenant: 1_000,
  maxPendingJobsPerTenant: 100_000,
  idempotencyBytesPerTenant: 8 * 1024 * 1024,
  journalSize: DEFAULT_JOURNAL_SIZE,
  deliveryLogSize: DEFAULT_DELIVERY_LOG_SIZE,
  maxUrlLength: 2048,
  maxJsonDepth: 32,
  maxJsonNodes: 10_000,
  maxStringLength: 10_000,
  maxConnections: 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  shutdownGraceMs: 10_000,
  // issue 25 row 4 (docs/decisions/0031): the inspector reconnects by itself when a stream ends.
  maxStreamsPerTenant: 10,
  streamIdleMs: 10 * 60_000,
  streamLifetimeMs: 60 * 60_000,
  // issue 25 rows 2 and 6 (docs/decisions/0087, 0088, 0089): stores bounded in bytes, not only in count.
  idempotencyMaxResponseBytes: 1024 * 1024,
  journalBytesPerTenant: 1024 * 1024,
  journalTotalBytes: 64 * 1024 * 1024,
  deliveryLogBytes: 4 * 1024 * 1024,
  clockLogFired: 50,
  streamBufferBytes: 256 * 1024,
} as const satisfies Partial<SimConfig>;

/**
 * The caps resource modules declare, by their key in `createSimulator({config})` and
 * `deps.config` (`maxWebhooksPerTenant`, …). Each module adds its keys by declaration merging
 * beside its `LimitDecl`s, so the core names none of them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ResourceLimits {}

/**
 * One cap a resource module declares (`ResourceModule.limits`): the `serve` flag, the library
 * option, the default, the flag's range and `--help` text, and the error a request meets past
 * it. The CLI's flags, the configuration's defaults and the import caps of the collection it
 * bounds are all derived from it (docs/decisions/0024).
 */
export interface LimitDecl {
  /** The `sent-sim serve` flag, without its dashes: `max-webhooks`. */
  flag: string;
  /** Its key in `createSimulator({config})` and `deps.config`: `maxWebhooksPerTenant`. */
  key: keyof ResourceLimits;
  default: number;
  /** The values the flag accepts. */
  min: number;
  max: number;
  /** `--help` text: what it bounds and what a client meets past it. */
  description: string;
  /** The error past it; absent for a bound that drops the oldest instead (webhook delivery-log rows). */
  error?: { code: ErrorCode; message: (cap: number) => string };
}

export function defineLimit(decl: LimitDecl): LimitDecl {
  return decl;
}

/** The error a request meets past a declared cap (e.g. `400 BUSINESS_008` "…at most 1000 webhooks…"). */
export function limitError(decl: LimitDecl, cap: number): SimError {
  if (!decl.error) throw new Error(`limit ${decl.flag} declares no error`);
  return simError(decl.error.code, { message: decl.error.message(cap) });
}
