import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../../src/errors/catalog.js';
import { SimError } from '../../../../src/errors/sim-error.js';
import { campaignFromRequest } from '../../../../src/resources/campaigns/records.js';
import {
  assertCampaignEditable,
  assertCanOwnCampaigns,
  ownCampaign,
  requireBrand,
  visibleCampaigns,
} from '../../../../src/resources/campaigns/rules.js';
import { brandFromRequest } from '../../../../src/resources/profiles/brand.js';
import type { CampaignRecord } from '../../../../src/resources/campaigns/records.js';
import { createRandom } from '../../../../src/util/random.js';
import { aBrand } from '../../../support/builders.js';
import { aCampaign } from '../../../support/campaign-builders.js';

const random = createRandom(7);
const NOW = '2026-05-21T12:05:03.7544606+00:00';
const ORG = 'd290f1ee-6c54-4b01-90e6-d701748f0851';
const PROFILE = '770e8400-e29b-41d4-a716-446655440002';
const OTHER = '660e8400-e29b-41d4-a716-446655440001';

function campaign(profileId: string | null, name = 'c'): CampaignRecord {
  return campaignFromRequest(aCampaign({ name }), { profileId, brandId: null, customerId: ORG }, { random, now: NOW });
}

/** Runs a guard and returns what it threw, as `{code, status, message, details}`, or null. */
function thrown(guard: () => unknown): Pick<SimError, 'code' | 'status' | 'message' | 'details'> | null {
  try {
    guard();
    return null;
  } catch (error) {
    if (!(error instanceof SimError)) throw error;
    return { code: error.code, status: error.status, message: error.message, details: error.details };
  }
}

const notFound = (code: 'RESOURCE_009' | 'RESOURCE_010') => ({
  code,
  status: 404,
  message: ERROR_CATALOG[code].message,
  details: null,
});
const invalid = (message: string) => ({
  code: 'VALIDATION_001',
  status: 400,
  message: ERROR_CATALOG.VALIDATION_001.message,
  details: { campaign: [message] },
});

describe('requireBrand', () => {
  const brand = brandFromRequest(aBrand(), { id: random.uuid(), now: NOW });
  it.each(['RESOURCE_009', 'RESOURCE_010'] as const)('answers %s without a brand and the brand otherwise', (code) => {
    expect(thrown(() => requireBrand(null, code))).toEqual(notFound(code));
    expect(requireBrand(brand, code)).toBe(brand);
  });
});

describe('assertCanOwnCampaigns', () => {
  it.each([
    [true, invalid(MESSAGES.campaignsInherited)],
    [false, null],
  ])('inherit_tcr_campaign %s → %j', (inherit, expected) => {
    expect(thrown(() => assertCanOwnCampaigns({ inherit_tcr_campaign: inherit }))).toEqual(expected);
  });
});

describe('ownCampaign', () => {
  const mine = campaign(PROFILE);
  it.each([
    ['the profile’s own campaign', mine, null],
    ['an unknown id', undefined, notFound('RESOURCE_010')],
    ['another profile’s campaign', campaign(OTHER), notFound('RESOURCE_010')],
    ['an organization campaign', campaign(null), notFound('RESOURCE_010')],
  ])('%s', (_, record, expected) => {
    expect(thrown(() => ownCampaign(record, PROFILE))).toEqual(expected);
  });

  it('returns the campaign it accepts', () => expect(ownCampaign(mine, PROFILE)).toBe(mine));
});

describe('assertCampaignEditable', () => {
  it.each([
    [false, null],
    [true, invalid(MESSAGES.campaignLocked)],
  ])('submittedToTCR %s → %j', (submitted, expected) => {
    expect(thrown(() => assertCampaignEditable({ submittedToTCR: submitted }))).toEqual(expected);
  });
});

describe('visibleCampaigns', () => {
  const org1 = campaign(null, 'org1');
  const own1 = campaign(PROFILE, 'own1');
  const other = campaign(OTHER, 'other');
  const org2 = campaign(null, 'org2');
  const own2 = campaign(PROFILE, 'own2');
  const all = [org1, own1, other, org2, own2];

  it.each([
    [false, ['own1', 'own2']],
    [true, ['own1', 'own2', 'org1', 'org2']],
  ])('inherit_tcr_campaign %s → %j (own first, each in creation order)', (inherit, names) => {
    const visible = visibleCampaigns(all, { id: PROFILE, inherit_tcr_campaign: inherit });
    expect(visible.map((c) => c.name)).toEqual(names);
  });

  it('shows nothing for a profile with no campaigns that does not inherit', () => {
    expect(visibleCampaigns(all, { id: '880e8400-e29b-41d4-a716-446655440003', inherit_tcr_campaign: false })).toEqual([]);
  });
});
