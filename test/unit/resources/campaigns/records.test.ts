import { describe, expect, it } from 'vitest';
import { campaignFromRequest } from '../../../../src/resources/campaigns/records.js';
import { campaignToWire, campaignToWireOutsideList } from '../../../../src/resources/campaigns/to-wire.js';
import type { CampaignRecord } from '../../../../src/resources/campaigns/records.js';
import { createRandom } from '../../../../src/util/random.js';
import { aCampaign } from '../../../support/campaign-builders.js';

const T0 = '2026-05-21T12:05:03.7544606+00:00';
const T1 = '2026-05-22T08:00:00.0000000+00:00';
const owner = { profileId: '770e8400-e29b-41d4-a716-446655440002', brandId: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890', customerId: 'd290f1ee-6c54-4b01-90e6-d701748f0851' };

describe('campaignFromRequest', () => {
  it('makes a new campaign that is not submitted, owned as given', () => {
    const record = campaignFromRequest(aCampaign({ helpKeywords: 'HELP' }), owner, { random: createRandom(1), now: T0 });
    expect(record).toMatchObject({
      createdAt: T0,
      updatedAt: null,
      brandId: owner.brandId,
      customerId: owner.customerId,
      profileId: owner.profileId,
      status: null,
      submittedToTCR: false,
      cost: null,
      hasSubmissionTransaction: false,
      helpKeywords: 'HELP',
      messageFlow: null,
    });
    expect(record.useCases).toEqual([expect.objectContaining({ campaignId: record.id, customerId: owner.customerId, createdAt: T0, updatedAt: null })]);
  });

  it('replaces every request field on PUT and keeps identity, TCR and billing state', () => {
    const random = createRandom(2);
    const first = campaignFromRequest(aCampaign({ messageFlow: 'Web form' }), owner, { random, now: T0 });
    const submitted: CampaignRecord = { ...first, status: 'ACTIVE', submittedToTCR: true, submittedAt: T0, tcrCampaignId: 'CABC123', cost: 15, hasSubmissionTransaction: true };
    const next = campaignFromRequest(aCampaign({ name: 'Renamed' }), owner, { random, now: T1 }, submitted);
    expect(next).toMatchObject({
      id: first.id,
      createdAt: T0,
      updatedAt: T1,
      name: 'Renamed',
      messageFlow: null,
      status: 'ACTIVE',
      submittedToTCR: true,
      submittedAt: T0,
      tcrCampaignId: 'CABC123',
      cost: 15,
      hasSubmissionTransaction: true,
    });
    expect(next.useCases[0]!.campaignId).toBe(first.id);
  });

  it('makes organization campaigns with profileId null', () => {
    const record = campaignFromRequest(aCampaign(), { ...owner, profileId: null }, { random: createRandom(3), now: T0 });
    expect(record.profileId).toBeNull();
  });
});

describe('campaignToWire', () => {
  it('drops profileId and keeps every other key', () => {
    const record = campaignFromRequest(aCampaign(), owner, { random: createRandom(4), now: T0 });
    const wire = campaignToWire(record);
    expect(wire).not.toHaveProperty('profileId');
    const { profileId: _dropped, ...rest } = record;
    expect(wire).toEqual(rest);
  });

  it('fills hasSubmissionTransaction only on the list path', () => {
    const record = { ...campaignFromRequest(aCampaign(), owner, { random: createRandom(5), now: T0 }), hasSubmissionTransaction: true };
    expect(campaignToWire(record).hasSubmissionTransaction).toBe(true);
    expect(campaignToWireOutsideList(record)).toEqual({ ...campaignToWire(record), hasSubmissionTransaction: false });
  });
});
