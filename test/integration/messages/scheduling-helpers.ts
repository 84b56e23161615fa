import request from 'supertest';
import { expect } from 'vitest';
import { parseSentTimestamp } from '../../../src/util/time.js';
import { startReceiver, type Received } from '../../support/receiver.js';
import { aWebhook, verified } from '../../support/webhooks.js';
import { messagingApp } from './helpers.js';

/**
 * A simulator whose real time stands still: its tenant clocks move only when a test advances
 * them, so "exactly at scheduled_at" is a fact a test can check. Real time is frozen at the
 * test's start, so webhook timestamps stay within a verifier's tolerance.
 */
export function heldApp(options: Parameters<typeof messagingApp>[0] = {}) {
  const frozen = Date.now();
  const t = messagingApp({ realNow: () => frozen, ...options });
  const now = async () => parseSentTimestamp((await t.control.tenant()).now as string);
  /** An ISO date-time `seconds` after the tenant clock's now, written with the offset `offset` (e.g. `+02:00`). */
  const inSeconds = async (seconds: number, offset = 'Z') => isoAt((await now()) + seconds * 1000, offset);
  const send = (body: Record<string, unknown>, headers: Record<string, string> = {}) => {
    let req = t.c.post('/v3/messages', { to: ['+14155550100'], channel: ['sms'], text: 'Your appointment is tomorrow at 9:00.', ...body });
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return req;
  };
  const message = async (id: string) => (await t.c.get(`/v3/messages/${id}`)).body.data as Record<string, unknown> & { status: string; events: Array<{ status: string; timestamp: string }> };
  const activities = async (id: string) => (await t.c.get(`/v3/messages/${id}/activities`)).body.data.activities as Array<Record<string, unknown> & { status: string; timestamp: string }>;
  /** `POST /_sim/inbound`: a message from a contact; answers `{message, contact}`. */
  const inbound = async (body: Record<string, unknown>) => {
    const res = await request(t.app).post('/_sim/inbound').set('x-api-key', t.c.key).send(body);
    if (res.status !== 201) throw new Error(`inbound failed: ${res.status} ${res.text}`);
    return res.body as { message: { id: string } & Record<string, unknown>; contact: { id: string } };
  };
  /** Quiet hours that hold whatever is released now: from an hour before the tenant's now to two hours after (UTC). */
  const quietNow = async () => {
    const hour = new Date(await now()).getUTCHours();
    const hh = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
    const quiet = { start: hh(hour - 1), end: hh(hour + 2), time_zone: 'UTC' };
    const res = await t.control.patchTenant({ settings: { quiet_hours: quiet } });
    if (res.status !== 200) throw new Error(`quiet hours failed: ${res.status} ${res.text}`);
    const end = new Date(await now());
    end.setUTCHours(hour + 2, 0, 0, 0);
    return { quiet, end: end.getTime() };
  };
  return { ...t, frozen, now, inSeconds, send, message, activities, inbound, quietNow };
}

/** `ms` written as an ISO-8601 date-time with the given offset (`Z` or `±HH:MM`). */
export function isoAt(ms: number, offset = 'Z'): string {
  if (offset === 'Z') return new Date(ms).toISOString();
  const sign = offset[0] === '-' ? -1 : 1;
  const shift = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
  return `${new Date(ms + shift).toISOString().slice(0, 23)}${offset}`;
}

/** A webhook on a real receiver, subscribed to the message family; `events()` verifies each delivery with standardwebhooks. */
export async function messageWebhook(c: ReturnType<typeof messagingApp>['c']) {
  const receiver = await startReceiver();
  const res = await c.post('/v3/webhooks', aWebhook(receiver.url, { event_types: ['message'] }));
  expect(res.status).toBe(201);
  const secret = res.body.data.signing_secret as string;
  const events = () => receiver.received.map((r: Received) => verified(secret, r) as { event: string; payload: Record<string, unknown> });
  /** The `message.*` names a message's deliveries carried, in arrival order. */
  const namesOf = (id: string) => events().filter((e) => e.payload.message_id === id).map((e) => e.event);
  return { receiver, events, namesOf, close: () => receiver.close() };
}

/** A message's delivered events by name (the last of each). */
export function eventOf(events: Array<{ event: string; payload: Record<string, unknown> }>, id: string, name: string) {
  return events.filter((e) => e.payload.message_id === id && e.event === name).at(-1);
}

export const ms = (timestamp: string) => parseSentTimestamp(timestamp);
