import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import { messagingApp, statusesOf } from '../messages/helpers.js';

const H = 'x-sim-scenario';

/** Sends one message on `channel` under `scenario`; `after` advances the clock and returns the message's detail and event names. */
async function underScenario(scenario: string, channel = 'sms') {
  const t = messagingApp();
  const res = await t.c.post('/v3/messages', { to: ['+14155550100'], channel: [channel], text: 'Hi' }).set(H, scenario);
  expect(res.status).toBe(202);
  const id = res.body.data.recipients[0].message_id as string;
  return {
    ...t,
    id,
    after: async (seconds: number) => {
      await t.control.advance(seconds);
      const detail = (await t.c.get(`/v3/messages/${id}`)).body.data;
      return { detail, events: statusesOf(t.events, id), last: detail.events.at(-1) };
    },
  };
}

describe('message scenarios', () => {
  it('message-failed: FAILED after SENT, priced, with message.failed', async () => {
    const { after, events, id } = await underScenario('message-failed');
    const { detail, last } = await after(10);
    expect(statusesOf(events, id)).toEqual(['message.queued', 'message.routed', 'message.sent', 'message.failed']);
    expect(detail).toMatchObject({ status: 'FAILED', price: 0.0075 });
    expect(last.description).toBe(MESSAGES.carrierRejected);
    // The scenario travels with the events it produced (webhook delivery faults key on it).
    expect(events.filter((e) => e.payload.message_id === id).every((e) => e.scenario === 'message-failed')).toBe(true);
  });

  it('message-undelivered: stays SENT with no receipt', async () => {
    const { after } = await underScenario('message-undelivered');
    const { detail, events } = await after(24 * 3600);
    expect(detail.status).toBe('SENT');
    expect(events).toEqual(['message.queued', 'message.routed', 'message.sent']);
  });

  it('message-read: READ 5 s after DELIVERED on rcs, DELIVERED only on sms', async () => {
    const rcs = await underScenario('message-read', 'rcs');
    expect((await rcs.after(9)).detail.status).toBe('DELIVERED');
    const read = await rcs.after(1);
    expect(read.detail.status).toBe('READ');
    expect(read.events.at(-1)).toBe('message.read');
    const sms = await underScenario('message-read', 'sms');
    expect((await sms.after(60)).detail.status).toBe('DELIVERED');
  });

  it('message-filtered: FILTERED at +1 s, unpriced', async () => {
    const { after } = await underScenario('message-filtered');
    const { detail, events, last } = await after(10);
    expect(detail).toMatchObject({ status: 'FILTERED', price: null });
    expect(last.description).toBe(MESSAGES.consentBlocked);
    expect(events).toEqual(['message.queued', 'message.filtered']);
  });

  it('message-blocked: BLOCKED with the scenario’s description naming BUSINESS_029', async () => {
    const { after, deps } = await underScenario('message-blocked');
    const { detail, events, last } = await after(10);
    expect(detail).toMatchObject({ status: 'BLOCKED', price: null });
    expect(last.description).toBe(deps.scenarios.get('message-blocked')!.messages!.description);
    expect(last.description).toContain('BUSINESS_029');
    expect(events).toEqual(['message.queued', 'message.blocked']);
  });

  it('message-slow-receipts: DELIVERED 5 minutes after SENT', async () => {
    const { after } = await underScenario('message-slow-receipts');
    expect((await after(3)).detail.status).toBe('SENT');
    expect((await after(298)).detail.status).toBe('SENT');
    const { detail } = await after(2);
    expect(detail.status).toBe('DELIVERED');
    const [, , sent, delivered] = detail.events.map((e: { timestamp: string }) => Date.parse(e.timestamp.slice(0, 23)));
    expect(delivered - sent).toBe(300_000);
  });

  it('message-rate-limited: 429 BUSINESS_002 with the message tier’s limit, nothing queued', async () => {
    const { c, control } = messagingApp();
    const res = await c.post('/v3/messages', { to: ['+14155550100'], text: 'Hi' }).set(H, 'message-rate-limited');
    expect(res.status).toBe(429);
    expect(res.body.error).toMatchObject({ code: 'BUSINESS_002', message: ERROR_CATALOG.BUSINESS_002.message });
    expect(res.headers).toMatchObject({ 'retry-after': '30', 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0' });
    expect((await control.tenant()).totals).toMatchObject({ messages: 0, contacts: 0, pending_jobs: 0 });
  });

  it('message-provider-error: 502 INTERNAL_003 naming the request id, nothing queued', async () => {
    const { c, control } = messagingApp();
    const res = await c.post('/v3/messages', { to: ['+14155550100'], text: 'Hi' }).set(H, 'message-provider-error');
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: 'INTERNAL_003', message: MESSAGES.providerError(res.headers['x-request-id'] as string) });
    expect((await control.tenant()).totals).toMatchObject({ messages: 0, contacts: 0, pending_jobs: 0 });
  });

  it('binds to the tenant when set as its active scenario', async () => {
    const { c, control } = messagingApp();
    expect((await c.put('/_sim/scenarios/active', { name: 'message-undelivered' })).status).toBe(200);
    const id = (await c.post('/v3/messages', { to: ['+14155550100'], channel: ['sms'], text: 'Hi' })).body.data.recipients[0].message_id;
    await control.advance(60);
    expect((await c.get(`/v3/messages/${id}`)).body.data.status).toBe('SENT');
  });
});
