/**
 * Issue 9: secrets that never leak. Canary values (a card number, a CVC, a WhatsApp access token
 * and API keys) go through every path: creates and updates, sandbox calls, refused requests,
 * idempotent replays, scenario-injected errors and completions with callbacks. None may appear
 * in a response, a log line, the journal, the callbacks, the control plane's state or an export.
 * The one exception is by design: `POST /_sim/tenant/keys` shows a new key once, at creation.
 */
import { randomInt, randomUUID } from 'node:crypto';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { capturingLogger, testApp } from '../support/app.js';
import { aBrand, aProfile, INHERITS_TCR } from '../support/builders.js';
import { startReceiver, type Received } from '../support/receiver.js';
import { SentCardData, tenantState } from './leaks.js';

function luhnCard(): string {
  const body = `4${Array.from({ length: 14 }, () => randomInt(10)).join('')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

const hex = () => randomUUID().replace(/-/g, '');
const CANARY = {
  card: luhnCard(),
  cvc: String(randomInt(1000, 10_000)),
  token: `EAAGcanary${hex()}`,
  apiKey: `sk_test_canary${hex()}`,
  unknownKey: `live_canary${hex()}`,
};
const card = (overrides: object = {}) => ({ card_number: CANARY.card, expiry: '12/49', cvc: CANARY.cvc, zip_code: '94105', ...overrides });
const waba = { waba_id: '109876543210987', access_token: CANARY.token, phone_number_id: '105954558954427' };
const secretBody = (extra: object = {}) => ({ ...aProfile(INHERITS_TCR), payment_details: card(), whatsapp_business_account: waba, ...extra });

const { logger, lines } = capturingLogger();
const { app, deps } = testApp({ logger });
const responses: Array<{ label: string; text: string }> = [];
const received: Received[] = [];
const sinks: Record<string, string> = {};

type Req = request.Test;
async function send(label: string, build: (agent: ReturnType<typeof request>) => Req, key: string = CANARY.apiKey) {
  const res = await build(request(app)).set('x-api-key', key);
  const headers = Object.entries(res.headers).map(([k, v]) => `${k}: ${String(v)}`).join('\n');
  responses.push({ label: `${label} → ${res.status}`, text: `${headers}\n\n${res.text ?? ''}` });
  return res;
}
const json = (agent: ReturnType<typeof request>, method: 'post' | 'patch' | 'put', path: string, body: unknown, headers: Record<string, string> = {}) =>
  agent[method](path).set({ 'content-type': 'application/json', ...headers }).send(JSON.stringify(body));

beforeAll(async () => {
  const receiver = await startReceiver();
  try {
    await send('org brand', (a) => json(a, 'patch', '/_sim/tenant', { brand: aBrand(), campaigns: 1 }));
    // The successful paths, with an idempotent replay of the same and of a different body.
    const created = await send('create', (a) => json(a, 'post', '/v3/profiles', secretBody(), { 'idempotency-key': 'canary-1' }));
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    await send('replay', (a) => json(a, 'post', '/v3/profiles', secretBody(), { 'idempotency-key': 'canary-1' }));
    await send('replay, other body', (a) => json(a, 'post', '/v3/profiles', secretBody({ name: 'Other' }), { 'idempotency-key': 'canary-1' }));
    expect((await send('update', (a) => json(a, 'patch', `/v3/profiles/${id}`, { payment_details: card(), whatsapp_business_account: waba }))).status).toBe(200);
    expect((await send('sandbox create', (a) => json(a, 'post', '/v3/profiles', secretBody({ sandbox: true })))).status).toBe(201);
    expect((await send('sandbox update', (a) => json(a, 'patch', `/v3/profiles/${randomUUID()}`, { payment_details: card(), sandbox: true }))).status).toBe(200);

    // Refused requests, at every stage of the pipeline.
    const developer = (await request(app).post('/_sim/tenant/keys').set('x-api-key', CANARY.apiKey).send({ role: 'developer' })).body.key as string;
    const refusals: Array<[string, (a: ReturnType<typeof request>) => Req, string?]> = [
      ['expired card', (a) => json(a, 'post', '/v3/profiles', secretBody({ payment_details: card({ expiry: '01/20' }) }))],
      ['organization billing', (a) => json(a, 'post', '/v3/profiles', secretBody({ billing_model: 'organization' }))],
      ['bad zip and short_name', (a) => json(a, 'post', '/v3/profiles', secretBody({ short_name: '!', payment_details: card({ zip_code: '' }) }))],
      ['sandbox, invalid', (a) => json(a, 'post', '/v3/profiles', secretBody({ sandbox: true, name: '' }))],
      ['malformed JSON', (a) => a.post('/v3/profiles').set('content-type', 'application/json').send(`${JSON.stringify(secretBody())}}`)],
      ['wrong content type', (a) => a.post('/v3/profiles').set('content-type', 'text/plain').send(JSON.stringify(secretBody()))],
      ['over the limit', (a) => json(a, 'post', '/v3/profiles', secretBody({ description: 'x'.repeat(1024 * 1024) }))],
      ['bad idempotency key', (a) => json(a, 'post', '/v3/profiles', secretBody(), { 'idempotency-key': 'not ok!' })],
      ['unknown profile', (a) => json(a, 'patch', `/v3/profiles/${randomUUID()}`, { payment_details: card() })],
      ['developer role', (a) => json(a, 'post', '/v3/profiles', secretBody()), developer],
      ['unknown key', (a) => json(a, 'post', '/v3/profiles', secretBody()), CANARY.unknownKey],
      ['control plane, unknown keys', (a) => json(a, 'patch', '/_sim/tenant', { payment_details: card(), access_token: CANARY.token })],
      // Scenario-injected errors, by header and for the whole tenant.
      ['scenario 503', (a) => json(a, 'post', '/v3/profiles', secretBody(), { 'x-sim-scenario': 'profile-idempotency-store-down' })],
      ['scenario 409', (a) => json(a, 'patch', `/v3/profiles/${id}`, { payment_details: card() }, { 'x-sim-scenario': 'profile-update-conflict' })],
      ['scenario 429', (a) => json(a, 'patch', `/v3/profiles/${id}`, { payment_details: card() }, { 'x-sim-scenario': 'profile-rate-limited' })],
    ];
    for (const [label, build, key] of refusals) expect((await send(label, build, key)).status, label).toBeGreaterThanOrEqual(400);
    await send('tenant scenario on', (a) => json(a, 'put', '/_sim/scenarios/active', { name: 'profile-create-second-call-fails' }));
    for (const n of [1, 2]) await send(`tenant scenario call ${n}`, (a) => json(a, 'post', '/v3/profiles', secretBody()));
    await send('tenant scenario off', (a) => a.delete('/_sim/scenarios/active'));

    // Completions with callbacks: normal, duplicated by a scenario, failed by a scenario.
    for (const scenario of [null, 'completion-callback-duplicated', 'completion-failed']) {
      const p = await send('create for completion', (a) => json(a, 'post', '/v3/profiles', secretBody()));
      const headers: Record<string, string> = scenario ? { 'x-sim-scenario': scenario } : {};
      expect((await send(`complete ${scenario}`, (a) => json(a, 'post', `/v3/profiles/${p.body.data.id}/complete`, { webHookUrl: receiver.url }, headers))).status).toBe(202);
    }
    await send('advance', (a) => json(a, 'post', '/_sim/clock/advance', { seconds: 3 }));
    expect(receiver.received.length).toBe(4);
    received.push(...receiver.received);

    // The places a secret could end up.
    for (const path of ['/_sim/requests', '/_sim/callbacks', '/_sim/tenant', '/_sim/export', '/v3/profiles']) {
      sinks[path] = (await send(path, (a) => a.get(path))).text;
    }
  } finally {
    await receiver.close();
  }
});

const secrets = (): Array<[string, string]> => [
  ['card number', CANARY.card],
  ['CVC', `"${CANARY.cvc}"`],
  ['WhatsApp access token', CANARY.token],
  ['API key', CANARY.apiKey],
  ['unknown API key', CANARY.unknownKey],
];

function expectClean(where: string, texts: string[]): void {
  for (const [name, value] of secrets()) {
    const hit = texts.find((t) => t.includes(value));
    expect(hit === undefined, `${name} found in ${where}: …${hit?.slice(Math.max(0, hit.indexOf(value) - 200), hit.indexOf(value) + 100)}…`).toBe(true);
  }
}

describe('canary secrets', () => {
  it('were sent through every path (the test exercised what it claims)', () => {
    expect(responses.length).toBeGreaterThan(30);
    expect(lines.length).toBeGreaterThan(30);
    expect(JSON.parse(sinks['/_sim/requests']!).requests.length).toBeGreaterThan(25);
  });

  it('never appear in a response, header or body', () => {
    expectClean('responses', responses.map((r) => `${r.label}\n${r.text}`));
  });

  it('never appear in the logs', () => {
    expectClean('logs', lines);
  });

  it('never appear in the request journal', () => {
    expectClean('GET /_sim/requests', [sinks['/_sim/requests']!]);
  });

  it('never appear in callbacks, as recorded or as received', () => {
    expectClean('GET /_sim/callbacks', [sinks['/_sim/callbacks']!]);
    expectClean('the receiver', received.map((r) => `${JSON.stringify(r.headers)}\n${r.body}`));
  });

  it('never appear in the control plane state or an exported snapshot', () => {
    expectClean('GET /_sim/tenant', [sinks['/_sim/tenant']!]);
    expectClean('GET /_sim/export', [sinks['/_sim/export']!]);
  });

  it('leave no card number or CVC anywhere in memory (the token alone is kept, by design)', () => {
    const tenant = deps.tenants.resolve(CANARY.apiKey)!.tenant;
    const sent = new SentCardData();
    sent.record({ payment_details: card() });
    expect(sent.leaksIn(tenantState(tenant), 'tenant')).toEqual([]);
  });
});
