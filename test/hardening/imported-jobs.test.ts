/**
 * Issue 25 row 7: imported job payloads were never checked — 10 imported delivery jobs and a
 * 10-year advance fired 876,040 attempts — and an import could fail after its swap: duplicate job
 * keys answered `500` with the tenant half replaced (a contact deleted, the organization renamed).
 * Now every job kind declares its payload's schema, an import checks each job and builds the new
 * queue before anything is swapped in, and a delivery makes at most the attempts its source allows.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/errors/catalog.js';
import { client, stillClock, testApp } from '../support/app.js';
import { sim } from '../support/sim.js';
import { aWebhook } from '../support/webhooks.js';
import { exportedState } from './support.js';

const TEN_YEARS = 10 * 365 * 24 * 3600;

/** An imported delivery job: one attempt of an event to `webhookId`, asking for `maxAttempts`. */
function deliveryJob(webhookId: string, dueAt: string, maxAttempts: number) {
  const body = JSON.stringify({ field: 'message', event: 'message.sent', timestamp: dueAt, payload: {} });
  return {
    id: `job_${randomUUID().slice(0, 12)}`,
    kind: 'delivery.attempt',
    due_at: dueAt,
    key: null,
    payload: { source: 'webhook', ref: webhookId, delivery_id: randomUUID(), signature_id: webhookId, event_type: 'message.sent', url: 'http://127.0.0.1:9/hook', body, attempt: 1, max_attempts: maxAttempts, order_key: null, fault: null, scenario: null },
  };
}

async function tenantWithWebhook(retryCount: number) {
  const { app } = testApp({ realNow: stillClock() });
  const c = client(app);
  // Nothing listens on port 9: every attempt fails at once and asks for a retry.
  const webhook = (await c.post('/v3/webhooks', aWebhook('http://127.0.0.1:9/hook', { event_types: ['message'], retry_count: retryCount }))).body.data;
  expect((await c.post('/v3/contacts', { phone_number: '+14155550123' })).status).toBe(201);
  return { app, c, control: sim(app, c.key), webhookId: webhook.id as string };
}

describe('imported jobs (issue 25 row 7)', () => {
  it('refuses 10 delivery jobs asking for a million attempts each, naming the field; nothing is replaced (issue 25 row 7)', async () => {
    const { app, c, control, webhookId } = await tenantWithWebhook(3);
    const before = await exportedState(app, c.key);
    const snapshot = await control.export();
    const jobs = Array.from({ length: 10 }, () => deliveryJob(webhookId, snapshot.exported_at as string, 1_000_000));
    const res = await control.import({ ...snapshot, collections: { ...snapshot.collections, contacts: [] }, jobs });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors)).toEqual(['jobs[0].payload.max_attempts']);
    expect(await exportedState(app, c.key)).toEqual(before);
  });

  it('fires at most the attempts the webhook allows for imported delivery jobs, however long the clock runs (issue 25 row 7)', async () => {
    const { control, webhookId } = await tenantWithWebhook(1);
    const snapshot = await control.export();
    // 20 is the most any delivery may ask for (a completion callback's); this webhook allows 2.
    const jobs = Array.from({ length: 10 }, () => deliveryJob(webhookId, snapshot.exported_at as string, 20));
    expect((await control.import({ ...snapshot, jobs })).status).toBe(200);
    const advanced = await control.advance(TEN_YEARS);
    expect(advanced.fired.filter((f) => f.kind === 'delivery.attempt')).toHaveLength(20);
    const { totals } = await control.tenant();
    expect(totals.pending_jobs).toBe(0);
  });

  it('refuses duplicate job keys before anything is swapped in: the contacts and the organization stay (issue 25 row 7)', async () => {
    const { app, c, control } = await tenantWithWebhook(3);
    const before = await exportedState(app, c.key);
    const snapshot = await control.export();
    const job = (id: string) => ({ id, kind: 'template.review', due_at: snapshot.exported_at, key: 'review:one', payload: { template_id: randomUUID() } });
    const changed = { ...snapshot, organization: { ...(snapshot.organization as object), name: 'Renamed by a bad import' }, collections: { ...snapshot.collections, contacts: [] }, jobs: [job('job_a'), job('job_b')] };
    const res = await control.import(changed);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({ 'jobs[1].key': [MESSAGES.snapshotJobDuplicate('key')] });
    expect(await exportedState(app, c.key)).toEqual(before);
    expect((await c.get('/v3/contacts?page=1&page_size=10')).body.data.contacts).toHaveLength(1);
  });

  it('checks every job against its kind’s payload schema: a message step without its ids is refused (issue 25 row 7)', async () => {
    const { app, c, control } = await tenantWithWebhook(3);
    const before = await exportedState(app, c.key);
    const snapshot = await control.export();
    const jobs = [{ id: 'job_step', kind: 'message-step', due_at: snapshot.exported_at, key: null, payload: { step: 'send', ids: 'all of them', step_ms: 1, receipt_ms: 1, read_ms: 1 } }];
    const res = await control.import({ ...snapshot, jobs });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors)).toEqual(['jobs[0].payload.ids']);
    expect(await exportedState(app, c.key)).toEqual(before);
  });

  it('refuses a scheduled release without its instant, another step under its kind, or an attempt past the resend cap (decision 0094)', async () => {
    const { app, c, control } = await tenantWithWebhook(3);
    const before = await exportedState(app, c.key);
    const snapshot = await control.export();
    const step = { ids: [randomUUID()], step_ms: 1000, receipt_ms: 2000, read_ms: 5000 };
    const cases: Array<[object, string]> = [
      [{ kind: 'message-release', payload: { step: 'process', ...step } }, 'jobs[0].payload.release_at'],
      [{ kind: 'message-release', payload: { step: 'send', ...step, release_at: 0 } }, 'jobs[0].payload.step'],
      [{ kind: 'message-step', payload: { step: 'route', ...step, attempt: 11 } }, 'jobs[0].payload.attempt'],
    ];
    for (const [job, field] of cases) {
      const res = await control.import({ ...snapshot, jobs: [{ id: 'job_release', due_at: snapshot.exported_at, key: null, ...job }] });
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.errors)).toEqual([field]);
      expect(await exportedState(app, c.key)).toEqual(before);
    }
  });
});
