/**
 * Provider states of the onboarding flow (sent-api-v3-2026-11 §2.6, §2.7), all through the
 * public API: a sender profile, and one with a market added the way its requirements' setup says.
 */
import { DE_MARKET, SENDER_PROFILE } from '../fixtures.js';
import type { Target } from '../target.js';
import { NOTHING, type StateDefinition } from './types.js';

export const CHANNEL_STATE = {
  senderProfile: 'a sender profile {senderProfileId} exists',
  senderProfileWithMarket: 'a sender profile {senderProfileId} with an ALPHANUMERIC SMS market in DE',
  noSenderInGb: 'the organization holds no SMS market in GB',
} as const;

export const CHANNEL_STATES: Record<(typeof CHANNEL_STATE)[keyof typeof CHANNEL_STATE], StateDefinition> = {
  [CHANNEL_STATE.senderProfile]: {
    setup: async ({ target }) => ({ senderProfileId: await createSenderProfile(target) }),
  },
  [CHANNEL_STATE.senderProfileWithMarket]: {
    setup: async ({ target }) => {
      const senderProfileId = await createSenderProfile(target);
      await target.expect(201, 'POST', '/v3/channels/sms', DE_MARKET, { 'x-profile-id': senderProfileId });
      return { senderProfileId };
    },
  },
  // A new organization holds US and CA markets only (decisions §15): nothing to set up.
  [CHANNEL_STATE.noSenderInGb]: NOTHING,
};

async function createSenderProfile(target: Target): Promise<string> {
  const { id } = await target.data<{ id?: unknown }>(201, 'POST', '/v3/sender-profiles', SENDER_PROFILE);
  if (typeof id !== 'string') throw new Error('POST /v3/sender-profiles answered without data.id');
  return id;
}
