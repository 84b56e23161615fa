/**
 * Issue 25 row 13: `GET /v3/contacts` filtered and sorted the whole store on every request:
 * 100k contacts cost 57 ms of event loop per list, and another tenant's p50 went 4 → 241 ms. Now
 * the list reads the `listed` index (each account's contacts, and per channel, newest first).
 * Its answers must not change: they are checked against the old algorithm on random stores.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newestFirst } from '../../src/http/pagination.js';
import { CONTACTS } from '../../src/resources/contacts/collection.js';
import { matchesFilters } from '../../src/resources/contacts/rules.js';
import { aProfile } from '../support/builders.js';
import { client, testApp } from '../support/app.js';
import { createContact } from '../support/contacts.js';
import { sim } from '../support/sim.js';

interface Stored {
  id: string;
  account_id: string;
  format_e164: string;
  format_national: string;
  available_channels: string;
  created_at: string;
}

/**
 * What `GET /v3/contacts` answers, the slow way: filter the whole store, sort, slice. A profile
 * reads its own contacts; the organization (`own` null) every account's (issue 22, read-time widening).
 */
function reference(all: Stored[], own: string | null, search: string | undefined, channel: string | undefined, page: number, size: number) {
  const visible = all.filter((c) => own === null || c.account_id === own);
  const matches = visible.filter((c) => matchesFilters(c, search, channel)).sort(newestFirst);
  return { ids: matches.slice((page - 1) * size, page * size).map((c) => c.id), total: matches.length };
}

const number = fc.record({ mobile: fc.boolean(), line: fc.integer({ min: 0, max: 40 }) });
const E164 = ({ mobile, line }: { mobile: boolean; line: number }) => (mobile ? `+44791112${String(line).padStart(4, '0')}` : `+44207946${String(line).padStart(4, '0')}`);

describe('GET /v3/contacts through the list index', () => {
  afterEach(() => vi.restoreAllMocks());

  it('answers exactly as filtering and sorting the whole store did, for every filter, page and account (issue 25 row 13)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          org: fc.array(number, { maxLength: 25 }),
          profile: fc.array(number, { maxLength: 15 }),
          deleted: fc.array(fc.nat(), { maxLength: 5 }),
          // Imported copies get these created_at offsets (seconds), in any order, ties included.
          offsets: fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 40 }),
        }),
        async ({ org: orgNumbers, profile: profileNumbers, deleted, offsets }) => {
          const { app } = testApp();
          const org = client(app);
          const profile = (await org.post('/v3/profiles', aProfile())).body.data;
          const p = client(app, await sim(app, org.key).keyFor('admin', profile.id));
          const made: string[] = [];
          for (const n of orgNumbers) made.push(...(await org.post('/v3/contacts', { phone_number: E164(n) })).body.data?.id ?? []);
          for (const n of profileNumbers) made.push(...(await p.post('/v3/contacts', { phone_number: E164(n) })).body.data?.id ?? []);
          for (const i of deleted) if (made.length > 0) await org.delete(`/v3/contacts/${made[i % made.length]}`);
          // Scramble creation times through an import: the index must sort what arrives out of order.
          const control = sim(app, org.key);
          const snapshot = await control.export();
          const base = Date.parse(String(snapshot.exported_at).replace(/(\.\d{3})\d+/, '$1'));
          snapshot.collections.contacts = (snapshot.collections.contacts ?? []).map((c, i) =>
            i < offsets.length ? { ...c, created_at: new Date(base + offsets[i]! * 1000).toISOString().replace('Z', '0000+00:00') } : c,
          );
          expect((await control.import(snapshot)).status).toBe(200);
          // After the import, one more contact of each account, through the API.
          await createContact(org, '+447911129999');
          await createContact(p, '+447911129998');
          const all = (await control.export()).collections.contacts as unknown as Stored[];

          for (const [who, c, own] of [['org', org, null], ['profile', p, profile.id as string]] as const) {
            for (const search of [undefined, '7911', '(020)']) {
              for (const channel of [undefined, 'sms', 'whatsapp', 'rcs']) {
                for (const [page, size] of [[1, 100], [3, 7]] as const) {
                  const query = new URLSearchParams({ page: String(page), page_size: String(size), ...(search ? { search } : {}), ...(channel ? { channel } : {}) });
                  const res = await c.get(`/v3/contacts?${query.toString()}`);
                  const expected = reference(all, own, search, channel, page, size);
                  const label = `${who} ${query.toString()}`;
                  expect(res.body.data.contacts.map((x: { id: string }) => x.id), label).toEqual(expected.ids);
                  expect(res.body.data.pagination, label).toEqual({ page, page_size: size, total_count: expected.total, total_pages: Math.ceil(expected.total / size), has_more: page < Math.ceil(expected.total / size), cursors: null });
                }
              }
            }
          }
        },
      ),
      { numRuns: 10 },
    );
    // ~1,000 requests: room for a loaded 2-core CI machine (alone: ~4 s).
  }, 120_000);

  it('reads a page of 20,000 contacts without comparing them: a page costs the page, not the store (issue 25 row 13)', async () => {
    const { app } = testApp({ config: { bodyLimit: 16 * 1024 * 1024 } });
    const c = client(app);
    const control = sim(app, c.key);
    await createContact(c, '+447911120000');
    const snapshot = await control.export();
    const [template] = snapshot.collections.contacts!;
    const base = Date.parse(String(template!.created_at).replace(/(\.\d{3})\d+/, '$1'));
    // Oldest first, as an export lists them (an import in another order is sorted once, on its first read).
    snapshot.collections.contacts = Array.from({ length: 20_000 }, (_, k) => 19_999 - k).map((i) => ({
      ...template,
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      format_e164: `+4479${String(i).padStart(9, '0')}`,
      created_at: new Date(base - i * 1000).toISOString().replace('Z', '0000+00:00'),
    }));
    expect((await control.import(snapshot)).status).toBe(200);
    const compare = vi.spyOn(CONTACTS.options.lists!.listed!, 'order');
    const first = await c.get('/v3/contacts?page=1&page_size=100');
    const deep = await c.get('/v3/contacts?page=150&page_size=100&channel=whatsapp');
    expect(first.body.data.contacts).toHaveLength(100);
    expect(first.body.data.contacts[0].id).toBe('00000000-0000-4000-8000-000000000000');
    expect(deep.body.data.contacts.map((x: { id: string }) => x.id)).toEqual(Array.from({ length: 100 }, (_, i) => `00000000-0000-4000-8000-${String(14_900 + i).padStart(12, '0')}`));
    expect(first.body.data.pagination.total_count).toBe(20_000);
    // A sort of 20,000 makes ~280,000 comparisons; the index makes none to read, ~15 to add one
    // to each of its six groups (its account's and the tenant's, each whole and per channel).
    expect(compare).not.toHaveBeenCalled();
    await createContact(c, '+447911129999');
    expect(compare.mock.calls.length).toBeLessThan(6 * 20);
  });
});
