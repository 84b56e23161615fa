/**
 * Issue 26: request verification as WireMock users expect it — `GET /_sim/requests` filtered by
 * method, path (exact or glob), status (or class), since (tenant-clock time or request id),
 * limit, operation and error code, and `GET /_sim/requests/count` with the same filters, so a test
 * can assert "exactly one send happened". A bad filter is a problem+json 400 naming it.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { REQUEST_FILTERS } from '../../../src/control/request-filter.js';
import { DEFAULT_JOURNAL_SIZE } from '../../../src/limits.js';
import { aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';

const { app } = testApp();
const TEXT = { to: ['+14155550123'], channel: ['sms'], text: 'Your order has shipped.' };

/** A tenant whose journal holds a profile create, two sends (one refused), a status read and a clock advance. */
async function journaled() {
  const c = client(app);
  expect((await c.post('/v3/profiles', aProfile())).status).toBe(201);
  const sent = await c.post('/v3/messages', TEXT);
  expect(sent.status).toBe(202);
  expect((await c.post('/v3/messages', { to: [], text: 'x' })).status).toBe(400);
  const id = sent.body.data.recipients[0].message_id as string;
  expect((await c.get(`/v3/messages/${id}`)).status).toBe(200);
  const { now } = await sim(app, c.key).advance(3600);
  const all = (await c.get('/_sim/requests')).body.requests as Array<{ request_id: string; method: string; path: string; status: number }>;
  expect(all.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
    'POST /v3/profiles 201',
    'POST /v3/messages 202',
    'POST /v3/messages 400',
    `GET /v3/messages/${id} 200`,
    'POST /_sim/clock/advance 200',
  ]);
  return { c, id, all, advancedTo: now };
}

const count = async (c: ReturnType<typeof client>, query: string) => {
  const res = await c.get(`/_sim/requests/count?${query}`);
  expect(res.status).toBe(200);
  return res.body.count as number;
};

describe('GET /_sim/requests/count and its filters', () => {
  it('counts what each filter matches, filters combined', async () => {
    const { c, id } = await journaled();
    const table: Array<[string, number]> = [
      ['', 5],
      ['method=POST', 4],
      ['method=post&path=/v3/messages', 2],
      ['method=POST&path=/v3/messages&status=202', 1],
      ['operation=sendMessage&status=2xx', 1],
      ['operation=sendMessage&status=4xx', 1],
      ['error_code=VALIDATION_004', 1],
      ['error_code=validation_004&path=/v3/profiles', 0],
      [`path=/v3/messages/${id}`, 1],
      ['path=/v3/messages/*', 1],
      ['path=/v3/*', 3],
      ['path=/v3/**', 4],
      ['path=/_sim/**&method=POST', 1],
      ['status=201', 1],
      ['status=5xx', 0],
    ];
    const counted = await Promise.all(table.map(([query]) => count(c, query)));
    expect(Object.fromEntries(table.map(([query], i) => [query, counted[i]]))).toEqual(Object.fromEntries(table));
  });

  it('counts after a request id (exclusive) or from a time on the tenant clock (inclusive)', async () => {
    const { c, all, advancedTo } = await journaled();
    expect(await count(c, `since=${all[1]!.request_id}`)).toBe(3);
    expect(await count(c, `since=${all[4]!.request_id}`)).toBe(0);
    // The advance moved the tenant clock an hour: only what came after it is at or after its `now`.
    expect((await c.post('/v3/messages', TEXT)).status).toBe(202);
    expect(await count(c, `operation=sendMessage&since=${encodeURIComponent(advancedTo)}`)).toBe(1);
    expect(await count(c, 'operation=sendMessage&since=2000-01-01T00:00:00Z')).toBe(3);
    expect(await count(c, `operation=sendMessage&since=${encodeURIComponent('2000-01-01T01:00:00.1234567+01:00')}`)).toBe(3);
  });

  it('keeps every tenant to its own journal', async () => {
    await journaled();
    expect(await count(client(app), '')).toBe(0);
  });
});

describe('GET /_sim/requests with filters', () => {
  it('lists the matching entries oldest first, the newest `limit` of them', async () => {
    const { c, all } = await journaled();
    const posts = (await c.get('/_sim/requests?method=POST&path=/v3/**')).body.requests;
    expect(posts.map((r: { request_id: string }) => r.request_id)).toEqual([all[0]!.request_id, all[1]!.request_id, all[2]!.request_id]);
    const lastTwo = (await c.get('/_sim/requests?method=POST&path=/v3/**&limit=2')).body;
    expect(lastTwo).toMatchObject({ dropped: 0 });
    expect(lastTwo.requests.map((r: { request_id: string }) => r.request_id)).toEqual([all[1]!.request_id, all[2]!.request_id]);
    // The entries are the journal's own, bodies and all.
    expect(lastTwo.requests[1]).toMatchObject({ operation: 'sendMessage', status: 400, error_code: 'VALIDATION_004', body: { to: [], text: 'x' } });
  });

  it('refuses a bad filter with a problem+json 400 naming every one, on both routes', async () => {
    const { c } = await journaled();
    const cases: Array<[string, Record<string, string[]>]> = [
      ['stauts=201', { stauts: [MESSAGES.requestFilterUnknown(REQUEST_FILTERS)] }],
      ['method=FETCH&status=2x', { method: [MESSAGES.requestFilterMethod(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])], status: [MESSAGES.requestFilterStatus] }],
      ['status=200&status=201', { status: [MESSAGES.requestFilterOnce] }],
      ['since=yesterday', { since: [MESSAGES.requestFilterSince] }],
      ['since=2026-11-27T21:57:41', { since: [MESSAGES.requestFilterSince] }],
      ['since=req_AAAAAAAAAA', { since: [MESSAGES.requestFilterSinceUnknown(DEFAULT_JOURNAL_SIZE)] }],
      ['limit=0', { limit: [MESSAGES.requestFilterLimit(1_000_000)] }],
      ['path=v3/messages', { path: [MESSAGES.requestFilterPath] }],
      ['operation=sendMesage&error_code=NOPE_1', { operation: [MESSAGES.requestFilterOperation], error_code: [MESSAGES.requestFilterErrorCode] }],
    ];
    for (const route of ['/_sim/requests', '/_sim/requests/count']) {
      for (const [query, errors] of cases) {
        const res = await c.get(`${route}?${query}`);
        expect(res.status, `${route}?${query}`).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({ status: 400, code: 'VALIDATION_001', errors });
      }
    }
  });

  it('lets developer and billing keys read it, as every control-plane GET', async () => {
    const { c } = await journaled();
    const developer = await sim(app, c.key).keyFor('developer');
    const res = await request(app).get('/_sim/requests/count?operation=createProfile').set('x-api-key', developer);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ count: 1, dropped: 0 });
  });
});
