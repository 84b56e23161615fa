/**
 * The fuzzer's control-plane commands (issue 15): every `/_sim` operation, with bodies from the
 * control plane's own schemas (valid, or broken on purpose), hostile structures, every kind of
 * key, and imports of the tenant's own export with one record or field changed. After each:
 *   - no 5xx, ever, and every refusal is a problem document with a code;
 *   - developer and billing keys change nothing, profile keys get 403 (docs/decisions/0022);
 *   - a refused import or PATCH leaves the tenant exactly as it was; an accepted import leaves
 *     it readable (the model is re-read from the export);
 *   - then the invariants of fuzz-invariants.ts, as after every API call.
 */
import fc from 'fast-check';
import request from 'supertest';
import { ADVANCE_UNITS, advanceClockSchema, createKeySchema, patchTenantSchema } from '../../src/control/schemas.js';
import { snapshotSchema } from '../../src/control/snapshot.js';
import type { Deps } from '../../src/deps.js';
import { aBrand, aProfile } from '../support/builders.js';
import { checkInvariants, InvariantError, type FuzzModel, type FuzzReal, type KeyChoice } from './fuzz-invariants.js';
import { invalidBody, mutate, MUTATIONS } from './mutations.js';
import { SchemaArbitraries, type Schema } from './schema-arbitrary.js';
import { exportedState, settled } from './support.js';

const NO_BODY = Symbol('no body');
type Body = unknown;

/** The control plane's schemas refer to the spec as `sent-v3#/…`; the arbitraries want `#/…`. */
function local(schema: object): Schema {
  return JSON.parse(JSON.stringify(schema).replace(/"sent-v3#\//g, '"#/')) as Schema;
}

const keyArb: fc.Arbitrary<KeyChoice> = fc.oneof(
  { weight: 12, arbitrary: fc.constant<KeyChoice>('owner') },
  { weight: 1, arbitrary: fc.constantFrom<KeyChoice>('admin', 'developer', 'billing', 'profile', 'unknown', 'none') },
);

/** Bodies that cost a parser dearly (issue 15 row 6), as raw text. */
const HOSTILE_TEXT = [
  '['.repeat(5000) + ']'.repeat(5000),
  `{"settings":${'{"a":'.repeat(100)}1${'}'.repeat(100)}}`,
  `{"junk":{${Array.from({ length: 12_000 }, (_, i) => `"k${i}":1`).join(',')}}}`,
  `{"seconds":1,"note":"${'x'.repeat(12_000)}"}`,
  '{"seconds": 1e400}',
  '{"seconds": -0}',
];

class Raw {
  constructor(readonly text: string) {}
}

export class ControlCall implements fc.AsyncCommand<FuzzModel, FuzzReal> {
  constructor(
    readonly method: 'get' | 'post' | 'patch' | 'put' | 'delete',
    readonly path: string,
    readonly body: Body,
    readonly key: KeyChoice,
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: FuzzModel, real: FuzzReal): Promise<void> {
    const { ctx } = real;
    const owner = real.keys.owner!;
    const writes = this.method !== 'get';
    if (writes) await settled(ctx.deps, ctx.deps.tenants.resolve(owner)!.tenant);
    const before = writes ? await exportedState(ctx.server, owner) : undefined;
    const res = await send(real, this.method, this.path, this.body, this.key);
    ctx.stats.fuzzed++;
    const label = `${this.method.toUpperCase()} ${this.path}`;
    ctx.stats.byStatus[`${label} ${res.status}`] = (ctx.stats.byStatus[`${label} ${res.status}`] ?? 0) + 1;
    const fail = (why: string) => {
      throw new InvariantError(`${label} as ${this.key} → ${res.status} ${res.text.slice(0, 300)}\n${why}`);
    };
    if (res.status >= 500) fail('a 5xx on the control plane');
    if (res.status >= 400) {
      if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) fail('an error that is not a problem document');
      if (typeof res.body?.code !== 'string') fail('a problem without a code');
    }
    const role = this.key;
    if (role === 'profile' && res.status !== 403) fail('a profile key used the control plane');
    if ((role === 'developer' || role === 'billing') && writes && res.status !== 403) fail(`a ${role} key changed the control plane`);
    if (role === 'unknown' || role === 'none') {
      if (res.status !== 401) fail('no authentication, no control plane');
    }
    const ok = res.status >= 200 && res.status < 300;
    if (writes && !ok) {
      // A refused write changes nothing: the import above all (issue 15 row 7).
      if (JSON.stringify(await exportedState(ctx.server, owner)) !== JSON.stringify(before)) fail('a refused write changed the tenant');
    }
    if (ok && this.path === '/_sim/reset') await afterReset(model, real);
    await checkInvariants(model, real);
  }

  toString(): string {
    const body = this.body === NO_BODY ? '' : this.body instanceof Raw ? ` <raw ${this.body.text.length} chars>` : ` ${JSON.stringify(this.body)?.slice(0, 300)}`;
    return `control(${this.key} ${this.method.toUpperCase()} ${this.path})${body}`;
  }
}

/** The tenant's own export, changed by one mutation, imported back. */
export class ImportCall implements fc.AsyncCommand<FuzzModel, FuzzReal> {
  constructor(
    readonly schema: Schema,
    readonly mutation: (typeof MUTATIONS)[number] | 'none' | 'clock' | 'any-field',
    readonly pick: number,
    readonly junk: string,
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: FuzzModel, real: FuzzReal): Promise<void> {
    const { ctx } = real;
    const owner = real.keys.owner!;
    const snapshot = (await request(ctx.server).get('/_sim/export').set('x-api-key', owner)).body as Record<string, unknown>;
    const schema = this.schema;
    const arbs = new SchemaArbitraries(ctx.deps.spec);
    const changed =
      this.mutation === 'none' ? snapshot
      : this.mutation === 'clock' ? { ...snapshot, clock_offset_ms: [1e20, -1, Number.MAX_SAFE_INTEGER, 'soon'][this.pick % 4] }
      : this.mutation === 'any-field' ? anyField(snapshot, this.pick, this.junk)
      : mutate(arbs, schema, snapshot, this.mutation, this.pick, this.junk);
    real.cardData.record(changed);
    await settled(ctx.deps, ctx.deps.tenants.resolve(owner)!.tenant);
    const before = await exportedState(ctx.server, owner);
    const res = await request(ctx.server).post('/_sim/import').set('x-api-key', owner).set('content-type', 'application/json').send(JSON.stringify(changed));
    ctx.stats.fuzzed++;
    const key = `import(${this.mutation}) ${res.status}`;
    ctx.stats.byStatus[key] = (ctx.stats.byStatus[key] ?? 0) + 1;
    const fail = (why: string) => {
      throw new InvariantError(`import(${this.mutation}) → ${res.status} ${res.text.slice(0, 300)}\n${why}`);
    };
    if (res.status >= 500) fail('a 5xx from an import');
    if (this.mutation === 'none' && res.status !== 200) fail('the tenant’s own export was refused');
    if (this.mutation === 'clock' && res.status !== 400) fail('a hostile clock offset was accepted');
    if (res.status !== 200) {
      if (JSON.stringify(await exportedState(ctx.server, owner)) !== JSON.stringify(before)) fail('a refused import changed the tenant');
    } else {
      await resync(model, real);
    }
    await checkInvariants(model, real);
  }

  toString(): string {
    return `import(${this.mutation}, ${this.pick}, ${JSON.stringify(this.junk)})`;
  }
}

/** A tenant-wide scenario, set and cleared again within the command (it would skew the invariants' reads). */
export class ScenarioCall implements fc.AsyncCommand<FuzzModel, FuzzReal> {
  constructor(readonly name: string) {}

  check(): boolean {
    return true;
  }

  async run(model: FuzzModel, real: FuzzReal): Promise<void> {
    const owner = real.keys.owner!;
    const server = real.ctx.server;
    const known = real.ctx.deps.scenarios.scenarios.has(this.name);
    const set = await request(server).put('/_sim/scenarios/active').set('x-api-key', owner).send({ name: this.name });
    const active = await request(server).get('/_sim/scenarios/active').set('x-api-key', owner);
    const cleared = await request(server).delete('/_sim/scenarios/active').set('x-api-key', owner);
    real.ctx.stats.fuzzed += 3;
    if (set.status !== (known ? 200 : 400) || active.body.active?.name !== (known ? this.name : undefined) || cleared.status !== 200) {
      throw new InvariantError(`scenario ${this.name}: PUT ${set.status}, active ${JSON.stringify(active.body)}, DELETE ${cleared.status}`);
    }
    await checkInvariants(model, real);
  }

  toString(): string {
    return `scenario(${this.name})`;
  }
}

/**
 * Any value of the snapshot — a field no schema names included — replaced by one of another JSON
 * type: what a hand-edited snapshot does. Accepted or not, the tenant must stay readable and in spec.
 */
function anyField(snapshot: unknown, pick: number, junk: string): unknown {
  const copy = structuredClone(snapshot);
  const paths: Array<Array<string | number>> = [];
  const visit = (value: unknown, path: Array<string | number>) => {
    if (path.length > 0) paths.push(path);
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, i]));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
  };
  visit(copy, []);
  const path = paths[pick % paths.length];
  if (!path) return copy;
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  const current = parent[last];
  const replacements: unknown[] = [42, -1, 1e300, true, junk, '', null, [junk], { [junk]: 1 }, '9999-12-31T23:59:59Z'];
  const type = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  const others = replacements.filter((v) => type(v) !== type(current));
  parent[last] = others[(pick >> 4) % others.length];
  return copy;
}

async function send(real: FuzzReal, method: ControlCall['method'], path: string, body: Body, key: KeyChoice) {
  let req = request(real.ctx.server)[method](path);
  const value = real.keys[key];
  if (value !== null) req = req.set('x-api-key', value);
  if (body === NO_BODY) return req;
  if (body instanceof Raw) return req.set('content-type', 'application/json').send(body.text);
  real.cardData.record(body);
  return req.set('content-type', 'application/json').send(JSON.stringify(body));
}

/**
 * After a reset: the model starts over as setupRun began it — the organization's brand and
 * campaigns, one profile, and a profile key for it (the old one names a profile that is gone).
 */
async function afterReset(model: FuzzModel, real: FuzzReal): Promise<void> {
  model.ready.length = 0;
  model.deleted.clear();
  model.campaigns = [];
  model.idempotency.clear();
  for (const pool of POOLS) model[pool] = [];
  for (const gone of Object.values(model.gone)) gone.clear();
  real.lockedBrands.clear();
  const as = (t: request.Test) => t.set('x-api-key', real.keys.owner!);
  const ok = (res: request.Response, status: number) => {
    if (res.status !== status) throw new InvariantError(`after reset: ${res.status} ${res.text}`);
    return res.body as { data?: { id: string }; key?: string };
  };
  ok(await as(request(real.ctx.server).patch('/_sim/tenant')).send({ brand: aBrand(), campaigns: 2 }), 200);
  const first = ok(await as(request(real.ctx.server).post('/v3/profiles')).send(aProfile()), 201).data!.id;
  model.profiles = [first];
  real.keys.profile = ok(await as(request(real.ctx.server).post('/_sim/tenant/keys')).send({ role: 'admin', profile_id: first }), 201).key!;
}

/** The messaging surface's id pools, named as their snapshot collections. */
const POOLS = ['messages', 'templates', 'contacts', 'webhooks', 'users'] as const;

/** After an accepted import: what the tenant now holds, read back from its export. */
async function resync(model: FuzzModel, real: FuzzReal): Promise<void> {
  const exported = (await request(real.ctx.server).get('/_sim/export').set('x-api-key', real.keys.owner!)).body as {
    collections: { profiles: Array<{ id: string; deleted_at: string | null }>; campaigns: Array<{ id: string; profileId: string | null }> } & Record<
      (typeof POOLS)[number],
      Array<{ id: string }> | undefined
    >;
  };
  // Templates, contacts, webhooks and users are deleted outright: one the import holds is not gone.
  for (const pool of POOLS) {
    const ids = (exported.collections[pool] ?? []).map((r) => r.id);
    model[pool] = ids;
    if (pool !== 'messages') for (const id of ids) model.gone[pool].delete(id);
  }
  const profiles = exported.collections.profiles;
  model.profiles = profiles.map((p) => p.id);
  model.deleted = new Set(profiles.filter((p) => p.deleted_at !== null).map((p) => p.id));
  model.ready = model.ready.filter((id) => model.profiles.includes(id));
  model.campaigns = exported.collections.campaigns.filter((c) => c.profileId !== null).map((c) => ({ id: c.id, profileId: c.profileId! }));
  // An import may rewrite a submitted brand: the lock is learnt again from what is stored now.
  real.lockedBrands.clear();
}

/** Every control-plane command arbitrary. */
export function controlCommands(deps: Deps, scenarios: string[]): Array<fc.Arbitrary<fc.AsyncCommand<FuzzModel, FuzzReal>>> {
  const arbs = new SchemaArbitraries(deps.spec);
  // Rate limits stay off: the invariants read the tenant after every step.
  const patchSchema = local(patchTenantSchema(deps));
  (((patchSchema.properties as Record<string, Schema>).settings!.properties as Record<string, Schema>).rate_limits = { const: false });
  const bodyOf = (schema: Schema): fc.Arbitrary<Body> => {
    const valid = arbs.valid(schema);
    return fc.oneof(
      { weight: 3, arbitrary: valid },
      { weight: 2, arbitrary: invalidBody(arbs, schema, valid) },
      { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_TEXT).map((t) => new Raw(t)) },
    );
  };
  const call = (method: ControlCall['method'], path: fc.Arbitrary<string>, body: fc.Arbitrary<Body>, key: fc.Arbitrary<KeyChoice> = keyArb) =>
    fc.tuple(path, body, key).map(([p, b, k]) => new ControlCall(method, p, b, k));
  const reads = fc.constantFrom('/_sim/tenant', '/_sim/export', '/_sim/requests', '/_sim/callbacks', '/_sim/deliveries', '/_sim/scenarios', '/_sim/scenarios/active', '/_sim/nothing-here');
  const page = fc
    .tuple(fc.oneof(fc.integer({ min: -2, max: 3 }), fc.constantFrom('x', '1e9', '')), fc.oneof(fc.integer({ min: -1, max: 1001 }), fc.constant('big')))
    .map(([p, s]) => `/_sim/tenant?page=${p}&page_size=${s}`);
  const snapshot = local(snapshotSchema(deps));
  const imports = fc
    .tuple(fc.constantFrom('none', 'none', 'clock', 'any-field', 'any-field', 'any-field', ...MUTATIONS), fc.nat(), fc.string({ unit: 'grapheme-ascii', maxLength: 8 }))
    .map(([m, p, j]) => new ImportCall(snapshot, m, p, j));
  const advance = local(advanceClockSchema);
  // At most a week in all (each of the four units a quarter of it), as when the body was {seconds} alone.
  for (const [unit, size] of Object.entries(ADVANCE_UNITS)) (advance.properties as Record<string, Schema>)[unit] = { type: 'number', minimum: 0, maximum: (7 * 86_400) / 4 / size };
  return [
    call('get', fc.oneof(reads, page), fc.constant(NO_BODY)),
    call('patch', fc.constant('/_sim/tenant'), bodyOf(patchSchema)),
    call('patch', fc.constant('/_sim/tenant'), bodyOf(patchSchema)),
    call('post', fc.constant('/_sim/tenant/keys'), bodyOf(local(createKeySchema))),
    call('post', fc.constant('/_sim/clock/advance'), fc.oneof(bodyOf(advance), fc.constantFrom({ seconds: 1e20 }, { seconds: -1 }, { seconds: 315_360_001 }, { seconds: '1' }))),
    call('post', fc.constant('/_sim/reset'), fc.constantFrom(NO_BODY, {}, new Raw('[')), fc.oneof({ weight: 1, arbitrary: fc.constant<KeyChoice>('owner') }, { weight: 2, arbitrary: keyArb })),
    // Deleting the fuzzer's own tenant would end the run: only keys that must be refused try it.
    call('delete', fc.constant('/_sim/tenant'), fc.constant(NO_BODY), fc.constantFrom<KeyChoice>('developer', 'billing', 'profile', 'unknown', 'none')),
    imports,
    imports,
    fc.oneof(fc.constantFrom(...scenarios), fc.constant('no-such-scenario')).map((name) => new ScenarioCall(name)),
  ];
}
