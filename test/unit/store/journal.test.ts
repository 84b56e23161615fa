import { describe, expect, it } from 'vitest';
import { JOURNAL_RESPONSE_PARSE_MAX, journalEntry, JournalBodyBudget, responseForJournal } from '../../../src/store/journal.js';

const fields = {
  request_id: 'req_abcdefghij',
  at: '2026-11-24T20:00:00.1234567+00:00',
  method: 'POST',
  path: '/v3/profiles',
  operation: 'createProfile',
  status: 201,
  error_code: null,
  duration_ms: 3,
  scenario: null,
  sandbox: false,
  headers: { 'x-api-key': 'sk_t…wxyz', 'content-type': 'application/json' },
};

describe('a journal entry', () => {
  it('is a plain object holding the redacted body, whatever characters it holds', () => {
    const body = { name: 'Zoë ünïcode', emoji: '😀', cjk: '送信', nested: { card_number: '4111111111111111', list: [1, null, true] } };
    const { entry, bodyBytes } = journalEntry(fields, body);
    expect(entry).toEqual({ ...fields, body: { ...body, nested: { card_number: '[redacted]', list: [1, null, true] } } });
    expect(bodyBytes).toBe(JSON.stringify(entry.body).length);
  });

  it('keeps a response body redacted like the request’s, a webhook’s signing secret included, and counts both', () => {
    const response = { success: true, data: { id: 'w1', signing_secret: 'whsec_c2VjcmV0', nested: { access_token: 'EAAG' } } };
    const { entry, bodyBytes } = journalEntry(fields, { name: 'x' }, response);
    expect(entry.response_body).toEqual({ success: true, data: { id: 'w1', signing_secret: '[redacted]', nested: { access_token: '[redacted]' } } });
    expect(bodyBytes).toBe(JSON.stringify(entry.body).length + JSON.stringify(entry.response_body).length);
  });

  it('keeps of a response text its JSON, or past 64 KiB only its size', () => {
    expect(responseForJournal('{"a":1}')).toEqual({ a: 1 });
    expect(responseForJournal(undefined)).toBeUndefined();
    expect(responseForJournal('')).toBeUndefined();
    expect(responseForJournal('not json')).toBeUndefined();
    const big = JSON.stringify({ pad: 'x'.repeat(JOURNAL_RESPONSE_PARSE_MAX) });
    expect(responseForJournal(big)).toBe(`[${big.length} characters, not kept]`);
  });

  it('keeps a bodiless request without a body, and a long body as its truncated text', () => {
    expect(journalEntry(fields, undefined)).toEqual({ entry: fields, bodyBytes: 0 });
    const long = journalEntry(fields, { notes: 'n'.repeat(5000) }).entry;
    expect(long.body).toBe(`{"notes":"${'n'.repeat(4096 - 10)}…[truncated]`);
  });
});

describe('the journal body budget', () => {
  const entry = (n: number, size: number) => journalEntry({ ...fields, request_id: `req_${n}` }, { n, pad: 'x'.repeat(size) });

  it('drops the oldest bodies, whoever they belong to, once the newest pass the budget', () => {
    const budget = new JournalBodyBudget(1000);
    const entries = Array.from({ length: 10 }, (_, n) => entry(n, 180)); // ~196 bytes of body each: five fit
    for (const e of entries) budget.admit(e.entry, e.bodyBytes);
    const kept = entries.filter((e) => e.entry.body !== undefined).map((e) => e.entry.request_id);
    expect(kept).toEqual(['req_5', 'req_6', 'req_7', 'req_8', 'req_9']);
    expect(budget.usedBytes).toBeLessThanOrEqual(1000);
    expect(budget.usedBytes).toBe(entries.slice(5).reduce((sum, e) => sum + e.bodyBytes, 0));
    expect(entries[0]!.entry).toEqual({ ...fields, request_id: 'req_0', body_dropped: true });
    expect(entries[9]!.entry.body).toEqual({ n: 9, pad: 'x'.repeat(180) });
  });

  it('drops an old entry’s response body together with its request body', () => {
    const budget = new JournalBodyBudget(100);
    const old = journalEntry(fields, { a: 1 }, { pad: 'y'.repeat(60) });
    const fresh = journalEntry(fields, undefined, { pad: 'z'.repeat(60) });
    budget.admit(old.entry, old.bodyBytes);
    budget.admit(fresh.entry, fresh.bodyBytes);
    expect(old.entry).toEqual({ ...fields, body_dropped: true });
    expect(fresh.entry.response_body).toEqual({ pad: 'z'.repeat(60) });
    expect(budget.usedBytes).toBe(fresh.bodyBytes);
  });

  it('keeps nothing with a zero budget, and ignores entries without a body', () => {
    const budget = new JournalBodyBudget(0);
    const withBody = entry(1, 10);
    const without = journalEntry(fields, undefined);
    budget.admit(withBody.entry, withBody.bodyBytes);
    budget.admit(without.entry, without.bodyBytes);
    expect(withBody.entry.body_dropped).toBe(true);
    expect(without.entry).toEqual(fields);
    expect(budget.usedBytes).toBe(0);
  });

  it('stays bounded over many entries', () => {
    const budget = new JournalBodyBudget(10_000);
    let last = entry(0, 50);
    for (let n = 0; n < 20_000; n++) {
      last = entry(n, 50);
      budget.admit(last.entry, last.bodyBytes);
    }
    expect(budget.usedBytes).toBeLessThanOrEqual(10_000);
    expect(last.entry.body).toBeDefined();
    expect(budget.queued).toBeLessThan(2_000);
  });

  it('forgets an entry that left its journal: its body stops counting and the entry is not held (issue 15 soak)', () => {
    const budget = new JournalBodyBudget(10_000);
    const entries = Array.from({ length: 3000 }, (_, n) => entry(n, 1));
    for (const [i, e] of entries.entries()) {
      budget.admit(e.entry, e.bodyBytes);
      // A journal of 500: the entry 500 places back leaves it.
      if (i >= 500) budget.forget(entries[i - 500]!.entry);
    }
    expect(budget.queued).toBe(500);
    expect(budget.usedBytes).toBe(entries.slice(-500).reduce((sum, e) => sum + e.bodyBytes, 0));
    // Forgotten entries keep their bodies (nobody reads them) and are not marked dropped.
    expect(entries[0]!.entry.body_dropped).toBeUndefined();
    budget.forget(entries[0]!.entry);
    expect(budget.queued).toBe(500);
  });
});

