import { describe, expect, it } from 'vitest';
import { packJournalEntry, redactedJson, unpackJournalEntry } from '../../../src/util/redact.js';

const entry = {
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

describe('a packed journal entry', () => {
  it('reads back exactly, body included, whatever characters it holds', () => {
    const body = { name: 'Zoë ünïcode', emoji: '😀', lone: '\ud800', cjk: '送信', nested: { card_number: '4111111111111111', list: [1, null, true] } };
    const packed = packJournalEntry(entry, redactedJson(body));
    expect(unpackJournalEntry(packed)).toEqual({ ...entry, body: { ...body, nested: { card_number: '[redacted]', list: [1, null, true] } } });
  });

  it('holds only characters up to U+00FF (so V8 stores it at one byte a character)', () => {
    const packed = packJournalEntry(entry, redactedJson({ name: '送信 😀 …' }));
    expect([...packed].every((c) => c.charCodeAt(0) <= 0xff)).toBe(true);
    expect(packed).toContain('\\u2026');
  });

  it('keeps a bodiless request without a body, and a long body as its truncated text', () => {
    expect(unpackJournalEntry(packJournalEntry(entry, undefined))).toEqual(entry);
    const long = unpackJournalEntry(packJournalEntry(entry, redactedJson({ notes: 'n'.repeat(5000) })));
    expect(long.body).toBe(`{"notes":"${'n'.repeat(4096 - 10)}…[truncated]`);
  });
});
