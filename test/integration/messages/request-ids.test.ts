// Which call's request id the events of held, cancelled and resent messages carry (docs/decisions/0060, 0094),
// checked on the signed deliveries a receiver gets.
import { describe, expect, it } from 'vitest';
import { heldApp, messageWebhook } from './scheduling-helpers.js';

type Delivery = { event: string; request_id: string | null; payload: Record<string, unknown> };

/** The `event` and `request_id` of each delivery of one message, in arrival order. */
function chainOf(events: unknown[], id: string): Array<[string, string | null]> {
  return (events as Delivery[]).filter((e) => e.payload.message_id === id).map((e) => [e.event, e.request_id]);
}

/** A held-clock simulator with a verifying receiver on the message family, closed after `fn`. */
async function withHook(fn: (t: ReturnType<typeof heldApp>, hook: Awaited<ReturnType<typeof messageWebhook>>) => Promise<void>) {
  const t = heldApp();
  const hook = await messageWebhook(t.c);
  try {
    await fn(t, hook);
  } finally {
    await hook.close();
  }
}

describe('request_id on the events of scheduled, cancelled and resent messages', () => {
  it('names the send on every event of a held message, its release and a quiet-hours hold included', () =>
    withHook(async ({ control, send, inSeconds, quietNow, now }, hook) => {
      const res = await send({ scheduled_at: await inSeconds(600) });
      const sendId = res.body.meta.request_id as string;
      expect(sendId).toMatch(/^req_/);
      expect(res.headers['x-request-id']).toBe(sendId);
      const id = res.body.data.recipients[0].message_id as string;
      await control.advance(0);
      // The release falls in quiet hours: a second hold, then the lifecycle at their end.
      const { end } = await quietNow();
      await control.advance(600);
      await control.advance(Math.ceil((end - (await now())) / 1000) + 10);
      expect(chainOf(hook.events(), id)).toEqual(
        ['message.queued', 'message.scheduled', 'message.scheduled', 'message.routed', 'message.sent', 'message.delivered'].map((e) => [e, sendId]),
      );
    }));

  it('names the cancel on message.cancelled, and the send on the events before it', () =>
    withHook(async ({ c, control, send, inSeconds }, hook) => {
      const res = await send({ scheduled_at: await inSeconds(600) });
      const sendId = res.body.meta.request_id as string;
      const id = res.body.data.recipients[0].message_id as string;
      await control.advance(0);
      const cancel = await c.post(`/v3/messages/${id}/cancel`);
      expect(cancel.status).toBe(200);
      const cancelId = cancel.body.meta.request_id as string;
      expect(cancelId).not.toBe(sendId);
      // A repeat cancel answers 200 and starts nothing: no event names it.
      expect((await c.post(`/v3/messages/${id}/cancel`)).status).toBe(200);
      await control.advance(3600);
      expect(chainOf(hook.events(), id)).toEqual([
        ['message.queued', sendId],
        ['message.scheduled', sendId],
        ['message.cancelled', cancelId],
      ]);
    }));

  it('keeps the send on a release a refused cancel brought forward (message-cancel-too-late)', () =>
    withHook(async ({ c, control, send, inSeconds }, hook) => {
      const res = await send({ scheduled_at: await inSeconds(600) });
      const sendId = res.body.meta.request_id as string;
      const id = res.body.data.recipients[0].message_id as string;
      expect((await c.post(`/v3/messages/${id}/cancel`).set('x-sim-scenario', 'message-cancel-too-late')).status).toBe(409);
      await control.advance(3600);
      expect(chainOf(hook.events(), id)).toEqual(
        ['message.queued', 'message.scheduled', 'message.routed', 'message.sent', 'message.delivered'].map((e) => [e, sendId]),
      );
    }));

  it('names the resend on every event of the new attempt, the send on the first', () =>
    withHook(async ({ c, control, send }, hook) => {
      const res = await send({});
      const sendId = res.body.meta.request_id as string;
      const id = res.body.data.recipients[0].message_id as string;
      await control.advance(10);
      const resend = await c.post(`/v3/messages/${id}/resend`);
      expect(resend.status).toBe(202);
      const resendId = resend.body.meta.request_id as string;
      expect(resendId).not.toBe(sendId);
      await control.advance(10);
      const lifecycle = ['message.queued', 'message.routed', 'message.sent', 'message.delivered'];
      expect(chainOf(hook.events(), id)).toEqual([...lifecycle.map((e) => [e, sendId]), ...lifecycle.map((e) => [e, resendId])]);
    }));

  it('carries the chain through an export and import: a pending release still names the send', async () => {
    // The published events themselves: an import gives the webhook a new signing secret.
    const { control, send, inSeconds, events } = heldApp();
    const res = await send({ scheduled_at: await inSeconds(600) });
    const sendId = res.body.meta.request_id as string;
    const id = res.body.data.recipients[0].message_id as string;
    await control.advance(0);
    const snapshot = await control.export();
    expect((await control.import(snapshot)).status).toBe(200);
    await control.advance(610);
    const chain = events.filter((e) => e.order_key === id).map((e) => [e.name, e.request_id]);
    expect(chain).toEqual(['message.queued', 'message.scheduled', 'message.routed', 'message.sent', 'message.delivered'].map((e) => [e, sendId]));
  });
});
