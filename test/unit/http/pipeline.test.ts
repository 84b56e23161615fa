/**
 * The `/v3` operation pipeline (src/http/api.ts) against a small fixture spec and one fixture
 * module, table-driven: route table, path ids, access, validation and rules in one pass, the
 * scenario stage, the handler, and the one writer with its record (issue 21).
 */
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { createDeps } from '../../../src/deps.js';
import { MESSAGES } from '../../../src/errors/catalog.js';
import type { ErrorDetails } from '../../../src/errors/sim-error.js';
import type { OpContext } from '../../../src/http/operation.js';
import { created, noContent, ok } from '../../../src/http/result.js';
import { RequestValidator, type SpecDocument } from '../../../src/http/validation.js';
import type { ResourceModule } from '../../../src/resources/module.js';
import type { Scenario } from '../../../src/scenarios/types.js';
import { capturingLogger, tenantKey } from '../../support/app.js';

const WIDGET = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1 }, size: { type: 'integer', maximum: 10 }, sandbox: { type: 'boolean' } },
};
const ID_PARAM = { name: 'widgetId', in: 'path', required: true, schema: { type: 'string' }, 'x-sim-invalid-id-message': 'Invalid widget ID format' };
const body = (required: boolean, schema = 'Widget') => ({ required, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } } });

const spec = {
  paths: {
    '/v3/widgets': { get: { operationId: 'listWidgets' }, post: { operationId: 'createWidget', requestBody: body(true) } },
    '/v3/widgets/special': { get: { operationId: 'specialWidget' } },
    '/v3/widgets/slow': { get: { operationId: 'slowWidget' } },
    '/v3/widgets/{widgetId}': {
      get: { operationId: 'retrieveWidget', parameters: [ID_PARAM] },
      patch: { operationId: 'updateWidget', parameters: [ID_PARAM], requestBody: body(false, 'WidgetUpdate') },
      delete: { operationId: 'deleteWidget', parameters: [ID_PARAM], requestBody: body(false, 'WidgetUpdate') },
    },
    '/v3/gadgets': { get: { operationId: 'listGadgets' } },
  },
  components: { schemas: { Widget: WIDGET, WidgetUpdate: { ...WIDGET, required: [] } } },
} as unknown as SpecDocument;

/** What each handler and rule saw, in order. */
const calls: Array<{ op: string; c: OpContext; schema?: ErrorDetails | null }> = [];
const widgets: ResourceModule = {
  name: 'widgets',
  create: () => ({
    operations: {
      listWidgets: { access: 'read', handle: (c) => (calls.push({ op: 'listWidgets', c }), ok([])) },
      specialWidget: { access: 'read', handle: (c) => (calls.push({ op: 'specialWidget', c }), ok({ special: true })) },
      // Busy for 4 ms of its own (no timer): answers that take a measurable time.
      slowWidget: {
        access: 'read',
        handle: () => {
          const until = performance.now() + 4;
          while (performance.now() < until);
          return ok({ slow: true });
        },
      },
      retrieveWidget: { access: 'read', handle: (c) => (calls.push({ op: 'retrieveWidget', c }), ok({ id: c.params.widgetId })) },
      createWidget: {
        access: 'write',
        // A rule beside the schema: a name must not be "forbidden"; it sees what the schema found.
        check: (c, schema) => {
          calls.push({ op: 'check', c, schema });
          const problems: ErrorDetails = (c.body as { name?: unknown }).name === 'forbidden' ? { name: ['Name is forbidden'] } : {};
          return problems;
        },
        handle: (c) => (calls.push({ op: 'createWidget', c }), created({ id: 'w1', ...(c.body as object), sandbox: c.sandbox })),
      },
      updateWidget: { access: 'write', handle: (c) => (calls.push({ op: 'updateWidget', c }), ok({ id: c.params.widgetId, body: c.body })) },
      deleteWidget: { access: 'write', ignoresSandbox: true, handle: (c) => (calls.push({ op: 'deleteWidget', c }), noContent()) },
    },
  }),
};
const scenarios = new Map<string, Scenario>([
  ['widget-create-fails', { name: 'widget-create-fails', description: 'd', example: 'e', file: 'fixture', rules: [{ operation: 'createWidget', respond: { error: 'INTERNAL_001' } }] }],
  ['widget-second-fails', { name: 'widget-second-fails', description: 'd', example: 'e', file: 'fixture', rules: [{ operation: 'createWidget', sequence: ['pass', { error: 'BUSINESS_002' }] }] }],
]);
const log = capturingLogger();
const deps = createDeps({ spec, validator: new RequestValidator(spec), modules: [widgets], scenarios, sleep: async () => {}, logger: log.logger });
const app = createApp(deps);

const UUID = '5D2B8C4E-1F3A-4B6C-8D9E-0A1B2C3D4E5F';
let owner: string;
let developer: string;
beforeAll(async () => {
  owner = tenantKey();
  const res = await request(app).post('/_sim/tenant/keys').set('x-api-key', owner).send({ role: 'developer' });
  expect(res.status).toBe(201);
  developer = res.body.key as string;
});

interface Row {
  name: string;
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  key?: () => string;
  status: number;
  code?: string;
  details?: ErrorDetails;
  /** The handler that ran (none: refused before it). */
  ran?: string;
}

const ROWS: Row[] = [
  { name: 'a literal route before a parameter', method: 'get', path: '/v3/widgets/special', status: 200, ran: 'specialWidget' },
  { name: 'literals case-insensitively, one trailing slash', method: 'get', path: '/V3/Widgets/', status: 200, ran: 'listWidgets' },
  { name: 'a path outside the spec', method: 'get', path: '/v3/sprockets', status: 404, code: 'RESOURCE_013' },
  { name: 'a method the path does not have', method: 'delete', path: '/v3/widgets', status: 404, code: 'RESOURCE_013' },
  { name: 'an operation no module serves', method: 'get', path: '/v3/gadgets', status: 501, code: 'INTERNAL_005' },
  { name: 'a malformed path id', method: 'get', path: '/v3/widgets/not-a-uuid', status: 400, code: 'VALIDATION_001', details: { widgetId: ['Invalid widget ID format'] } },
  { name: 'a malformed percent escape', method: 'get', path: '/v3/widgets/%ZZ', status: 400, code: 'VALIDATION_001', details: { path: [MESSAGES.malformedPath] } },
  { name: 'a path id, lower-cased', method: 'get', path: `/v3/widgets/${UUID}`, status: 200, ran: 'retrieveWidget' },
  { name: 'a role without write access', method: 'post', path: '/v3/widgets', body: { name: 'w' }, key: () => developer, status: 403, code: 'AUTH_004' },
  { name: 'no key', method: 'get', path: '/v3/widgets', key: () => '', status: 401, code: 'AUTH_001' },
  { name: 'schema and rule problems in one answer', method: 'post', path: '/v3/widgets', body: { name: 'forbidden', size: 11 }, status: 400, code: 'VALIDATION_001', details: { name: ['Name is forbidden'], size: ['The size field is invalid'] } },
  { name: 'a required body that is absent', method: 'post', path: '/v3/widgets', status: 400, code: 'VALIDATION_001', details: { body: [MESSAGES.bodyRequired] } },
  { name: 'an optional body that is absent', method: 'patch', path: `/v3/widgets/${UUID}`, status: 200, ran: 'updateWidget' },
  { name: 'a DELETE without a body', method: 'delete', path: `/v3/widgets/${UUID}`, status: 204, ran: 'deleteWidget' },
  { name: 'validation before the scenario', method: 'post', path: '/v3/widgets', body: { name: '' }, headers: { 'x-sim-scenario': 'widget-create-fails' }, status: 400, code: 'VALIDATION_001' },
  { name: 'an error the scenario injects', method: 'post', path: '/v3/widgets', body: { name: 'w' }, headers: { 'x-sim-scenario': 'widget-create-fails' }, status: 500, code: 'INTERNAL_001' },
  { name: 'an unknown scenario', method: 'post', path: '/v3/widgets', body: { name: 'w' }, headers: { 'x-sim-scenario': 'nope' }, status: 400, code: 'VALIDATION_001' },
  { name: 'a valid create', method: 'post', path: '/v3/widgets', body: { name: 'w', size: 3 }, status: 201, ran: 'createWidget' },
];

async function send(row: Row) {
  let t = request(app)[row.method](row.path).set('x-api-key', row.key ? row.key() : owner);
  for (const [name, value] of Object.entries(row.headers ?? {})) t = t.set(name, value);
  return row.body === undefined ? t : t.send(row.body as object);
}

describe('the operation pipeline', () => {
  it.each(ROWS)('$name → $status', async (row) => {
    calls.length = 0;
    const res = await send(row);
    expect(res.status, res.text).toBe(row.status);
    const ran = calls.filter((c) => c.op !== 'check').map((c) => c.op);
    expect(ran).toEqual(row.ran ? [row.ran] : []);
    if (row.code) {
      expect(res.body).toMatchObject({ success: false, data: null, error: { code: row.code } });
      if (row.details) expect(res.body.error.details).toEqual(row.details);
    }
    // The writer: every answer carries its request id, the API version and its time.
    expect(res.headers['x-request-id']).toMatch(/^req_\w{10}$/);
    expect(res.headers['x-api-version']).toBe('v3');
    expect(res.headers['x-response-time']).toMatch(/^\d+ms$/);
    if (res.body?.meta) expect(res.body.meta.request_id).toBe(res.headers['x-request-id']);
  });

  it('runs the rules once, beside the schema, and hands them its result (ajv runs once)', async () => {
    calls.length = 0;
    await send({ name: '', method: 'post', path: '/v3/widgets', body: { size: 'big' }, status: 400 });
    const checks = calls.filter((c) => c.op === 'check');
    expect(checks).toHaveLength(1);
    expect(checks[0]!.schema).toEqual({ name: ['The name field is required'], size: ['The size field must be of type integer'] });
    calls.length = 0;
    await send({ name: '', method: 'post', path: '/v3/widgets', body: { name: 'ok' }, status: 201 });
    expect(calls.find((c) => c.op === 'check')!.schema).toBeNull();
  });

  it('builds one context for the handler: lower-cased ids, the body, sandbox, the scenario', async () => {
    calls.length = 0;
    await request(app).get(`/v3/widgets/${UUID}`).set('x-api-key', owner);
    expect(calls[0]!.c.params).toEqual({ widgetId: UUID.toLowerCase() });
    calls.length = 0;
    const res = await request(app).post('/v3/widgets').set('x-api-key', owner).set('x-sim-scenario', 'widget-second-fails').send({ name: 'w', sandbox: true });
    expect(res.status).toBe(201);
    expect(res.headers['x-sandbox']).toBe('true');
    const c = calls.find((x) => x.op === 'createWidget')!.c;
    expect({ sandbox: c.sandbox, scenario: c.scenario?.name, body: c.body }).toEqual({ sandbox: true, scenario: 'widget-second-fails', body: { name: 'w', sandbox: true } });
  });

  it('keeps what an operation that ignores sandbox answers free of it', async () => {
    const res = await request(app).delete(`/v3/widgets/${UUID}`).set('x-api-key', owner).send({ sandbox: true });
    expect(res.status).toBe(204);
    expect(res.headers['x-sandbox']).toBeUndefined();
  });

  it('journals every answer from its record: operation, status, error code, sandbox and scenario', async () => {
    const key = tenantKey();
    const ids = [
      (await request(app).post('/v3/widgets').set('x-api-key', key).send({ name: 'w', sandbox: true })).headers['x-request-id'],
      (await request(app).post('/v3/widgets').set('x-api-key', key).set('x-sim-scenario', 'widget-create-fails').send({ name: 'w' })).headers['x-request-id'],
      (await request(app).get('/v3/widgets/nope').set('x-api-key', key)).headers['x-request-id'],
    ];
    const journal = (await request(app).get('/_sim/requests').set('x-api-key', key)).body.requests as Array<Record<string, unknown>>;
    expect(journal.map((e) => [e.request_id, e.operation, e.status, e.error_code, e.sandbox, e.scenario])).toEqual([
      [ids[0], 'createWidget', 201, null, true, null],
      [ids[1], 'createWidget', 500, 'INTERNAL_001', false, 'widget-create-fails'],
      [ids[2], 'retrieveWidget', 400, 'VALIDATION_001', false, null],
    ]);
    expect(journal[0]).toMatchObject({ body: { name: 'w', sandbox: true }, response_body: { data: { id: 'w1', name: 'w', sandbox: true } }, response_headers: { 'x-sandbox': 'true' } });
  });

  it('gives the journal, the access log and X-Response-Time one measurement of the same record (issue 21)', async () => {
    const key = tenantKey();
    const answers = [
      await request(app).get('/v3/widgets/slow').set('x-api-key', key),
      await request(app).get('/v3/widgets/slow').set('x-api-key', key),
      await request(app).get('/v3/widgets/nope').set('x-api-key', key),
    ];
    expect(answers.slice(0, 2).map((r) => Number(String(r.headers['x-response-time']).replace('ms', '')) >= 4)).toEqual([true, true]);
    const journal = (await request(app).get('/_sim/requests').set('x-api-key', key)).body.requests as Array<{ request_id: string; duration_ms: number; status: number; error_code: string | null }>;
    const lines = log.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request');
    for (const res of answers) {
      const id = res.headers['x-request-id'] as string;
      const ms = Number(String(res.headers['x-response-time']).replace('ms', ''));
      const entry = journal.find((e) => e.request_id === id)!;
      const line = lines.find((l) => l.request_id === id)!;
      expect({ journal: entry.duration_ms, log: line.ms, status: line.status, error: line.error_code ?? null }).toEqual({ journal: ms, log: ms, status: entry.status, error: entry.error_code });
    }
  });
});
