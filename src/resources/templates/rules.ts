/**
 * Template rules as pure functions (docs/decisions/0017, 0048): what a definition must hold (its
 * content rules are content-rules.ts), the category and the other writable fields, the reserved
 * `sent_` prefix and the generated name. No Express, no I/O. The checks run beside schema
 * validation and so must tolerate wrong types.
 */
import { MESSAGES } from '../../errors/catalog.js';
import type { ErrorDetails } from '../../errors/sim-error.js';
import type { components } from '../../generated/sent-v3.js';
import { isRecord } from '../../http/operation.js';
import { BODY_SLOTS, contentProblems, PLACEHOLDER } from './content-rules.js';

type Schemas = components['schemas'];
export type TemplateStatus = Schemas['TemplateStatus'];
export type TemplateCategory = Schemas['TemplateCategory'];

export const CATEGORIES: readonly TemplateCategory[] = ['MARKETING', 'UTILITY', 'AUTHENTICATION'];
export const DEFAULT_CATEGORY: TemplateCategory = 'UTILITY';
export const DEFAULT_LANGUAGE = 'en_US';
export const UNTITLED = 'Untitled Template';

/** Bounded memory: a definition is at most this much JSON (real ones are a few hundred bytes). */
export const MAX_DEFINITION_CHARS = 16_384;
/** A real definition nests 7 levels (buttons → props → variables → props); more is refused. */
export const MAX_DEFINITION_DEPTH = 16;
export const MAX_NAME_CHARS = 1024;
export const MAX_LANGUAGE_CHARS = 64;
/** A generated name: the body's first words, at most this many, cut to this length. */
const NAME_WORDS = 4;
const NAME_CHARS = 60;

/** Templates Sent provisions carry this prefix; a customer may not take it (case-insensitive, docs/decisions/0050). */
const SENT_PREFIX = /^sent_/i;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** Messages that are Sent's own answer when they are the request's only problem (the docs show them as `error.message`). */
export const HEADLINE_MESSAGES: ReadonlySet<string> = new Set([MESSAGES.templateDefinitionRequired, MESSAGES.templateCategory, MESSAGES.templateSentReadOnly]);

interface Fields {
  category?: unknown;
  language?: unknown;
  definition?: unknown;
  name?: unknown;
}

/** Problems of a create body: `definition` is required; category and language when given. */
export function createProblems(body: unknown): ErrorDetails {
  const input: Fields = isRecord(body) ? body : {};
  const details: ErrorDetails = {};
  if (input.definition === undefined || input.definition === null) add(details, 'definition', MESSAGES.templateDefinitionRequired);
  else definitionProblems(input.definition, details);
  fieldProblems(input, details);
  return details;
}

/** Problems of a PUT body: only the keys given (absent or `null` leave a value unchanged). */
export function updateProblems(body: unknown): ErrorDetails {
  const input: Fields = isRecord(body) ? body : {};
  const details: ErrorDetails = {};
  if (input.definition !== undefined && input.definition !== null) definitionProblems(input.definition, details);
  if (typeof input.name === 'string') {
    if (input.name.trim() === '') add(details, 'name', MESSAGES.templateNameEmpty);
    else if (input.name.length > MAX_NAME_CHARS) add(details, 'name', MESSAGES.templateNameTooLong(MAX_NAME_CHARS));
    else if (isSentProvisionedName(input.name)) add(details, 'name', MESSAGES.templateSentReadOnly);
  }
  fieldProblems(input, details);
  return details;
}

function fieldProblems(input: Fields, details: ErrorDetails): void {
  if (input.category !== undefined && input.category !== null && !CATEGORIES.includes(input.category as TemplateCategory)) {
    add(details, 'category', MESSAGES.templateCategory);
  }
  if (typeof input.language === 'string' && (input.language.trim() === '' || input.language.length > MAX_LANGUAGE_CHARS)) {
    add(details, 'language', MESSAGES.templateLanguage(MAX_LANGUAGE_CHARS));
  }
}

/** Whether a name is in the prefix Sent reserves for the templates it provisions. */
export function isSentProvisionedName(name: string): boolean {
  return SENT_PREFIX.test(name);
}

/**
 * A definition stays within MAX_DEFINITION_CHARS, keeps the content rules (content-rules.ts), and
 * every `{{<id>:variable}}` placeholder names a variable declared beside it (a variable without
 * an `id` has id 0, as in Sent).
 */
function definitionProblems(definition: unknown, details: ErrorDetails): void {
  if (!isRecord(definition)) return; // the schema reports the type
  // Depth first, without recursion: everything after it (and every later read of the stored
  // definition) may then recurse safely.
  if (deeperThan(definition, MAX_DEFINITION_DEPTH)) {
    add(details, 'definition', MESSAGES.templateDefinitionTooDeep(MAX_DEFINITION_DEPTH));
    return;
  }
  if (JSON.stringify(definition).length > MAX_DEFINITION_CHARS) {
    add(details, 'definition', MESSAGES.templateDefinitionTooLarge(MAX_DEFINITION_CHARS));
    return;
  }
  contentProblems(definition, details);
  for (const [path, part] of textParts(definition)) {
    if (typeof part.text !== 'string') continue;
    const declared = new Set((Array.isArray(part.variables) ? part.variables : []).map((v) => (isRecord(v) && typeof v.id === 'number' ? v.id : 0)));
    for (const match of part.text.matchAll(PLACEHOLDER)) {
      if (!declared.has(Number(match[1]))) add(details, path, MESSAGES.templatePlaceholder(match[0]));
    }
  }
}

/** Whether objects and arrays in `value` nest more than `max` levels (iterative: the input may be hostile). */
function deeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Every text of a definition that may hold placeholders, with its field path and its variables. */
function textParts(definition: Record<string, unknown>): Array<[string, { text: unknown; variables: unknown }]> {
  const parts: Array<[string, { text: unknown; variables: unknown }]> = [];
  const part = (path: string, value: unknown, textKey = 'template') => {
    if (isRecord(value)) parts.push([`${path}.${textKey}`, { text: value[textKey], variables: value.variables }]);
  };
  part('definition.header', definition.header);
  const body = definition.body;
  if (isRecord(body)) for (const slot of BODY_SLOTS) part(`definition.body.${slot}`, body[slot]);
  part('definition.footer', definition.footer);
  if (Array.isArray(definition.buttons)) {
    definition.buttons.forEach((b, i) => isRecord(b) && part(`definition.buttons[${i}].props`, b.props, 'url'));
  }
  return parts;
}

/** The variable names of a (valid) definition in reading order — header, bodies, footer, buttons — each once. */
export function variableNames(definition: Schemas['TemplateDefinition']): string[] {
  const names = new Set<string>();
  const add = (vars: Array<{ name: string }> | null | undefined) => vars?.forEach((v) => names.add(v.name));
  add(definition.header?.variables);
  for (const slot of BODY_SLOTS) add(definition.body[slot]?.variables);
  add(definition.footer?.variables);
  definition.buttons?.forEach((b) => add(b.props.variables));
  return [...names];
}

/**
 * The name a new template gets (docs/decisions/0017, UNSETTLED #13): the first words of its
 * first body (multiChannel, else sms, whatsapp, rcs) with placeholders left out, as written —
 * at most NAME_WORDS words and NAME_CHARS characters — or "Untitled Template" without words.
 */
export function baseName(definition: Schemas['TemplateDefinition']): string {
  const text = BODY_SLOTS.map((slot) => definition.body[slot]?.template).find((t) => typeof t === 'string') ?? '';
  const words = text.replace(PLACEHOLDER, ' ').match(WORD)?.slice(0, NAME_WORDS) ?? [];
  if (words.length === 0) return UNTITLED;
  // By code points, so a cut never splits a surrogate pair.
  return Array.from(words.join(' ')).slice(0, NAME_CHARS).join('').trimEnd();
}

/**
 * `base`, or `base (2)`, `base (3)` … — the first that none of `names` (the account's) holds.
 * One pass that marks the suffixes in use (only those up to `names.length + 1` can matter), so
 * thousands of templates with one body cost no more than thousands with different ones.
 */
export function uniqueName(base: string, names: readonly string[]): string {
  const prefix = `${base} (`;
  const used = new Uint8Array(names.length + 2);
  let taken = false;
  for (const name of names) {
    if (name === base) taken = true;
    else if (name.startsWith(prefix) && name.endsWith(')')) {
      const n = Number(name.slice(prefix.length, -1));
      if (Number.isInteger(n) && n < used.length) used[n] = 1;
    }
  }
  if (!taken) return base;
  let n = 2;
  while (used[n] === 1) n++;
  return `${base} (${n})`;
}

/**
 * The definition as Sent stores it (docs/decisions/0048): a variable's `props.sample` given as a
 * JSON number or boolean becomes a string, and a body's `null` `type` is dropped. A copy; the
 * request is left as it was.
 */
export function normalizeDefinition(definition: Schemas['TemplateDefinition']): Schemas['TemplateDefinition'] {
  const copy = structuredClone(definition);
  const variables = (list: Array<{ props?: { sample?: unknown } | null }> | null | undefined) =>
    list?.forEach((v) => {
      if (v.props && (typeof v.props.sample === 'number' || typeof v.props.sample === 'boolean')) v.props.sample = String(v.props.sample);
    });
  for (const slot of BODY_SLOTS) {
    const content = copy.body[slot];
    if (!content) continue;
    if (content.type === null) delete content.type;
    variables(content.variables);
  }
  variables(copy.header?.variables);
  variables(copy.footer?.variables);
  copy.buttons?.forEach((b) => variables(b.props.variables));
  return copy;
}

/** Whether two definitions say the same thing (key order does not matter). */
export function sameDefinition(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Exactly one problem, and one Sent answers with its own message. */
export function headline(details: ErrorDetails): string | undefined {
  const messages = Object.values(details).flat();
  return messages.length === 1 && HEADLINE_MESSAGES.has(messages[0]!) ? messages[0] : undefined;
}

function add(details: ErrorDetails, path: string, message: string): void {
  const list = (details[path] ??= []);
  if (!list.includes(message)) list.push(message);
}
