/**
 * `Idempotency-Key` (src/http/idempotency.ts, docs/decisions/0007), table-driven on its own
 * store and a clock the test moves: replay, a different body, 2xx-only caching, the TTL, scope by
 * operation and by account (issue 25 rows 9 and 10), and concurrent duplicates.
 */
import { describe, expect, it } from 'vitest';
import { SimError } from '../../../src/errors/sim-error.js';
import { withIdempotency, type IdempotentCall } from '../../../src/http/idempotency.js';
import { IDEMPOTENCY_TTL_MS, IdempotencyStore } from '../../../src/http/idempotency-store.js';
import type { Rendered } from '../../../src/http/result.js';

/** One tenant: its store, its clock, and how often the work ran. */
function tenant() {
  let now = Date.UTC(2026, 10, 1);
  let runs = 0;
  const store = new IdempotencyStore();
  const call = (overrides: Partial<IdempotentCall> = {}, status = 201): Promise<Rendered> =>
    withIdempotency(
      { key: 'key-1', method: 'POST', url: '/v3/widgets', body: { name: 'w' }, store, now: () => now, account: 'organization', operation: 'post /v3/widgets', requestId: `req_${runs}`, waitMs: 50, ...overrides },
      () => {
        runs++;
        return { status, headers: { 'Content-Type': 'application/json', 'X-Other': 'x' }, body: `{"run":${runs}}` };
      },
    );
  return { call, store, advance: (ms: number) => (now += ms), runs: () => runs };
}

type Step = { call?: Partial<IdempotentCall>; status?: number; advance?: number };
interface Row {
  name: string;
  steps: Step[];
  /** How many times the work ran in all. */
  runs: number;
  /** Per step: the body answered, and whether it was a replay. */
  answers: Array<[string, boolean]>;
  warning?: Array<string | undefined>;
}

const ROWS: Row[] = [
  { name: 'no key: every call runs', steps: [{ call: { key: undefined } }, { call: { key: undefined } }], runs: 2, answers: [['{"run":1}', false], ['{"run":2}', false]] },
  { name: 'a GET or DELETE: the key is ignored', steps: [{ call: { method: 'GET' } }, { call: { method: 'DELETE' } }], runs: 2, answers: [['{"run":1}', false], ['{"run":2}', false]] },
  { name: 'a retry replays the first answer', steps: [{}, {}, {}], runs: 1, answers: [['{"run":1}', false], ['{"run":1}', true], ['{"run":1}', true]] },
  {
    name: 'a different body still replays, with a warning',
    steps: [{}, { call: { body: { name: 'other' } } }],
    runs: 1,
    answers: [['{"run":1}', false], ['{"run":1}', true]],
    warning: [undefined, 'idempotency-key-reused-with-different-body'],
  },
  { name: 'only 2xx answers are cached', steps: [{ status: 400 }, { status: 409 }, {}, {}], runs: 3, answers: [['{"run":1}', false], ['{"run":2}', false], ['{"run":3}', false], ['{"run":3}', true]] },
  { name: 'a key lives 24 h of the tenant’s clock', steps: [{}, { advance: IDEMPOTENCY_TTL_MS - 1 }, { advance: 1 }], runs: 2, answers: [['{"run":1}', false], ['{"run":1}', true], ['{"run":2}', false]] },
  {
    name: 'a key first used on another operation: this one runs once and is cached too (issue 25 row 9)',
    steps: [{ call: { operation: 'post /v3/gadgets' } }, {}, {}, {}, { call: { operation: 'post /v3/gadgets' } }],
    runs: 2,
    answers: [['{"run":1}', false], ['{"run":2}', false], ['{"run":2}', true], ['{"run":2}', true], ['{"run":1}', true]],
    warning: [undefined, 'idempotency-key-reused-on-another-operation', undefined, undefined, undefined],
  },
  {
    name: 'another account never replays an answer (issue 25 row 10)',
    steps: [{}, { call: { account: 'profile-1' } }, { call: { account: 'profile-1' } }, {}],
    runs: 2,
    answers: [['{"run":1}', false], ['{"run":2}', false], ['{"run":2}', true], ['{"run":1}', true]],
  },
];

describe('Idempotency-Key', () => {
  it.each(ROWS)('$name', async (row) => {
    const t = tenant();
    const answers: Array<[string, boolean]> = [];
    const warnings: Array<string | undefined> = [];
    for (const step of row.steps) {
      if (step.advance) t.advance(step.advance);
      const rendered = await t.call(step.call, step.status);
      answers.push([rendered.body!, rendered.headers['Idempotent-Replayed'] === 'true']);
      warnings.push(rendered.headers['X-Sim-Warning']);
    }
    expect(answers).toEqual(row.answers);
    expect(t.runs()).toBe(row.runs);
    if (row.warning) expect(warnings).toEqual(row.warning);
  });

  it('replays the status and the content type, not the other headers, and names the original request', async () => {
    const t = tenant();
    await t.call({ requestId: 'req_first' });
    const replay = await t.call({ requestId: 'req_second' });
    expect(replay.status).toBe(201);
    expect(replay.headers).toEqual({ 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true', 'X-Original-Request-Id': 'req_first' });
  });

  it('refuses a malformed key with VALIDATION_007, and runs nothing', async () => {
    const t = tenant();
    for (const key of ['', 'has space', 'x'.repeat(256), 'ünï']) {
      await expect(t.call({ key })).rejects.toMatchObject({ code: 'VALIDATION_007' });
    }
    expect(t.runs()).toBe(0);
  });

  it('does not cache work that throws: the retry runs', async () => {
    const store = new IdempotencyStore();
    const base: IdempotentCall = { key: 'k', method: 'POST', url: '/v3/w', body: {}, store, now: () => 0, account: 'organization', operation: 'op', requestId: 'r' };
    await expect(withIdempotency(base, () => Promise.reject(new SimError('INTERNAL_001')))).rejects.toBeInstanceOf(SimError);
    const rendered = await withIdempotency(base, () => ({ status: 200, headers: {}, body: 'ok' }));
    expect(rendered.headers['Idempotent-Replayed']).toBeUndefined();
    expect(store.size).toBe(1);
  });

  it('makes a concurrent duplicate wait for the first and replay it: the work runs once', async () => {
    const store = new IdempotencyStore();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let runs = 0;
    const base: IdempotentCall = { key: 'k', method: 'POST', url: '/v3/w', body: {}, store, now: () => 0, account: 'organization', operation: 'op', requestId: 'r1', waitMs: 5_000 };
    const first = withIdempotency(base, async () => {
      runs++;
      await gate;
      return { status: 201, headers: {}, body: 'made' };
    });
    const second = withIdempotency({ ...base, requestId: 'r2' }, () => ({ status: 201, headers: {}, body: 'again' }));
    release();
    expect((await first).body).toBe('made');
    const replayed = await second;
    expect(replayed).toMatchObject({ status: 201, body: 'made', headers: { 'Idempotent-Replayed': 'true', 'X-Original-Request-Id': 'r1' } });
    expect(runs).toBe(1);
  });

  it('answers 409 CONFLICT_001 to a duplicate still waiting when the first is not done', async () => {
    const store = new IdempotencyStore();
    const base: IdempotentCall = { key: 'k', method: 'POST', url: '/v3/w', body: {}, store, now: () => 0, account: 'organization', operation: 'op', requestId: 'r1', waitMs: 0 };
    let release!: () => void;
    const first = withIdempotency(base, () => new Promise<Rendered>((r) => (release = () => r({ status: 201, headers: {}, body: 'made' }))));
    await expect(withIdempotency(base, () => ({ status: 201, headers: {}, body: 'again' }))).rejects.toMatchObject({ code: 'CONFLICT_001' });
    release();
    expect((await first).body).toBe('made');
  });
});
