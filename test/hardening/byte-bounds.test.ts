/**
 * Issue 25 row 6: the stores a client fills were bounded by count, not bytes — 300
 * `/_sim/events` of 640 KB took RSS from 81 to 535 MB, `GET /_sim/deliveries` built a 192 MB
 * answer in 9 s (another tenant stalled 14.8 s), every clock advance kept its whole fired list,
 * a tenant's journal held ~5.6 MB and nothing bounded them all together. Each is now bounded in
 * bytes by a flag (docs/decisions/0088); the stream's half is test/unit/control/stream-writer.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/errors/catalog.js';
import { client, stillClock, testApp } from '../support/app.js';
import { aProfile } from '../support/builders.js';
import { startReceiver } from '../support/receiver.js';
import { sim } from '../support/sim.js';
import { aWebhook, publish } from '../support/webhooks.js';

describe('stores bounded in bytes (issue 25 row 6)', () => {
  it('refuses a /_sim/events payload past --max-event-payload, publishing nothing (issue 25 row 6)', async () => {
    const { app } = testApp({ config: { maxEventPayloadBytes: 1000 } });
    const c = client(app);
    await c.post('/v3/webhooks', aWebhook('http://127.0.0.1:9/hook', { event_types: ['message'] }));
    const res = await c.post('/_sim/events', { event: 'message.sent', payload: { pad: 'x'.repeat(2000) } });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual({ payload: [MESSAGES.eventPayloadTooLarge(1000)] });
    expect((await sim(app, c.key).tenant()).totals.webhook_events).toBe(0);
    expect((await c.get('/_sim/deliveries')).body.deliveries).toEqual([]);
    // Within the bound, it is published.
    expect((await publish(app, c.key, { event: 'message.sent', payload: { pad: 'x'.repeat(900) } })).webhooks).toHaveLength(1);
  });

  it('keeps the newest delivery attempts within --delivery-log-bytes, so GET /_sim/deliveries stays small (issue 25 row 6)', async () => {
    const { app } = testApp({ config: { deliveryLogBytes: 20_000 } });
    const receiver = await startReceiver();
    try {
      const c = client(app);
      await c.post('/v3/webhooks', aWebhook(receiver.url, { event_types: ['message'] }));
      for (let n = 0; n < 20; n++) await publish(app, c.key, { event: 'message.sent', payload: { n, pad: 'x'.repeat(3000) } });
      expect(receiver.received).toHaveLength(20);
      const res = await c.get('/_sim/deliveries');
      const kept = (res.body.deliveries as Array<{ payload: { payload: { n: number } } }>).map((d) => d.payload.payload.n);
      expect(kept.length).toBeGreaterThan(2);
      expect(kept.length).toBeLessThan(20);
      expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => 20 - kept.length + i));
      expect(res.body.dropped).toBe(20 - kept.length);
      expect(res.text.length).toBeLessThan(2 * 20_000);
    } finally {
      await receiver.close();
    }
  });

  it('keeps a tenant’s newest requests within --journal-bytes (issue 25 row 6)', async () => {
    const { app } = testApp({ config: { journalBytesPerTenant: 20_000 } });
    const c = client(app);
    for (let i = 0; i < 30; i++) expect((await c.post('/v3/profiles', aProfile({ name: `P${i}`, description: 'd'.repeat(1000) }))).status).toBe(201);
    const journal = (await c.get('/_sim/requests')).body;
    const names = (journal.requests as Array<{ body: { name: string } }>).map((r) => r.body.name);
    expect(names.length).toBeGreaterThan(2);
    expect(names.length).toBeLessThan(30);
    expect(names).toEqual(Array.from({ length: names.length }, (_, i) => `P${30 - names.length + i}`));
    expect(journal.dropped).toBe(30 - names.length);
  });

  it('keeps all tenants’ journals together within --journal-total-bytes, the oldest entries of any tenant leaving first (issue 25 row 6)', async () => {
    const { app, deps } = testApp({ config: { journalTotalBytes: 40_000 } });
    const first = client(app);
    const second = client(app);
    for (let i = 0; i < 10; i++) await first.post('/v3/profiles', aProfile({ name: `First ${i}`, description: 'd'.repeat(1000) }));
    const before = (await first.get('/_sim/requests')).body.requests.length;
    for (let i = 0; i < 20; i++) await second.post('/v3/profiles', aProfile({ name: `Second ${i}`, description: 'd'.repeat(1000) }));
    expect(deps.journalBodies.totalBytes).toBeLessThanOrEqual(40_000);
    const firstLeft = (await first.get('/_sim/requests')).body.requests as Array<{ body?: { name: string } }>;
    const secondKept = (await second.get('/_sim/requests')).body.requests as Array<{ body: { name: string } }>;
    expect(firstLeft.length).toBeLessThan(before);
    expect(secondKept.at(-1)!.body.name).toBe('Second 19');
    expect(deps.journalBodies.queued).toBe(firstLeft.length + secondKept.length);
  });

  it('keeps the first --clock-log-fired jobs of an advance in GET /_sim/clock, counting the rest; the advance’s answer lists them all (issue 25 row 6)', async () => {
    const { app } = testApp({ realNow: stillClock(), config: { clockLogFired: 2 } });
    const c = client(app);
    for (let i = 0; i < 5; i++) expect((await c.post('/v3/messages', { to: [`+1415555010${i}`], channel: ['sms'], text: 'Hi' })).status).toBe(202);
    const advanced = await sim(app, c.key).advance(1);
    expect(advanced.fired.length).toBeGreaterThanOrEqual(5);
    const clock = (await c.get('/_sim/clock')).body;
    expect(clock.advances).toHaveLength(1);
    expect(clock.advances[0].fired).toEqual(advanced.fired.slice(0, 2));
    expect(clock.advances[0].fired_dropped).toBe(advanced.fired.length - 2);
  });
});
