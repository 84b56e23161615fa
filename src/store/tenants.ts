import { TenantClock } from '../clock/tenant-clock.js';
import { IdempotencyStore } from '../http/idempotency-store.js';
import { JobQueue } from '../clock/job-queue.js';
import { RingBuffer } from '../util/ring-buffer.js';
import type { Random } from '../util/random.js';
import { sentTimestamp } from '../util/time.js';
import type { Collection } from './collections.js';
import type { ApiKeyRecord, KeyType, Role, Tenant, TenantSettings } from './types.js';

/** Keys of the demo tenant seeded at start (docs/decisions/0010). */
export const DEMO_KEYS = {
  owner: 'sk_test_demo_owner',
  admin: 'sk_test_demo_admin',
  developer: 'sk_test_demo_developer',
  billing: 'sk_test_demo_billing',
} as const satisfies Record<Role, string>;

/** Unknown keys with this prefix create a fresh, isolated tenant on first use. */
export const AUTO_TENANT_PREFIX = 'sk_test_';

/** What every new tenant is made of, derived from the registry's declarations (registry.ts). */
export interface TenantBlueprint {
  collections: readonly Collection<{ id: string }>[];
  settings: () => TenantSettings;
}

export interface TenantRegistryOptions {
  random: Random;
  realNow: () => number;
  blueprint: TenantBlueprint;
  deliveryLogSize?: number;
  journalSize?: number;
}

export const DEFAULT_JOURNAL_SIZE = 500;

export const DEFAULT_DELIVERY_LOG_SIZE = 1000;

/** Clock advances `GET /_sim/clock` keeps per tenant (newest). */
export const CLOCK_LOG_SIZE = 200;

/**
 * Every tenant lives here, split by organization (LocalStack's "one store split by account").
 * Lookups by API key are O(1) through `keyIndex`.
 */
export class TenantRegistry {
  private readonly tenants = new Map<string, Tenant>();
  private readonly keyIndex = new Map<string, { tenant: Tenant; key: ApiKeyRecord }>();

  constructor(private readonly options: TenantRegistryOptions) {}

  get size(): number {
    return this.tenants.size;
  }

  /** Resolves a key; an unknown `sk_test_` key provisions a tenant with that key as its owner. */
  resolve(apiKey: string): { tenant: Tenant; key: ApiKeyRecord } | undefined {
    const found = this.keyIndex.get(apiKey);
    if (found) return found;
    if (!apiKey.startsWith(AUTO_TENANT_PREFIX) || apiKey.length <= AUTO_TENANT_PREFIX.length) return undefined;
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
        // Every new tenant has a WABA, so profile creation works out of the box (docs/decisions/0010).
        waba: { waba_id: newWabaId(random) },
        brand: null,
      },
      clock,
      keys: new Map(),
      store: new Map(this.options.blueprint.collections.map((c) => [c.name, c.create()])),
      idempotency: new IdempotencyStore(),
      jobs: new JobQueue(),
      deliveries: new RingBuffer(this.options.deliveryLogSize ?? DEFAULT_DELIVERY_LOG_SIZE),
      settings: this.options.blueprint.settings(),
      activeScenario: null,
      scenarioCalls: new Map(),
      rateWindows: new Map(),
      journal: new RingBuffer(this.options.journalSize ?? DEFAULT_JOURNAL_SIZE),
      clockAdvances: new RingBuffer(CLOCK_LOG_SIZE),
      callbackSigningSecret: `whsec_${random.bytes(32).toString('base64')}`,
    };
    this.tenants.set(id, tenant);
    this.addKey(tenant, { key: input.ownerKey, role: 'owner', type: 'organization', profileId: null });
    for (const [role, key] of Object.entries(input.extraKeys ?? {})) {
      this.addKey(tenant, { key, role: role as Role, type: 'organization', profileId: null });
    }
    return tenant;
  }

  addKey(
    tenant: Tenant,
    input: { key?: string; role: Role; type: KeyType; profileId: string | null },
  ): ApiKeyRecord {
    const key = input.key ?? `sk_test_${this.options.random.string(32)}`;
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

  get(tenantId: string): Tenant | undefined {
    return this.tenants.get(tenantId);
  }

  all(): IterableIterator<Tenant> {
    return this.tenants.values();
  }
}

/** A WhatsApp Business Account id as Meta issues them: 15 digits. */
export function newWabaId(random: Random): string {
  return String(100_000_000_000_000 + Math.floor(random.next() * 899_999_999_999_999));
}

/** Shows enough of a key to recognise it in logs and control-plane output, never the whole secret. */
export function maskKey(key: string): string {
  if (key.length <= 12) return `${key.slice(0, 4)}…`;
  return `${key.slice(0, 8)}…${key.slice(-4)}`;
}
