import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { statusesOf } from '../messages/helpers.js';
import { heldApp } from '../messages/scheduling-helpers.js';

const H = 'x-sim-scenario';

describe('scenarios of scheduled sends, resends and MMS', () => {
  it('message-cancel-too-late: the cancel answers 409 and the message goes out, once', async () => {
    const { c, control, send, message, inSeconds, events } = heldApp();
    const id = (await send({ scheduled_at: await inSeconds(600) })).body.data.recipients[0].message_id as string;
    const res = await c.post(`/v3/messages/${id}/cancel`).set(H, 'message-cancel-too-late');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'BUSINESS_006', message: MESSAGES.notScheduled });
    await control.advance(10);
    expect((await message(id)).status).toBe('DELIVERED');
    // Past the original release instant: nothing more.
    await control.advance(3600);
    expect(statusesOf(events, id)).toEqual(['message.queued', 'message.scheduled', 'message.routed', 'message.sent', 'message.delivered']);
  });

  it('message-resend-blocked: a resend is accepted and blocked again (BUSINESS_003); without it, it goes out', async () => {
    const { c, control, send, message, events } = heldApp();
    const id = (await send({}, { [H]: 'message-resend-blocked' })).body.data.recipients[0].message_id as string;
    await control.advance(2);
    expect(await message(id)).toMatchObject({ status: 'BLOCKED', price: null });
    expect((await c.post(`/v3/messages/${id}/resend`).set(H, 'message-resend-blocked')).status).toBe(202);
    await control.advance(2);
    const blocked = await message(id);
    expect(blocked.status).toBe('BLOCKED');
    expect(blocked.events.at(-1)).toMatchObject({ description: 'BUSINESS_003: Insufficient account balance' });
    expect((await c.post(`/v3/messages/${id}/resend`)).status).toBe(202);
    await control.advance(10);
    expect(await message(id)).toMatchObject({ status: 'DELIVERED', price: 0.0075 });
    expect(statusesOf(events, id)).toEqual(['message.queued', 'message.blocked', 'message.queued', 'message.blocked', 'message.queued', 'message.routed', 'message.sent', 'message.delivered']);
  });

  it('message-mms-media-unreachable: an MMS with media fails after SENT; an sms beside it is delivered', async () => {
    const { c, control, message, events } = heldApp();
    const res = await c.post('/v3/messages', { to: ['+14155550100'], channel: ['mms', 'sms'], text: 'Receipt', media_urls: ['https://cdn.example.com/r.jpg'] }).set(H, 'message-mms-media-unreachable');
    const [mms, sms] = res.body.data.recipients.map((r: { message_id: string }) => r.message_id) as string[];
    await control.advance(10);
    const failed = await message(mms!);
    expect(failed).toMatchObject({ status: 'FAILED', price: 0.02 });
    expect(failed.events.at(-1)).toMatchObject({ description: MESSAGES.mediaFetchFailed });
    expect(statusesOf(events, mms!)).toEqual(['message.queued', 'message.routed', 'message.sent', 'message.failed']);
    expect((await message(sms!)).status).toBe('DELIVERED');
  });
});
