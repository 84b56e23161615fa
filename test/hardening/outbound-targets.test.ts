/**
 * Issue 25 row 8: webhook URLs to link-local and cloud metadata addresses were accepted
 * (`http://169.254.169.254/…`, `[::ffff:169.254.169.254]`), and `/test` answers named the
 * low-level error (`ECONNREFUSED`, `HTTP 404`, `ENOTFOUND`): a port-scan oracle on a shared
 * instance. Now `--webhook-targets` (default `local`) refuses them at create, update and send,
 * completion callbacks included, and a shared instance names no low-level error
 * (docs/decisions/0046).
 */
import { describe, expect, it } from 'vitest';
import type { SimConfig } from '../../src/deps.js';
import { MESSAGES } from '../../src/errors/catalog.js';
import { client, testApp } from '../support/app.js';
import { closedPort } from '../support/listen.js';
import { startReceiver } from '../support/receiver.js';
import { sim } from '../support/sim.js';
import { aWebhook } from '../support/webhooks.js';

const page = 'page=1&page_size=100';
const { targetReason } = MESSAGES;

function setup(config: Partial<SimConfig> = {}) {
  const { app } = testApp({ config });
  const c = client(app);
  return { app, c, control: sim(app, c.key) };
}

describe('outbound targets', () => {
  it.each([
    ['http://169.254.169.254/latest/meta-data/', targetReason.linkLocal],
    ['http://[::ffff:169.254.169.254]/', targetReason.linkLocal],
    ['http://[fe80::1]/', targetReason.linkLocal],
    ['http://metadata.google.internal/computeMetadata/v1/', targetReason.metadata],
    ['http://metadata/', targetReason.metadata],
    ['http://0.0.0.0:8080/', targetReason.unspecified],
    ['http://[::]:8080/', targetReason.unspecified],
  ])('refuses %s at create and update, and stores nothing (issue 25 row 8)', async (url, reason) => {
    const { c } = setup();
    const created = await c.post('/v3/webhooks', aWebhook(url));
    expect(created.status).toBe(400);
    expect(created.body.error).toMatchObject({ code: 'VALIDATION_001', details: { endpoint_url: [MESSAGES.targetRefused(reason)] } });
    expect((await c.get(`/v3/webhooks?${page}`)).body.data.webhooks).toEqual([]);

    const kept = (await c.post('/v3/webhooks', aWebhook('http://127.0.0.1:4000/hook'))).body.data;
    const updated = await c.put(`/v3/webhooks/${kept.id}`, aWebhook(url));
    expect(updated.status).toBe(400);
    expect((await c.get(`/v3/webhooks/${kept.id}`)).body.data.endpoint_url).toBe('http://127.0.0.1:4000/hook');
  });

  it('accepts loopback and private receivers by default (issue 25 row 8)', async () => {
    const { c } = setup();
    for (const url of ['http://127.0.0.1:4000/hook', 'http://localhost:4000/hook', 'http://[::1]:4000/hook', 'http://10.0.0.7/hook', 'http://192.168.1.10/hook', 'https://hooks.example.com/sent']) {
      expect((await c.post('/v3/webhooks', aWebhook(url))).status, url).toBe(201);
    }
  });

  it('narrows to routable addresses with --webhook-targets public, and to a list (issue 25 row 8)', async () => {
    const pub = setup({ webhookTargets: 'public' });
    const local = await pub.c.post('/v3/webhooks', aWebhook('http://127.0.0.1:4000/hook'));
    expect(local.body.error).toMatchObject({ details: { endpoint_url: [MESSAGES.targetRefused(targetReason.notPublic)] } });
    expect((await pub.c.post('/v3/webhooks', aWebhook('https://hooks.example.com/sent'))).status).toBe(201);
    const listed = setup({ webhookTargets: '10.0.0.0/8' });
    expect((await listed.c.post('/v3/webhooks', aWebhook('http://10.1.2.3/hook'))).status).toBe(201);
    expect((await listed.c.post('/v3/webhooks', aWebhook('http://192.168.1.1/hook'))).body.error.details.endpoint_url).toEqual([MESSAGES.targetRefused(targetReason.notListed)]);
  });

  it('refuses a completion callback to a link-local address and starts nothing (issue 25 row 8)', async () => {
    const { c, control } = setup();
    await control.organization({ campaigns: 1 });
    const profile = (await c.post('/v3/profiles', { name: 'Callback', short_name: 'CALL', description: 'd', inherit_tcr_brand: true, inherit_tcr_campaign: true })).body.data;
    const res = await c.post(`/v3/profiles/${profile.id}/complete`, { webHookUrl: 'http://169.254.169.254/latest/meta-data/' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', details: { webHookUrl: [MESSAGES.targetRefused(targetReason.linkLocal)] } });
    expect((await control.tenant()).pending_jobs).toEqual([]);
  });

  it('sends nothing to a refused address stored before the policy saw it (an import) (issue 25 row 8)', async () => {
    const { c, control } = setup();
    const hook = (await c.post('/v3/webhooks', aWebhook('http://127.0.0.1:4000/hook'))).body.data;
    await control.editStored('webhooks', hook.id, { endpoint_url: 'http://169.254.169.254/latest/meta-data/' });
    const test = await c.post(`/v3/webhooks/${hook.id}/test`, { event_type: 'message.sent' });
    expect(test.body.data).toEqual({ success: false, message: MESSAGES.testFailed(MESSAGES.testReasonUnreachable(`target refused: ${targetReason.linkLocal}`)) });
    const [row] = (await c.get(`/v3/webhooks/${hook.id}/events?${page}`)).body.data.events;
    expect(row).toMatchObject({ delivery_status: 'failed', http_status_code: null });
  });

  it('names no low-level error on a shared instance; an owner of a non-shared one sees it (issue 25 row 8)', async () => {
    const notFound = await startReceiver((_n, res) => {
      res.statusCode = 404;
      res.end();
    });
    try {
      const closed = `http://127.0.0.1:${await closedPort()}/hook`;
      const cases = [
        [closed, MESSAGES.testReasonUnreachable('ECONNREFUSED')],
        [notFound.url, MESSAGES.testReasonStatus(404)],
      ] as const;
      for (const [config, shared] of [[{}, false], [{ sharedInstance: true }, true], [{ adminToken: 'token-of-a-shared-instance' }, true]] as const) {
        const { app } = testApp({ config });
        const c = client(app);
        for (const [url, detail] of cases) {
          const hook = (await c.post('/v3/webhooks', aWebhook(url))).body.data;
          const test = await c.post(`/v3/webhooks/${hook.id}/test`, { event_type: 'message.sent' });
          expect(test.body.data).toEqual({ success: false, message: MESSAGES.testFailed(shared ? MESSAGES.testReasonHidden : detail) });
          const [row] = (await c.get(`/v3/webhooks/${hook.id}/events?${page}`)).body.data.events;
          expect(row.error_message).toBe(shared ? MESSAGES.deliveryHidden : url === closed ? MESSAGES.deliveryUnreachable('ECONNREFUSED') : MESSAGES.deliveryStatus(404));
        }
      }
    } finally {
      await notFound.close();
    }
  });
});
