import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Config, SimConfig } from './deps.js';
import { DEFAULT_LIMITS, type LimitDecl } from './limits.js';

/** A whole number in [min, max], or a one-line error naming the flag. */
export function integer(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
    return n;
  };
}

interface LimitFlag {
  flag: string;
  key: keyof Config;
  description: string;
  default: number;
  min: number;
  max: number;
  /** Flag value → config value (seconds → ms). */
  scale?: number;
}

const MAX_INT = 2 ** 31 - 1;

/**
 * The core's bounds of docs/decisions/0022 (issue 15) as `serve` flags: every store and every
 * input a client controls has one; docs/guide/hardening.md lists them with what happens past each.
 * The resource caps (`--max-profiles`, `--max-webhooks`, …) are declared by their modules and
 * passed in (docs/decisions/0024).
 */
const LIMIT_FLAGS: Array<Omit<LimitFlag, 'default' | 'key'> & { key: keyof SimConfig }> = [
  { flag: 'max-tenants', key: 'maxTenants', description: 'organizations held at once; past it a new sk_test_ key answers 503 unless one has been idle --tenant-idle-ttl', min: 1, max: 10_000_000 },
  { flag: 'tenant-idle-ttl', key: 'tenantIdleMs', description: 'seconds unused after which a tenant may make room for a new one when the simulator is full (0: never)', min: 0, max: MAX_INT, scale: 1000 },
  { flag: 'max-keys', key: 'maxKeysPerTenant', description: 'API keys per tenant (POST /_sim/tenant/keys)', min: 1, max: 1_000_000 },
  { flag: 'max-pending-jobs', key: 'maxPendingJobsPerTenant', description: 'pending jobs per tenant (completions, deliveries due later); past it the request answers 400 BUSINESS_008', min: 1, max: 100_000_000 },
  { flag: 'idempotency-cache-bytes', key: 'idempotencyBytesPerTenant', description: 'bytes of cached Idempotency-Key responses per tenant; past it a new key answers 503 SERVICE_001', min: 1024, max: MAX_INT },
  { flag: 'journal-size', key: 'journalSize', description: 'newest requests /_sim/requests keeps per tenant', min: 1, max: 1_000_000 },
  { flag: 'delivery-log-size', key: 'deliveryLogSize', description: 'newest delivery attempts /_sim/deliveries keeps per tenant', min: 1, max: 1_000_000 },
  { flag: 'max-json-depth', key: 'maxJsonDepth', description: 'nesting of arrays and objects in a request body', min: 1, max: 10_000 },
  { flag: 'max-json-nodes', key: 'maxJsonNodes', description: 'object members plus array items in a request body', min: 1, max: 100_000_000 },
  { flag: 'max-string-length', key: 'maxStringLength', description: 'characters in any string of a request body', min: 1, max: MAX_INT },
  { flag: 'max-connections', key: 'maxConnections', description: 'open client connections; past it new ones are dropped', min: 1, max: 1_000_000 },
  { flag: 'request-timeout', key: 'requestTimeoutMs', description: 'milliseconds a client has to send a whole request, body included', min: 1000, max: MAX_INT },
  { flag: 'shutdown-grace', key: 'shutdownGraceMs', description: 'milliseconds in-flight requests get to finish on SIGINT/SIGTERM', min: 0, max: MAX_INT },
  { flag: 'max-streams', key: 'maxStreamsPerTenant', description: 'open /_sim/stream connections per tenant (all tenants together: half of --max-connections); past it 429', min: 1, max: 100_000 },
  { flag: 'stream-idle-timeout', key: 'streamIdleMs', description: 'seconds a /_sim/stream may go without an event before it is ended (the inspector reconnects)', min: 1, max: 2_000_000, scale: 1000 },
  { flag: 'stream-lifetime', key: 'streamLifetimeMs', description: 'seconds after which a /_sim/stream is ended whatever it sends (the inspector reconnects)', min: 1, max: 2_000_000, scale: 1000 },
  // issue 25 rows 2 and 6 (docs/decisions/0087–0089): bytes, not only counts
  { flag: 'stream-buffer', key: 'streamBufferBytes', description: 'bytes a /_sim/stream may have unsent before it waits for its reader; entries the logs drop meanwhile are skipped with a resync event', min: 1024, max: MAX_INT },
  { flag: 'idempotency-max-response', key: 'idempotencyMaxResponseBytes', description: 'largest answer an Idempotency-Key caches, in bytes; a larger one runs once and its retries answer 409 CONFLICT_001', min: 1024, max: MAX_INT },
  { flag: 'journal-bytes', key: 'journalBytesPerTenant', description: 'bytes of requests (fields, headers, bodies) /_sim/requests keeps per tenant; the oldest go first', min: 1024, max: MAX_INT },
  { flag: 'journal-total-bytes', key: 'journalTotalBytes', description: 'bytes of requests all tenants\' journals keep together; the oldest of any tenant go first', min: 1024, max: MAX_INT },
  { flag: 'delivery-log-bytes', key: 'deliveryLogBytes', description: 'bytes of delivery attempts (bodies, headers) /_sim/deliveries keeps per tenant; the oldest go first', min: 1024, max: MAX_INT },
  { flag: 'clock-log-fired', key: 'clockLogFired', description: 'fired jobs /_sim/clock keeps of each advance (the rest counted in fired_dropped)', min: 0, max: 1_000_000 },
];

const camel = (flag: string) => flag.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/** The core's flags, then the caps the modules declare. */
function limitFlags(declared: readonly LimitDecl[]): LimitFlag[] {
  const core = LIMIT_FLAGS.map((f) => ({ ...f, default: (DEFAULT_LIMITS as Partial<Record<keyof SimConfig, number>>)[f.key] ?? 0 }));
  return [...declared.map(({ flag, key, description, min, max, default: value }) => ({ flag, key, description, min, max, default: value })), ...core];
}

/** Adds the limit flags to `serve`: the core's and those of `declared` (registry.ts `allLimits()`). */
export function addLimitOptions(command: Command, declared: readonly LimitDecl[]): Command {
  for (const f of limitFlags(declared)) {
    command.addOption(new Option(`--${f.flag} <n>`, f.description).default(f.default / (f.scale ?? 1)).argParser(integer(`--${f.flag}`, f.min, f.max)));
  }
  return command;
}

/** The parsed flags as configuration. */
export function limitsConfig(opts: Record<string, unknown>, declared: readonly LimitDecl[]): Partial<Config> {
  const config: Partial<Record<keyof Config, number>> = {};
  for (const f of limitFlags(declared)) {
    const value = opts[camel(f.flag)];
    if (typeof value === 'number') config[f.key] = value * (f.scale ?? 1);
  }
  return config as Partial<Config>;
}
