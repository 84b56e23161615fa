/**
 * Issue 21: "a resource is its folder, one registry line, its spec paths and its catalog entries".
 * These tests walk the registry and fail when something a module has is not declared through
 * the module: a collection the store or a reset would miss, a cap without a working flag, a
 * scenario block nobody declares, an event nobody declares.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addLimitOptions, limitsConfig } from '../../src/cli-limits.js';
import { snapshotSchema } from '../../src/control/snapshot.js';
import type { SentEvent } from '../../src/events/bus.js';
import * as registry from '../../src/registry.js';
import { allEventFamilies, allLimits, allScenarioBlocks, RESOURCES } from '../../src/registry.js';
import { DEFAULT_SCENARIOS_DIR } from '../../src/scenarios/loader.js';
import { GENERIC_SCENARIO_KEYS } from '../../src/scenarios/types.js';
import { parseYaml } from '../../src/util/yaml.js';
import { client, testApp } from '../support/app.js';
import { sim } from '../support/sim.js';

describe('the registry', () => {
  it('exports every module by name, so their declaration merges (config keys) reach dist/*.d.ts', () => {
    const exported = Object.values(registry);
    for (const module of RESOURCES) expect(exported, module.name).toContain(module);
  });
});

describe('collections', () => {
  it('are each declared by one module, and every tenant store holds only the declared ones, each made on first use', () => {
    const { deps } = testApp();
    const declared = RESOURCES.flatMap((m) => (m.collections ?? []).map((c) => c.name));
    expect(new Set(declared).size).toBe(declared.length);
    expect(deps.collections.map((c) => c.name)).toEqual(declared);
    const tenant = deps.tenants.resolve(client(testApp().app).key)!.tenant;
    // A new tenant holds none yet: each is made on first use (10,000 idle tenants, collections.ts).
    expect([...tenant.store.keys()]).toEqual([]);
    for (const c of deps.collections) expect(c.in(tenant).size).toBe(0);
    expect([...tenant.store.keys()]).toEqual(declared);
  });

  it('are each in the snapshot schema, capped by a limit their own module declares', () => {
    const { deps } = testApp({ config: { maxWebhooksPerTenant: 7 } });
    const schema = snapshotSchema(deps) as { properties: { collections: { properties: Record<string, { maxItems: number }> } } };
    expect(Object.keys(schema.properties.collections.properties)).toEqual(deps.collections.map((c) => c.name));
    expect(schema.properties.collections.properties.webhooks!.maxItems).toBe(7);
    for (const module of RESOURCES) {
      for (const collection of module.collections ?? []) {
        const limit = collection.options.limit;
        if (limit) expect(module.limits ?? [], `${module.name}: ${collection.name}'s cap`).toContain(limit);
      }
    }
  });
});

describe('limits', () => {
  const limits = allLimits();
  // A value inside each flag's range and different from its default.
  const chosen = (l: (typeof limits)[number]) => (l.default > l.min ? l.min : l.min + 1);

  it('each have a serve flag whose value reaches the simulator’s configuration', () => {
    const serve = addLimitOptions(new Command('serve').exitOverride(), limits);
    const argv = limits.flatMap((l) => [`--${l.flag}`, String(chosen(l))]);
    const opts = serve.parse(argv, { from: 'user' }).opts();
    const { deps } = testApp({ config: limitsConfig(opts, limits) });
    for (const l of limits) expect(deps.config[l.key], l.flag).toBe(chosen(l));
  });

  it('each default to their declared value, with the flag’s range and an error that names the flag', () => {
    const { deps } = testApp();
    const serve = addLimitOptions(new Command('serve'), limits);
    for (const l of limits) {
      expect(deps.config[l.key], l.flag).toBe(l.default);
      expect(serve.options.find((o) => o.long === `--${l.flag}`)?.defaultValue, l.flag).toBe(l.default);
      expect(l.min <= l.default && l.default <= l.max, l.flag).toBe(true);
      if (l.error) expect(l.error.message(5), l.flag).toContain(`--${l.flag}`);
    }
    expect(() => addLimitOptions(new Command('serve').exitOverride(), limits).parse([`--${limits[0]!.flag}`, '0'], { from: 'user' })).toThrow();
  });

  it('include the users and number-outcome caps, which refuse past their value through the API', async () => {
    const { app } = testApp({ config: { maxUsersPerTenant: 1, maxNumberOutcomesPerTenant: 1 } });
    const c = client(app);
    expect((await c.post('/v3/users', { email: 'one@example.com', name: 'One', role: 'developer' })).status).toBe(201);
    const second = await c.post('/v3/users', { email: 'two@example.com', name: 'Two', role: 'developer' });
    expect(second.body.error).toMatchObject({ code: 'BUSINESS_008', message: limits.find((l) => l.flag === 'max-users')!.error!.message(1) });
    expect((await c.get('/v3/users')).body.data.users.map((u: { email: string }) => u.email)).toEqual(['one@example.com']);

    expect((await c.put('/_sim/numbers/+14155550101', { outcome: 'failed' })).status).toBe(200);
    const refused = await c.put('/_sim/numbers/+14155550102', { outcome: 'failed' });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toBe(limits.find((l) => l.flag === 'max-number-outcomes')!.error!.message(1));
    // Changing the one it holds is not a new outcome.
    expect((await c.put('/_sim/numbers/+14155550101', { outcome: 'read' })).status).toBe(200);
    expect((await c.get('/_sim/numbers')).body.numbers.map((n: { number: string; outcome: string }) => [n.number, n.outcome])).toEqual([['+14155550101', 'read']]);
  });
});

describe('scenario blocks', () => {
  const files = readdirSync(DEFAULT_SCENARIOS_DIR).filter((f) => f.endsWith('.yaml'));
  const used = new Map<string, string[]>();
  for (const file of files) {
    const doc = parseYaml(readFileSync(path.join(DEFAULT_SCENARIOS_DIR, file), 'utf8')) as Record<string, unknown>;
    for (const key of Object.keys(doc)) if (!GENERIC_SCENARIO_KEYS.has(key)) used.set(key, [...(used.get(key) ?? []), file]);
  }

  it('in scenarios/*.yaml are each declared by exactly one module', () => {
    const declared = allScenarioBlocks().map((b) => b.name);
    expect(new Set(declared).size).toBe(declared.length);
    for (const [block, where] of used) expect(declared, `${block} (in ${where.join(', ')})`).toContain(block);
  });

  it('declared by a module are each used by some scenario file (so each has a test that runs it)', () => {
    for (const block of allScenarioBlocks()) expect(used.has(block.name), block.name).toBe(true);
  });
});

describe('event families', () => {
  it('are each declared by one module and listed by GET /v3/webhooks/event-types with their sub-types', async () => {
    const families = allEventFamilies();
    expect(new Set(families.map((f) => f.name)).size).toBe(families.length);
    const { app } = testApp();
    const listed = (await client(app).get('/v3/webhooks/event-types')).body.data.event_types as Array<{ name: string; sub_types: Array<{ name: string }> | null }>;
    expect(listed.map((t) => [t.name, t.sub_types?.map((s) => s.name) ?? null])).toEqual(
      families.map((f) => [f.name, f.sub_types.length === 0 ? null : f.sub_types.map((s) => `${f.name}.${s.suffix}`)]),
    );
  });

  it('hold every event the modules publish in their flows; the bus refuses an undeclared one', async () => {
    const { app, deps } = testApp({ realNow: () => Date.UTC(2026, 4, 21, 12) });
    const c = client(app);
    const published: SentEvent[] = [];
    deps.events.subscribe((_tenant, event) => void published.push(event));
    const control = sim(app, c.key);
    // Messages: an inbound message (it opens the WhatsApp window), a reply read, a send that fails; templates: a review;
    // contacts: keywords and a provider opt-out.
    expect((await c.post('/_sim/inbound', { from: '+14155550105', text: 'Hello', channel: 'whatsapp' })).status).toBe(201);
    for (const text of ['STOP', 'START', 'HELP']) expect((await c.post('/_sim/inbound', { from: '+14155550107', text })).status).toBe(201);
    expect((await c.post('/_sim/contacts/opt-out', { phone_number: '+14155550108' })).status).toBe(200);
    await c.put('/_sim/numbers/+14155550106', { outcome: 'failed' });
    await c.put('/_sim/numbers/+14155550105', { outcome: 'read' });
    expect((await c.post('/v3/messages', { to: ['+14155550105'], channel: ['whatsapp'], text: 'Hi' })).status).toBe(202);
    expect((await c.post('/v3/messages', { to: ['+14155550106'], channel: ['sms'], text: 'Hi' })).status).toBe(202);
    expect((await c.post('/v3/templates', { definition: { body: { multiChannel: { template: 'Hello {{1:name}}' } } }, submit_for_review: true })).status).toBe(201);
    await control.advance(48 * 3600);

    const byFamily = new Map(allEventFamilies().map((f) => [f.name, f]));
    const names = [...new Set(published.map((e) => e.name))].sort();
    expect(names).toEqual(expect.arrayContaining(['message.delivered', 'message.failed', 'message.queued', 'message.read', 'message.received', 'message.routed', 'message.sent', 'templates', 'contact.opt_out', 'contact.opt_in', 'contact.help']));
    for (const event of published) {
      const family = byFamily.get(event.family);
      expect(family, event.name).toBeDefined();
      expect(deps.events.catalog.familyOf(event.name)?.name, event.name).toBe(event.family);
    }

    const tenant = deps.tenants.resolve(c.key)!.tenant;
    const undeclared: SentEvent = { account_id: tenant.id, family: 'message', name: 'message.teleported', at: tenant.clock.now(), payload: {}, order_key: null, scenario: null };
    expect(() => deps.events.publish(tenant, undeclared)).toThrow(/not declared/);
    expect(() => deps.events.publish(tenant, { ...undeclared, family: 'link', name: 'link.clicked' })).toThrow(/not declared/);
    expect(() => deps.events.publish(tenant, { ...undeclared, family: 'message', name: 'contact.opt_out' })).toThrow(/not declared/);
  });
});

describe('job kinds', () => {
  // Issue 25 row 7: imported job payloads were never checked, so an import could make a handler do what no request can.
  it('each declare their payload schema, which the snapshot import checks; a handled kind left undeclared fails at start-up (issue 25 row 7)', () => {
    const { deps } = testApp();
    expect(deps.scheduler.kinds.length).toBeGreaterThan(5);
    for (const kind of deps.scheduler.kinds) expect(deps.scheduler.payloadSchema(kind), kind).toBeDefined();
    const declared = RESOURCES.flatMap((m) => m.jobKinds ?? []).map((k) => k.kind);
    expect(new Set(declared).size).toBe(declared.length);
    const undeclared = { ...RESOURCES[0]!, name: 'undeclared', collections: [], limits: [], scenarioBlocks: [], events: [], jobKinds: [], organization: undefined, create: () => ({ jobs: { 'undeclared.job': () => undefined } }) };
    expect(() => testApp({ modules: [...RESOURCES, undeclared] })).toThrow(/undeclared\.job without declaring it/);
  });
});
