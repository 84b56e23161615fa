import { describe, expect, it } from 'vitest';
import { JournalBodyBudget, readJournalEntry, storeJournalEntry } from '../../../src/store/journal.js';
import { redactedJson } from '../../../src/util/redact.js';

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

describe('a stored journal entry', () => {
  it('reads back exactly, body included, whatever characters it holds', () => {
    const body = { name: 'Zoë ünïcode', emoji: '😀', lone: '\ud800', cjk: '送信', nested: { card_number: '4111111111111111', list: [1, null, true] } };
    const stored = storeJournalEntry(fields, redactedJson(body));
    expect(readJournalEntry(stored)).toEqual({ ...fields, body: { ...body, nested: { card_number: '[redacted]', list: [1, null, true] } } });
  });

  it('holds only characters up to U+00FF (so V8 stores it at one byte a character)', () => {
    const stored = storeJournalEntry(fields, redactedJson({ name: '送信 😀 …' }));
    for (const text of [stored.fields, stored.body!]) expect([...text].every((c) => c.charCodeAt(0) <= 0xff)).toBe(true);
    expect(stored.fields).toContain('\\u2026');
  });

  it('keeps a bodiless request without a body, and a long body as its truncated text', () => {
    expect(readJournalEntry(storeJournalEntry(fields, undefined))).toEqual(fields);
    const long = readJournalEntry(storeJournalEntry(fields, redactedJson({ notes: 'n'.repeat(5000) })));
    expect(long.body).toBe(`{"notes":"${'n'.repeat(4096 - 10)}…[truncated]`);
  });
});

describe('the journal body budget', () => {
  const entry = (n: number, size: number) => storeJournalEntry({ ...fields, request_id: `req_${n}` }, JSON.stringify({ n, pad: 'x'.repeat(size) }));

  it('drops the oldest bodies, whoever they belong to, once the newest pass the budget', () => {
    const budget = new JournalBodyBudget(1000);
    const entries = Array.from({ length: 10 }, (_, n) => entry(n, 180)); // 196 bytes of body each: five fit
    for (const e of entries) budget.admit(e);
    const kept = entries.filter((e) => e.body !== null).map((e) => readJournalEntry(e).request_id);
    expect(kept).toEqual(['req_5', 'req_6', 'req_7', 'req_8', 'req_9']);
    expect(budget.usedBytes).toBeLessThanOrEqual(1000);
    expect(budget.usedBytes).toBe(entries.slice(5).reduce((sum, e) => sum + e.body!.length, 0));
    expect(readJournalEntry(entries[0]!)).toEqual({ ...fields, request_id: 'req_0', body_dropped: true });
    expect(readJournalEntry(entries[9]!).body).toEqual({ n: 9, pad: 'x'.repeat(180) });
  });

  it('keeps nothing with a zero budget, and ignores entries without a body', () => {
    const budget = new JournalBodyBudget(0);
    const withBody = entry(1, 10);
    const without = storeJournalEntry(fields, undefined);
    budget.admit(withBody);
    budget.admit(without);
    expect(withBody.body).toBeNull();
    expect(readJournalEntry(without)).toEqual(fields);
    expect(budget.usedBytes).toBe(0);
  });

  it('stays bounded over many entries', () => {
    const budget = new JournalBodyBudget(10_000);
    let last = entry(0, 50);
    for (let n = 0; n < 20_000; n++) budget.admit((last = entry(n, 50)));
    expect(budget.usedBytes).toBeLessThanOrEqual(10_000);
    expect(last.body).not.toBeNull();
    expect((budget as unknown as { queue: unknown[] }).queue.length).toBeLessThan(2_000);
  });
});
