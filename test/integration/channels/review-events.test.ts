import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { anRcsAgent } from '../../support/channel-builders.js';
import { aSenderProfileIn, asProfile, channelReceiver, channelsApp, PROVISIONING, REVIEW } from './helpers.js';

const AU = { country: 'AU', number_type: 'ALPHANUMERIC', sender_value: 'ACME', compliance: { fields: { company_name: 'Acme Pty Ltd', abn: '51824753556' } } };
const STAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

/**
 * The review on the tenant clock and its `channel.*` events (sent-api-v3-2026-11 §2.4,
 * docs/decisions/0075), as a receiver gets them: signed (standardwebhooks verifies each), one per
 * step, with `ChannelEventPayload`.
 */
describe('channel events', () => {
  it('sends channel.submitted for PROVISIONING and PENDING_REVIEW, then channel.activated with the sender', async () => {
    const { c, control } = channelsApp();
    const events = await channelReceiver(c);
    try {
      const org = (await control.tenant()).organization_id;
      const added = await c.post('/v3/channels/sms', AU);
      expect(added.status).toBe(201);
      await control.advance(PROVISIONING);
      await control.advance(REVIEW);
      const bodies = events.bodies();
      expect(bodies.map((b) => [b.field, b.event, b.payload.status])).toEqual([
        ['channel', 'channel.submitted', 'PROVISIONING'],
        ['channel', 'channel.submitted', 'PENDING_REVIEW'],
        ['channel', 'channel.activated', 'ACTIVE'],
      ]);
      expect(events.receiver.received.map((r) => r.headers['x-webhook-event-type'])).toEqual(['channel.submitted', 'channel.submitted', 'channel.activated']);
      expect(bodies[0]).toEqual({
        field: 'channel',
        event: 'channel.submitted',
        timestamp: expect.stringMatching(STAMP),
        request_id: added.headers['x-request-id'],
        payload: { country: 'AU', account_id: org, channel: 'sms', compliance: { documents: [] }, number_type: 'ALPHANUMERIC', reason: null, sender_value: null, status: 'PROVISIONING', updated_at: expect.stringMatching(STAMP) },
      });
      // The add started the chain: the steps the clock takes later carry its request id too (docs/decisions/0092).
      expect(bodies.map((b) => b.request_id)).toEqual([added.headers['x-request-id'], added.headers['x-request-id'], added.headers['x-request-id']]);
      // reason_code is omitted while ACTIVE; sender_value is there once a sender exists.
      expect(bodies[2]!.payload).toEqual({ country: 'AU', account_id: org, channel: 'sms', compliance: { documents: [] }, number_type: 'ALPHANUMERIC', reason: null, sender_value: 'ACME', status: 'ACTIVE', updated_at: expect.stringMatching(STAMP) });
    } finally {
      await events.close();
    }
  });

  it('reports what a market owes (CHANNEL_001), a correction asked for (CHANNEL_002) and a deactivation, through the control plane', async () => {
    const { c, control } = channelsApp();
    const events = await channelReceiver(c);
    try {
      const added = await c.post('/v3/channels/sms', { ...AU, compliance: { fields: { company_name: 'Acme Pty Ltd' } } });
      const amended = await c.patch('/v3/channels/sms/AU/ALPHANUMERIC', { compliance: { fields: { abn: '51824753556' } } });
      expect(amended.status).toBe(200);
      const asked = await c.post('/_sim/channels/sms/AU/ALPHANUMERIC/review', { outcome: 'ACTION_NEEDED', reason: 'The ABN is cancelled' });
      expect(asked.body).toMatchObject({ status: 'ACTION_NEEDED', reason_code: 'CHANNEL_002', reason: 'The ABN is cancelled' });
      const live = await c.post('/_sim/channels/sms/AU/ALPHANUMERIC/review', { outcome: 'ACTIVE' });
      expect(live.body.status).toBe('ACTIVE');
      const off = await c.post('/_sim/channels/sms/AU/ALPHANUMERIC/review', { outcome: 'INACTIVE' });
      expect(off.body).toMatchObject({ status: 'INACTIVE', reason: MESSAGES.marketDeactivated, numbers: [{ status: 'INACTIVE' }] });
      // Each step names the call that made it: the add, the amendment, each control verdict.
      const id = (res: { headers: Record<string, string> }) => res.headers['x-request-id'];
      expect(events.bodies().map((b) => [b.event, b.payload.status, b.payload.reason_code ?? null, b.request_id])).toEqual([
        ['channel.submitted', 'ACTION_NEEDED', 'CHANNEL_001', id(added)],
        ['channel.submitted', 'PENDING_REVIEW', null, id(amended)],
        ['channel.submitted', 'ACTION_NEEDED', 'CHANNEL_002', id(asked)],
        ['channel.activated', 'ACTIVE', null, id(live)],
        ['channel.deactivated', 'INACTIVE', null, id(off)],
      ]);
      expect(events.bodies()[0]!.payload.reason).toBe(MESSAGES.channelOwes(['fields.abn']));
      // A review the clock had pending is decided: nothing more comes.
      await control.advance(REVIEW);
      expect(events.bodies()).toHaveLength(5);
      const bad = await c.post('/_sim/channels/sms/AU/MOBILE/review', { outcome: 'ACTIVE' });
      expect(bad.status).toBe(404);
    } finally {
      await events.close();
    }
  });

  it('sends channel.removed (not deactivated) when a sender profile is deleted, to a webhook filtered to that sub-type alone', async () => {
    const { app, c, control, deps } = channelsApp();
    const removed = await channelReceiver(c, ['removed']);
    try {
      const profile = await aSenderProfileIn(c);
      await asProfile(app, c.key, profile.id).post('/v3/channels/sms', { country: 'DE', number_type: 'ALPHANUMERIC', sender_value: 'ACME' });
      await control.advance(PROVISIONING);
      const deleted = await c.delete(`/v3/sender-profiles/${profile.id}`);
      expect(deleted.status).toBe(204);
      // channel.removed goes out after the answer (a clock advance would not wait for it: no job publishes it).
      await deps.delivery.settled();
      expect(removed.bodies().map((b) => [b.event, b.payload.account_id, b.payload.status, b.payload.reason, b.request_id])).toEqual([
        ['channel.removed', profile.id, 'INACTIVE', MESSAGES.marketRemoved, deleted.headers['x-request-id']],
      ]);
      const market = ((await control.tenant()).sms_markets as Array<{ account_id: string; status: string; numbers: Array<{ status: string }> }>).find((m) => m.account_id === profile.id)!;
      expect(market).toMatchObject({ status: 'INACTIVE', numbers: [{ status: 'INACTIVE' }] });
    } finally {
      await removed.close();
    }
  });

  it('reviews an RCS agent too: channel.submitted then channel.activated, its country the address’s, no number_type', async () => {
    const { c, control } = channelsApp();
    const events = await channelReceiver(c);
    try {
      const agent = await c.post('/v3/channels/rcs', anRcsAgent({ official_address: { ...anRcsAgent().official_address, country: 'ca' } }));
      expect(agent.status).toBe(201);
      expect(agent.body.data).toMatchObject({ status: 'PENDING_REVIEW', phone_number: null });
      await control.advance(REVIEW);
      const rcs = (await c.get('/v3/channels')).body.data.rcs;
      expect(rcs).toMatchObject({ id: agent.body.data.id, status: 'ACTIVE', phone_number: expect.stringMatching(/^\+18[345]{2}5550\d{3}$/) });
      const bodies = events.bodies();
      // The registration started the review: the verdict the clock reaches a day later names it too.
      expect(bodies.map((b) => [b.event, b.payload.channel, b.payload.country, b.payload.status, b.request_id])).toEqual([
        ['channel.submitted', 'rcs', 'CA', 'PENDING_REVIEW', agent.headers['x-request-id']],
        ['channel.activated', 'rcs', 'CA', 'ACTIVE', agent.headers['x-request-id']],
      ]);
      expect(bodies[1]!.payload).not.toHaveProperty('number_type');
      expect(bodies[1]!.payload.sender_value).toBe(rcs.phone_number);
    } finally {
      await events.close();
    }
  });
});
