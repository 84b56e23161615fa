/**
 * Writing a market's `compliance` (POST and PATCH alike, docs/decisions/0073): partial at every
 * level, an omitted key left alone, `null` clearing it; a write is an upsert, so a replay changes
 * nothing (`changed: false`) and files nothing twice. A complete US TEN_DLC identity or campaign
 * goes where the profiles and campaigns modules keep them; an incomplete one waits on the market.
 * `conflicts` runs first and writes nothing: a refused request changes nothing.
 */
import { MESSAGES } from '../../errors/catalog.js';
import { limitError } from '../../limits.js';
import { simError } from '../../errors/sim-error.js';
import type { Tenant } from '../../store/types.js';
import type { Random } from '../../util/random.js';
import { sentTimestamp } from '../../util/time.js';
import type { Account } from '../account.js';
import { CAMPAIGNS } from '../campaigns/collection.js';
import type { MarketDecl } from '../compliance/markets.js';
import { PROFILES } from '../profiles/collection.js';
import { CAMPAIGN_STATE_CAP, CAMPAIGN_STATES } from './collection.js';
import {
  campaignRecord, campaignState, effectiveBrand, flatBrand, flatCampaign, inheritBrand, inheritsBrand, ownBrand, ownCampaigns, profileOf, writeOwnBrand,
  type FlatBrand, type FlatCampaign,
} from './identity.js';
import type { DocumentRecord, MarketRecord } from './records.js';
import { missingFields } from './rules.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** `{...current, ...given}` without `inherit`; `null` clears a field. */
function merged<T extends Record<string, unknown>>(current: T, given: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(given)) if (k !== 'inherit') out[k] = v;
  return out as T;
}

export interface ComplianceWrite {
  tenant: Tenant;
  account: Account;
  decl: MarketDecl;
  market: MarketRecord;
  compliance: unknown;
  ids: { random: Random; now: number };
  maxCampaigns: number;
}

/** The campaign a `campaign` write would change, and why it may not: filed (and no correction asked), or over the cap. */
export function conflicts({ tenant, account, decl, compliance, maxCampaigns }: ComplianceWrite): void {
  if (decl.regime !== 'tcr' || !isRecord(compliance) || !isRecord(compliance.campaign) || compliance.campaign.inherit === true) return;
  const own = ownCampaigns(tenant, account)[0];
  if (!own) {
    if (CAMPAIGN_STATES.in(tenant).size >= maxCampaigns) throw limitError(CAMPAIGN_STATE_CAP, maxCampaigns);
    return;
  }
  const next = merged(flatCampaign(own), compliance.campaign);
  if (same(next, flatCampaign(own))) return;
  if (own.submittedToTCR && campaignState(tenant, own.id)?.status !== 'ACTION_NEEDED') throw simError('BUSINESS_006', { status: 409, message: MESSAGES.campaignFiled });
}

/** Applies the write; returns the market as it should be stored and whether anything changed. */
export function applyCompliance(w: ComplianceWrite): { market: MarketRecord; changed: boolean } {
  if (!isRecord(w.compliance)) return { market: w.market, changed: false };
  if (w.decl.regime === 'tcr') {
    const brand = writeBrand(w, w.market, w.compliance.brand);
    const campaign = writeCampaign(w, brand.market, w.compliance.campaign);
    return { market: campaign.market, changed: brand.changed || campaign.changed };
  }
  return writeDocumentsMarket(w.market, w.compliance, w.ids);
}

function writeBrand({ tenant, account, decl, ids }: ComplianceWrite, market: MarketRecord, value: unknown): { market: MarketRecord; changed: boolean } {
  if (value === undefined) return { market, changed: false };
  const now = sentTimestamp(ids.now);
  if (value === null || (isRecord(value) && value.inherit === true)) {
    const changed = !inheritsBrand(tenant, account) || market.pending_brand !== null;
    if (changed) inheritBrand(tenant, account, now);
    return { market: { ...market, pending_brand: null }, changed };
  }
  if (!isRecord(value)) return { market, changed: false };
  const own = ownBrand(tenant, account);
  const current: FlatBrand = market.pending_brand ?? (own ? flatBrand(own) : {});
  const next = merged<FlatBrand>(current, value);
  if (same(next, current) && !inheritsBrand(tenant, account) && (market.pending_brand !== null || own !== null)) return { market, changed: false };
  if (missingFields(decl, 'brand', next).length > 0) return { market: { ...market, pending_brand: next }, changed: true };
  writeOwnBrand(tenant, account, next, { random: ids.random, now });
  return { market: { ...market, pending_brand: null }, changed: true };
}

function writeCampaign(w: ComplianceWrite, market: MarketRecord, value: unknown): { market: MarketRecord; changed: boolean } {
  const { tenant, account, decl, ids } = w;
  if (value === undefined) return { market, changed: false };
  const now = sentTimestamp(ids.now);
  if (value === null || (isRecord(value) && value.inherit === true)) {
    const profile = profileOf(tenant, account);
    const changed = (profile !== null && !profile.inherit_tcr_campaign) || market.pending_campaign !== null;
    if (profile && !profile.inherit_tcr_campaign) PROFILES.in(tenant).set(profile.id, { ...profile, inherit_tcr_campaign: true, updated_at: now });
    return { market: { ...market, pending_campaign: null }, changed };
  }
  if (!isRecord(value)) return { market, changed: false };
  const own = ownCampaigns(tenant, account)[0];
  const current: FlatCampaign = market.pending_campaign ?? (own ? flatCampaign(own) : {});
  const next = merged(current, value);
  const volume = value.volume === undefined ? undefined : ((value.volume as string | null) ?? null);
  if (same(next, current) && (own !== undefined || market.pending_campaign !== null) && volume === undefined) return { market, changed: false };
  if (missingFields(decl, 'campaign', next).length > 0) return { market: { ...market, pending_campaign: next }, changed: true };
  const brandId = effectiveBrand(tenant, account).brand?.id ?? null;
  const record = campaignRecord(next, { profileId: account.profileId, brandId, customerId: tenant.organization.id }, { random: ids.random, now }, own);
  CAMPAIGNS.in(tenant).set(record.id, record);
  const state = campaignState(tenant, record.id);
  const stateVolume = volume === undefined ? (state?.volume ?? null) : volume;
  CAMPAIGN_STATES.in(tenant).set(record.id, state ? { ...state, volume: stateVolume } : { id: record.id, account_id: account.id, status: 'PENDING_REVIEW', volume: stateVolume, reason: null, review: null, job_at: null });
  return { market: { ...market, pending_campaign: null }, changed: true };
}

/** `fields` (values) and `documents` (by name; a multipart file carries its size) of a market registering with no regime. */
function writeDocumentsMarket(market: MarketRecord, compliance: Record<string, unknown>, ids: { random: Random }): { market: MarketRecord; changed: boolean } {
  const fields = { ...market.fields };
  if (isRecord(compliance.fields)) {
    for (const [k, v] of Object.entries(compliance.fields)) {
      if (v === null) delete fields[k];
      else if (typeof v === 'string') fields[k] = v;
    }
  }
  const documents = [...market.documents];
  if (Array.isArray(compliance.documents)) {
    for (const ref of compliance.documents) {
      if (!isRecord(ref) || typeof ref.key !== 'string' || typeof ref.file_name !== 'string') continue;
      const size = typeof ref.size_bytes === 'number' ? ref.size_bytes : null;
      const at = documents.findIndex((d) => d.key === ref.key);
      if (at >= 0 && documents[at]!.file_name === ref.file_name && documents[at]!.size_bytes === size) continue;
      const doc: DocumentRecord = { document_id: ids.random.uuid(), key: ref.key, file_name: ref.file_name, size_bytes: size };
      if (at >= 0) documents[at] = doc;
      else documents.push(doc);
    }
  }
  const changed = !same(fields, market.fields) || !same(documents, market.documents);
  return { market: changed ? { ...market, fields, documents } : market, changed };
}
