/**
 * Breaking valid bodies on purpose. Each mutation walks the value alongside its schema (through
 * `$ref` and the `oneOf` branch the value took) and changes one node. A mutation does not promise
 * an invalid body (an extra key is allowed by the spec): the fuzzer asks its own validator.
 */
import fc from 'fast-check';
import type { Schema, SchemaArbitraries } from './schema-arbitrary.js';

export const MUTATIONS = ['drop-required', 'wrong-type', 'bad-enum', 'break-string', 'extra-key', 'not-an-object'] as const;
export type Mutation = (typeof MUTATIONS)[number];

type Path = Array<string | number>;
interface Node {
  path: Path;
  value: unknown;
  schema: Schema;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The JSON types a (resolved) schema admits; `integer` counts as `number`. */
function allowedTypes(arbs: SchemaArbitraries, schema: Schema): Set<string> {
  const s = arbs.deref(schema);
  const branches = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
  if (branches) return new Set(branches.flatMap((b) => [...allowedTypes(arbs, b)]));
  if (Array.isArray(s.enum)) return new Set((s.enum as unknown[]).map(jsonType));
  if ('const' in s) return new Set([jsonType(s.const)]);
  const types = Array.isArray(s.type) ? (s.type as string[]) : s.type ? [s.type as string] : s.properties ? ['object'] : [];
  return new Set(types.map((t) => (t === 'integer' ? 'number' : t)));
}

/** The schema that applies to `value`: through `$ref`, and the `oneOf` branch of its JSON type. */
function resolveFor(arbs: SchemaArbitraries, schema: Schema, value: unknown): Schema {
  const s = arbs.deref(schema);
  const branches = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
  if (!branches) return s;
  const branch = branches.find((b) => allowedTypes(arbs, b).has(jsonType(value)));
  return branch ? resolveFor(arbs, branch, value) : s;
}

function nodesOf(arbs: SchemaArbitraries, schema: Schema, value: unknown, path: Path = []): Node[] {
  const resolved = resolveFor(arbs, schema, value);
  const nodes: Node[] = [{ path, value, schema: resolved }];
  if (Array.isArray(value) && resolved.items) {
    value.forEach((item, i) => nodes.push(...nodesOf(arbs, resolved.items as Schema, item, [...path, i])));
  } else if (value !== null && typeof value === 'object' && resolved.properties) {
    const properties = resolved.properties as Record<string, Schema>;
    for (const [key, item] of Object.entries(value)) {
      if (properties[key]) nodes.push(...nodesOf(arbs, properties[key], item, [...path, key]));
    }
  }
  return nodes;
}

/** Sets a key as an own property, even `__proto__`, so that JSON.stringify sends it. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function replaceAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  let parent = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  define(parent, String(path[path.length - 1]), value);
  return root;
}

/** One changed copy of `value`. `pick` chooses the node, `junk` is free text for new values. */
export function mutate(arbs: SchemaArbitraries, schema: Schema, value: unknown, kind: Mutation, pick: number, junk: string): unknown {
  const copy = structuredClone(value);
  const nodes = nodesOf(arbs, schema, copy);
  const choose = <T>(list: T[]): T | undefined => (list.length === 0 ? undefined : list[pick % list.length]);
  switch (kind) {
    case 'drop-required': {
      const candidates = nodes.flatMap((n) =>
        jsonType(n.value) === 'object'
          ? ((n.schema.required ?? []) as string[]).filter((k) => k in (n.value as object)).map((k) => ({ n, k }))
          : [],
      );
      const hit = choose(candidates);
      if (!hit) return mutate(arbs, schema, value, 'not-an-object', pick, junk);
      delete (hit.n.value as Record<string, unknown>)[hit.k];
      return copy;
    }
    case 'wrong-type': {
      const node = choose(nodes.filter((n) => allowedTypes(arbs, n.schema).size > 0))!;
      const allowed = allowedTypes(arbs, node.schema);
      const replacement = [42, true, junk, [junk], { [`k${junk}`]: 1 }, null].find((v) => !allowed.has(jsonType(v)));
      return replaceAt(copy, node.path, replacement);
    }
    case 'bad-enum': {
      const node = choose(nodes.filter((n) => Array.isArray(n.schema.enum)));
      if (!node) return mutate(arbs, schema, value, 'wrong-type', pick, junk);
      return replaceAt(copy, node.path, `NOT_AN_ENUM_${junk}`);
    }
    case 'break-string': {
      const node = choose(nodes.filter((n) => typeof n.value === 'string' && (n.schema.pattern || n.schema.format || n.schema.minLength)));
      if (!node) return mutate(arbs, schema, value, 'drop-required', pick, junk);
      return replaceAt(copy, node.path, pick % 2 === 0 ? '' : `!${junk}`);
    }
    case 'extra-key': {
      const node = choose(nodes.filter((n) => jsonType(n.value) === 'object'));
      if (!node) return copy;
      const key = ['__proto__', 'constructor', 'prototype', `extra_${junk}`][pick % 4]!;
      define(node.value as Record<string, unknown>, key, key === 'extra_' + junk ? junk : { polluted: junk });
      return copy;
    }
    case 'not-an-object':
      return [[], junk, 42, null, true, [copy]][pick % 6];
  }
}

/** Invalid-ish bodies for `schema`: a valid one, broken by one mutation. */
export function invalidBody(arbs: SchemaArbitraries, schema: Schema, valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, fc.constantFrom(...MUTATIONS), fc.nat(), fc.string({ unit: 'grapheme-ascii', maxLength: 8 }))
    .map(([value, kind, pick, junk]) => mutate(arbs, schema, value, kind, pick, junk));
}
