/**
 * Issue 9: hostile input. Every attack must get a clear error (the Sent envelope on /v3, a
 * problem document on /_sim; never HTML or a stack trace), leave the process up (the next GET
 * works) and leave the tenant's state as it was (`GET /_sim/export`, minus `exported_at`).
 * Transport-level attacks (bytes Node's HTTP parser refuses) are in hostile-transport.test.ts.
 */
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/errors/catalog.js';
import { tenantKey, testApp } from '../support/app.js';
import { aBrand, aProfile } from '../support/builders.js';
import { aCampaignRequest } from '../support/campaign-builders.js';
import { bodyRoutes, deepArray, deepObject, expectCleanError, type Route } from './hostile-support.js';
import { exportedState, listen } from './support.js';

const { app } = testApp();
const key = tenantKey();
let base: string;
let close: () => Promise<void>;
let routes: Route[];
let profileId: string;
const tally = { cases: 0 };

beforeAll(async () => {
  const server = await listen(app);
  base = server.url;
  close = () => server.close();
  const as = (t: request.Test) => t.set('x-api-key', key);
  await as(request(app).patch('/_sim/tenant')).send({ brand: aBrand(), campaigns: 1 });
  profileId = (await as(request(app).post('/v3/profiles')).send(aProfile({ brand: aBrand(), inherit_tcr_campaign: false }))).body.data.id;
  const campaignId = (await as(request(app).post(`/v3/profiles/${profileId}/campaigns`)).send(aCampaignRequest())).body.data.id;
  routes = bodyRoutes(profileId, campaignId);
});
afterAll(async () => {
  console.log(`hostile input: ${tally.cases} cases`);
  await close();
});

interface Sent {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | ReadableStream<Uint8Array>;
}

/** fetch, so that nothing is added or normalised: no default content type, bodies as given. */
async function send({ method, path, headers = {}, body }: Sent) {
  const res = await fetch(base + path, {
    method,
    headers: { 'x-api-key': key, ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  });
  return { status: res.status, headers: Object.fromEntries(res.headers), text: await res.text() };
}

const json = { 'content-type': 'application/json' };

/** One attack: a clean error with one of `status`, the state unchanged, the process still up. */
async function attack(sent: Sent, status: number | number[], same: (state: unknown) => unknown = (s) => s) {
  const before = same(await exportedState(app, key));
  const res = await send(sent);
  const body = expectCleanError(res, sent.path, status);
  expect(same(await exportedState(app, key)), `state after ${sent.method} ${sent.path}`).toEqual(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect((await send({ method: 'GET', path: '/v3/profiles' })).status).toBe(200);
  tally.cases++;
  return body as { error?: { code: string; details: Record<string, string[]> | null }; code?: string };
}

describe('malformed JSON', () => {
  const bodies = ['{', '{"name": "x",}', '[1,', 'nul', '{"name":"x"}}', "{'name':'x'}", '"a string"', '123', 'null', '{"name":"\\x"}', '{"a":1}\u0000'];
  it('answers 400 VALIDATION_001 on every route, for every kind of broken JSON', async () => {
    for (const route of routes) {
      for (const body of bodies) {
        const res = await attack({ ...route, headers: json, body }, 400);
        if (route.path.startsWith('/v3')) expect(res.error).toMatchObject({ code: 'VALIDATION_001', details: { body: [MESSAGES.malformedJson] } });
      }
    }
  });
});

describe('content types', () => {
  const types: Array<[string | null, string]> = [
    ['text/plain', '{"name":"x"}'],
    ['application/x-www-form-urlencoded', 'name=x'],
    ['multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--b--'],
    ['application/xml', '<name>x</name>'],
    ['application/json; charset=utf-16', '{"name":"x"}'],
    ['', '{"name":"x"}'],
    [null, '{"name":"x"}'],
  ];
  it('refuses a body that is not declared as JSON, or not declared at all, with 400', async () => {
    for (const route of routes) {
      for (const [type, body] of types) {
        // A Uint8Array body makes fetch send no content type at all.
        const sent = type === null ? { ...route, body: new TextEncoder().encode(body) } : { ...route, headers: { 'content-type': type }, body };
        await attack(sent, 400);
      }
    }
  });
});

describe('bodies over the limit (1 MiB)', () => {
  const big = JSON.stringify({ name: 'x'.repeat(1024 * 1024) });
  it('answers 413 VALIDATION_001 on every route', async () => {
    for (const route of routes) {
      const res = await attack({ ...route, headers: json, body: big }, 413);
      if (route.path.startsWith('/v3')) expect(res.error?.details).toEqual({ body: [MESSAGES.bodyTooLarge] });
    }
  });

  it('answers 413 to a chunked body without a length, and to a gzip bomb', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode(i === 0 ? '{"name":"' : 'x'.repeat(64 * 1024)));
        controller.close();
      },
    });
    await attack({ method: 'POST', path: '/v3/profiles', headers: json, body: stream }, 413);
    const bomb = gzipSync(Buffer.from(JSON.stringify({ name: 'a'.repeat(8 * 1024 * 1024) })));
    await attack({ method: 'POST', path: '/v3/profiles', headers: { ...json, 'content-encoding': 'gzip' }, body: bomb }, 413);
  });

  it('answers 400 to a corrupt compressed body and to an unknown content encoding', async () => {
    await attack({ method: 'POST', path: '/v3/profiles', headers: { ...json, 'content-encoding': 'gzip' }, body: 'not gzip at all' }, 400);
    await attack({ method: 'POST', path: '/v3/profiles', headers: { ...json, 'content-encoding': 'x-unknown' }, body: '{"name":"x"}' }, 400);
  });
});

describe('deep nesting', () => {
  /** A field of each route whose schema wants something else than a deep object. */
  const typedField = (route: Route) =>
    route.path.endsWith('/complete') ? 'webHookUrl'
    : route.path.includes('/campaigns') && route.method !== 'DELETE' ? 'campaign'
    : route.method === 'DELETE' ? 'sandbox'
    : ({ '/_sim/tenant/keys': 'role', '/_sim/clock/advance': 'seconds', '/_sim/scenarios/active': 'name', '/_sim/import': 'format' } as Record<string, string>)[route.path] ?? 'brand';

  it.each([10_000, 100_000])('refuses %i levels of arrays or objects on every route, with and without an Idempotency-Key', async (depth) => {
    for (const route of routes) {
      await attack({ ...route, headers: json, body: deepArray(depth) }, 400);
      const deep = `{"${typedField(route)}":${deepObject(depth)}}`;
      await attack({ ...route, headers: json, body: deep }, 400);
      await attack({ ...route, headers: { ...json, 'idempotency-key': `deep-${depth}` }, body: deep }, 400);
    }
  });
});

describe('huge arrays', () => {
  const campaignWith = (useCases: unknown[]) => JSON.stringify({ campaign: { name: 'n', description: 'd', type: 'App', useCases } });
  it('refuses 100,000 sample messages, 250,000 empty use cases and 100,000 destination countries quickly, with a bounded answer', async () => {
    const [create, replace] = [routes[4]!, routes[5]!];
    const cases: Sent[] = [
      { ...create, body: campaignWith([{ messagingUseCaseUs: 'MARKETING', sampleMessages: Array(100_000).fill('hi') }]) },
      { ...replace, body: campaignWith([{ messagingUseCaseUs: 'MARKETING', sampleMessages: Array(100_000).fill('hi') }]) },
      { ...create, body: campaignWith(Array(250_000).fill({})) },
      { ...routes[1]!, body: JSON.stringify({ brand: { ...aBrand(), compliance: { brandRelationship: 'X', vertical: 'Y', destinationCountries: Array(100_000).fill({}) } } }) },
      { method: 'PATCH', path: '/_sim/tenant', body: JSON.stringify(Array(300_000).fill(0)) },
      { method: 'POST', path: '/_sim/import', body: JSON.stringify({ format: 'sent-sim-tenant/1', profiles: Array(200_001).fill({}) }) },
    ];
    for (const c of cases) {
      const started = performance.now();
      const res = await send({ ...c, headers: json });
      expectCleanError(res, c.path, 400);
      expect(performance.now() - started, `${c.method} ${c.path}`).toBeLessThan(3000);
      expect(res.text.length, `${c.method} ${c.path}`).toBeLessThan(256 * 1024);
      await attack({ ...c, headers: json }, 400);
    }
  });
});

describe('control-plane snapshots', () => {
  it('refuses a snapshot whose records have the wrong types, before replacing anything', async () => {
    const snapshot = (await exportedState(app, key)) as Record<string, unknown> & { collections: Record<string, unknown[]> };
    const id = '3f1c2a9e-5b7d-4c8e-9f0a-1b2c3d4e5f60';
    const records = (change: Record<string, unknown[]>) => ({ collections: { ...snapshot.collections, ...change } });
    const broken: Array<Record<string, unknown>> = [
      records({ campaigns: [{ id, profileId: null, useCases: 'not a list' }] }),
      records({ campaigns: [{ id, profileId: null, useCases: [{ sampleMessages: 42 }] }] }),
      records({ profiles: [{ id, name: 5, status: 'incomplete', deleted_at: null }] }),
      records({ profiles: [{ id, name: 'x', status: 'weird', deleted_at: null }] }),
      records({ profiles: [{ id, name: 'x', status: 'incomplete', deleted_at: null, brand: 'not a brand' }] }),
      records({ profiles: [{ id: 'not-a-uuid', name: 'x', status: 'incomplete', deleted_at: null }] }),
      records({ nonsense: [] }),
      { organization: { name: 'x', email: 'x', waba: null, brand: { id: 1 } } },
      { jobs: [{ id: 'job_1', kind: 'no-such-kind', due_at: '2026-01-01T00:00:00Z', payload: {} }] },
    ];
    for (const change of broken) await attack({ method: 'POST', path: '/_sim/import', headers: json, body: JSON.stringify({ ...snapshot, ...change }) }, 400);
    // The simulator's own export still imports.
    expect((await send({ method: 'POST', path: '/_sim/import', headers: json, body: JSON.stringify(snapshot) })).status).toBe(200);
  });
});

describe('prototype pollution', () => {
  const bodies = [
    '{"__proto__": {"polluted": 1}}',
    '{"constructor": {"prototype": {"polluted": 1}}}',
    '{"prototype": {"polluted": 1}}',
    '{"brand": {"__proto__": {"polluted": 1}, "contact": {"constructor": {"prototype": {"polluted": 1}}}}}',
  ];
  // A PATCH of unknown keys only is a valid, empty update (Sent ignores unknown keys): it moves updated_at.
  const withoutStamps = (state: unknown) => JSON.parse(JSON.stringify(state), (k, v: unknown) => (k === 'updated_at' || k === 'updatedAt' ? undefined : v));

  it('leaves Object.prototype untouched after __proto__, constructor and prototype keys on every POST, PATCH and PUT', async () => {
    const names = Object.getOwnPropertyNames(Object.prototype).sort();
    for (const route of routes.filter((r) => r.method !== 'DELETE')) {
      for (const body of bodies) {
        const before = withoutStamps(await exportedState(app, key));
        const res = await send({ ...route, headers: json, body });
        expect(res.text).not.toMatch(/polluted/);
        if (res.status >= 400) expectCleanError(res, route.path, 400);
        else expect(res.status).toBe(200);
        expect(withoutStamps(await exportedState(app, key))).toEqual(before);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(names);
        tally.cases++;
      }
    }
  });

  it('stores nothing odd from a valid create that carries __proto__ keys, and survives them in the query and headers', async () => {
    const res = await send({ method: 'POST', path: '/v3/profiles', headers: json, body: '{"name":"Proto","__proto__":{"polluted":1,"status":"approved"}}' });
    expect(res.status).toBe(201);
    const stored = JSON.parse(res.text).data;
    expect(stored).toMatchObject({ name: 'Proto', status: 'incomplete' });
    expect(stored.polluted).toBeUndefined();
    // The journal shows the body as it was sent: the key is kept as data, not turned into a prototype.
    const journal = JSON.parse((await send({ method: 'GET', path: '/_sim/requests' })).text).requests as Array<{ request_id: string; body: unknown }>;
    const journalled = journal.find((r) => r.request_id === res.headers['x-request-id'])?.body as Record<string, unknown>;
    expect(Object.keys(journalled)).toEqual(['name', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(journalled, '__proto__')?.value).toEqual({ polluted: 1, status: 'approved' });
    await send({ method: 'DELETE', path: `/v3/profiles/${stored.id}` });
    for (const path of ['/v3/profiles?__proto__[polluted]=1&constructor[prototype][polluted]=1', `/v3/profiles/${profileId}?__proto__=1`, '/_sim/tenant?__proto__[polluted]=1']) {
      expect((await send({ method: 'GET', path, headers: { __proto__: 'polluted', constructor: 'x' } })).status).toBe(200);
    }
    const other = tenantKey();
    expect((await request(app).post('/_sim/reset').set('x-api-key', other).set('content-type', 'application/json').send(bodies[0])).status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    tally.cases += 5;
  });
});

describe('unicode and control characters', () => {
  const names = [
    '👩🏽‍💻 Équipe 東京',
    'مرحبا بالعالم',
    'zero\u200bwidth\u200djoiner\ufeff',
    'e\u0301 combining',
    'nul\u0000 bell\u0007 esc\u001b del\u007f',
    'line\u2028separator\u2029',
    'tab\t cr\r lf\n',
    '\ud800 lone surrogate',
    '\udfff\ud800 reversed pair',
    '𝄞 outside the BMP \uffff',
    '<script>alert(1)</script> "quotes" \\ backslash',
    'x'.repeat(255), // the longest name the spec allows (maxLength, issue 15)
  ];
  it.each(names.map((n) => [JSON.stringify(n).slice(0, 40), n]))('round-trips %s through create, PATCH, GET and the list', async (_label, name) => {
    const res = await send({ method: 'POST', path: '/v3/profiles', headers: json, body: JSON.stringify({ name, description: name }) });
    expect(res.status).toBe(201);
    const id = JSON.parse(res.text).data.id as string;
    const patched = await send({ method: 'PATCH', path: `/v3/profiles/${id}`, headers: json, body: JSON.stringify({ icon: name }) });
    expect(JSON.parse(patched.text).data).toMatchObject({ name, description: name, icon: name });
    expect(JSON.parse((await send({ method: 'GET', path: `/v3/profiles/${id}` })).text).data).toMatchObject({ name, description: name, icon: name });
    const listed = JSON.parse((await send({ method: 'GET', path: '/v3/profiles' })).text).data.profiles as Array<{ id: string; name: string }>;
    expect(listed.find((p) => p.id === id)?.name).toBe(name);
    JSON.parse((await send({ method: 'GET', path: '/_sim/requests' })).text);
    await send({ method: 'DELETE', path: `/v3/profiles/${id}` });
    tally.cases++;
  });

  it('refuses a body that is not valid UTF-8 instead of storing replacement characters', async () => {
    const invalid = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('"}')]);
    const res = await attack({ method: 'POST', path: '/v3/profiles', headers: json, body: invalid }, 400);
    expect(res.error?.details).toEqual({ body: [MESSAGES.malformedJson] });
  });
});
