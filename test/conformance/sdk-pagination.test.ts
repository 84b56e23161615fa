// Issue 22 through the official SDK 0.32.0, unchanged: it always sends page and page_size; every
// list it pages through ends, and the lists Sent returns whole answer with a one-page pagination.
import SentDm from '@sentdm/sentdm';
import { describe, expect, it } from 'vitest';
import { aProfile } from '../support/builders.js';
import { client, tenantKey, testApp } from '../support/app.js';
import { serveForFile } from '../support/listen.js';
import { startReceiver } from '../support/receiver.js';
import { sim } from '../support/sim.js';
import { aTemplate } from '../support/template-builders.js';
import { aWebhook, MESSAGE_ID, publish } from '../support/webhooks.js';

const { app } = testApp();
const served = serveForFile(app);
const sdk = (apiKey: string) => new SentDm({ apiKey, baseURL: served.url(), maxRetries: 0 });

interface Listed {
  data?: { pagination?: { has_more?: boolean; page?: number } } & Record<string, unknown>;
}

/** Pages 1, 2, … of a 0.32.0 list call until `has_more` is false; fails past `limit` pages. */
async function pageThrough(list: (page: number) => Promise<unknown>, key: string, limit = 20): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; page <= limit; page++) {
    const res = (await list(page)) as Listed;
    expect(res.data?.pagination?.page).toBe(page);
    ids.push(...((res.data?.[key] as Array<{ id: string }> | undefined) ?? []).map((item) => item.id));
    if (res.data?.pagination?.has_more === false) return ids;
  }
  throw new Error(`${key}: no end after ${limit} pages`);
}

describe('the official SDK 0.32.0 pages through every list to its end', () => {
  it('contacts, templates, webhooks and a webhook’s deliveries, two at a time', async () => {
    const key = tenantKey();
    const s = sdk(key);
    const receiver = await startReceiver();
    try {
      for (let i = 0; i < 5; i++) await s.contacts.create({ phone_number: `+1415555${String(1000 + i)}` });
      for (let i = 0; i < 3; i++) await client(app, key).post('/v3/templates', aTemplate());
      const webhook = (await s.webhooks.create(aWebhook(receiver.url))).data!;
      await s.webhooks.create(aWebhook('https://example.com/hooks/2'));
      await s.webhooks.create(aWebhook('https://example.com/hooks/3'));
      for (let i = 0; i < 3; i++) await publish(app, key, { event: 'message.delivered', payload: { message_id: MESSAGE_ID } });

      expect(new Set(await pageThrough((page) => s.contacts.list({ page, page_size: 2 }), 'contacts')).size).toBe(5);
      expect(new Set(await pageThrough((page) => s.templates.list({ page, page_size: 2 }), 'templates')).size).toBe(3);
      expect(new Set(await pageThrough((page) => s.webhooks.list({ page, page_size: 2 }), 'webhooks')).size).toBe(3);
      expect(new Set(await pageThrough((page) => s.webhooks.listEvents(webhook.id!, { page, page_size: 2 }), 'events')).size).toBe(3);
    } finally {
      await receiver.close();
    }
  });

  it('users, profiles, activities and event types answer whole, with a one-page pagination the SDK ignores', async () => {
    const key = tenantKey();
    const s = sdk(key);
    await s.users.invite({ email: 'dev@example.com', name: 'Dev', role: 'developer' });
    await s.profiles.create(aProfile());
    const sent = await s.messages.send({ to: ['+14155550100'], text: 'Hello there', channel: ['sms'] });
    await sim(app, key).advance(10);
    const whole = { page: 1, total_pages: 1, has_more: false, cursors: null };
    const users = (await s.users.list()).data as Record<string, unknown>;
    expect(users.pagination).toEqual({ ...whole, page_size: 1, total_count: 1 });
    const profiles = (await s.profiles.list()).data as Record<string, unknown>;
    expect(profiles.pagination).toEqual({ ...whole, page_size: 1, total_count: 1 });
    const activities = (await s.messages.retrieveActivities(sent.data!.recipients![0]!.message_id!)).data as Record<string, unknown> & { activities: unknown[] };
    expect(activities.pagination).toEqual({ ...whole, page_size: activities.activities.length, total_count: activities.activities.length });
    const types = (await s.webhooks.listEventTypes()).data as Record<string, unknown> & { event_types: unknown[] };
    expect(types.pagination).toEqual({ ...whole, page_size: types.event_types.length, total_count: types.event_types.length });
  });

  it('reads customer_id (a field 0.32.0 does not type) on contacts, webhooks and users', async () => {
    const key = tenantKey();
    const s = sdk(key);
    const organizationId = (await sim(app, key).tenant()).organization_id;
    const contact = (await s.contacts.create({ phone_number: '+14155550100' })).data as Record<string, unknown>;
    const webhook = (await s.webhooks.create(aWebhook('https://example.com/hooks/1'))).data as Record<string, unknown>;
    const user = (await s.users.invite({ email: 'ops@example.com', name: 'Ops', role: 'admin' })).data as Record<string, unknown>;
    expect([contact.customer_id, webhook.customer_id, user.customer_id]).toEqual([organizationId, organizationId, organizationId]);
    const profile = (await client(app, key).post('/v3/profiles', aProfile())).body.data;
    const scoped = (await s.webhooks.create({ ...aWebhook('https://example.com/hooks/2'), 'x-profile-id': profile.id })).data as Record<string, unknown>;
    expect(scoped.customer_id).toBe(profile.id);
    expect(((await s.webhooks.retrieve(scoped.id as string, { 'x-profile-id': profile.id })).data as Record<string, unknown>).customer_id).toBe(profile.id);
  });
});
