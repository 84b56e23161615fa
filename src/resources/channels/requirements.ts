/**
 * What a market still owes (`compliance.requirements`, keyed by its path in the body) and the
 * market's wire views. A US TEN_DLC market owes what its identity and campaign lack, wherever
 * they live (the account's brand and campaigns, or the incomplete ones waiting on the market);
 * other markets owe their table's required `fields` and `documents` (docs/decisions/0073).
 */
import { MESSAGES } from '../../errors/catalog.js';
import type { components } from '../../generated/sent-v3.js';
import type { Tenant } from '../../store/types.js';
import type { Account } from '../account.js';
import type { MarketDecl } from '../compliance/markets.js';
import { block, declaredMarket } from '../compliance/table.js';
import { accountCampaigns, campaignState, effectiveBrand, flatBrand, inheritsCampaigns, marketBrandView, ownCampaigns, tenDlcCampaignView } from './identity.js';
import type { MarketRecord } from './records.js';
import { missingFields } from './rules.js';

type Schemas = components['schemas'];
type Requirement = Schemas['ComplianceRequirement'];

const describe = (market: MarketDecl, key: string): Requirement => ({ key, description: market.requirements.find((r) => r.key === key)?.description ?? key });

export function outstanding(tenant: Tenant, account: Account, market: MarketRecord): Requirement[] {
  const decl = declaredMarket(market.country, market.number_type);
  if (!decl || market.seeded) return [];
  if (decl.regime === 'tcr') return [...brandOwed(tenant, account, market, decl), ...campaignOwed(tenant, account, market, decl)];
  const owed: Requirement[] = [];
  for (const [key, rule] of block(decl, 'fields')) if (rule.required && !market.fields[key]) owed.push(describe(decl, `fields.${key}`));
  for (const [key, rule] of block(decl, 'documents')) if (rule.required && !market.documents.some((d) => d.key === key)) owed.push(describe(decl, `documents.${key}`));
  return owed;
}

function brandOwed(tenant: Tenant, account: Account, market: MarketRecord, decl: MarketDecl): Requirement[] {
  const { brand, inherit } = effectiveBrand(tenant, account);
  if (inherit && !brand) return [{ key: 'brand', description: MESSAGES.organizationHasNoBrand }];
  const flat = market.pending_brand ?? (brand ? flatBrand(brand) : {});
  return missingFields(decl, 'brand', flat).map((key) => describe(decl, key));
}

function campaignOwed(tenant: Tenant, account: Account, market: MarketRecord, decl: MarketDecl): Requirement[] {
  if (ownCampaigns(tenant, account).length > 0) return [];
  if (market.pending_campaign) return missingFields(decl, 'campaign', market.pending_campaign).map((key) => describe(decl, key));
  if (inheritsCampaigns(tenant, account)) return accountCampaigns(tenant, account).length > 0 ? [] : [{ key: 'campaign', description: MESSAGES.organizationHasNoCampaign }];
  return [{ key: 'campaign', description: MESSAGES.campaignRequired }];
}

/** The market's identity as it reads: an incomplete one waiting here, else the account's brand (own or inherited). */
export function brandView(tenant: Tenant, account: Account, market: MarketRecord): Schemas['MarketBrand'] | null {
  if (market.pending_brand) return marketBrandView(market.pending_brand, false, false);
  const { brand, inherit } = effectiveBrand(tenant, account);
  return brand ? marketBrandView(flatBrand(brand), inherit, brand.submitted_to_tcr) : null;
}

export function campaignViews(tenant: Tenant, account: Account): Schemas['TenDlcCampaign'][] {
  return accountCampaigns(tenant, account).map(({ record, inherit }) => tenDlcCampaignView(record, inherit, campaignState(tenant, record.id)));
}

/** `SmsMarketCompliance`: US TEN_DLC has `brand` and `campaigns`; the others `fields` (the keys are absent, not null, where a market does not ask). */
export function complianceView(tenant: Tenant, account: Account, market: MarketRecord): Schemas['SmsMarketCompliance'] {
  const documents = market.documents.map(({ document_id, key, file_name }) => ({ document_id, key, file_name }));
  const requirements = outstanding(tenant, account, market);
  if (market.number_type === 'TEN_DLC' && market.country === 'US') {
    return { brand: brandView(tenant, account, market), campaigns: campaignViews(tenant, account), documents, requirements };
  }
  return { fields: { ...market.fields }, documents, requirements };
}

export function listedView(market: MarketRecord): Schemas['SmsMarketListed'] {
  return {
    country: market.country,
    number_type: market.number_type,
    status: market.status,
    reason_code: market.reason_code,
    reason: market.reason,
    note: market.note,
    numbers: market.numbers.map((n) => ({ ...n })),
    created_at: market.created_at,
    updated_at: market.updated_at,
  };
}

/** `SmsMarket`: no `sender_value` of its own since 2026-11-12 — the numbers carry it. */
export function marketView(tenant: Tenant, account: Account, market: MarketRecord): Schemas['SmsMarket'] {
  const { created_at, updated_at, ...listed } = listedView(market);
  return { ...listed, compliance: complianceView(tenant, account, market), created_at, updated_at };
}

/** The sender a market sends from: its first ACTIVE number's value, else null. */
export function activeSender(market: MarketRecord): string | null {
  return market.numbers.find((n) => n.status === 'ACTIVE')?.sender_value ?? null;
}
