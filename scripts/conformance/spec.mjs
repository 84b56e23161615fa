// Reading spec/sent-v3.yaml for scripts/conformance.mjs: which operation a request hit, which
// response schema applies, and a walk of a response body along its schema. Used for checks
// Prism cannot do (keys the spec does not declare, Prism's own blind spots) and to pick the
// fields the self-check plants wrong values in.
import { readFileSync } from 'node:fs';
import addFormats from 'ajv-formats';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { SPEC_PATH } from './harness.mjs';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function loadSpec() {
  return parseYaml(readFileSync(SPEC_PATH, 'utf8'));
}

/** Every operation of the spec: `{operationId, method, template}`. */
export function specOperations(spec) {
  const ops = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) if (item[method]) ops.push({ operationId: item[method].operationId, method: method.toUpperCase(), template });
  }
  return ops;
}

/** The spec operation a request went to, or null (templates with fewer parameters win). */
export function matchOperation(spec, method, urlPath) {
  const pathname = urlPath.split('?')[0];
  const candidates = specOperations(spec)
    .filter((op) => op.method === method)
    .sort((a, b) => (a.template.match(/\{/g) ?? []).length - (b.template.match(/\{/g) ?? []).length);
  for (const op of candidates) {
    const re = new RegExp(`^${op.template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (re.test(pathname)) return op;
  }
  return null;
}

function at(spec, pointer) {
  let node = spec;
  for (const raw of pointer.replace(/^#\//, '').split('/')) {
    node = node?.[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

const escape = (s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1');

function deref(spec, schema, pointer) {
  for (let i = 0; schema && typeof schema === 'object' && typeof schema.$ref === 'string' && i < 32; i++) {
    pointer = schema.$ref;
    schema = at(spec, pointer);
  }
  return { schema, pointer };
}

/** The JSON response schema of `operation` for `status` (with its spec pointer), or null. */
export function responseSchema(spec, op, status) {
  const base = `#/paths/${escape(op.template)}/${op.method.toLowerCase()}/responses`;
  const responses = at(spec, base) ?? {};
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => responses[k] !== undefined);
  if (key === undefined) return null;
  const { schema: response, pointer } = deref(spec, responses[key], `${base}/${key}`);
  const schema = response?.content?.['application/json']?.schema;
  return schema ? { schema, pointer: `${pointer}/content/application~1json/schema` } : null;
}

/**
 * Walks `value` along `schema`. `visit.node({schema, pointer, path, value, nullable})` sees
 * every schema node reached; `visit.undeclared({pointer, path, key})` every object key the
 * schema does not declare. `oneOf: [X, {type: 'null'}]` (the spec's nullable form) follows X,
 * and marks what it reaches as nullable; a null value still shows X's node (for enums). Of
 * several non-null alternatives, the one leaving fewest keys undeclared is followed.
 */
export function walk(spec, schema, pointer, value, visit, path = [], nullable = false) {
  ({ schema, pointer } = deref(spec, schema, pointer));
  if (!schema || typeof schema !== 'object') return;
  const keyword = schema.oneOf ? 'oneOf' : schema.anyOf ? 'anyOf' : null;
  if (keyword) {
    const alts = schema[keyword];
    const nullIndex = alts.findIndex((a) => a?.type === 'null');
    const candidates = alts.map((_, i) => i).filter((i) => i !== nullIndex);
    if (candidates.length === 0) return;
    // Several real alternatives (an event body of three kinds): follow the one that declares the value best.
    const misfit = (i) => {
      let n = 0;
      walk(spec, alts[i], `${pointer}/${keyword}/${i}`, value, { undeclared: () => n++ }, path, nullable);
      return n;
    };
    const index = candidates.length === 1 || value === null || typeof value !== 'object' ? candidates[0] : candidates.reduce((best, i) => (misfit(i) < misfit(best) ? i : best));
    if (value === null && nullIndex < 0) return;
    const branch = `${pointer}/${keyword}/${index}`;
    if (value === null) {
      const target = deref(spec, alts[index], branch);
      visit.node?.({ schema: target.schema, pointer: target.pointer, path, value, nullable: true });
      return;
    }
    walk(spec, alts[index], branch, value, visit, path, nullable || nullIndex >= 0);
    return;
  }
  visit.node?.({ schema, pointer, path, value, nullable });
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((item, i) => walk(spec, schema.items, `${pointer}/items`, item, visit, [...path, i]));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const declared = schema.properties ?? {};
  for (const [key, child] of Object.entries(value)) {
    if (declared[key] !== undefined) {
      walk(spec, declared[key], `${pointer}/properties/${escape(key)}`, child, visit, [...path, key]);
    } else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
      walk(spec, schema.additionalProperties, `${pointer}/additionalProperties`, child, visit, [...path, key]);
    } else if (schema.properties !== undefined && schema.additionalProperties !== true) {
      visit.undeclared?.({ pointer, path: [...path, key], key });
    }
  }
}

/** Keys in a response body that its schema does not declare (Prism accepts them silently). */
export function undeclaredKeys(spec, schemaRef, body) {
  const found = [];
  walk(spec, schemaRef.schema, schemaRef.pointer, body, { undeclared: (u) => found.push(u) });
  return found;
}

/** Every string-enum field of a body (null ones too, when the spec makes them nullable). */
export function enumFields(spec, schemaRef, body) {
  const found = [];
  walk(spec, schemaRef.schema, schemaRef.pointer, body, {
    node: (n) => {
      if (!Array.isArray(n.schema.enum) || n.path.length === 0) return;
      if (typeof n.value === 'string' || (n.value === null && n.nullable)) found.push(n);
    },
  });
  return found;
}

/**
 * Prism's known blind spot (stoplightio/prism#1931): a null inside an `enum` list, or OAS 3.0
 * `nullable`, can silently switch off body validation. The spec must use `oneOf: [..., {type:
 * 'null'}]` instead; this lists every place that does not.
 */
export function nullableEnumHazards(spec) {
  const hazards = [];
  const visit = (node, pointer) => {
    if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${pointer}/${i}`));
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node.enum) && node.enum.includes(null)) hazards.push(`${pointer}: enum contains null`);
    if ('nullable' in node && typeof node.nullable === 'boolean') hazards.push(`${pointer}: OAS 3.0 "nullable" (ignored by OAS 3.1)`);
    for (const [k, v] of Object.entries(node)) {
      if (k === 'example' || k === 'examples') continue;
      visit(v, `${pointer}/${escape(k)}`);
    }
  };
  visit(spec, '#');
  return hazards;
}

/**
 * Prism does not see the completion callback (the simulator sends it, not the client), so the
 * run validates callback bodies itself, with ajv against the spec's `CompletionCallback`.
 */
export function callbackValidator(spec) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(spec, 'sent-v3');
  const validate = ajv.compile({ $ref: 'sent-v3#/components/schemas/CompletionCallback' });
  return (body) => (validate(body) ? [] : validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}`));
}

/**
 * Checks a response that cannot go through Prism (a `501`, which `prism proxy` replaces with a
 * mock) against the operation's response schema: its problems, undeclared keys included.
 */
export function responseValidator(spec) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(spec, 'sent-v3');
  return (method, urlPath, status, body) => {
    const op = matchOperation(spec, method, urlPath);
    if (!op) return [`no spec operation for ${method} ${urlPath}`];
    const ref = responseSchema(spec, op, status);
    if (!ref) return [`${op.operationId} declares no ${status}`];
    const validate = ajv.compile({ $ref: `sent-v3${ref.pointer}` });
    const problems = validate(body) ? [] : validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}`);
    for (const u of undeclaredKeys(spec, ref, body)) problems.push(`undeclared key ${u.path.join('.')}`);
    return problems;
  };
}

/** Sets `value` at `path` in a deep copy of `body`; `undefined` deletes the key. */
export function mutate(body, path, value) {
  const copy = JSON.parse(JSON.stringify(body));
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  const last = path[path.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

/**
 * Prism does not see webhook deliveries either: each is checked against the spec's `webhooks:`
 * entry for its event (messageStatusEvent, messageReceivedEvent, templateStatusEvent) — the
 * body against its request schema, and every required header present and valid per its schema.
 * Answers `(delivery) => problems` with the name of the entry it checked against.
 */
export function webhookEventValidator(spec) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(spec, 'sent-v3');
  const entries = {};
  for (const [name, item] of Object.entries(spec.webhooks ?? {})) {
    const op = item.post;
    const headers = (op.parameters ?? [])
      .map((p) => (p.$ref ? at(spec, p.$ref) : p))
      .filter((p) => p.in === 'header' && p.required)
      .map((p) => ({ name: p.name.toLowerCase(), validate: ajv.compile(p.schema) }));
    entries[name] = { body: ajv.compile({ $ref: `sent-v3#/webhooks/${escape(name)}/post/requestBody/content/application~1json/schema` }), headers };
  }
  // The entry a body belongs to: message status and inbound bodies share the family; the others are `<family>Event`.
  const entryOf = (json) =>
    json?.field === 'templates' ? 'templateStatusEvent'
    : json?.field === 'channel' ? 'channelStatusEvent'
    : json?.field === 'message' ? (json?.event === 'message.received' ? 'messageReceivedEvent' : 'messageStatusEvent')
    : `${json?.field}Event`;
  return (delivery) => {
    const name = entryOf(delivery.json);
    const entry = entries[name];
    if (!entry) return { name, problems: [`the spec has no webhooks.${name}`] };
    const problems = [];
    if (delivery.json === undefined) problems.push('body is not JSON');
    else if (!entry.body(delivery.json)) problems.push(...entry.body.errors.map((e) => `body${e.instancePath} ${e.message}`));
    for (const h of entry.headers) {
      const value = delivery.headers[h.name];
      if (value === undefined) problems.push(`header ${h.name} missing`);
      else if (!h.validate(value)) problems.push(`header ${h.name}: ${h.validate.errors.map((e) => e.message).join(', ')}`);
    }
    return { name, problems };
  };
}
