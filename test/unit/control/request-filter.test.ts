import { describe, expect, it } from 'vitest';
import { compileRequestFilter, selectRequests, type CompiledFilter } from '../../../src/control/request-filter.js';
import type { JournalEntry } from '../../../src/store/types.js';

const OPERATIONS = new Set(['sendMessage', 'lookupNumber', 'createProfile']);

function entry(n: number, fields: Partial<JournalEntry>): JournalEntry {
  return {
    request_id: `req_${String(n).padStart(10, '0')}`,
    at: `2026-11-27T10:00:0${n}.0000000+00:00`,
    method: 'GET',
    path: '/v3/profiles',
    operation: null,
    status: 200,
    error_code: null,
    duration_ms: 1,
    scenario: null,
    sandbox: false,
    headers: {},
    ...fields,
  };
}

const JOURNAL = [
  entry(0, { method: 'POST', path: '/v3/profiles', operation: 'createProfile', status: 201 }),
  entry(1, { method: 'POST', path: '/v3/messages', operation: 'sendMessage', status: 202 }),
  entry(2, { method: 'POST', path: '/v3/messages', operation: 'sendMessage', status: 429, error_code: 'BUSINESS_002' }),
  entry(3, { method: 'GET', path: '/v3/numbers/lookup/+12025551234', operation: 'lookupNumber' }),
  entry(4, { method: 'GET', path: '/v3/profiles/4b6e/campaigns' }),
  entry(5, { method: 'POST', path: '/_sim/clock/advance' }),
];

function ids(query: Record<string, unknown>): number[] {
  const filter = compileRequestFilter(query, OPERATIONS);
  if ('errors' in filter) throw new Error(JSON.stringify(filter.errors));
  const selected = selectRequests(JOURNAL, filter, 500);
  if ('errors' in selected) throw new Error(JSON.stringify(selected.errors));
  return selected.requests.map((e) => Number(e.request_id.slice(4)));
}

describe('request filters', () => {
  it.each<[Record<string, unknown>, number[]]>([
    [{}, [0, 1, 2, 3, 4, 5]],
    [{ method: 'post' }, [0, 1, 2, 5]],
    [{ method: 'POST', path: '/v3/messages' }, [1, 2]],
    [{ path: '/v3/messages/' }, []],
    [{ path: '/v3/numbers/lookup/+12025551234' }, [3]],
    [{ path: '/v3/numbers/lookup/*' }, [3]],
    [{ path: '/v3/profiles/*/campaigns' }, [4]],
    [{ path: '/v3/*' }, [0, 1, 2]],
    [{ path: '/v3/**' }, [0, 1, 2, 3, 4]],
    [{ path: '/v3/profile?' }, []],
    [{ status: 202 }, [1]],
    [{ status: '4XX' }, [2]],
    [{ status: '2xx', operation: 'sendMessage' }, [1]],
    [{ error_code: 'business_002' }, [2]],
    [{ since: 'req_0000000001' }, [2, 3, 4, 5]],
    [{ since: '2026-11-27T10:00:03Z' }, [3, 4, 5]],
    [{ since: '2026-11-27T11:00:03.5+01:00' }, [4, 5]],
    [{ limit: 2 }, [4, 5]],
    [{ limit: '10', method: 'POST' }, [0, 1, 2, 5]],
    [{ since: 'req_0000000000', limit: 1, method: 'POST' }, [5]],
  ])('%j matches %j', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it.each<[Record<string, unknown>, string[]]>([
    [{ verb: 'GET' }, ['verb']],
    [{ method: 'FETCH', status: '600', limit: '1.5' }, ['method', 'status', 'limit']],
    [{ status: ['200', '201'] }, ['status']],
    [{ path: '*' }, ['path']],
    [{ since: '2026-11-27' }, ['since']],
    [{ since: 'req_short' }, ['since']],
    [{ operation: 'sendMessages' }, ['operation']],
    [{ error_code: 'HTTP_500' }, ['error_code']],
  ])('%j is refused, naming %j', (query, names) => {
    const filter = compileRequestFilter(query, OPERATIONS);
    expect('errors' in filter && Object.keys(filter.errors)).toEqual(names);
  });

  it('refuses a since request id the journal does not hold', () => {
    const filter = compileRequestFilter({ since: 'req_0000000099' }, OPERATIONS) as CompiledFilter;
    expect(selectRequests(JOURNAL, filter, 500)).toEqual({ errors: { since: [expect.stringContaining('the newest 500 requests')] } });
  });

  it('counts every match before the limit', () => {
    const filter = compileRequestFilter({ method: 'POST', limit: 1 }, OPERATIONS) as CompiledFilter;
    expect(selectRequests(JOURNAL, filter, 500)).toMatchObject({ matched: 4, requests: [{ request_id: 'req_0000000005' }] });
  });
});
