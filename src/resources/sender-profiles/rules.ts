/**
 * Sender-profile rules as pure functions (sent-api-v3-2026-11 §2.6, docs/decisions/0072): the
 * create's blocks by ownership (own fields, `{"inherit": true}`, or omitted — never both, never
 * `inherit: false` alone), a complete identity and campaign when the profile owns them, every
 * `channels` entry checked as its own call would check it (with its path under `channels`), and
 * PATCH's three fields. Every problem at once; wrong types are the schema's.
 */
import { MESSAGES } from '../../errors/catalog.js';
import type { ErrorDetails } from '../../errors/sim-error.js';
import { block, countryOf, declaredMarket, numberTypeOf, valueProblem } from '../compliance/table.js';
import { marketBodyProblems, rcsProblems, whatsappProblems } from '../channels/rules.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Adds a message at `path`, an own property even when the path is `__proto__` (a body's key, echoed). */
function add(d: ErrorDetails, path: string, message: string): void {
  if (!Object.hasOwn(d, path)) Object.defineProperty(d, path, { value: [], enumerable: true, writable: true, configurable: true });
  d[path]!.push(message);
}
const US_TEN_DLC = declaredMarket('US', 'TEN_DLC')!;

export function createProblems(body: unknown): ErrorDetails {
  const d: ErrorDetails = {};
  if (!isRecord(body)) return d;
  ownership(body.billing, 'billing', ['contact'], d);
  const compliance = isRecord(body.compliance) ? body.compliance : null;
  ownership(body.compliance, 'compliance', ['brand', 'campaign'], d);
  for (const name of ['brand', 'campaign'] as const) {
    const value = compliance?.[name];
    if (!isRecord(value)) continue;
    if (value.inherit === true) add(d, `compliance.${name}.inherit`, MESSAGES.senderProfileInheritWhole);
    for (const [key, rule] of block(US_TEN_DLC, name)) {
      const v = value[key];
      if (v == null) {
        if (rule.required) add(d, `compliance.${name}.${key}`, MESSAGES.requirementMissing(key));
        continue;
      }
      const problem = valueProblem(rule, v);
      if (problem) add(d, `compliance.${name}.${key}`, MESSAGES.requirementValue(key, problem));
    }
  }
  const channels = isRecord(body.channels) ? body.channels : null;
  const identity = compliance?.inherit === true || isRecord(compliance?.brand);
  const markets = new Set<string>();
  const documentKeys = new Set<string>();
  if (Array.isArray(channels?.sms)) {
    channels.sms.forEach((entry, i) => {
      Object.assign(d, marketBodyProblems(entry, `channels.sms[${i}].`, { isOrganization: false, hasIdentity: identity, lockedBrand: null }));
      if (!isRecord(entry)) return;
      const country = countryOf(entry.country);
      const type = numberTypeOf(entry.number_type);
      if (!country || !type) return;
      const decl = declaredMarket(country, type);
      if (!decl) add(d, `channels.sms[${i}]`, MESSAGES.marketNotDeclared(country, type));
      if (markets.has(`${country}|${type}`)) add(d, `channels.sms[${i}]`, MESSAGES.marketTwice(country, type));
      markets.add(`${country}|${type}`);
      for (const key of decl ? block(decl, 'documents').keys() : []) documentKeys.add(key);
    });
  }
  if (channels?.whatsapp != null) Object.assign(d, whatsappProblems(channels.whatsapp, 'channels.whatsapp.'));
  if (channels?.rcs != null) {
    Object.assign(d, rcsProblems(channels.rcs, 'channels.rcs.'));
    const address = isRecord(channels.rcs) && isRecord(channels.rcs.official_address) ? channels.rcs.official_address : null;
    if (typeof address?.country === 'string' && address.country !== '' && !countryOf(address.country)) add(d, 'channels.rcs.official_address.country', MESSAGES.countryNotIso);
  }
  if (Array.isArray(body.documents)) {
    body.documents.forEach((doc, i) => {
      if (isRecord(doc) && typeof doc.key === 'string' && !documentKeys.has(doc.key)) add(d, `documents[${i}].key`, MESSAGES.documentForNoMarket);
    });
  }
  return d;
}

/** A block is owned (its fields), inherited (`{"inherit": true}`) or omitted: never both, and `inherit: false` needs fields. */
function ownership(value: unknown, name: string, fields: readonly string[], d: ErrorDetails): void {
  if (!isRecord(value)) return;
  const own = fields.some((f) => value[f] != null);
  if (value.inherit === true && own) add(d, `${name}.inherit`, MESSAGES.inheritWithFields(name));
  if (value.inherit !== true && !own) add(d, `${name}.inherit`, MESSAGES.inheritFalseWithoutData(name));
}

const PATCHABLE = ['name', 'short_name', 'description'];

/** `PATCH /v3/sender-profiles/{id}`: `name`, `short_name`, `description` only; the first two cannot be cleared; `{}` is refused. */
export function updateProblems(body: unknown): ErrorDetails {
  const d: ErrorDetails = {};
  if (!isRecord(body)) return d;
  // A `__proto__` key is ignored as every unknown key is elsewhere: a detail keyed by it could not be echoed safely.
  for (const key of Object.keys(body)) if (!PATCHABLE.includes(key) && key !== 'sandbox' && key !== '__proto__') add(d, key, MESSAGES.notChangedByThisCall);
  for (const key of ['name', 'short_name']) if (body[key] === null) add(d, key, MESSAGES.senderProfileNotClearable(key));
  if (Object.keys(d).length === 0 && !PATCHABLE.some((k) => body[k] !== undefined)) add(d, 'body', MESSAGES.patchEmpty);
  return d;
}
