// Property (issue 23): random interleavings of send, scheduled send, cancel, resend and clock
// advances — some advances racing a cancel — never deliver a cancelled message, and deliver every
// other message exactly once per attempt (the send, then each accepted resend). Checked on the
// webhook deliveries a real receiver verified with standardwebhooks, and on the stored messages.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSentTimestamp } from '../../../src/util/time.js';
import { client, testApp } from '../../support/app.js';
import { startReceiver } from '../../support/receiver.js';
import { sim } from '../../support/sim.js';
import { aWebhook, verified } from '../../support/webhooks.js';

type Op =
  | { kind: 'send'; recipients: number; in: number | null }
  | { kind: 'cancel'; pick: number }
  | { kind: 'resend'; pick: number }
  | { kind: 'advance'; seconds: number }
  | { kind: 'race'; pick: number; seconds: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('send' as const), recipients: fc.integer({ min: 1, max: 3 }), in: fc.option(fc.integer({ min: 60, max: 900 }), { nil: null, freq: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('resend' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), seconds: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 30, max: 600 })) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('race' as const), pick: fc.nat(), seconds: fc.integer({ min: 0, max: 900 }) }) },
);

interface Tracked {
  id: string;
  scheduled: boolean;
  cancelled: boolean;
  resends: number;
}

const frozen = Date.now();
const { app } = testApp({ realNow: () => frozen });
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
});

async function run(ops: Op[]): Promise<void> {
  const c = client(app);
  const control = sim(app, c.key);
  const hook = await c.post('/v3/webhooks', aWebhook(receiver.url, { event_types: ['message'] }));
  expect(hook.status).toBe(201);
  const secret = hook.body.data.signing_secret as string;
  const webhookId = hook.body.data.id as string;
  const tracked: Tracked[] = [];
  let next = 0;
  const status = async (id: string) => (await c.get(`/v3/messages/${id}`)).body.data.status as string;
  const pick = (n: number) => tracked[n % tracked.length]!;

  for (const o of ops) {
    if (o.kind === 'send') {
      const now = parseSentTimestamp((await control.tenant()).now as string);
      const to = Array.from({ length: o.recipients }, () => `+1415555${String(2000 + next++).padStart(4, '0')}`);
      const body = { to, channel: ['sms'], text: 'Reminder', ...(o.in === null ? {} : { scheduled_at: new Date(now + o.in * 1000).toISOString() }) };
      const res = await c.post('/v3/messages', body);
      expect(res.status).toBe(202);
      for (const r of res.body.data.recipients as Array<{ message_id: string }>) tracked.push({ id: r.message_id, scheduled: o.in !== null, cancelled: false, resends: 0 });
    } else if (tracked.length === 0) {
      await control.advance(o.kind === 'advance' || o.kind === 'race' ? o.seconds : 0);
    } else if (o.kind === 'cancel') {
      const m = pick(o.pick);
      const before = await status(m.id);
      const res = await c.post(`/v3/messages/${m.id}/cancel`);
      // Only a held message (or one already cancelled) is cancelled; the rest are 409.
      expect(res.status, before).toBe(before === 'SCHEDULED' || before === 'CANCELLED' ? 200 : 409);
      if (res.status === 200) m.cancelled = true;
    } else if (o.kind === 'resend') {
      const m = pick(o.pick);
      const before = await status(m.id);
      const res = await c.post(`/v3/messages/${m.id}/resend`);
      expect(res.status, before).toBe(before === 'DELIVERED' ? 202 : 409);
      if (res.status === 202) m.resends++;
    } else if (o.kind === 'advance') {
      await control.advance(o.seconds);
    } else {
      // A cancel while an advance is running: whichever wins, the message goes out once or never.
      const m = pick(o.pick);
      const [, res] = await Promise.all([control.advance(o.seconds), c.post(`/v3/messages/${m.id}/cancel`)]);
      expect([200, 409]).toContain(res.status);
      if (res.status === 200) m.cancelled = true;
    }
  }
  // Far past every release and every lifecycle step.
  await control.advance(3600);

  // The receiver serves every run: this run's webhook is the one named in x-webhook-id.
  const events = receiver.received.filter((r) => r.headers['x-webhook-id'] === webhookId).map((r) => verified(secret, r) as { event: string; payload: Record<string, unknown> });
  const count = (id: string, name: string) => events.filter((e) => e.payload.message_id === id && e.event === name).length;
  for (const m of tracked) {
    const detail = (await c.get(`/v3/messages/${m.id}`)).body.data;
    const label = JSON.stringify(m);
    if (m.cancelled) {
      expect(detail.status, label).toBe('CANCELLED');
      expect(count(m.id, 'message.sent'), label).toBe(0);
      expect(count(m.id, 'message.routed'), label).toBe(0);
      expect(count(m.id, 'message.cancelled'), label).toBe(1);
      expect(detail.price, label).toBeNull();
    } else {
      expect(detail.status, label).toBe('DELIVERED');
      expect(count(m.id, 'message.sent'), label).toBe(1 + m.resends);
      expect(count(m.id, 'message.delivered'), label).toBe(1 + m.resends);
      expect(count(m.id, 'message.cancelled'), label).toBe(0);
      const processed = (await c.get(`/v3/messages/${m.id}/activities`)).body.data.activities.filter((a: { status: string }) => a.status === 'PROCESSED');
      expect(processed, label).toHaveLength(1 + m.resends);
    }
    expect(count(m.id, 'message.scheduled'), label).toBe(m.scheduled ? 1 : 0);
    expect(count(m.id, 'message.queued'), label).toBe(1 + m.resends);
  }
}

describe('scheduling, cancel, resend and the clock, in any order', () => {
  it('never delivers a cancelled message and delivers every other one exactly once per attempt', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => run(ops)),
      { numRuns: Number(process.env.SCHEDULE_PROPERTY_RUNS ?? 30), endOnFailure: true },
    );
  }, 240_000);
});
