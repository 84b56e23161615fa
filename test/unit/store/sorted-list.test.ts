import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SortedList } from '../../../src/store/sorted-list.js';

interface Item {
  id: string;
  at: number;
  v: number;
}
const order = { order: (a: Item, b: Item) => b.at - a.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) };

describe('SortedList', () => {
  it('lists what it holds in list order, whatever the order of adds, replacements and removes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 50 }), op: fc.constantFrom('add', 'add', 'replace', 'remove') }), { maxLength: 300 }),
        fc.nat({ max: 40 }),
        fc.integer({ min: 1, max: 30 }),
        (ops, from, size) => {
          const held = new Map<string, Item>();
          const list = new SortedList<Item>(order);
          ops.forEach(({ at, op }, i) => {
            const kept = [...held.values()];
            const target = kept[i % Math.max(1, kept.length)];
            if (op === 'remove' && target) {
              list.remove(target);
              held.delete(target.id);
            } else if (op === 'replace' && target) {
              const next = { ...target, v: i };
              list.replace(target, next);
              held.set(next.id, next);
            } else {
              const item = { id: `i${String(i).padStart(4, '0')}`, at, v: 0 };
              held.set(item.id, item);
              list.add(item);
            }
          });
          const expected = [...held.values()].sort(order.order);
          expect(list.size).toBe(expected.length);
          expect(list.toArray()).toEqual(expected);
          expect(list.slice(from, from + size)).toEqual(expected.slice(from, from + size));
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    ['newest last (the usual: creation order)', (i: number) => i],
    ['newest first (an import in reverse)', (i: number) => 1000 - i],
  ])('keeps %s, and compares nothing to read a page once sorted', (_what, at) => {
    let comparisons = 0;
    const list = new SortedList<Item>({ order: (a, b) => (comparisons++, order.order(a, b)) });
    const all = Array.from({ length: 1000 }, (_, i) => ({ id: `i${i}`, at: at(i), v: 0 }));
    for (const item of all) list.add(item);
    list.slice(0, 10);
    comparisons = 0;
    expect(list.slice(500, 510)).toEqual(all.sort(order.order).slice(500, 510));
    expect(comparisons).toBe(0);
  });
});
