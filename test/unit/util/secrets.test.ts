import { describe, expect, it } from 'vitest';
import { ALPHABETS } from '../../../src/util/random.js';
import { secretBytes, secretString } from '../../../src/util/secrets.js';

describe('secrets', () => {
  it.each([
    [32, ALPHABETS.ALNUM],
    [1, ALPHABETS.ALNUM],
    [40, 'ab'],
    [16, ALPHABETS.UPPER_ALNUM],
  ])('makes %i characters of the alphabet %j', (length, alphabet) => {
    const value = secretString(length, alphabet);
    expect(value).toHaveLength(length);
    for (const c of value) expect(alphabet).toContain(c);
  });

  it('draws every character of a 62-letter alphabet about equally often (no modulo bias)', () => {
    // 62 does not divide 256: `byte % 62` would draw the first 8 characters 5/4 as often as the others.
    const counts = new Map<string, number>();
    for (const c of secretString(62_000)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    const first8 = [...ALPHABETS.ALNUM.slice(0, 8)].reduce((n, c) => n + counts.get(c)!, 0) / 8;
    const rest = [...ALPHABETS.ALNUM.slice(8)].reduce((n, c) => n + counts.get(c)!, 0) / 54;
    // Expected ratio 1.00 (biased: 1.25); 1,000 draws a character keep the noise near ±5 %.
    expect(first8 / rest).toBeGreaterThan(0.9);
    expect(first8 / rest).toBeLessThan(1.1);
  });

  it('never repeats', () => {
    expect(secretBytes(32).equals(secretBytes(32))).toBe(false);
    expect(secretString(32)).not.toBe(secretString(32));
  });
});
