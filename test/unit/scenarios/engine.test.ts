import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { SimError } from '../../../src/errors/sim-error.js';
import { ScenarioEngine, type ScenarioEngineOptions } from '../../../src/scenarios/engine.js';
import type { Scenario, ScenarioRule } from '../../../src/scenarios/types.js';
import { TenantRegistry, type TenantBlueprint } from '../../../src/store/tenants.js';
import type { Tenant, TenantSettings } from '../../../src/store/types.js';
import { createRandom } from '../../../src/util/random.js';

/** Fixtures: a tenant of its own per test, scenarios made here (not the package's files), a request stub. */
const NOW = Date.UTC(2026, 4, 21, 12);

function aTenant(): Tenant {
  const blueprint: TenantBlueprint = {
    collections: [],
    settings: () => ({}) as TenantSettings,
    organization: () => ({}) as ReturnType<TenantBlueprint['organization']>,
  };
  return new TenantRegistry({ random: createRandom(7), realNow: () => NOW, blueprint }).createTenant({ ownerKey: 'sk_test_engine' });
}

const aScenario = (name: string, rules?: ScenarioRule[]): Scenario => ({ name, description: name, example: name, rules, file: `${name}.yaml` });

function engine(scenarios: Scenario[], defaultName: string | null = null, options?: ScenarioEngineOptions): ScenarioEngine {
  return new ScenarioEngine(new Map(scenarios.map((s) => [s.name, s])), defaultName, options);
}

interface Call {
  method?: string;
  path?: string;
  operationId?: string;
  header?: string;
}

/** One request through the engine's pipeline stage: the error it injects (or null) and the scenario in force. */
async function call(e: ScenarioEngine, tenant: Tenant, { method = 'GET', path = '/v3/profiles', operationId = 'listProfiles', header }: Call = {}, sleep: (ms: number) => Promise<void> = async () => {}) {
  const req = { method, headers: header === undefined ? {} : { 'x-sim-scenario': header } } as unknown as Request;
  let scenario: Scenario | undefined;
  try {
    scenario = e.resolve(req, tenant);
    await e.apply(scenario, { tenant, method, path, operationId, requestId: 'req_fixture' }, sleep, 60);
    return { error: null, scenario: scenario?.name ?? null };
  } catch (err) {
    if (!(err instanceof SimError)) throw err;
    return { error: err, scenario: scenario?.name ?? null };
  }
}

const fails: ScenarioRule['respond'] = { error: 'INTERNAL_001' };

describe('which scenario is in force', () => {
  it.each([
    ['none anywhere', { header: undefined, active: null, fallback: null }, null],
    ['the process default', { header: undefined, active: null, fallback: 'b' }, 'b'],
    ['the tenant’s over the process default', { header: undefined, active: 'a', fallback: 'b' }, 'a'],
    ['the header over the tenant’s', { header: 'c', active: 'a', fallback: 'b' }, 'c'],
  ] as const)('%s', async (_label, { header, active, fallback }, expected) => {
    const e = engine([aScenario('a'), aScenario('b'), aScenario('c')], fallback);
    const tenant = aTenant();
    tenant.activeScenario = active;
    expect((await call(e, tenant, { header })).scenario).toBe(expected);
  });

  it('refuses an unknown header name with 400 naming the known ones, and an unknown default at construction', async () => {
    const { error } = await call(engine([aScenario('a')]), aTenant(), { header: 'nope' });
    expect(error).toMatchObject({ code: 'VALIDATION_001', details: { 'x-sim-scenario': [MESSAGES.unknownScenario('nope', 'a')] } });
    expect(() => engine([aScenario('a')], 'nope')).toThrow(/Unknown scenario "nope"/);
  });
});

describe('rule matching', () => {
  const e = engine([
    aScenario('s', [
      { operation: 'deleteProfile', respond: fails },
      { method: 'POST', path: '^/v3/messages$', respond: { error: 'BUSINESS_002' } },
    ]),
  ]);

  it.each([
    ['the named operation', { method: 'DELETE', path: '/v3/profiles/x', operationId: 'deleteProfile' }, 'INTERNAL_001'],
    ['another operation', { method: 'GET', path: '/v3/profiles/x', operationId: 'retrieveProfile' }, null],
    ['method and path together', { method: 'POST', path: '/v3/messages', operationId: 'sendMessage' }, 'BUSINESS_002'],
    ['the path with another method', { method: 'GET', path: '/v3/messages', operationId: 'x' }, null],
    ['the method on a path the regex refuses', { method: 'POST', path: '/v3/messages/extra', operationId: 'x' }, null],
  ] as const)('%s → %s', async (_label, request, code) => {
    expect((await call(e, aTenant(), { ...request, header: 's' })).error?.code ?? null).toBe(code);
  });
});

describe('calls, on_call and sequences', () => {
  it.each([
    ['respond: every matching call', { respond: fails }, ['INTERNAL_001', 'INTERNAL_001', 'INTERNAL_001']],
    ['on_call 2: the second call only', { respond: fails, on_call: 2 }, [null, 'INTERNAL_001', null]],
    ['sequence: one action per call, then pass', { sequence: [{ error: 'SERVICE_001' }, 'pass', { error: 'BUSINESS_002' }] }, ['SERVICE_001', null, 'BUSINESS_002', null]],
  ] as const)('%s', async (_label, rule, expected) => {
    const e = engine([aScenario('s', [{ operation: 'listProfiles', ...(rule as ScenarioRule) }])]);
    const tenant = aTenant();
    const codes = [];
    for (let i = 0; i < expected.length; i++) codes.push((await call(e, tenant, { header: 's' })).error?.code ?? null);
    expect(codes).toEqual(expected);
  });

  it('counts per tenant, per rule: another tenant starts at its first call, non-matching calls do not count', async () => {
    const e = engine([aScenario('s', [{ operation: 'listProfiles', respond: fails, on_call: 2 }])]);
    const [one, two] = [aTenant(), aTenant()];
    expect((await call(e, one, { header: 's' })).error).toBeNull();
    expect((await call(e, one, { header: 's', operationId: 'retrieveProfile' })).error).toBeNull();
    expect((await call(e, two, { header: 's' })).error).toBeNull();
    expect((await call(e, one, { header: 's' })).error?.code).toBe('INTERNAL_001');
    expect(one.scenarioCalls.get('s#0')).toBe(2);
  });

  it('waits a rule’s latency through the sleep it is given, before answering', async () => {
    const slept: number[] = [];
    const e = engine([aScenario('s', [{ operation: 'listProfiles', latency_ms: 250 }])]);
    const sleep = (ms: number) => {
      slept.push(ms);
      return Promise.resolve();
    };
    expect((await call(e, aTenant(), { header: 's' }, sleep)).error).toBeNull();
    expect(slept).toEqual([250]);
  });
});

describe('injected errors in Sent’s words', () => {
  const run = async (respond: NonNullable<ScenarioRule['respond']>, operationId = 'listProfiles', options?: ScenarioEngineOptions) => {
    const e = engine([aScenario('s', [{ respond }])], null, options);
    return (await call(e, aTenant(), { header: 's', operationId })).error!;
  };

  it.each([
    ['INTERNAL_001: the generic 500 naming the request id', { error: 'INTERNAL_001' }, 'listProfiles', { status: 500, message: MESSAGES.internal('req_fixture') }],
    ['INTERNAL_001: the wording the operation’s module declares', { error: 'INTERNAL_001' }, 'deleteProfile', { status: 500, message: 'Failed to delete widget req_fixture' }],
    ['INTERNAL_003: the provider error naming the request id', { error: 'INTERNAL_003' }, 'sendMessage', { status: 502, message: MESSAGES.providerError('req_fixture') }],
    ['a message and status of the scenario’s own', { error: 'INTERNAL_001', status: 503, message: 'Down for maintenance' }, 'deleteProfile', { status: 503, message: 'Down for maintenance' }],
  ] as const)('%s', async (_label, respond, operationId, expected) => {
    const error = await run(respond, operationId, { internalErrors: { deleteProfile: (id) => `Failed to delete widget ${id}` } });
    expect({ status: error.status, message: error.message }).toEqual(expected);
  });

  it('BUSINESS_002 carries Retry-After and the rate-limit headers of the operation’s tier, unless the scenario sets them', async () => {
    const error = await run({ error: 'BUSINESS_002', retry_after: 30 });
    expect(error.headers).toEqual({ 'Retry-After': '30', 'X-RateLimit-Limit': '60', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(NOW / 1000 + 30) });
    const own = await run({ error: 'BUSINESS_002', headers: { 'Retry-After': '5', 'X-Extra': 'yes' } });
    expect(own.headers).toMatchObject({ 'Retry-After': '5', 'X-Extra': 'yes', 'X-RateLimit-Reset': String(NOW / 1000 + 60) });
  });
});
