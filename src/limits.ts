/**
 * The default of every bound and limit (docs/decisions/0022; docs/guide/hardening.md lists them
 * with their flags). Plain numbers in a module of their own, so `sent-sim --help` and a usage
 * error answer without loading the simulator.
 */
import type { SimConfig } from './deps.js';

/** Largest request body, in bytes (docs/decisions/0001). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** Request bodies the journal keeps, all tenants together (docs/decisions/0022). */
export const DEFAULT_JOURNAL_BODY_BYTES = 4 * 1024 * 1024;
/** Newest requests `GET /_sim/requests` keeps per tenant. */
export const DEFAULT_JOURNAL_SIZE = 500;
/** Newest delivery attempts `GET /_sim/deliveries` keeps per tenant. */
export const DEFAULT_DELIVERY_LOG_SIZE = 1000;

/** Stored profiles per tenant before creates are refused (docs/decisions/0022). */
export const DEFAULT_MAX_PROFILES = 250_000;
/** Stored messages per tenant (outbound and inbound) before sends are refused (docs/decisions/0022). */
export const DEFAULT_MAX_MESSAGES = 100_000;
/** Webhooks per tenant, and the webhook delivery-log rows it keeps. */
export const DEFAULT_MAX_WEBHOOKS = 1000;
export const DEFAULT_MAX_WEBHOOK_EVENT_ROWS = 10_000;
/** Stored contacts per tenant (all its accounts) before creates are refused (docs/decisions/0022). */
export const DEFAULT_MAX_CONTACTS = 100_000;
/** Stored templates per tenant (all its accounts). */
export const DEFAULT_MAX_TEMPLATES = 10_000;

/** The defaults of every limit (docs/guide/hardening.md lists them with their flags). */
export const DEFAULT_LIMITS = {
  maxMessagesPerTenant: DEFAULT_MAX_MESSAGES,
  maxContactsPerTenant: DEFAULT_MAX_CONTACTS,
  maxTemplatesPerTenant: DEFAULT_MAX_TEMPLATES,
  maxWebhooksPerTenant: DEFAULT_MAX_WEBHOOKS,
  maxWebhookEventRows: DEFAULT_MAX_WEBHOOK_EVENT_ROWS,
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
} as const satisfies Partial<SimConfig>;
