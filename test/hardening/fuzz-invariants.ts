/**
 * The fuzzer's world: what it remembers (the model), what it talks to (the real side), how a
 * run starts, and the invariants checked after every step:
 *   - the store (every step) and the list (every third step) hold exactly the profiles the model
 *     says are live (a refused request, a sandbox call or an injected failure stored nothing; a
 *     deleted profile stays deleted);
 *   - deleted profiles answer 404 RESOURCE_014; deleted templates, contacts and webhooks stay
 *     404 (RESOURCE_002, RESOURCE_001, RESOURCE_008), removed users 404 RESOURCE_006;
 *   - every webhook read shows `signing_secret: null` (checked on every response too; only the
 *     create and rotate answers carry one);
 *   - a brand submitted to TCR never changes except its review fields;
 *   - no card number or CVC anywhere in the tenant's state;
 *   - nothing polluted Object.prototype.
 */
import { PROFILES } from '../../src/resources/profiles/collection.js';
import type { Server } from 'node:http';
import request from 'supertest';
import type { Deps } from '../../src/deps.js';
import { ERROR_CATALOG } from '../../src/errors/catalog.js';
import type { Tenant } from '../../src/store/types.js';
import { tenantKey } from '../support/app.js';
import { aBrand, aProfile } from '../support/builders.js';
import { SentCardData, tenantState } from './leaks.js';
import type { SpecChecker } from './spec-checker.js';

export type KeyChoice = 'owner' | 'admin' | 'developer' | 'billing' | 'profile' | 'unknown' | 'none';

export interface FuzzModel {
  /** Every stored profile the fuzzer made, live or deleted, in creation order. */
  profiles: string[];
  /** Those created as ready for completion (own TCR brand), to drive brands into the TCR lock. */
  ready: string[];
  deleted: Set<string>;
  campaigns: Array<{ profileId: string; id: string }>;
  /** Ids the messaging surface handed out, in creation order (deleted ones stay, for targets). */
  messages: string[];
  templates: string[];
  contacts: string[];
  webhooks: string[];
  users: string[];
  /** Of those, the ones deleted (or removed) with a 204: each must answer 404 from then on. */
  gone: Record<GonePool, Set<string>>;
  /** Idempotency-Key → the operation whose 2xx it holds (a replay answers as that operation). */
  idempotency: Map<string, string>;
}

export type GonePool = 'templates' | 'contacts' | 'webhooks' | 'users';

/** How a deleted one of each pool answers, by the owner key. */
export const GONE: Record<GonePool, { path: string; operationId: string; code: string }> = {
  templates: { path: '/v3/templates/', operationId: 'retrieveTemplate', code: 'RESOURCE_002' },
  contacts: { path: '/v3/contacts/', operationId: 'retrieveContact', code: 'RESOURCE_001' },
  webhooks: { path: '/v3/webhooks/', operationId: 'retrieveWebhook', code: 'RESOURCE_008' },
  users: { path: '/v3/users/', operationId: 'retrieveUser', code: 'RESOURCE_006' },
};

export interface FuzzStats {
  fuzzed: number;
  checks: number;
  byStatus: Record<string, number>;
  lockedBrands: number;
  /** PATCHes that carried a brand to a profile whose brand was locked. */
  lockedBrandPatches: number;
}

/** What lives as long as the test file: the app on a socket, the spec reader, the receiver. */
export interface FuzzContext {
  server: Server;
  deps: Deps;
  checker: SpecChecker;
  receiverUrl: string;
  /** Scenario name → the 5xx error codes its rules may inject. */
  scenarioFailures: Map<string, Set<string>>;
  stats: FuzzStats;
}

/** One run's side: a fresh tenant and its keys. */
export interface FuzzReal {
  ctx: FuzzContext;
  tenant: Tenant;
  keys: Record<KeyChoice, string | null>;
  cardData: SentCardData;
  /** Profile id → its brand, as first seen submitted to TCR, without the review fields. */
  lockedBrands: Map<string, string>;
  /** Steps run so far: which deleted record, and whether the list, the invariants check this step. */
  step: number;
}

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join();

/** Scenarios usable in a fuzz step (no added latency), with the 5xx codes each may inject. */
export function scenarioFailures(deps: Deps): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const scenario of deps.scenarios.scenarios.values()) {
    if (scenario.rules?.some((r) => r.latency_ms)) continue;
    const codes = new Set<string>();
    for (const rule of scenario.rules ?? []) {
      for (const action of [rule.respond, ...(rule.sequence ?? [])]) {
        if (!action || action === 'pass') continue;
        if ((action.status ?? ERROR_CATALOG[action.error].status) >= 500) codes.add(action.error);
      }
    }
    out.set(scenario.name, codes);
  }
  return out;
}

/**
 * A fresh tenant whose organization has a brand and two campaigns (so inheriting profiles can
 * complete), keys for every role, and one profile with a profile-scoped key.
 */
export async function setupRun(ctx: FuzzContext): Promise<{ model: FuzzModel; real: FuzzReal }> {
  const owner = tenantKey();
  const as = (t: request.Test) => t.set('x-api-key', owner);
  const ok = (res: request.Response, status: number) => {
    if (res.status !== status) throw new Error(`fuzz setup: ${res.status} ${res.text}`);
    return res.body;
  };
  ok(await as(request(ctx.server).patch('/_sim/tenant')).send({ brand: aBrand(), campaigns: 2 }), 200);
  const key = async (body: object) => (ok(await as(request(ctx.server).post('/_sim/tenant/keys')).send(body), 201) as { key: string }).key;
  const first = ok(await as(request(ctx.server).post('/v3/profiles')).send(aProfile()), 201).data as { id: string };
  const keys: Record<KeyChoice, string | null> = {
    owner,
    admin: await key({ role: 'admin' }),
    developer: await key({ role: 'developer' }),
    billing: await key({ role: 'billing' }),
    profile: await key({ role: 'admin', profile_id: first.id }),
    unknown: `not_a_key_${owner.slice(-8)}`,
    none: null,
  };
  const tenant = ctx.deps.tenants.resolve(owner)!.tenant;
  return {
    model: {
      profiles: [first.id],
      ready: [],
      deleted: new Set(),
      campaigns: [],
      messages: [],
      templates: [],
      contacts: [],
      webhooks: [],
      users: [],
      gone: { templates: new Set(), contacts: new Set(), webhooks: new Set(), users: new Set() },
      idempotency: new Map(),
    },
    real: { ctx, tenant, keys, cardData: new SentCardData(), lockedBrands: new Map(), step: 0 },
  };
}

export class InvariantError extends Error {
  override name = 'InvariantError';
}

/** Runs after every step; `full` (end of a run) also scans the whole journal and every deleted profile. */
export async function checkInvariants(model: FuzzModel, real: FuzzReal, full = false): Promise<void> {
  const { ctx } = real;
  const get = async (path: string, operationId: string) => {
    const res = await request(ctx.server).get(path).set('x-api-key', real.keys.owner!);
    ctx.stats.checks++;
    const problems = ctx.checker.responseProblems(operationId, res);
    if (problems.length > 0) throw new InvariantError(`GET ${path} → ${res.status}: ${problems.join('; ')}`);
    return res;
  };

  const step = real.step++;
  const live = model.profiles.filter((id) => !model.deleted.has(id)).sort();
  // Every step, from the store (no request): the live profiles are exactly the model's.
  const stored = [...PROFILES.in(real.tenant).values()].filter((p) => p.deleted_at === null).map((p) => p.id).sort();
  if (stored.join() !== live.join()) throw new InvariantError(`the store holds live profiles [${stored.join(', ')}], the model expects [${live.join(', ')}]`);
  // Every third step and at the end of a run, through the API as well.
  if (full || step % 3 === 0) {
    const list = await get('/v3/profiles', 'listProfiles');
    const listed = ((list.body.data?.profiles ?? []) as Array<{ id: string }>).map((p) => p.id).sort();
    if (list.status !== 200 || listed.join() !== live.join()) {
      throw new InvariantError(`list shows [${listed.join(', ')}], the model expects [${live.join(', ')}]`);
    }
  }

  // One deleted record per step, of each kind in turn (every one of every kind at the end of a run), still answers 404.
  const kinds = ['profiles', ...(Object.keys(GONE) as GonePool[])] as const;
  for (const kind of full ? kinds : [kinds[step % kinds.length]!]) {
    const ids = kind === 'profiles' ? [...model.deleted] : [...model.gone[kind]];
    const { path, operationId, code } = kind === 'profiles' ? { path: '/v3/profiles/', operationId: 'retrieveProfile', code: 'RESOURCE_014' } : GONE[kind];
    for (const id of full ? ids : ids.slice(Math.floor(step / kinds.length) % Math.max(1, ids.length)).slice(0, 1)) {
      const res = await get(`${path}${id}`, operationId);
      if (res.status !== 404 || res.body.error?.code !== code) throw new InvariantError(`deleted ${kind} ${id} answered ${res.status} ${res.text.slice(0, 200)}`);
    }
  }
  if (full) {
    const hooks = await get('/v3/webhooks?page=1&page_size=100', 'listWebhooks');
    const shown = ((hooks.body.data?.webhooks ?? []) as Array<{ signing_secret: unknown }>).filter((w) => w.signing_secret !== null);
    if (shown.length > 0) throw new InvariantError(`GET /v3/webhooks shows ${shown.length} signing secrets`);
  }

  for (const profile of PROFILES.in(real.tenant).values()) {
    if (!profile.brand?.submitted_to_tcr) continue;
    const { status: _s, identity_status: _i, updated_at: _u, ...rest } = profile.brand;
    const now = JSON.stringify(rest);
    const first = real.lockedBrands.get(profile.id);
    if (first === undefined) {
      real.lockedBrands.set(profile.id, now);
      ctx.stats.lockedBrands++;
    } else if (first !== now) {
      throw new InvariantError(`the TCR-submitted brand of ${profile.id} changed:\n${first}\n→ ${now}`);
    }
  }

  const state = tenantState(real.tenant);
  // The journal only grows at its end: between steps, its newest entries are the new ones.
  if (!full) state.journal = (state.journal as unknown[]).slice(-12);
  const leaks = real.cardData.leaksIn(state, 'tenant state');
  if (leaks.length > 0) throw new InvariantError(`card data in state:\n${leaks.slice(0, 5).join('\n')}`);

  if (({} as Record<string, unknown>).polluted !== undefined || Object.getOwnPropertyNames(Object.prototype).sort().join() !== PROTOTYPE_KEYS) {
    throw new InvariantError('Object.prototype was polluted');
  }
}
