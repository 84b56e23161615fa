import { TenantClock } from '../clock/tenant-clock.js';
import { DEFAULT_DELIVERY_LOG_SIZE, DEFAULT_JOURNAL_SIZE } from '../limits.js';
import { MESSAGES } from '../errors/catalog.js';
import { simError } from '../errors/sim-error.js';
import { IdempotencyStore } from '../http/idempotency-store.js';
import { JobQueue } from '../clock/job-queue.js';
import { RingBuffer } from '../util/ring-buffer.js';
import { isUuid, type Random } from '../util/random.js';
import { secretBytes, secretString } from '../util/secrets.js';
import { sentTimestamp } from '../util/time.js';
import type { Collection } from './collections.js';
import type { StoredJournalEntry } from './journal.js';
import type { ApiKeyRecord, KeyType, OrganizationRecord, Role, Tenant, TenantSettings } from './types.js';

/** Keys of the demo tenant seeded at start (docs/decisions/0010). */
export const DEMO_KEYS = {
  owner: 'sk_test_demo_owner',
  admin: 'sk_test_demo_admin',
  developer: 'sk_test_demo_developer',
  billing: 'sk_test_demo_billing',
} as const satisfies Record<Role, string>;

const DEMO_KEY_SET: ReadonlySet<string> = new Set(Object.values(DEMO_KEYS));

/** Unknown keys with this prefix create a fresh, isolated tenant on first use. */
export const AUTO_TENANT_PREFIX = 'sk_test_';

/** Sent's production keys (its SDK's wording): the simulator never takes one (decisions §14). */
export const LIVE_KEY_PREFIX = 'sk_live_';

/**
 * Whether an unknown key opens a fresh tenant (decisions §14, docs/decisions/0057): any
 * `sk_test_…` key, and any UUID — the shape Sent's own keys have ("all keys use the same UUID
 * format"), compared exactly as sent.
 */
export function opensTenant(apiKey: string): boolean {
  if (apiKey.length > MAX_API_KEY_LENGTH) return false;
  return (apiKey.startsWith(AUTO_TENANT_PREFIX) && apiKey.length > AUTO_TENANT_PREFIX.length) || isUuid(apiKey);
}

/** What every new tenant is made of, derived from the registry's declarations (registry.ts). */
export interface TenantBlueprint {
  collections: readonly Collection<{ id: string }>[];
  settings: () => TenantSettings;
  /** The organization's fields that modules keep (the profiles module's WABA and brand), at their start. */
  organization: (random: Random) => Omit<OrganizationRecord, 'id' | 'name' | 'email'>;
}

/**
 * A tenant's live profile by id (lower-cased), else null: how the core resolves `x-profile-id`
 * and a key's `profile_id` without knowing profiles. The profiles module provides it
 * (`ResourceInstance.profileLookup`, docs/decisions/0027).
 */
export type ProfileLookup = (tenant: Tenant, id: string) => string | null;

export interface TenantRegistryOptions {
  random: Random;
  realNow: () => number;
  blueprint: TenantBlueprint;
  deliveryLogSize?: number;
  /** Bytes of delivery attempts a tenant's log keeps (issue 25 row 6). */
  deliveryLogBytes?: number;
  journalSize?: number;
  /** Bytes of requests a tenant's journal keeps (issue 25 row 6). */
  journalBytes?: number;
  /** Told about every entry that leaves a journal because it is full (the process-wide bound forgets it). */
  onJournalEvict?: (entry: StoredJournalEntry) => void;
  /** Organizations held at once (docs/decisions/0022); default: no limit. */
  maxTenants?: number;
  /** When full, a tenant unused this long (real time) makes room; 0 never. */
  idleMs?: number;
  /** API keys per tenant. */
  maxKeys?: number;
  /** Bytes of cached idempotent responses per tenant. */
  idempotencyBytes?: number;
  /** Told when a tenant is removed (evicted or deleted), to drop what others hold for it. */
  onRemove?: (tenant: Tenant) => void;
  /** Live profiles by id (none without a profiles module). */
  profileLookup?: ProfileLookup;
}

/** Longest API key accepted (docs/decisions/0022): longer ones are unknown keys and make no tenant. */
export const MAX_API_KEY_LENGTH = 255;

export { DEFAULT_DELIVERY_LOG_SIZE, DEFAULT_JOURNAL_SIZE } from '../limits.js';

/** Clock advances `GET /_sim/clock` keeps per tenant (newest). */
export const CLOCK_LOG_SIZE = 200;

/**
 * Every tenant lives here, split by organization (LocalStack's "one store split by account").
 * Lookups by API key are O(1) through `keyIndex`. The number of tenants is bounded
 * (docs/decisions/0022): `usedAt` keeps them in order of last use, so when the registry is full
 * the least recently used one, if it has been idle long enough, makes room for a new one in O(1).
 */
export class TenantRegistry {
  private readonly tenants = new Map<string, Tenant>();
  private readonly keyIndex = new Map<string, { tenant: Tenant; key: ApiKeyRecord }>();
  /** Tenant id → real time of its last authenticated request, least recent first. */
  private readonly usedAt = new Map<string, number>();

  constructor(private readonly options: TenantRegistryOptions) {}

  get size(): number {
    return this.tenants.size;
  }

  /**
   * Resolves a key; an unknown `sk_test_` or UUID key provisions a tenant with that key as its
   * owner, an `sk_live_` key is refused `401 AUTH_002` saying why. Past the tenant cap, with no
   * idle tenant to evict, it throws `503 INTERNAL_005`.
   */
  resolve(apiKey: string): { tenant: Tenant; key: ApiKeyRecord } | undefined {
    const found = this.keyIndex.get(apiKey);
    if (found) {
      this.touch(found.tenant);
      return found;
    }
    // Not seeded (a library simulator without `demo: true`): a demo key would make an empty
    // organization that looks like a broken demo, so it is refused, saying why (issue 26).
    if (DEMO_KEY_SET.has(apiKey)) throw simError('AUTH_002', { message: MESSAGES.demoKeyWithoutDemo });
    if (apiKey.startsWith(LIVE_KEY_PREFIX)) throw simError('AUTH_002', { message: MESSAGES.liveKeyRefused });
    if (!opensTenant(apiKey)) return undefined;
    this.makeRoom();
    const tenant = this.createTenant({ ownerKey: apiKey });
    return this.keyIndex.get(apiKey) ?? { tenant, key: tenant.keys.get(apiKey)! };
  }

  createTenant(input: { ownerKey: string; name?: string; extraKeys?: Partial<Record<Role, string>>; demo?: boolean }): Tenant {
    const { random } = this.options;
    const clock = new TenantClock(this.options.realNow);
    const id = random.uuid();
    const now = sentTimestamp(clock.now());
    const tenant: Tenant = {
      id,
      createdAt: now,
      demo: input.demo ?? false,
      organization: {
        id,
        name: input.name ?? `Sandbox organization ${id.slice(0, 8)}`,
        email: `org-${id.slice(0, 8)}@example.com`,
        ...this.options.blueprint.organization(random),
      },
      clock,
      keys: new Map(),
      // Each collection's records are made on first use (collections.ts `in`).
      store: new Map(),
      idempotency: new IdempotencyStore(this.options.idempotencyBytes),
      jobs: new JobQueue(),
      deliveries: new RingBuffer(this.options.deliveryLogSize ?? DEFAULT_DELIVERY_LOG_SIZE, { maxBytes: this.options.deliveryLogBytes }),
      settings: this.options.blueprint.settings(),
      activeScenario: null,
      scenarioCalls: new Map(),
      rateWindows: new Map(),
      journal: new RingBuffer(this.options.journalSize ?? DEFAULT_JOURNAL_SIZE, { maxBytes: this.options.journalBytes, onEvict: this.options.onJournalEvict }),
      clockAdvances: new RingBuffer(CLOCK_LOG_SIZE),
      // Secrets never come from the seeded generator (docs/decisions/0042).
      callbackSigningSecret: `whsec_${secretBytes(32).toString('base64')}`,
    };
    this.tenants.set(id, tenant);
    this.touch(tenant);
    this.addKey(tenant, { key: input.ownerKey, role: 'owner', type: 'organization', profileId: null });
    for (const [role, key] of Object.entries(input.extraKeys ?? {})) {
      this.addKey(tenant, { key, role: role as Role, type: 'organization', profileId: null });
    }
    return tenant;
  }

  /** A new key of the tenant; past `maxKeys`, `400 BUSINESS_008` and nothing is added. */
  addKey(
    tenant: Tenant,
    input: { key?: string; role: Role; type: KeyType; profileId: string | null },
  ): ApiKeyRecord {
    const max = this.options.maxKeys ?? Infinity;
    if (tenant.keys.size >= max) throw simError('BUSINESS_008', { message: MESSAGES.keyCap(max) });
    const key = input.key ?? `sk_test_${secretString(32)}`;
    if (this.keyIndex.has(key)) throw new Error('API key already in use');
    const record: ApiKeyRecord = {
      key,
      role: input.role,
      type: input.type,
      profileId: input.profileId,
      createdAt: sentTimestamp(tenant.clock.now()),
    };
    tenant.keys.set(key, record);
    this.keyIndex.set(key, { tenant, key: record });
    return record;
  }

  /** Forgets a tenant and its keys (`DELETE /_sim/tenant`, or eviction when full). */
  remove(tenant: Tenant): void {
    if (this.tenants.get(tenant.id) !== tenant) return;
    for (const key of tenant.keys.keys()) this.keyIndex.delete(key);
    this.tenants.delete(tenant.id);
    this.usedAt.delete(tenant.id);
    this.options.onRemove?.(tenant);
  }

  /** The id of the tenant's live (not deleted) profile `id`, else null (ProfileLookup). */
  liveProfile(tenant: Tenant, id: string): string | null {
    return this.options.profileLookup?.(tenant, id.toLowerCase()) ?? null;
  }

  get(tenantId: string): Tenant | undefined {
    return this.tenants.get(tenantId);
  }

  all(): IterableIterator<Tenant> {
    return this.tenants.values();
  }

  /** Moves the tenant to the most recently used end. */
  private touch(tenant: Tenant): void {
    this.usedAt.delete(tenant.id);
    this.usedAt.set(tenant.id, this.options.realNow());
  }

  /**
   * Before a new tenant is made at the cap: the least recently used tenant goes if it has been
   * idle for `idleMs` (the demo tenant never does); otherwise the new one is refused.
   */
  private makeRoom(): void {
    const max = this.options.maxTenants ?? Infinity;
    if (this.tenants.size < max) return;
    const idleMs = this.options.idleMs ?? 0;
    for (const [id, at] of this.usedAt) {
      const tenant = this.tenants.get(id)!;
      if (tenant.demo) continue;
      if (idleMs > 0 && this.options.realNow() - at >= idleMs) {
        this.remove(tenant);
        return;
      }
      break;
    }
    throw simError('INTERNAL_005', { message: MESSAGES.tenantCap(max) });
  }
}

/** The public prefix of Sent's keys: what a mask may show in full. */
const KEY_PREFIX = /^sk_(?:test|live)_/;
/** A secret part shorter than this shows none of its characters. */
const MASK_MIN_SECRET = 8;

/**
 * A key as the journal, `/_sim/tenant`, the users' view and the logs show it (issue 25 row 14,
 * docs/decisions/0043): the public prefix and at most the last 2 characters of the secret part
 * (`sk_test_…de`), none when that part is shorter than 8 characters (`sk_test_…`). Enough to tell
 * one's keys apart, never enough to narrow a guess.
 */
export function maskKey(key: string): string {
  const prefix = KEY_PREFIX.exec(key)?.[0] ?? '';
  const secret = key.slice(prefix.length);
  return secret.length >= MASK_MIN_SECRET ? `${prefix}…${secret.slice(-2)}` : `${prefix}…`;
}
