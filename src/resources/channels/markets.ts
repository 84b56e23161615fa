/**
 * Where an account's SMS markets are: the stored ones, and — for the organization only — the two
 * simulator-provided senders every new organization holds (US TEN_DLC and CA LOCAL, ACTIVE,
 * decisions §15), derived rather than stored until something is written to them, so a new
 * tenant stores nothing and a reset gives them back (docs/decisions/0078).
 */
import { MESSAGES } from '../../errors/catalog.js';
import type { Tenant } from '../../store/types.js';
import type { Account } from '../account.js';
import type { NumberType } from '../compliance/markets.js';
import { simulatorNumber } from '../messages/rules.js';
import { MARKETS, marketKey } from './collection.js';
import type { MarketRecord } from './records.js';

/** The markets a new organization holds (decisions §15): `+1` numbers keep working. */
export const SEEDED_MARKETS: ReadonlyArray<{ country: string; number_type: NumberType }> = [
  { country: 'US', number_type: 'TEN_DLC' },
  { country: 'CA', number_type: 'LOCAL' },
];

/** A seeded market as it reads before anything is written to it. Its US number is the one the organization's messages come from. */
export function seededMarket(tenant: Tenant, country: string, type: NumberType): MarketRecord {
  const number = country === 'US' ? simulatorNumber(tenant.id, 'sms') : '+14165550199';
  return {
    id: `seeded-${country}-${type}`.toLowerCase(),
    account_id: tenant.id,
    country,
    number_type: type,
    status: 'ACTIVE',
    reason_code: null,
    reason: null,
    note: MESSAGES.seededMarketNote,
    sender_value: null,
    numbers: [{ sender_value: number, area_code: number.slice(2, 5), status: 'ACTIVE', campaign_id: null }],
    pending_brand: null,
    pending_campaign: null,
    fields: {},
    documents: [],
    approved: true,
    seeded: true,
    review: null,
    job_at: null,
    created_at: tenant.createdAt,
    updated_at: null,
  };
}

const isOrganization = (tenant: Tenant, account: Account) => account.profileId === null && account.id === tenant.id;

/** The account's market for (country, type): stored, else (organization) a seeded one. */
export function findMarket(tenant: Tenant, account: Account, country: string, type: NumberType): MarketRecord | undefined {
  const stored = MARKETS.in(tenant).findBy('market', marketKey(account.id, country, type));
  if (stored) return stored;
  const seeded = isOrganization(tenant, account) && SEEDED_MARKETS.some((s) => s.country === country && s.number_type === type);
  return seeded ? seededMarket(tenant, country, type) : undefined;
}

/** Every market of the account, oldest first (the seeded ones first: they came with the organization). */
export function accountMarkets(tenant: Tenant, account: Account): MarketRecord[] {
  const stored = [...MARKETS.in(tenant).values()].filter((m) => m.account_id === account.id);
  if (!isOrganization(tenant, account)) return stored;
  const seeded = SEEDED_MARKETS.filter((s) => !stored.some((m) => m.country === s.country && m.number_type === s.number_type)).map((s) => seededMarket(tenant, s.country, s.number_type));
  return [...seeded, ...stored];
}

/** Every number held by any market of the tenant (a number is handed out once). */
export function numbersInUse(tenant: Tenant): Set<string> {
  const used = new Set<string>();
  for (const m of MARKETS.in(tenant).values()) for (const n of m.numbers) if (n.sender_value) used.add(n.sender_value);
  return used;
}
