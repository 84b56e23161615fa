// The self-check of scripts/conformance.mjs: proof that the Prism proxy really validates, on the
// profile family and on the messaging surface (messages, webhooks, templates, contacts, users, me).
// A tiny "planted" server answers each request with a response we choose; a second
// `prism proxy --errors` stands in front of it. Every (operation, status) the run saw is
// replayed through it twice: once unchanged (Prism must stay quiet) and once per planted
// mistake (Prism must report it). A response schema Prism silently stopped validating — the
// failure mode of stoplightio/prism#1931 — shows up here as a mistake that went unreported.
import http from 'node:http';
import { HOST, parseViolations } from './harness.mjs';
import { enumFields, matchOperation, mutate, nullableEnumHazards, responseSchema } from './spec.mjs';

const PLANT_HEADER = 'x-conformance-plant';
const NOT_REPLAYED = /^(content-length|connection|keep-alive|transfer-encoding|date|access-control-.*)$/i;

/** Answers every request with the response planted under its `x-conformance-plant` id. */
export async function startPlantServer() {
  const planted = new Map();
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const response = planted.get(req.headers[PLANT_HEADER]);
      if (!response) {
        res.writeHead(599, { 'content-type': 'text/plain' }).end('nothing planted under this id');
        return;
      }
      res.writeHead(response.status, response.headers);
      res.end(response.body);
    });
  });
  await new Promise((resolve) => server.listen(0, HOST, resolve));
  return {
    url: `http://${HOST}:${server.address().port}`,
    plant: (response) => {
      const id = `p${planted.size + 1}`;
      planted.set(id, response);
      return id;
    },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Replays a recorded request through the planted proxy; resolves with Prism's violations. */
async function replay(proxyUrl, plantServer, recorder, exchange, response) {
  const id = plantServer.plant(response);
  recorder.counts.planted++;
  const res = await fetch(`${proxyUrl}${exchange.path}`, {
    method: exchange.method,
    headers: { ...exchange.requestHeaders, [PLANT_HEADER]: id },
    body: exchange.requestBody,
    signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer();
  return { status: res.status, violations: parseViolations(res.headers.get('sl-violations')) };
}

function asPlanted(exchange, { body = exchange.json, dropHeader } = {}) {
  const headers = {};
  for (const [name, value] of Object.entries(exchange.headers)) {
    if (!NOT_REPLAYED.test(name) && name !== dropHeader) headers[name] = value;
  }
  const text = body === undefined ? exchange.text : JSON.stringify(body);
  return { status: exchange.status, headers, body: text };
}

/** The planted mistakes for one recorded response, each with where it was planted. */
function mistakesFor(spec, exchange, schemaRef) {
  const mistakes = [{ kind: 'required header X-Request-Id removed', dropHeader: 'x-request-id', at: ['response', 'header'] }];
  if (exchange.json === undefined || schemaRef === null) return mistakes;
  mistakes.push({ kind: 'success: "yes"', body: mutate(exchange.json, ['success'], 'yes'), at: bodyAt(['success']) });
  mistakes.push({ kind: 'meta removed', body: mutate(exchange.json, ['meta'], undefined), at: bodyAt([]) });
  const enums = enumFields(spec, schemaRef, exchange.json).filter((f) => f.path.join('.') !== 'meta.version');
  const nullableEnum = enums.find((f) => f.nullable);
  if (nullableEnum) {
    mistakes.push({ kind: 'nullable enum set to "BOGUS"', field: nullableEnum, body: mutate(exchange.json, nullableEnum.path, 'BOGUS'), at: bodyAt(nullableEnum.path) });
  }
  const plainEnum = enums.find((f) => !f.nullable);
  if (plainEnum) mistakes.push({ kind: 'enum set to "bogus"', field: plainEnum, body: mutate(exchange.json, plainEnum.path, 'bogus'), at: bodyAt(plainEnum.path) });
  return mistakes;
}

const bodyAt = (path) => ['response', 'body', ...path.map(String)];

/** Prism reported the planted mistake itself: a violation located at (or under) where it was planted. */
const reportedAt = (violations, at) => violations.some((v) => at.every((segment, i) => String(v.location?.[i]) === segment));

const where = (field) => (field ? ` at ${field.path.join('.')} (spec ${field.pointer})` : '');

/** The largest recorded response per (operation, status): the one with the most fields to plant in. */
function representatives(spec, exchanges) {
  const byKey = new Map();
  for (const exchange of exchanges) {
    const op = matchOperation(spec, exchange.method, exchange.path);
    if (!op) continue;
    const key = `${op.operationId} ${exchange.status}`;
    const current = byKey.get(key);
    if (!current || exchange.text.length > current.exchange.text.length) byKey.set(key, { key, op, exchange });
  }
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** A named mistake; a removed key is reported on its parent (`required`), a wrong value on itself. */
function planted(rep, kind, path, value) {
  const at = bodyAt(value === undefined ? path.slice(0, -1) : path);
  return { rep, kind, path, at, body: mutate(rep.exchange.json, path, value) };
}

/**
 * Named mistakes on a recorded `GET /v3/profiles` (with a branded profile) and campaign list:
 * a wrong top-level type, a missing `meta`, and wrong values in plain and nullable enums —
 * the fields where Prism's nullable-enum blind spot would show.
 */
function profileMistakes(reps) {
  const named = [];
  const list = reps.find((r) => r.key === 'listProfiles 200');
  const branded = list?.exchange.json?.data?.profiles?.findIndex((p) => p.brand?.compliance) ?? -1;
  if (list && branded >= 0) {
    const p = ['data', 'profiles', branded];
    named.push(
      ...[
        ['success: "yes"', ['success'], 'yes'],
        ['meta missing', ['meta'], undefined],
        ['profile status: "bogus"', [...p, 'status'], 'bogus'],
        ['billing_model: "bogus"', [...p, 'billing_model'], 'bogus'],
        ['brand status: "BOGUS" (nullable enum)', [...p, 'brand', 'status'], 'BOGUS'],
        ['brand identity_status: "BOGUS" (nullable enum)', [...p, 'brand', 'identity_status'], 'BOGUS'],
        ['brand compliance.vertical: "BOGUS" (nullable enum)', [...p, 'brand', 'compliance', 'vertical'], 'BOGUS'],
      ].map(([kind, path, value]) => planted(list, `GET /v3/profiles ${kind}`, path, value)),
    );
  }
  const campaigns = reps.find((r) => r.key === 'listCampaigns 200' && r.exchange.json?.data?.length > 0);
  if (campaigns) {
    named.push(
      ...[
        ['campaign status: "BOGUS" (nullable enum)', ['data', 0, 'status'], 'BOGUS'],
        // Sent dropped sharingStatus (2026-11); volume is a numeric string or null.
        ['campaign volume: "lots" (nullable pattern)', ['data', 0, 'volume'], 'lots'],
        ['use case messagingUseCaseUs: "BOGUS"', ['data', 0, 'useCases', 0, 'messagingUseCaseUs'], 'BOGUS'],
      ].map(([kind, path, value]) => planted(campaigns, `GET campaigns ${kind}`, path, value)),
    );
  }
  return { named, missing: [!list || branded < 0 ? 'a GET /v3/profiles 200 with a branded profile' : null, campaigns ? null : 'a non-empty GET campaigns 200'].filter(Boolean) };
}

/**
 * Named mistakes on the messaging surface: one wrong value each in a message, a delivery-log
 * row, a template, a contact, a user, `/v3/me`, a send answer and a webhook's secret — enums
 * (plain and nullable), a type, and a required key removed.
 */
const NEW_SURFACE = [
  ['retrieveMessageStatus 200', 'GET /v3/messages/{id}', [['status: "BOGUS"', ['data', 'status'], 'BOGUS'], ['direction: "sideways"', ['data', 'direction'], 'sideways'], ['events[0].status: "BOGUS"', ['data', 'events', 0, 'status'], 'BOGUS']]],
  ['listMessageActivities 200', 'GET /v3/messages/{id}/activities', [['activities[0].price: 0.0075 (a number, not a string)', ['data', 'activities', 0, 'price'], 0.0075]]],
  ['sendMessage 202', 'POST /v3/messages', [['recipients[0].channel: "fax" (nullable enum)', ['data', 'recipients', 0, 'channel'], 'fax'], ['recipients[0].message_id removed', ['data', 'recipients', 0, 'message_id'], undefined]]],
  ['listWebhookEvents 200', 'GET /v3/webhooks/{id}/events', [['events[0].delivery_status: "BOGUS"', ['data', 'events', 0, 'delivery_status'], 'BOGUS']]],
  ['createWebhook 201', 'POST /v3/webhooks', [['signing_secret: 42', ['data', 'signing_secret'], 42]]],
  ['listTemplates 200', 'GET /v3/templates', [['templates[0].status: "BOGUS"', ['data', 'templates', 0, 'status'], 'BOGUS'], ['templates[0].category: "BOGUS"', ['data', 'templates', 0, 'category'], 'BOGUS']]],
  ['listContacts 200', 'GET /v3/contacts', [['contacts[0].default_channel: "rcs"', ['data', 'contacts', 0, 'default_channel'], 'rcs'], ['pagination removed', ['data', 'pagination'], undefined]]],
  ['listUsers 200', 'GET /v3/users', [['users[0].role: "owner"', ['data', 'users', 0, 'role'], 'owner']]],
  ['retrieveMe 200', 'GET /v3/me', [['type: "user-ish"', ['data', 'type'], 'user-ish'], ['channels.rcs removed', ['data', 'channels', 'rcs'], undefined]]],
];

const present = (json, path) => path.slice(0, -1).reduce((node, key) => (node == null ? undefined : node[key]), json) != null;

function newSurfaceMistakes(reps) {
  const named = [];
  const missing = [];
  for (const [key, label, mistakes] of NEW_SURFACE) {
    const rep = reps.find((r) => r.key === key && mistakes.every(([, path]) => present(r.exchange.json, path)));
    if (!rep) missing.push(`a ${key} with ${mistakes.map(([, path]) => path.slice(0, -1).join('.')).join(', ')}`);
    else named.push(...mistakes.map(([kind, path, value]) => planted(rep, `${label} ${kind}`, path, value)));
  }
  return { named, missing };
}

function namedMistakes(reps) {
  const profiles = profileMistakes(reps);
  const surface = newSurfaceMistakes(reps);
  return { named: [...profiles.named, ...surface.named], missing: [...profiles.missing, ...surface.missing] };
}

function specPointerOf(spec, rep, path) {
  const schemaRef = responseSchema(spec, rep.op, rep.exchange.status);
  const field = schemaRef && enumFields(spec, schemaRef, rep.exchange.json).find((f) => f.path.join('.') === path.join('.'));
  return field ? ` (spec ${field.pointer})` : '';
}

/** Runs `fn` over `items`, at most `limit` at a time (Prism is one process; do not flood it). */
async function inParallel(items, fn, limit = 8) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Runs the whole self-check; every outcome lands in `recorder.checks` under "self-check". */
export async function runSelfCheck({ spec, recorder, proxyUrl, plantServer, lenient, key }) {
  const check = (name, ok, detail) => recorder.check('self-check', name, ok, detail);
  recorder.step = 'self-check';

  const hazards = nullableEnumHazards(spec);
  check('spec has no `enum` containing null and no OAS 3.0 `nullable` (Prism #1931)', hazards.length === 0, hazards.join('; '));

  const reps = representatives(spec, recorder.exchanges);
  const { named, missing } = namedMistakes(reps);
  for (const what of missing) check(`the run recorded ${what} to plant mistakes in`, false, 'flows did not produce it');
  let namedCaught = 0;
  await inParallel(named, async (n) => {
    const { violations } = await replay(proxyUrl, plantServer, recorder, n.rep.exchange, asPlanted(n.rep.exchange, { body: n.body }));
    const ok = reportedAt(violations, n.at);
    if (ok) namedCaught++;
    check(`planted ${n.kind} is reported`, ok, ok ? '' : `NOT reported${specPointerOf(spec, n.rep, n.path)}; Prism said ${JSON.stringify(violations).slice(0, 300)}`);
  });

  // Request side: a wrong value in a nullable enum of a request body must be reported too.
  const badRequest = await lenient.post('/v3/profiles', { name: 'Self check', billing_model: 'bogus' }, { key, expect: { status: 400, code: 'VALIDATION_001' } });
  check(
    'request billing_model: "bogus" (nullable enum) is reported',
    badRequest.requestViolations.some((v) => v.location.join('.') === 'request.body.billing_model'),
    'NOT reported (spec #/components/schemas/CreateProfileRequest/properties/billing_model)',
  );

  let clean = 0;
  let caught = 0;
  let plantedCount = 0;
  await inParallel(reps, async (rep) => {
    const control = await replay(proxyUrl, plantServer, recorder, rep.exchange, asPlanted(rep.exchange));
    if (control.violations.length === 0) clean++;
    else check(`unchanged replay of ${rep.key} is clean`, false, JSON.stringify(control.violations).slice(0, 400));
    const schemaRef = responseSchema(spec, rep.op, rep.exchange.status);
    for (const mistake of mistakesFor(spec, rep.exchange, schemaRef)) {
      plantedCount++;
      const { violations } = await replay(proxyUrl, plantServer, recorder, rep.exchange, asPlanted(rep.exchange, mistake));
      if (reportedAt(violations, mistake.at)) caught++;
      else check(`${rep.key}: planted ${mistake.kind} is reported`, false, `NOT reported${where(mistake.field)}; Prism said ${JSON.stringify(violations).slice(0, 300)}`);
    }
  });
  check(`unchanged replays are clean (${clean}/${reps.length} (operation, status) pairs)`, clean === reps.length);
  check(`planted mistakes are reported (${caught}/${plantedCount} across ${reps.length} (operation, status) pairs)`, caught === plantedCount);
  return { pairs: reps.length, named: named.length, namedCaught, planted: plantedCount, caught };
}
