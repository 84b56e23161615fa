/**
 * Issue 26: `checkReceiver` grades three partner receivers as each deserves — one that verifies
 * as Sent's docs ask (ready), one that skips verification (fails the signature checks), one that
 * is slow under a burst (fails the load check) — and refuses bad options before sending anything.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/errors/catalog.js';
import { checkReceiver, FAMILY_NAMES, ReceiverCheckUsageError, type ReceiverCheckReport } from '../../src/index.js';
import { closedPort } from '../support/listen.js';
import { correctReceiver, slowReceiver, unverifiedReceiver, type PartnerReceiver } from '../support/webhook-receivers.js';

const aSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** Each check's id → its status. */
const statuses = (report: ReceiverCheckReport) => Object.fromEntries(report.checks.map((c) => [c.id, c.status]));

async function using<T>(receiver: Promise<PartnerReceiver>, fn: (r: PartnerReceiver) => Promise<T>): Promise<T> {
  const r = await receiver;
  try {
    return await fn(r);
  } finally {
    await r.close();
  }
}

const MUST = ['valid_event', 'bad_signature', 'stale_timestamp', 'missing_signature', 'duplicate_event_id', 'out_of_order', 'unknown_family', 'concurrent_deliveries'];

describe('checkReceiver grades a receiver', () => {
  it('passes a receiver that verifies with standardwebhooks, deduplicates and acknowledges every family', async () => {
    const secret = aSecret();
    await using(correctReceiver(secret), async (receiver) => {
      const report = await checkReceiver({ url: receiver.url, secret });
      expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
      expect(report.passed).toBe(true);
      expect(report.events).toEqual(FAMILY_NAMES);
      expect(report.checks.map((c) => c.id)).toEqual([
        'valid_event', 'bad_signature', 'stale_timestamp', 'missing_signature', 'duplicate_event_id', 'out_of_order',
        ...FAMILY_NAMES.map((f) => `family_${f}`), 'unknown_family', 'unknown_sub_type', 'future_timestamp', 'concurrent_deliveries',
      ]);
      expect(report.summary).toEqual({ must_passed: MUST.length + FAMILY_NAMES.length, must_total: MUST.length + FAMILY_NAMES.length, failed: 0, warnings: 0, skipped: 0 });
      // What the receiver saw: every family, the unknown one, and the duplicate only once.
      const fields = new Set([...receiver.handled.values()].map((e) => e.field));
      expect([...fields].sort()).toEqual([...FAMILY_NAMES, 'sent_sim_future'].sort());
      const duplicate = report.checks.find((c) => c.id === 'duplicate_event_id')!.deliveries;
      expect(duplicate).toHaveLength(2);
      expect(duplicate[0]!.event_id).toBe(duplicate[1]!.event_id);
      const valid = report.checks.flatMap((c) => c.deliveries).filter((d) => d.signing === 'valid' && d.age_seconds === 0);
      expect(receiver.handled.size).toBe(new Set(valid.map((d) => d.event_id)).size);
    });
  });

  it('fails a receiver that skips verification on the bad signature, stale timestamp and missing header', async () => {
    await using(unverifiedReceiver(), async (receiver) => {
      const report = await checkReceiver({ url: receiver.url, secret: aSecret() });
      expect(report.passed).toBe(false);
      const status = statuses(report);
      expect(Object.entries(status).filter(([, s]) => s !== 'pass')).toEqual([
        ['bad_signature', 'fail'],
        ['stale_timestamp', 'fail'],
        ['missing_signature', 'fail'],
        ['future_timestamp', 'warn'],
      ]);
      const badSignature = report.checks.find((c) => c.id === 'bad_signature')!;
      expect(badSignature.reason).toMatch(/^accepted it \(204 in \d+ ms\); a signature made with another secret must be refused/);
      expect(badSignature.deliveries[0]).toMatchObject({ signing: 'wrong_secret', status_code: 204 });
      expect(report.summary).toMatchObject({ failed: 3, warnings: 1, skipped: 0 });
    });
  });

  it('fails a receiver that works before answering, one delivery at a time, on the concurrent deliveries only', async () => {
    // 20 deliveries × 150 ms of serial work = 3 s, past the 2 s allowed: a busier machine only makes it later.
    const secret = aSecret();
    await using(slowReceiver(secret, 150), async (slow) => {
      const report = await checkReceiver({ url: slow.url, secret, events: ['templates'], concurrentWithinMs: 2000 });
      expect(report.passed).toBe(false);
      expect(Object.entries(statuses(report)).filter(([, s]) => s !== 'pass')).toEqual([['concurrent_deliveries', 'fail']]);
      const load = report.checks.find((c) => c.id === 'concurrent_deliveries')!;
      expect(load.deliveries).toHaveLength(20);
      expect(load.deliveries.filter((d) => d.error === 'timeout').length).toBeGreaterThan(0);
      expect(load.reason).toMatch(/\d+ of 20 were not acknowledged in time/);
    });
  }, 30_000);

  it('skips every other check when the valid event gets no answer, and is not ready', async () => {
    const port = await closedPort();
    const report = await checkReceiver({ url: `http://127.0.0.1:${port}/hooks`, secret: aSecret(), events: ['message'] });
    expect(report.passed).toBe(false);
    expect(report.checks[0]).toMatchObject({ id: 'valid_event', status: 'fail' });
    expect(report.checks[0]!.reason).toContain('no answer (ECONNREFUSED)');
    expect(report.checks.slice(1).every((c) => c.status === 'skip' && c.deliveries.length === 0)).toBe(true);
  });

  it('checks only the families asked for', async () => {
    const secret = aSecret();
    await using(correctReceiver(secret), async (receiver) => {
      const report = await checkReceiver({ url: receiver.url, secret, events: ['contact', 'templates'] });
      expect(report.passed).toBe(true);
      expect(report.checks.filter((c) => c.id.startsWith('family_')).map((c) => c.id)).toEqual(['family_contact', 'family_templates']);
      // The signature checks use the first family named.
      expect(report.checks.find((c) => c.id === 'bad_signature')!.deliveries[0]!.event).toBe('contact.opt_out');
      const fields = new Set([...receiver.handled.values()].map((e) => e.field));
      expect([...fields].sort()).toEqual(['contact', 'sent_sim_future', 'templates']);
    });
  });

  it('refuses a bad URL, a malformed secret and an unknown family before sending anything', async () => {
    const secret = aSecret();
    await using(correctReceiver(secret), async (receiver) => {
      const refusals: Array<[Parameters<typeof checkReceiver>[0], string]> = [
        [{ url: 'ftp://127.0.0.1/hooks', secret }, MESSAGES.receiverCheckUrl('ftp://127.0.0.1/hooks')],
        [{ url: 'not a url', secret }, MESSAGES.receiverCheckUrl('not a url')],
        [{ url: receiver.url, secret: secret.slice(6) }, MESSAGES.receiverCheckSecret],
        [{ url: receiver.url, secret: 'whsec_not base64!' }, MESSAGES.receiverCheckSecret],
        [{ url: receiver.url, secret, events: ['message', 'link'] }, MESSAGES.receiverCheckEvents(['link'], FAMILY_NAMES)],
        [{ url: receiver.url, secret, events: [] }, MESSAGES.receiverCheckEvents([], FAMILY_NAMES)],
        [{ url: receiver.url, secret, timeoutMs: 0 }, MESSAGES.receiverCheckNumber('timeoutMs')],
      ];
      for (const [options, message] of refusals) {
        const refused = await checkReceiver(options).then(
          () => null,
          (err: unknown) => err,
        );
        expect(refused).toBeInstanceOf(ReceiverCheckUsageError);
        expect((refused as Error).message).toBe(message);
      }
      expect(receiver.requests).toBe(0);
    });
  });
});
