import SentDm, { BadRequestError, NotFoundError } from '@sentdm/sentdm';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import { allEventFamilies } from '../../../src/registry.js';
import { tenantKey, testApp } from '../../support/app.js';
import { serveForFile } from '../../support/listen.js';
import { startReceiver } from '../../support/receiver.js';
import { publish, verified } from '../../support/webhooks.js';

// The official SDK, unchanged, against a listening simulator.
const { app } = testApp();
const served = serveForFile(app);
const sdk = (apiKey: string) => new SentDm({ apiKey, baseURL: served.url(), maxRetries: 0 });

describe('the official SDK (@sentdm/sentdm): webhooks', () => {
  it('runs all ten webhooks methods', async () => {
    const key = tenantKey();
    const sent = sdk(key);
    const receiver = await startReceiver();
    try {
      // create
      const created = await sent.webhooks.create({ display_name: 'Order Notifications', endpoint_url: receiver.url, event_types: ['message', 'templates'], retry_count: 2 });
      expect(created.success).toBe(true);
      const id = created.data!.id!;
      const secret = created.data!.signing_secret!;
      expect(created.data).toMatchObject({ is_active: true, retry_count: 2, timeout_seconds: 30, signing_secret: expect.stringMatching(/^whsec_/) });

      // retrieve
      expect((await sent.webhooks.retrieve(id)).data).toEqual({ ...created.data, signing_secret: null });

      // update (PUT)
      const updated = await sent.webhooks.update(id, { display_name: 'Receipts', endpoint_url: receiver.url, event_types: ['message'], event_filters: { message: ['sent', 'delivered'] } });
      expect(updated.data).toMatchObject({ display_name: 'Receipts', event_types: ['message'], event_filters: { message: ['sent', 'delivered'] }, retry_count: 3 });

      // list (page and page_size are required)
      const list = await sent.webhooks.list({ page: 1, page_size: 10, is_active: true, search: 'receipts' });
      expect(list.data?.webhooks?.map((w) => w.id)).toEqual([id]);
      expect(list.data?.pagination).toMatchObject({ page: 1, page_size: 10, total_count: 1, has_more: false, cursors: null });
      expect((await sent.webhooks.list({ page: 1, page_size: 10, is_active: false })).data?.webhooks).toEqual([]);

      // listEventTypes
      const types = await sent.webhooks.listEventTypes();
      expect(types.data?.event_types?.map((t) => t.name)).toEqual(allEventFamilies().map((f) => f.name));
      expect(types.data?.event_types?.map((t) => t.name)).toEqual(['message', 'templates', 'contact', 'channel']);
      expect(types.data?.event_types?.[0]?.sub_types).toHaveLength(11);
      expect(types.data?.event_types?.[2]?.sub_types?.map((t) => t.name)).toEqual(['contact.opt_in', 'contact.opt_out', 'contact.help', 'contact.custom_keyword']);

      // test
      const test = await sent.webhooks.test(id, { event_type: 'message.delivered' });
      expect(test.data).toEqual({ success: true, message: MESSAGES.testDelivered });
      expect(verified(secret, receiver.received[0]!)).toMatchObject({ event: 'message.delivered' });

      // rotateSecret — the SDK's params type wants an object
      const rotated = await sent.webhooks.rotateSecret(id, {});
      expect(rotated.data?.signing_secret).toMatch(/^whsec_/);
      await publish(app, key, { event: 'message.sent' });
      expect(verified(rotated.data!.signing_secret!, receiver.received[1]!)).toMatchObject({ event: 'message.sent' });

      // listEvents
      const events = await sent.webhooks.listEvents(id, { page: 1, page_size: 10 });
      expect(events.data?.events?.map((e) => [e.event_type, e.delivery_status])).toEqual([
        ['message.sent', 'delivered'],
        ['message.delivered', 'delivered'],
      ]);
      expect(events.data?.events?.[0]?.event_data).toEqual(JSON.parse(receiver.received[1]!.body));

      // toggleStatus
      const off = await sent.webhooks.toggleStatus(id, { is_active: false });
      expect(off.data?.is_active).toBe(false);

      // delete — the SDK sends no body and parses the 204 as null
      await expect(sent.webhooks.delete(id)).resolves.toBeNull();
      const gone = await sent.webhooks.retrieve(id).catch((e: unknown) => e);
      expect(gone).toBeInstanceOf(NotFoundError);
      expect((gone as NotFoundError).error).toMatchObject({ error: { code: 'RESOURCE_008', message: ERROR_CATALOG.RESOURCE_008.message } });
    } finally {
      await receiver.close();
    }
  });

  it('raises BadRequestError for the SDK’s own page 0 example and for a missing event type', async () => {
    const sent = sdk(tenantKey());
    const list = await sent.webhooks.list({ page: 0, page_size: 0 }).catch((e: unknown) => e);
    expect(list).toBeInstanceOf(BadRequestError);
    expect((list as BadRequestError).error).toMatchObject({ error: { code: 'VALIDATION_005', message: MESSAGES.pageTooSmall } });
    const created = await sent.webhooks.create({ display_name: 'x', endpoint_url: 'https://example.com/hook', event_types: ['message'] });
    const test = await sent.webhooks.test(created.data!.id!, {}).catch((e: unknown) => e);
    expect(test).toBeInstanceOf(BadRequestError);
    expect((test as BadRequestError).error).toMatchObject({ error: { code: 'VALIDATION_001', message: MESSAGES.eventTypeRequired } });
  });
});
