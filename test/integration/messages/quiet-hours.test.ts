import { describe, expect, it } from 'vitest';
import { FIELD_MESSAGES, MESSAGES } from '../../../src/errors/catalog.js';
import { eventTimestamp, sentTimestamp } from '../../../src/util/time.js';
import { statusesOf } from './helpers.js';
import { heldApp, messageWebhook, ms } from './scheduling-helpers.js';

describe('quiet hours (simulator-only tenant setting)', () => {
  it('moves a scheduled release inside the window to its end, with a second message.scheduled and SCHEDULED entry', async () => {
    const { c, control, send, message, activities, now } = heldApp();
    const hook = await messageWebhook(c);
    try {
      // The window starts an hour from now and lasts two hours; the send is due inside it.
      const t0 = await now();
      const hour = new Date(t0).getUTCHours();
      const hh = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
      expect((await control.patchTenant({ settings: { quiet_hours: { start: hh(hour + 1), end: hh(hour + 3), time_zone: 'UTC' } } })).status).toBe(200);
      const windowStart = new Date(t0);
      windowStart.setUTCHours(hour + 1, 0, 0, 0);
      const releaseAt = windowStart.getTime() + 30 * 60_000;
      const windowEnd = windowStart.getTime() + 2 * 3_600_000;
      const id = (await send({ scheduled_at: new Date(releaseAt).toISOString() })).body.data.recipients[0].message_id as string;
      // Quiet hours are not checked at acceptance.
      expect((await message(id)).scheduled_at).toBe(sentTimestamp(releaseAt));

      await control.advance((releaseAt - t0) / 1000);
      const moved = await message(id);
      expect(moved).toMatchObject({ status: 'SCHEDULED', scheduled_at: sentTimestamp(windowEnd) });
      const scheduled = (await activities(id)).filter((a) => a.status === 'SCHEDULED');
      expect(scheduled.map((a) => [a.scheduled_at, ms(a.timestamp)])).toEqual([
        [sentTimestamp(windowEnd), releaseAt],
        [sentTimestamp(releaseAt), t0],
      ]);
      expect(scheduled[0]!.description).toBe(MESSAGES.messageQuietHours(eventTimestamp(windowEnd)));
      const holds = hook.events().filter((e) => e.payload.message_id === id && e.event === 'message.scheduled');
      expect(holds.map((e) => [e.payload.schedule_reason, e.payload.scheduled_at])).toEqual([
        ['requested', eventTimestamp(releaseAt)],
        ['quiet_hours', eventTimestamp(windowEnd)],
      ]);

      // A millisecond before the window ends: still held. At its end: released.
      await control.advance((windowEnd - releaseAt) / 1000 - 0.001);
      expect((await message(id)).status).toBe('SCHEDULED');
      await control.advance(0.001 + 10);
      const done = await message(id);
      expect(done.status).toBe('DELIVERED');
      expect(ms(done.events.find((e) => e.status === 'ROUTED')!.timestamp)).toBe(windowEnd + 1000);
      expect(hook.namesOf(id)).toEqual(['message.queued', 'message.scheduled', 'message.scheduled', 'message.routed', 'message.sent', 'message.delivered']);
    } finally {
      await hook.close();
    }
  });

  it('holds an immediate send processed inside the window until its end (one SCHEDULED, quiet_hours)', async () => {
    const { control, send, message, events, quietNow } = heldApp();
    const { end } = await quietNow();
    const id = (await send({})).body.data.recipients[0].message_id as string;
    await control.advance(1);
    expect(await message(id)).toMatchObject({ status: 'SCHEDULED', scheduled_at: sentTimestamp(end) });
    const hold = events.find((e) => e.payload.message_id === id && e.name === 'message.scheduled')!;
    expect(hold.payload).toMatchObject({ schedule_reason: 'quiet_hours', scheduled_at: eventTimestamp(end) });
    await control.advance(3 * 3600);
    expect((await message(id)).status).toBe('DELIVERED');
    expect(statusesOf(events, id)).toEqual(['message.queued', 'message.scheduled', 'message.routed', 'message.sent', 'message.delivered']);
  });

  it('runs in the window’s own time zone, over midnight', async () => {
    const { control, send, message, now } = heldApp();
    const t0 = await now();
    // 22:00–06:00 in Tokyo (UTC+9, no DST): find when the next Tokyo 22:00 is and send for then.
    expect((await control.patchTenant({ settings: { quiet_hours: { start: '22:00', end: '06:00', time_zone: 'Asia/Tokyo' } } })).status).toBe(200);
    const tokyo = new Date(t0 + 9 * 3_600_000);
    tokyo.setUTCHours(22, 0, 0, 0);
    let start = tokyo.getTime() - 9 * 3_600_000;
    if (start - t0 < 120_000) start += 86_400_000;
    const id = (await send({ scheduled_at: new Date(start + 60_000).toISOString() })).body.data.recipients[0].message_id as string;
    await control.advance((start + 60_000 - t0) / 1000);
    // Held until 06:00 Tokyo time the next morning: eight hours after 22:00.
    expect(await message(id)).toMatchObject({ status: 'SCHEDULED', scheduled_at: sentTimestamp(start + 8 * 3_600_000) });
  });

  it('refuses a malformed setting with the field’s own message, changing nothing', async () => {
    const { control } = heldApp();
    for (const [quiet, field] of [
      [{ start: '9pm', end: '08:00', time_zone: 'UTC' }, 'start'],
      [{ start: '21:00', end: '24:00', time_zone: 'UTC' }, 'end'],
      [{ start: '21:00', end: '08:00', time_zone: 'Mars/Olympus_Mons' }, 'time_zone'],
      [{ start: '21:00', end: '08:00' }, 'time_zone'],
    ] as const) {
      const res = await control.patchTenant({ settings: { quiet_hours: quiet } });
      expect(res.status, field).toBe(400);
      expect(JSON.stringify(res.body.errors)).toContain(FIELD_MESSAGES[`settings.quiet_hours.${field}`]!.text);
    }
    expect((await control.tenant()).settings.quiet_hours).toBeNull();
    expect((await control.patchTenant({ settings: { quiet_hours: { start: '21:00', end: '08:00', time_zone: 'America/New_York' } } })).status).toBe(200);
    expect((await control.patchTenant({ settings: { quiet_hours: null } })).body.settings.quiet_hours).toBeNull();
  });
});
