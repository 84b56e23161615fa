import { describe, expect, it } from 'vitest';
import { entryMetaBytes, JOURNAL_RESPONSE_PARSE_MAX, journalEntry, JournalBodyBudget, type BodyInput, type StoredJournalEntry } from '../../../src/store/journal.js';
import { RingBuffer } from '../../../src/util/ring-buffer.js';
import { walk } from '../../hardening/leaks.js';

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
/** What a reader sees of an entry (`GET /_sim/requests`, the stream): its JSON. */
const shown = (entry: object) => JSON.parse(JSON.stringify(entry)) as Record<string, unknown>;
const text = (value: unknown): BodyInput => ({ text: JSON.stringify(value), value });
/** Every string an entry holds in memory, wherever it is. */
const held = (entry: object) => {
  const strings: string[] = [];
  walk(entry, (_key, value) => typeof value === 'string' && strings.push(value));
  return strings.join('\n');
};

describe('a journal entry', () => {
  it('shows the redacted body, whatever characters it holds, and holds no card data', () => {
    const body = { name: 'Zoë ünïcode', emoji: '😀', cjk: '送信', nested: { card_number: '4111111111111111', list: [1, null, true] } };
    const { entry, bodyBytes } = journalEntry(fields, text(body));
    const view = shown(entry);
    expect(view).toEqual({ ...fields, response_headers: {}, body: { ...body, nested: { card_number: '[redacted]', list: [1, null, true] } } });
    expect(bodyBytes).toBe(JSON.stringify(view.body).length);
    expect(held(entry)).not.toContain('4111111111111111');
  });

  it('keeps a body free of secrets by reference, as the text that came, and shows it parsed (issue 21)', () => {
    const body = { name: 'Acme', list: [1, 2] };
    const input = text(body);
    const { entry, bodyBytes } = journalEntry(fields, input, { text: '{"success":true,"data":{"id":"p1"}}' });
    expect(Object.values(entry).filter((v) => typeof v === 'object' && v !== null && 'text' in v).map((v) => (v as { text: string }).text)).toEqual([input.text, '{"success":true,"data":{"id":"p1"}}']);
    expect(shown(entry)).toMatchObject({ body, response_body: { success: true, data: { id: 'p1' } } });
    expect(bodyBytes).toBe(input.text!.length + 35);
  });

  it('redacts at once a text that names a secret-bearing key or has a \\u escape, so none is held', () => {
    for (const raw of ['{"payment_details":{"card_number":"4111111111111111"}}', '{"card\\u005fnumber":"4111111111111111"}']) {
      const { entry } = journalEntry(fields, { text: raw, value: JSON.parse(raw) as unknown });
      expect(held(entry)).not.toContain('4111111111111111');
      expect(JSON.stringify(shown(entry))).not.toContain('4111111111111111');
    }
  });

  it('keeps a response body redacted like the request’s, a webhook’s signing secret included, and counts both', () => {
    const response = { success: true, data: { id: 'w1', signing_secret: 'whsec_c2VjcmV0', nested: { access_token: 'EAAG' } } };
    const { entry, bodyBytes } = journalEntry(fields, text({ name: 'x' }), text(response));
    const view = shown(entry);
    expect(view.response_body).toEqual({ success: true, data: { id: 'w1', signing_secret: '[redacted]', nested: { access_token: '[redacted]' } } });
    expect(held(entry)).not.toContain('whsec_c2VjcmV0');
    expect(bodyBytes).toBe(JSON.stringify(view.body).length + JSON.stringify(view.response_body).length);
  });

  it('shows of a response text its JSON, or past 64 KiB only its size, and nothing for no or broken JSON', () => {
    expect(shown(journalEntry(fields, undefined, { text: '{"a":1}' }).entry).response_body).toEqual({ a: 1 });
    for (const none of [{ text: undefined }, { text: '' }, { text: 'not json' }]) expect(shown(journalEntry(fields, undefined, none).entry)).not.toHaveProperty('response_body');
    const big = JSON.stringify({ pad: 'x'.repeat(JOURNAL_RESPONSE_PARSE_MAX) });
    expect(shown(journalEntry(fields, undefined, { text: big }).entry).response_body).toBe(`[${big.length} characters, not kept]`);
  });

  it('keeps a bodiless request without a body, and a long body as its truncated text', () => {
    const bodiless = journalEntry(fields, undefined);
    expect(bodiless.bodyBytes).toBe(0);
    expect(shown(bodiless.entry)).toEqual({ ...fields, response_headers: {} });
    const long = shown(journalEntry(fields, text({ notes: 'n'.repeat(5000) })).entry);
    expect(long.body).toBe(`{"notes":"${'n'.repeat(4096 - 10)}…[truncated]`);
  });

  it('shows the response headers as sent: numbers as numbers, no cookie', () => {
    const { entry } = journalEntry(fields, undefined, undefined, { 'content-type': 'application/json', 'content-length': 42, 'set-cookie': ['a=b'] });
    expect(shown(entry).response_headers).toEqual({ 'content-type': 'application/json', 'content-length': 42 });
  });
});

describe('the journal body budget', () => {
  const entry = (n: number, size: number) => journalEntry({ ...fields, request_id: `req_${n}` }, text({ n, pad: 'x'.repeat(size) }));

  it('drops the oldest bodies, whoever they belong to, once the newest pass the budget', () => {
    const budget = new JournalBodyBudget(1000);
    const entries = Array.from({ length: 10 }, (_, n) => entry(n, 180)); // ~196 bytes of body each: five fit
    for (const e of entries) budget.admit(e.entry, e.bodyBytes);
    const kept = entries.filter((e) => shown(e.entry).body !== undefined).map((e) => e.entry.request_id);
    expect(kept).toEqual(['req_5', 'req_6', 'req_7', 'req_8', 'req_9']);
    expect(budget.usedBytes).toBeLessThanOrEqual(1000);
    expect(budget.usedBytes).toBe(entries.slice(5).reduce((sum, e) => sum + e.bodyBytes, 0));
    expect(shown(entries[0]!.entry)).toEqual({ ...fields, request_id: 'req_0', response_headers: {}, body_dropped: true });
    expect(shown(entries[9]!.entry).body).toEqual({ n: 9, pad: 'x'.repeat(180) });
  });

  it('drops an old entry’s response body together with its request body', () => {
    const budget = new JournalBodyBudget(100);
    const old = journalEntry(fields, text({ a: 1 }), text({ pad: 'y'.repeat(60) }));
    const fresh = journalEntry(fields, undefined, text({ pad: 'z'.repeat(60) }));
    budget.admit(old.entry, old.bodyBytes);
    budget.admit(fresh.entry, fresh.bodyBytes);
    expect(shown(old.entry)).toEqual({ ...fields, response_headers: {}, body_dropped: true });
    expect(shown(fresh.entry).response_body).toEqual({ pad: 'z'.repeat(60) });
    expect(budget.usedBytes).toBe(fresh.bodyBytes);
  });

  it('keeps nothing with a zero budget, and ignores entries without a body', () => {
    const budget = new JournalBodyBudget(0);
    const withBody = entry(1, 10);
    const without = journalEntry(fields, undefined);
    budget.admit(withBody.entry, withBody.bodyBytes);
    budget.admit(without.entry, without.bodyBytes);
    expect(withBody.entry.body_dropped).toBe(true);
    expect(shown(without.entry)).toEqual({ ...fields, response_headers: {} });
    expect(budget.usedBytes).toBe(0);
  });

  it('stays bounded over many entries', () => {
    const budget = new JournalBodyBudget(10_000, 200_000);
    let last = entry(0, 50);
    for (let n = 0; n < 20_000; n++) {
      last = entry(n, 50);
      budget.admit(last.entry, last.bodyBytes);
    }
    expect(budget.usedBytes).toBeLessThanOrEqual(10_000);
    expect(shown(last.entry).body).toBeDefined();
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

  // Issue 25 row 6: journals were bounded by count only, ~5.6 MB a tenant, and nothing bounded them all together.
  it('takes the oldest entries of any journal out once all of them pass --journal-total-bytes (issue 25 row 6)', () => {
    const budget = new JournalBodyBudget(Infinity, 30_000);
    const journals = [0, 1].map(() => new RingBuffer<StoredJournalEntry>(1000, { onEvict: (e) => budget.forget(e) }));
    const made: StoredJournalEntry[] = [];
    const bodyBytes = new Map<string, number>();
    for (let n = 0; n < 40; n++) {
      const e = entry(n, 1000);
      bodyBytes.set(e.entry.request_id, e.bodyBytes);
      const journal = journals[n % 2]!;
      budget.admit(e.entry, e.bodyBytes, journal);
      journal.push(e.entry, entryMetaBytes(e.entry) + e.bodyBytes);
      made.push(e.entry);
    }
    expect(budget.totalBytes).toBeLessThanOrEqual(30_000);
    const kept = [...journals[0]!.toArray(), ...journals[1]!.toArray()].map((e) => e.request_id).sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
    // The newest entries stay, whichever journal holds them, and the budget counts exactly those.
    expect(kept).toEqual(made.slice(40 - kept.length).map((e) => e.request_id));
    expect(kept.length).toBeGreaterThan(10);
    expect(budget.queued).toBe(kept.length);
    expect(budget.usedBytes).toBe(kept.reduce((sum, id) => sum + bodyBytes.get(id)!, 0));
  });

  it('lets a tenant’s journal hold --journal-bytes of entries, the newest (issue 25 row 6)', () => {
    const budget = new JournalBodyBudget();
    const journal = new RingBuffer<StoredJournalEntry>(500, { maxBytes: 20_000, onEvict: (e) => budget.forget(e) });
    for (let n = 0; n < 100; n++) {
      const e = entry(n, 1000);
      budget.admit(e.entry, e.bodyBytes, journal);
      journal.push(e.entry, entryMetaBytes(e.entry) + e.bodyBytes);
    }
    expect(journal.usedBytes).toBeLessThanOrEqual(20_000);
    expect(journal.size).toBeGreaterThan(5);
    expect(journal.toArray().at(-1)!.request_id).toBe('req_99');
    expect(budget.queued).toBe(journal.size);
  });
});
