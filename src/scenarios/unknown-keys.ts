/** Where a scenario file has a key its schema does not allow, and the keys allowed there. */
export interface UnknownKey {
  /** The key's field path: `rules[0].respnd`, `events.dleay`. */
  path: string;
  known: string[];
}

type Schema = { properties?: Record<string, Schema>; additionalProperties?: unknown; items?: Schema; oneOf?: Schema[]; anyOf?: Schema[] };

/**
 * The first key of `value` that `schema` does not allow (`additionalProperties: false`), with its
 * path. ajv reports such a key only as "the object is invalid", naming neither the key nor where
 * it is, and a misspelt key in a scenario file is the commonest mistake in one
 * (docs/decisions/0084). Follows `properties`, `items` and the object branches of `oneOf` and
 * `anyOf`; everything else is left to ajv.
 */
export function unknownKey(schema: object, value: unknown, path = ''): UnknownKey | null {
  const s = schema as Schema;
  if (Array.isArray(value)) {
    if (!s.items) return null;
    for (const [i, item] of value.entries()) {
      const found = unknownKey(s.items, item, `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  for (const branch of [...(s.oneOf ?? []), ...(s.anyOf ?? [])]) {
    const found = branch.properties ? unknownKey(branch, value, path) : null;
    if (found) return found;
  }
  if (!s.properties) return null;
  const known = Object.keys(s.properties);
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const at = path ? `${path}.${key}` : key;
    const property = Object.hasOwn(s.properties, key) ? s.properties[key] : undefined;
    if (!property) {
      if (s.additionalProperties === false) return { path: at, known };
      continue;
    }
    const found = unknownKey(property, child, at);
    if (found) return found;
  }
  return null;
}

/** The start-up message for an unknown key (after the file name). */
export function unknownKeyProblem({ path, known }: UnknownKey): string {
  return `${path}: unknown key (the keys there are ${known.join(', ')})`;
}
