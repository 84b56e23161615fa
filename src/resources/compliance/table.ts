/**
 * Questions asked of the requirements table (markets.ts): which market a (country, type) is,
 * what a request's values must match, and the views `GET /v3/compliance/requirements` and the
 * number-types page answer with. Pure functions, no I/O.
 */
import type { components } from '../../generated/sent-v3.js';
import { MARKETS, type Carries, type MarketDecl, type NumberType, type RequirementDecl } from './markets.js';

type Schemas = components['schemas'];

export const NUMBER_TYPES: readonly NumberType[] = ['LOCAL', 'TOLL_FREE', 'SHORT_CODE', 'ALPHANUMERIC', 'TEN_DLC', 'MOBILE'];

/** `ten_dlc`, `10DLC`, `Local` → the type; anything else null (sent-api-v3-2026-11 §2.7: any case, `10dlc` alias). */
export function numberTypeOf(raw: unknown): NumberType | null {
  if (typeof raw !== 'string') return null;
  const upper = raw.trim().toUpperCase();
  if (upper === '10DLC') return 'TEN_DLC';
  return (NUMBER_TYPES as readonly string[]).includes(upper) ? (upper as NumberType) : null;
}

/** An ISO 3166-1 alpha-2 code in any case → upper case; anything else null. */
export function countryOf(raw: unknown): string | null {
  return typeof raw === 'string' && /^[A-Za-z]{2}$/.test(raw.trim()) ? raw.trim().toUpperCase() : null;
}

export function declaredMarket(country: string, type: NumberType): MarketDecl | undefined {
  return MARKETS.find((m) => m.country === country && m.number_type === type);
}

/** Requirements of one block (`brand`, `campaign`, `fields`, `documents`), keyed by the name after the block's. */
export function block(market: MarketDecl, name: 'brand' | 'campaign' | 'fields' | 'documents'): Map<string, RequirementDecl> {
  const out = new Map<string, RequirementDecl>();
  for (const r of market.requirements) if (r.key.startsWith(`${name}.`)) out.set(r.key.slice(name.length + 1), r);
  return out;
}

/** The problem with one value of a requirement, or null. Lists are checked item by item. */
export function valueProblem(rule: RequirementDecl, value: unknown): string | null {
  if (rule.kind === 'list') {
    if (!Array.isArray(value) || value.length === 0) return 'must be a non-empty list';
    for (const item of value) {
      const p = scalarProblem(rule, item);
      if (p) return p;
    }
    return null;
  }
  return scalarProblem(rule, value);
}

function scalarProblem(rule: RequirementDecl, value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return 'must be a non-empty string';
  if (rule.options && !rule.options.includes(value)) return `must be one of: ${rule.options.join(', ')}`;
  if (rule.regex && !new RegExp(rule.regex).test(value)) return `must match ${rule.regex}`;
  return null;
}

/** The `requirements[]` entry of `GET /v3/compliance/requirements`. */
export function requirementDetail(r: RequirementDecl): Schemas['RequirementDetail'] {
  return { key: r.key, description: r.description, required: r.required, kind: r.kind, regex: r.regex ?? null, options: r.options ? [...r.options] : null };
}

/** Whether a market registers anything before it can send. */
export function registers(market: MarketDecl): boolean {
  return market.requirements.some((r) => r.required);
}

/**
 * `setup[]`: the one call that adds the market, with a body built from the table's example
 * values — sent as it stands, it succeeds (test/integration/channels/requirements-walk.test.ts
 * walks every market through it). A market with documents is a multipart call: its text fields
 * (camelCase `numberType`/`senderValue`, `compliance` as JSON text) and one file per document.
 */
export function setupSteps(market: MarketDecl): Schemas['SetupStep'][] {
  const compliance: Record<string, unknown> = {};
  for (const name of ['brand', 'campaign', 'fields'] as const) {
    const values = Object.fromEntries([...block(market, name)].filter(([, r]) => r.example !== undefined).map(([k, r]) => [k, r.example]));
    if (Object.keys(values).length > 0) compliance[name] = values;
  }
  const documents = [...block(market, 'documents').keys()];
  const description = `Add the ${market.country} ${market.number_type} market${market.regime === 'none' ? ' (nothing to register)' : ' with everything its compliance asks for'}`;
  if (documents.length > 0) {
    const fields: Record<string, string> = { country: market.country, numberType: market.number_type };
    if (market.sender.example) fields.senderValue = market.sender.example;
    if (Object.keys(compliance).length > 0) fields.compliance = JSON.stringify(compliance);
    return [
      {
        step: 1,
        description,
        method: 'POST',
        path: '/v3/channels/sms',
        content_type: 'multipart/form-data',
        body: fields,
        files: documents.map((field) => ({ field, file_name: `${field}.pdf`, content_type: 'application/pdf' })),
      },
    ];
  }
  const body: Record<string, unknown> = { country: market.country, number_type: market.number_type };
  if (market.sender.example) body.sender_value = market.sender.example;
  if (Object.keys(compliance).length > 0) body.compliance = compliance;
  return [{ step: 1, description, method: 'POST', path: '/v3/channels/sms', content_type: 'application/json', body, files: null }];
}

/** `GET /v3/compliance/requirements` for a declared market. */
export function requirementsView(market: MarketDecl): Schemas['ComplianceRequirements'] {
  return {
    channel: 'sms',
    country: market.country,
    type: market.number_type,
    required: registers(market),
    sender_id_pattern: market.sender.pattern,
    requirements: market.requirements.map(requirementDetail),
    setup: setupSteps(market),
  };
}

/** One number type of a country, for the channel asked about (sms, mms, voice). */
export function numberTypeView(market: MarketDecl): Schemas['NumberTypeInfo'] {
  const compliance: Record<string, Schemas['NumberTypeCompliance']> = {};
  const documents: Schemas['ComplianceRequirement'][] = [];
  for (const r of market.requirements) {
    if (r.kind === 'document') documents.push({ key: r.key, description: r.description });
    else compliance[r.key] = { required: r.required, regex: r.regex ?? null, options: r.options ? [...r.options] : null };
  }
  return {
    number_type: market.number_type,
    description: market.description,
    carries: [...market.carries],
    sender_id_pattern: market.sender.pattern,
    fees: { currency: 'USD', ...market.fees },
    terms: market.terms,
    time_to_live: market.time_to_live,
    compliance,
    documents,
  };
}

export function marketsOf(country: string, channel: Carries): MarketDecl[] {
  return MARKETS.filter((m) => m.country === country && m.carries.includes(channel));
}
