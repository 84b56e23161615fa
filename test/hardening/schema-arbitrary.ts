/**
 * JSON Schema → fast-check, for the subset spec/sent-v3.yaml uses in request bodies: `type`
 * (including `[x, 'null']`), `enum`, `const`, `pattern`, `format`, `minLength`/`maxLength`,
 * `minItems`/`maxItems`, `minimum`/`maximum`, `required`, `properties`, `oneOf`/`anyOf` and
 * `$ref` to `#/components/schemas`. `valid()` generates values the schema accepts; `invalid()`
 * generates a valid value and then breaks it (drop a required field, wrong type, bad enum, broken
 * pattern, extra keys, a body that is not an object).
 */
import fc from 'fast-check';
import type { SpecDocument } from '../../src/http/validation.js';

export type Schema = Record<string, unknown>;

export interface SchemaArbitraryOptions {
  /** Component name → arbitrary used instead of the schema (e.g. Luhn-valid cards). */
  components?: Record<string, fc.Arbitrary<unknown>>;
  /** Property name → arbitrary used wherever a property of that name is generated. */
  properties?: Record<string, fc.Arbitrary<unknown>>;
}

/** Free text: ASCII, any Unicode grapheme, or control characters, because all three reach the simulator. */
function text(minLength = 0, maxLength = 24): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength, maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength, maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', minLength, maxLength }) },
  );
}

/** fast-check cannot generate from lookaheads: generate from the rest, keep what the full pattern accepts. */
function matching(pattern: string): fc.Arbitrary<string> {
  const full = new RegExp(pattern);
  try {
    return fc.stringMatching(full);
  } catch {
    return fc.stringMatching(new RegExp(pattern.replace(/\(\?[=!][^)]*\)/g, ''))).filter((s) => full.test(s));
  }
}

const FORMATS: Record<string, () => fc.Arbitrary<string>> = {
  uuid: () => fc.uuid(),
  email: () => fc.emailAddress(),
  uri: () => fc.webUrl(),
  'date-time': () => fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
};

export class SchemaArbitraries {
  constructor(
    private readonly spec: SpecDocument,
    private readonly options: SchemaArbitraryOptions = {},
  ) {}

  /** The schema behind a `$ref`: a local JSON pointer (`#/components/schemas/X`, or deeper into one). */
  deref(schema: Schema): Schema {
    let current = schema;
    for (let i = 0; typeof current.$ref === 'string' && i < 16; i++) {
      let target: unknown = this.spec;
      for (const segment of current.$ref.replace(/^#\//, '').split('/')) target = (target as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
      current = target as Schema;
    }
    return current;
  }

  valid(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
    if (depth > 12) return fc.constant(null);
    if (typeof schema.$ref === 'string') {
      const custom = this.options.components?.[schema.$ref.replace('#/components/schemas/', '')];
      return custom ?? this.valid(this.deref(schema), depth + 1);
    }
    if ('const' in schema) return fc.constant(schema.const);
    if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
    const branches = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
    if (branches) {
      // Nullable objects are `oneOf: [{$ref}, {type: 'null'}]`: favour the interesting branch.
      return fc.oneof(...branches.map((b) => ({ weight: b.type === 'null' ? 1 : 4, arbitrary: this.valid(b, depth + 1) })));
    }
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type ?? (schema.properties ? 'object' : 'string')];
    if (types.length > 1) {
      return fc.oneof(...types.map((t) => ({ weight: t === 'null' ? 1 : 4, arbitrary: this.ofType(t as string, schema, depth) })));
    }
    return this.ofType(types[0] as string, schema, depth);
  }

  private ofType(type: string, schema: Schema, depth: number): fc.Arbitrary<unknown> {
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
        return fc.integer({ min: (schema.minimum as number | undefined) ?? -1000, max: (schema.maximum as number | undefined) ?? 1000 });
      case 'number':
        return fc.double({ min: (schema.minimum as number | undefined) ?? -1000, max: (schema.maximum as number | undefined) ?? 1000, noNaN: true });
      case 'string':
        return this.string(schema);
      case 'array': {
        const minLength = (schema.minItems as number | undefined) ?? 0;
        const maxLength = (schema.maxItems as number | undefined) ?? minLength + 3;
        return fc.array(this.valid((schema.items as Schema | undefined) ?? {}, depth + 1), { minLength, maxLength });
      }
      default:
        return this.object(schema, depth);
    }
  }

  private string(schema: Schema): fc.Arbitrary<string> {
    let arb: fc.Arbitrary<string>;
    if (typeof schema.pattern === 'string' && typeof schema.format !== 'string') arb = matching(schema.pattern);
    else if (typeof schema.format === 'string' && FORMATS[schema.format]) arb = FORMATS[schema.format]!();
    else arb = text((schema.minLength as number | undefined) ?? 0, (schema.maxLength as number | undefined) ?? 24);
    const { minLength, maxLength } = schema as { minLength?: number; maxLength?: number };
    return minLength === undefined && maxLength === undefined
      ? arb
      : arb.filter((s) => s.length >= (minLength ?? 0) && s.length <= (maxLength ?? Infinity));
  }

  private object(schema: Schema, depth: number): fc.Arbitrary<Record<string, unknown>> {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [name, sub] of Object.entries(properties)) model[name] = this.options.properties?.[name] ?? this.valid(sub, depth + 1);
    const required = ((schema.required ?? []) as string[]).filter((k) => k in model);
    return fc.record(model, { requiredKeys: required });
  }
}
