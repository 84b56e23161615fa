import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SortedIds } from '../../../src/store/sorted-ids.js';

interface Item {
  id: string;
  at: number;
}
const order = { order: (a: Item, b: Item) => b.at - a.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) };

describe('SortedIds', () => {
  it('lists what it holds in list order, whatever the order of adds and removes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 50 }), remove: fc.boolean() }), { maxLength: 300 }),
        fc.nat({ max: 40 }),
        fc.integer({ min: 1, max: 30 }),
        (ops, from, size) => {
          const byId = new Map<string, Item>();
          const ids = new SortedIds<Item>((id) => byId.get(id), order);
          ops.forEach(({ at, remove }, i) => {
            const kept = [...byId.values()];
            if (remove && kept.length > 0) {
              const gone = kept[i % kept.length]!;
              ids.remove(gone.id, gone);
              byId.delete(gone.id);
            } else {
              const item = { id: `i${String(i).padStart(4, '0')}`, at };
              byId.set(item.id, item);
              ids.add(item.id, item);
            }
          });
          const expected = [...byId.values()].sort(order.order);
          expect(ids.size).toBe(expected.length);
          expect([...ids.values()]).toEqual(expected);
          expect(ids.slice(from, from + size)).toEqual(expected.slice(from, from + size));
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    ['newest last (the usual: creation order)', (i: number) => i],
    ['newest first (an import in reverse)', (i: number) => 1000 - i],
  ])('keeps %s without comparing on reads once sorted', (_what, at) => {
    const byId = new Map<string, Item>();
    let comparisons = 0;
    const ids = new SortedIds<Item>((id) => byId.get(id), { order: (a, b) => (comparisons++, order.order(a, b)) });
    for (let i = 0; i < 1000; i++) {
      const item = { id: `i${i}`, at: at(i) };
      byId.set(item.id, item);
      ids.add(item.id, item);
    }
    ids.slice(0, 10);
    comparisons = 0;
    expect(ids.slice(500, 510).map((x) => x.at)).toEqual([...byId.values()].sort(order.order).slice(500, 510).map((x) => x.at));
    expect(comparisons).toBe(0);
  });
});
