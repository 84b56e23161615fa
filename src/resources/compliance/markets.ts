/**
 * The simulator's requirements table (docs/decisions/0074): one declaration per SMS market
 * (country, sender type) — what it carries, its sender-id pattern, fees, terms, time to go live,
 * what its compliance demands (each value's rule, each document), its fictional number
 * inventory and the example values its `setup[]` bodies are built from. `GET
 * /v3/compliance/requirements`, the number-types page, the market calls' validation and the
 * review all read this one table, so what is listed is what is enforced (as Sent says of its own).
 *
 * Sources. Sent publishes no per-country table (sent-api-v3-2026-11 §2.7): the shape (brand and
 * campaign for US TEN_DLC, "documents" elsewhere, `{required, regex, options}` values, fees in USD,
 * setup calls with bodies) is Sent's docs'; the contents are the simulator's, drawn from what the
 * public regimes ask for: US 10DLC — The Campaign Registry's brand and campaign fields (as
 * `BrandData`/`CampaignData` of `/v3/profiles` already name them); US toll-free — the carriers'
 * toll-free verification form; GB — the UK SMS SenderID Protection Registry's letter of
 * authorisation; AU — the ACMA SMS Sender ID Register (an ABN); BR — short codes leased per
 * company (CNPJ); IN — TRAI's DLT registration (entity id, template category). Countries and types
 * not listed answer 501. Fees and times are round illustrative figures, not Sent's price list.
 * Inventory numbers are fictional: NANP 555-0100…0149 (never the simulator's magic 01[5-9]0
 * numbers), Ofcom's 07700 900xxx drama range, ACMA's 0491 570 drama block.
 */
import type { components } from '../../generated/sent-v3.js';

export type NumberType = components['schemas']['SmsNumberType'];
export type Carries = 'sms' | 'mms' | 'voice';

export interface RequirementDecl {
  /** The path into a market's `compliance` that satisfies it: `brand.legal_name`, `fields.company_name`, `documents.letter_of_authorization`. */
  key: string;
  description: string;
  required: boolean;
  kind: 'value' | 'list' | 'document';
  /** Plain ASCII regex every value (or list item) must match. */
  regex?: string;
  /** The only values (or list items) accepted. */
  options?: readonly string[];
  /** A fictional value that passes, for the setup bodies. */
  example?: string | readonly string[];
}

export interface InventoryDecl {
  /** Area codes the fictional inventory covers, in the order "any area code" tries them. */
  areaCodes: readonly string[];
  /** The `index`-th number (0–48) of an area code. */
  number(areaCode: string, index: number): string;
}

export interface MarketDecl {
  country: string;
  number_type: NumberType;
  description: string;
  carries: readonly Carries[];
  /** `tcr`: a brand and campaigns (US 10DLC); `documents`: values and documents; `none`: nothing to register. */
  regime: 'tcr' | 'documents' | 'none';
  /** The sender id a request names (`sender_value`): its pattern, and whether the market needs one. */
  sender: { pattern: string | null; required: boolean; example?: string };
  /** Null for sender types that take no numbers (alphanumeric ids, short codes). */
  inventory: InventoryDecl | null;
  /** Whether `POST …/numbers` takes numbers for it (US TEN_DLC, LOCAL, MOBILE; toll-free numbers come with the market). */
  numbersEndpoint: boolean;
  fees: { setup: number; monthly: number };
  terms: string;
  time_to_live: string;
  requirements: readonly RequirementDecl[];
}

const digits = (n: number, width: number) => String(n).padStart(width, '0');
/** NANP fictional numbers 555-0100…0148 (the magic test numbers end 0150–0190: never handed out). */
const nanp = (areaCode: string, index: number) => `+1${areaCode}5550${digits(100 + index, 3)}`;

const ALPHANUMERIC_ID = '^(?=.*[A-Za-z])[A-Za-z0-9 ]{3,11}$';
const URL = '^https?://[^\\s/$.?#][^\\s]*$';
const EMAIL = '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$';
const E164 = '^\\+[1-9][0-9]{6,14}$';

const ENTITY_TYPES = ['PRIVATE_PROFIT', 'PUBLIC_PROFIT', 'NON_PROFIT', 'SOLE_PROPRIETOR', 'GOVERNMENT'] as const;
const VERTICALS = [
  'PROFESSIONAL', 'REAL_ESTATE', 'HEALTHCARE', 'HUMAN_RESOURCES', 'ENERGY', 'ENTERTAINMENT', 'RETAIL', 'TRANSPORTATION', 'AGRICULTURE',
  'INSURANCE', 'POSTAL', 'EDUCATION', 'HOSPITALITY', 'FINANCIAL', 'POLITICAL', 'GAMBLING', 'LEGAL', 'CONSTRUCTION', 'NGO',
  'MANUFACTURING', 'GOVERNMENT', 'TECHNOLOGY', 'COMMUNICATION',
] as const;
const USE_CASES = [
  'MARKETING', 'ACCOUNT_NOTIFICATION', 'CUSTOMER_CARE', 'FRAUD_ALERT', 'TWO_FA', 'DELIVERY_NOTIFICATION', 'SECURITY_ALERT', 'M2M', 'MIXED',
  'HIGHER_EDUCATION', 'POLLING_VOTING',
] as const;

/** The identity a 10DLC registration is filed against (TCR's brand). */
export const TEN_DLC_BRAND: readonly RequirementDecl[] = [
  { key: 'brand.legal_name', description: 'Legal name of the business, as registered with the IRS', required: true, kind: 'value', example: 'Acme Corporation LLC' },
  { key: 'brand.entity_type', description: 'Legal form of the business', required: true, kind: 'value', options: ENTITY_TYPES, example: 'PRIVATE_PROFIT' },
  { key: 'brand.tax_id', description: 'Employer Identification Number (EIN)', required: true, kind: 'value', regex: '^[0-9]{2}-?[0-9]{7}$', example: '12-3456789' },
  { key: 'brand.country', description: 'Country of registration (ISO 3166-1 alpha-2)', required: true, kind: 'value', regex: '^[A-Z]{2}$', example: 'US' },
  { key: 'brand.street', description: 'Street address of the business', required: true, kind: 'value', example: '123 Main Street' },
  { key: 'brand.city', description: 'City', required: true, kind: 'value', example: 'San Francisco' },
  { key: 'brand.state', description: 'State (two-letter code)', required: true, kind: 'value', regex: '^[A-Z]{2}$', example: 'CA' },
  { key: 'brand.postal_code', description: 'ZIP code', required: true, kind: 'value', regex: '^[0-9]{5}(-[0-9]{4})?$', example: '94105' },
  { key: 'brand.website', description: 'Public website of the business', required: false, kind: 'value', regex: URL, example: 'https://acme.example.com' },
  { key: 'brand.vertical', description: 'Industry vertical, as TCR knows it', required: true, kind: 'value', options: VERTICALS, example: 'TECHNOLOGY' },
  { key: 'brand.contact_name', description: 'Name of the person TCR may contact', required: true, kind: 'value', example: 'Jane Doe' },
  { key: 'brand.contact_email', description: 'Email of that person', required: true, kind: 'value', regex: EMAIL, example: 'jane.doe@acme.example.com' },
  { key: 'brand.contact_phone', description: 'Phone of that person (E.164)', required: true, kind: 'value', regex: E164, example: '+14155550123' },
];

/** The programme filed against the brand (TCR's campaign). */
export const TEN_DLC_CAMPAIGN: readonly RequirementDecl[] = [
  { key: 'campaign.name', description: 'A name for the campaign (defaults to its first use case)', required: false, kind: 'value', example: 'Order updates' },
  { key: 'campaign.description', description: 'What the messages are for', required: true, kind: 'value', example: 'Order confirmations and delivery updates for Acme customers' },
  {
    key: 'campaign.message_flow',
    description: 'How recipients opt in (the consent narrative)',
    required: true,
    kind: 'value',
    example: 'Customers opt in by ticking an unchecked box at checkout on acme.example.com; the box names Acme and the message frequency.',
  },
  { key: 'campaign.use_cases', description: 'Use cases, 1 to 5', required: true, kind: 'list', options: USE_CASES, example: ['DELIVERY_NOTIFICATION'] },
  {
    key: 'campaign.sample_messages',
    description: 'Sample messages, 1 to 5, as recipients will read them',
    required: true,
    kind: 'list',
    example: ['Acme: your order 1042 has shipped and arrives Thursday. Reply STOP to opt out.'],
  },
  { key: 'campaign.volume', description: 'Expected messages a day (below 2000: the low-volume tier; omitted: standard)', required: false, kind: 'value', regex: '^[0-9]{1,9}$', example: '1000' },
  { key: 'campaign.opt_in_keywords', description: 'Keywords that opt in, comma-separated', required: false, kind: 'value', example: 'START' },
  { key: 'campaign.opt_out_keywords', description: 'Keywords that opt out, comma-separated', required: false, kind: 'value', example: 'STOP' },
  { key: 'campaign.help_keywords', description: 'Keywords that ask for help, comma-separated', required: false, kind: 'value', example: 'HELP' },
  { key: 'campaign.opt_in_message', description: 'The reply to an opt-in', required: false, kind: 'value' },
  { key: 'campaign.opt_out_message', description: 'The reply to an opt-out', required: false, kind: 'value' },
  { key: 'campaign.help_message', description: 'The reply to a help request', required: false, kind: 'value' },
  { key: 'campaign.privacy_policy_url', description: 'Privacy policy', required: false, kind: 'value', regex: URL },
  { key: 'campaign.terms_and_conditions_url', description: 'Terms and conditions', required: false, kind: 'value', regex: URL },
];

const companyName = (example: string): RequirementDecl => ({ key: 'fields.company_name', description: 'Registered name of the company', required: true, kind: 'value', example });

export const MARKETS: readonly MarketDecl[] = [
  {
    country: 'US',
    number_type: 'TEN_DLC',
    description: 'US local numbers for application-to-person messaging, registered with The Campaign Registry',
    carries: ['sms', 'mms', 'voice'],
    regime: 'tcr',
    sender: { pattern: '^\\+1[2-9][0-9]{9}$', required: false },
    inventory: { areaCodes: ['415', '212', '312', '646', '206'], number: nanp },
    numbersEndpoint: true,
    fees: { setup: 0, monthly: 1.5 },
    terms: 'A brand and at least one approved campaign; every number belongs to one campaign (at most 49 per campaign)',
    time_to_live: '3-7 business days',
    requirements: [...TEN_DLC_BRAND, ...TEN_DLC_CAMPAIGN],
  },
  {
    country: 'US',
    number_type: 'TOLL_FREE',
    description: 'US toll-free numbers, verified with the carriers before they send',
    carries: ['sms', 'mms', 'voice'],
    regime: 'documents',
    sender: { pattern: '^\\+18(00|33|44|55|66|77|88)[0-9]{7}$', required: false },
    inventory: { areaCodes: ['833', '844', '855'], number: nanp },
    numbersEndpoint: false,
    fees: { setup: 0, monthly: 2 },
    terms: 'Toll-free verification of the business and its use case',
    time_to_live: '2-5 business days',
    requirements: [
      companyName('Acme Corporation LLC'),
      { key: 'fields.website', description: 'Public website of the business', required: true, kind: 'value', regex: URL, example: 'https://acme.example.com' },
      { key: 'fields.use_case', description: 'What the messages are for', required: true, kind: 'value', options: ['ACCOUNT_NOTIFICATIONS', 'CUSTOMER_CARE', 'DELIVERY_NOTIFICATIONS', 'MARKETING', 'TWO_FACTOR_AUTHENTICATION'], example: 'DELIVERY_NOTIFICATIONS' },
      { key: 'fields.opt_in_description', description: 'How recipients opt in', required: true, kind: 'value', example: 'Customers opt in at checkout on acme.example.com.' },
      { key: 'fields.sample_message', description: 'A sample message', required: true, kind: 'value', example: 'Acme: your order has shipped. Reply STOP to opt out.' },
      { key: 'fields.monthly_volume', description: 'Expected messages a month', required: true, kind: 'value', options: ['1000', '10000', '100000', '1000000'], example: '10000' },
    ],
  },
  {
    country: 'CA',
    number_type: 'LOCAL',
    description: 'Canadian local numbers (10-digit long codes)',
    carries: ['sms', 'mms', 'voice'],
    regime: 'none',
    sender: { pattern: '^\\+1[2-9][0-9]{9}$', required: false },
    inventory: { areaCodes: ['416', '604', '514', '403', '613'], number: nanp },
    numbersEndpoint: true,
    fees: { setup: 0, monthly: 1 },
    terms: 'No registration; the carriers expect consent-based, low-volume traffic per number',
    time_to_live: 'minutes',
    requirements: [],
  },
  {
    country: 'GB',
    number_type: 'ALPHANUMERIC',
    description: 'An alphanumeric sender id (one-way), protected in the UK SenderID registry',
    carries: ['sms'],
    regime: 'documents',
    sender: { pattern: ALPHANUMERIC_ID, required: true, example: 'ACME' },
    inventory: null,
    numbersEndpoint: false,
    fees: { setup: 0, monthly: 0 },
    terms: 'The sender id must be the brand it names; a letter of authorisation from the company proves it',
    time_to_live: '1-2 business days',
    requirements: [
      companyName('Acme Trading Ltd'),
      { key: 'fields.company_number', description: 'Companies House registration number', required: true, kind: 'value', regex: '^[A-Z0-9]{8}$', example: '01234567' },
      { key: 'documents.letter_of_authorization', description: 'Letter of authorisation to use the sender id, signed by the company', required: true, kind: 'document' },
    ],
  },
  {
    country: 'GB',
    number_type: 'MOBILE',
    description: 'UK mobile numbers (two-way)',
    carries: ['sms'],
    regime: 'none',
    sender: { pattern: '^\\+447[0-9]{9}$', required: false },
    inventory: { areaCodes: ['7700'], number: (_area, i) => `+447700900${digits(i, 3)}` },
    numbersEndpoint: true,
    fees: { setup: 0, monthly: 1.5 },
    terms: 'No registration',
    time_to_live: 'minutes',
    requirements: [],
  },
  {
    country: 'DE',
    number_type: 'ALPHANUMERIC',
    description: 'An alphanumeric sender id (one-way); Germany asks for no registration',
    carries: ['sms'],
    regime: 'none',
    sender: { pattern: ALPHANUMERIC_ID, required: true, example: 'ACME' },
    inventory: null,
    numbersEndpoint: false,
    fees: { setup: 0, monthly: 0 },
    terms: 'No registration; the sender id should name the brand',
    time_to_live: 'minutes',
    requirements: [],
  },
  {
    country: 'AU',
    number_type: 'ALPHANUMERIC',
    description: 'An alphanumeric sender id (one-way), listed on the ACMA SMS Sender ID Register',
    carries: ['sms'],
    regime: 'documents',
    sender: { pattern: ALPHANUMERIC_ID, required: true, example: 'ACME' },
    inventory: null,
    numbersEndpoint: false,
    fees: { setup: 0, monthly: 0 },
    terms: 'The sender id is registered against the business number of the company using it',
    time_to_live: '1-3 business days',
    requirements: [
      companyName('Acme Pty Ltd'),
      { key: 'fields.abn', description: 'Australian Business Number (11 digits)', required: true, kind: 'value', regex: '^[0-9]{11}$', example: '51824753556' },
    ],
  },
  {
    country: 'AU',
    number_type: 'MOBILE',
    description: 'Australian mobile numbers (two-way)',
    carries: ['sms'],
    regime: 'none',
    sender: { pattern: '^\\+614[0-9]{8}$', required: false },
    inventory: { areaCodes: ['491'], number: (_area, i) => `+61491570${digits(i, 3)}` },
    numbersEndpoint: true,
    fees: { setup: 0, monthly: 2 },
    terms: 'No registration',
    time_to_live: 'minutes',
    requirements: [],
  },
  {
    country: 'BR',
    number_type: 'SHORT_CODE',
    description: 'A Brazilian short code (five digits), leased to one company',
    carries: ['sms'],
    regime: 'documents',
    sender: { pattern: '^[0-9]{5}$', required: true, example: '28555' },
    inventory: null,
    numbersEndpoint: false,
    fees: { setup: 500, monthly: 250 },
    terms: 'Leased per company (CNPJ) and use case',
    time_to_live: '2-4 weeks',
    requirements: [
      companyName('Acme Comércio Ltda'),
      { key: 'fields.cnpj', description: 'CNPJ of the company (14 digits)', required: true, kind: 'value', regex: '^[0-9]{14}$', example: '11222333000181' },
      { key: 'fields.use_case', description: 'What the messages are for', required: true, kind: 'value', options: ['TRANSACTIONAL', 'MARKETING', 'OTP'], example: 'TRANSACTIONAL' },
    ],
  },
  {
    country: 'IN',
    number_type: 'ALPHANUMERIC',
    description: 'A six-letter DLT header (sender id), registered on TRAI’s DLT platform',
    carries: ['sms'],
    regime: 'documents',
    sender: { pattern: '^[A-Za-z]{6}$', required: true, example: 'ACMEIN' },
    inventory: null,
    numbersEndpoint: false,
    fees: { setup: 0, monthly: 0 },
    terms: 'The principal entity, its header and template category are registered on DLT first',
    time_to_live: '3-5 business days',
    requirements: [
      companyName('Acme India Private Limited'),
      { key: 'fields.dlt_entity_id', description: 'DLT principal entity id (19 digits)', required: true, kind: 'value', regex: '^[0-9]{19}$', example: '1201159123456789012' },
      { key: 'fields.template_category', description: 'DLT template category', required: true, kind: 'value', options: ['TRANSACTIONAL', 'SERVICE_IMPLICIT', 'SERVICE_EXPLICIT', 'PROMOTIONAL'], example: 'SERVICE_IMPLICIT' },
    ],
  },
];
