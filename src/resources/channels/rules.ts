/**
 * Channels rules as pure functions (docs/decisions/0073–0077): what a market, numbers, campaign,
 * WhatsApp or RCS body must hold, checked against the requirements table. Each returns every
 * problem at once, keyed by its path in the body (with `prefix`, for the same body inside a
 * sender profile's `channels.sms[i]`), and tolerates wrong types: those are the schema's.
 */
import { MESSAGES } from '../../errors/catalog.js';
import type { ErrorDetails } from '../../errors/sim-error.js';
import type { MarketDecl } from '../compliance/markets.js';
import { block, countryOf, declaredMarket, numberTypeOf, valueProblem } from '../compliance/table.js';
import { BRAND_FIELDS, CAMPAIGN_FIELDS, type FlatBrand } from './identity.js';

/** At most this many numbers per market, and per US TEN_DLC campaign (sent-api-v3-2026-11 §2.7, Oct 2026). */
export const MAX_NUMBERS = 49;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Adds a message at `path`, an own property even when the path is `__proto__` (a body's key, echoed). */
function add(d: ErrorDetails, path: string, message: string): void {
  if (!Object.hasOwn(d, path)) Object.defineProperty(d, path, { value: [], enumerable: true, writable: true, configurable: true });
  d[path]!.push(message);
}

/** What the checks need to know of the account a market is for. */
export interface IdentityFacts {
  isOrganization: boolean;
  /** The account has a brand or runs on its organization's (a US TEN_DLC market needs one). */
  hasIdentity: boolean;
  /** The own brand, when it was submitted to TCR and no correction is requested: it may not change. */
  lockedBrand: FlatBrand | null;
}

/** `POST /v3/channels/sms` (and each `channels.sms[i]` of a sender profile). An undeclared market is the handler's `501`. */
export function marketBodyProblems(body: unknown, prefix: string, facts: IdentityFacts): ErrorDetails {
  const d: ErrorDetails = {};
  if (!isRecord(body)) return d;
  const country = countryOf(body.country);
  const type = numberTypeOf(body.number_type);
  if (typeof body.country === 'string' && !country) add(d, `${prefix}country`, MESSAGES.countryNotIso);
  if (typeof body.number_type === 'string' && !type) add(d, `${prefix}number_type`, MESSAGES.typeMustBeOneOf);
  const market = country && type ? declaredMarket(country, type) : undefined;
  if (!market) return d;
  senderProblems(market, body.sender_value, `${prefix}sender_value`, d);
  if (body.numbers != null) {
    if (!market.inventory) add(d, `${prefix}numbers`, MESSAGES.marketTakesNoNumbers(market.number_type));
    else Object.assign(d, numberListProblems(body.numbers, `${prefix}numbers`));
  }
  Object.assign(d, complianceProblems(market, body.compliance, `${prefix}compliance`, facts));
  if (market.regime === 'tcr' && !facts.hasIdentity && !(isRecord(body.compliance) && body.compliance.brand !== undefined)) {
    add(d, `${prefix}compliance.brand`, MESSAGES.tenDlcNeedsIdentity);
  }
  return d;
}

function senderProblems(market: MarketDecl, value: unknown, path: string, d: ErrorDetails): void {
  if (value == null || value === '') {
    if (market.sender.required) add(d, path, MESSAGES.senderValueRequired(market.country, market.number_type));
    return;
  }
  if (typeof value === 'string' && market.sender.pattern && !new RegExp(market.sender.pattern).test(value)) add(d, path, MESSAGES.senderValuePattern(market.sender.pattern));
}

/** A `numbers` list: each quantity 1–49, each area code digits; together at most 49. */
export function numberListProblems(numbers: unknown, path: string): ErrorDetails {
  const d: ErrorDetails = {};
  if (!Array.isArray(numbers)) return d;
  let total = 0;
  numbers.forEach((n, i) => {
    if (!isRecord(n)) return;
    const quantity = n.quantity ?? 1;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_NUMBERS) add(d, `${path}[${i}].quantity`, MESSAGES.numberQuantity(MAX_NUMBERS));
    else total += quantity;
    if (typeof n.area_code === 'string' && !/^[0-9]{2,5}$/.test(n.area_code)) add(d, `${path}[${i}].area_code`, MESSAGES.areaCodeDigits);
  });
  if (total > MAX_NUMBERS) add(d, path, MESSAGES.numbersOverCap(MAX_NUMBERS));
  return d;
}

/**
 * A market's `compliance` against its declaration: US TEN_DLC takes `brand` and `campaign`
 * (each `{"inherit": true}` or its fields, checked by the table's rules), every other market
 * `fields` and `documents` of its own requirements. A submitted brand is locked.
 */
export function complianceProblems(market: MarketDecl, compliance: unknown, prefix: string, facts: IdentityFacts): ErrorDetails {
  const d: ErrorDetails = {};
  if (!isRecord(compliance)) return d;
  if (market.regime === 'tcr') {
    for (const key of ['fields', 'documents'] as const) if (compliance[key] != null) add(d, `${prefix}.${key}`, MESSAGES.tenDlcTakesBrandAndCampaign);
    blockProblems(market, 'brand', BRAND_FIELDS, compliance.brand, `${prefix}.brand`, facts, d);
    blockProblems(market, 'campaign', CAMPAIGN_FIELDS, compliance.campaign, `${prefix}.campaign`, facts, d);
    if (facts.lockedBrand && compliance.brand !== undefined && changesBrand(compliance.brand, facts.lockedBrand)) add(d, `${prefix}.brand`, MESSAGES.brandLocked);
    return d;
  }
  for (const key of ['brand', 'campaign'] as const) if (compliance[key] !== undefined) add(d, `${prefix}.${key}`, MESSAGES.marketRegistersWithNobody(market.country, market.number_type));
  const fields = block(market, 'fields');
  if (isRecord(compliance.fields)) {
    for (const [key, value] of Object.entries(compliance.fields)) {
      const rule = fields.get(key);
      if (!rule) add(d, `${prefix}.fields.${key}`, MESSAGES.notARequirement(market.country, market.number_type));
      else if (value !== null) {
        const problem = valueProblem(rule, value);
        if (problem) add(d, `${prefix}.fields.${key}`, MESSAGES.requirementValue(key, problem));
      }
    }
  }
  const documents = block(market, 'documents');
  if (Array.isArray(compliance.documents)) {
    compliance.documents.forEach((doc, i) => {
      if (isRecord(doc) && typeof doc.key === 'string' && !documents.has(doc.key)) add(d, `${prefix}.documents[${i}].key`, MESSAGES.notADocument(market.country, market.number_type));
    });
  }
  return d;
}

function blockProblems(market: MarketDecl, name: 'brand' | 'campaign', known: readonly string[], value: unknown, path: string, facts: IdentityFacts, d: ErrorDetails): void {
  if (value === undefined) return;
  const inherit = value === null || (isRecord(value) && value.inherit === true);
  if (inherit && facts.isOrganization) add(d, path, MESSAGES.organizationCannotInherit);
  if (!isRecord(value)) return;
  const given = Object.entries(value).filter(([k]) => k !== 'inherit');
  if (value.inherit === true && given.some(([, v]) => v != null)) add(d, `${path}.inherit`, MESSAGES.inheritWithFields(name));
  if (value.inherit === false && given.length === 0) add(d, `${path}.inherit`, MESSAGES.inheritFalseWithoutData(name));
  const rules = block(market, name);
  for (const [key, v] of given) {
    if (!known.includes(key)) add(d, `${path}.${key}`, MESSAGES.notARequirement(market.country, market.number_type));
    else if (v !== null) {
      const problem = valueProblem(rules.get(key)!, v);
      if (problem) add(d, `${path}.${key}`, MESSAGES.requirementValue(key, problem));
    }
  }
}

/** Whether a `brand` write would change a locked identity (inheriting instead, or a field's value). */
function changesBrand(value: unknown, locked: FlatBrand): boolean {
  if (!isRecord(value) || value.inherit === true) return true;
  return Object.entries(value).some(([k, v]) => k !== 'inherit' && (locked[k] ?? null) !== (v ?? null));
}

/** `PATCH /v3/channels/sms/{country}/{type}`: only `compliance` (and `sandbox`), and something to change. */
export function marketPatchProblems(body: unknown): ErrorDetails {
  const d: ErrorDetails = {};
  if (!isRecord(body)) return d;
  for (const key of Object.keys(body)) if (key !== 'compliance' && key !== 'sandbox' && key !== '__proto__') add(d, key, MESSAGES.notChangedByThisCall);
  if (body.compliance === null) add(d, 'compliance', MESSAGES.complianceNotClearable);
  else if (Object.keys(d).length === 0 && (!isRecord(body.compliance) || Object.keys(body.compliance).length === 0)) add(d, 'body', MESSAGES.patchEmpty);
  return d;
}

/** A campaign's fields at the top level (`POST …/campaigns`, or a patch of one): the table's rules; on create every required one. */
export function campaignBodyProblems(body: unknown, market: MarketDecl, mode: 'create' | 'patch'): ErrorDetails {
  const d: ErrorDetails = {};
  if (!isRecord(body)) return d;
  const rules = block(market, 'campaign');
  if (mode === 'patch') {
    if (body.inherit === true) add(d, 'inherit', MESSAGES.campaignInheritRefused);
    if (Object.keys(body).filter((k) => k !== 'sandbox' && k !== 'inherit').length === 0 && body.inherit !== true) add(d, 'body', MESSAGES.patchEmpty);
  }
  for (const [key, rule] of rules) {
    const value = body[key];
    if (value === undefined || (value === null && mode === 'create')) {
      if (mode === 'create' && rule.required) add(d, key, MESSAGES.requirementMissing(key));
      continue;
    }
    if (value === null) {
      if (rule.required) add(d, key, MESSAGES.requirementNotClearable(key));
      continue;
    }
    const problem = valueProblem(rule, value);
    if (problem) add(d, key, MESSAGES.requirementValue(key, problem));
  }
  return d;
}

/** The missing required fields of a flat block (an incomplete identity or campaign waiting on a market). */
export function missingFields(market: MarketDecl, name: 'brand' | 'campaign', flat: Record<string, unknown>): string[] {
  return [...block(market, name)].filter(([key, rule]) => rule.required && valueProblem(rule, flat[key]) !== null).map(([key]) => `${name}.${key}`);
}

/** `POST /v3/channels/whatsapp`: what is resolved from the organization is not accepted. */
export const WHATSAPP_RESOLVED = ['access_token', 'solution_id', 'owner_business_id', 'business_portfolio_id', 'token_expires_at'] as const;

export function whatsappProblems(body: unknown, prefix: string): ErrorDetails {
  const d: ErrorDetails = {};
  if (!isRecord(body)) return d;
  for (const key of WHATSAPP_RESOLVED) if (body[key] !== undefined) add(d, `${prefix}${key}`, MESSAGES.whatsappResolvedFromOrganization);
  return d;
}

/** Every field the RCS registration requires (Sent's live spec, as the third-party client lists them). */
export const RCS_REQUIRED = [
  'display_name', 'description', 'agent_use_case', 'brand_name', 'privacy_policy_url', 'terms_and_conditions_url', 'website_url', 'brand_color',
  'logo_url', 'banner_url', 'brand_phone_number', 'customer_support_phone_number', 'brand_email', 'customer_support_email',
  'contact_name_and_title', 'company_ein', 'entity_type', 'official_address', 'brief_company_description', 'opt_in_process_description',
  'start_message', 'help_message', 'stop_message', 'sample_messages',
] as const;
export const RCS_ADDRESS = ['street', 'city', 'state', 'postal_code', 'country'] as const;
export const RCS_USE_CASES = ['VERIFICATION', 'NOTIFICATIONS', 'MARKETING', 'MULTI_USE'] as const;

const RCS_FORMATS: Record<string, { regex: RegExp; message: string }> = {
  privacy_policy_url: { regex: /^https?:\/\/\S+$/, message: MESSAGES.rcsUrl },
  terms_and_conditions_url: { regex: /^https?:\/\/\S+$/, message: MESSAGES.rcsUrl },
  website_url: { regex: /^https?:\/\/\S+$/, message: MESSAGES.rcsUrl },
  logo_url: { regex: /^https?:\/\/\S+$/, message: MESSAGES.rcsUrl },
  banner_url: { regex: /^https?:\/\/\S+$/, message: MESSAGES.rcsUrl },
  opt_in_screenshot_url: { regex: /^https?:\/\/\S+$/, message: MESSAGES.rcsUrl },
  brand_color: { regex: /^#[0-9A-Fa-f]{6}$/, message: MESSAGES.rcsColor },
  brand_phone_number: { regex: /^\+[1-9][0-9]{6,14}$/, message: MESSAGES.rcsPhone },
  customer_support_phone_number: { regex: /^\+[1-9][0-9]{6,14}$/, message: MESSAGES.rcsPhone },
  brand_email: { regex: /^[^@\s]+@[^@\s]+\.[^@\s]+$/, message: MESSAGES.rcsEmail },
  customer_support_email: { regex: /^[^@\s]+@[^@\s]+\.[^@\s]+$/, message: MESSAGES.rcsEmail },
};

/** `POST /v3/channels/rcs`: every missing field named at once, then the formats of those given. */
export function rcsProblems(body: unknown, prefix: string): ErrorDetails {
  const d: ErrorDetails = {};
  if (!isRecord(body)) return d;
  const empty = (v: unknown) => v == null || v === '' || (Array.isArray(v) && v.length === 0);
  for (const key of RCS_REQUIRED) if (empty(body[key])) add(d, `${prefix}${key}`, MESSAGES.requiredField(key));
  const address = body.official_address;
  if (isRecord(address)) for (const key of RCS_ADDRESS) if (empty(address[key])) add(d, `${prefix}official_address.${key}`, MESSAGES.requiredField(key));
  if (typeof body.agent_use_case === 'string' && body.agent_use_case !== '' && !(RCS_USE_CASES as readonly string[]).includes(body.agent_use_case)) {
    add(d, `${prefix}agent_use_case`, MESSAGES.rcsUseCase(RCS_USE_CASES));
  }
  for (const [key, format] of Object.entries(RCS_FORMATS)) {
    const value = body[key];
    if (typeof value === 'string' && value !== '' && !format.regex.test(value)) add(d, `${prefix}${key}`, format.message);
  }
  return d;
}
