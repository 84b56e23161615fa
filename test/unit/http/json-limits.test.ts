import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { longStringProblems, scanJson, type JsonLimits } from '../../../src/http/json-limits.js';

const limits: JsonLimits = { maxDepth: 4, maxNodes: 10, maxString: 8, maxKey: 5 };
const scan = (text: string, l: Partial<JsonLimits> = {}) => scanJson(Buffer.from(text), { ...limits, ...l });

/** Object members plus array items, counted on the parsed value, for comparison. */
function nodes(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.length + children.reduce((n: number, c) => n + nodes(c), 0);
}

describe('scanJson', () => {
  it.each([
    '{}',
    '[]',
    '[1]',
    '[1,2,3]',
    '[[],[],{}]',
    '{"a":[true,false,null],"b":{"c":"x"}}',
    '[ "a" , -1.5e3 , [ ] ]',
    '{"a,b":"[{:}]","c":"\\"]"}',
    '[{"a":1},{"b":[2,3]}]',
  ])('counts members and items exactly as the parsed value has them: %s', (text) => {
    const big = { maxDepth: 100, maxNodes: 100, maxString: 100, maxKey: 100 };
    expect(scan(text, big)).toEqual({ ok: true, longStrings: false });
    const n = nodes(JSON.parse(text));
    expect(scan(text, { ...big, maxNodes: n }).ok).toBe(true);
    if (n > 0) expect(scan(text, { ...big, maxNodes: n - 1 })).toEqual({ ok: false, details: { body: [MESSAGES.jsonTooManyNodes(n - 1)] } });
  });

  it('refuses nesting deeper than the limit, and only that', () => {
    expect(scan('[[[[1]]]]').ok).toBe(true);
    expect(scan('[[[[[1]]]]]')).toEqual({ ok: false, details: { body: [MESSAGES.jsonTooDeep(4)] } });
    expect(scan('{"a":{"b":{"c":{"d":{}}}}}').ok).toBe(false);
    // Brackets inside strings are text.
    expect(scan('["[[[[[[[["]').ok).toBe(true);
  });

  it('marks strings and keys longer in bytes than the limits as candidates, escapes and multi-byte text included', () => {
    expect(scan('["12345678"]')).toEqual({ ok: true, longStrings: false });
    expect(scan('["123456789"]')).toEqual({ ok: true, longStrings: true });
    expect(scan('{"abcde":1}')).toEqual({ ok: true, longStrings: false });
    expect(scan('{"abcdef":1}')).toEqual({ ok: true, longStrings: true });
    // Six bytes for one character: a candidate, which the parsed value then clears.
    const escaped = '["\\u00e9\\u00e9"]';
    expect(scan(escaped)).toEqual({ ok: true, longStrings: true });
    expect(longStringProblems(JSON.parse(escaped), limits)).toBeNull();
  });

  it('survives broken JSON (the parser refuses it next)', () => {
    for (const text of ['{', '["abc', '}}}]]]', '"\\', '[1,,2]', '{"a":"\\\\"}']) expect(() => scan(text)).not.toThrow();
  });

  it('scans a MiB of the bodies of issue 15 row 6 in a few milliseconds', () => {
    const bodies = [
      Buffer.from(`{"brand":${'['.repeat(500_000)}${']'.repeat(500_000)}}`),
      Buffer.from(`{"junk":{${Array.from({ length: 80_000 }, (_, i) => `"k${i}":1`).join(',')}}}`),
      Buffer.from(JSON.stringify({ junk: 'x'.repeat(1024 * 1024) })),
      Buffer.from(JSON.stringify(Array.from({ length: 9000 }, () => 'v'.repeat(100)))),
    ];
    const real: JsonLimits = { maxDepth: 32, maxNodes: 10_000, maxString: 10_000, maxKey: 255 };
    for (const body of bodies) scanJson(body, real);
    const cpu = process.cpuUsage();
    for (let i = 0; i < 10; i++) for (const body of bodies) scanJson(body, real);
    const used = process.cpuUsage(cpu);
    expect((used.user + used.system) / 1000 / 40).toBeLessThan(10);
  });
});

describe('longStringProblems', () => {
  it('names each field over the limits', () => {
    expect(longStringProblems({ a: 'x'.repeat(9), b: [{ c: 'x'.repeat(9) }], ok: 'short', abcdefg: 1 }, limits)).toEqual({
      a: [MESSAGES.stringTooLong(8)],
      'b[0].c': [MESSAGES.stringTooLong(8)],
      body: [MESSAGES.keyTooLong(5)],
    });
  });
});
