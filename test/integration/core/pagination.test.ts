// Issue 22: SDK ≥ 0.38 lists with no `page` (then page=2, 3…) and we answered 400 VALIDATION_005.
// Every paginated list now takes page and page_size as optional (page 1, 50 a page) and ends;
// the lists Sent returns whole carry a one-page `pagination` (decisions §14, docs/decisions/0054).
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { DEFAULT_PAGE_SIZE } from '../../../src/http/pagination.js';
import { aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { iterateLikeSdk040, type PageCall } from '../../support/pages.js';
import { startReceiver } from '../../support/receiver.js';
import { sim } from '../../support/sim.js';
import { aTemplate } from '../../support/template-builders.js';
import { aWebhook, MESSAGE_ID, publish } from '../../support/webhooks.js';

/** Every item of an iteration, in order; and checks that it ended as the SDK ends it. */
function collected(calls: PageCall[]): string[] {
  expect(calls.every((call) => call.status === 200)).toBe(true);
  const last = calls.at(-1)!;
  expect(last.pagination!.has_more === false || last.items.length === 0).toBe(true);
  return calls.flatMap((call) => call.items.map((item) => item.id));
}

/** List order (docs/decisions/0011): newest `created_at` first, then by id — two records made in one millisecond go by id. */
const NEWEST_FIRST = (records: Array<{ id: string; created_at: string }>) =>
  [...records].sort((a, b) => (a.created_at !== b.created_at ? (a.created_at < b.created_at ? 1 : -1) : a.id < b.id ? -1 : 1)).map((r) => r.id);

describe('a list called the way SDK 0.40.0 calls it (no page params, then page+1)', () => {
  it('contacts: three pages of 50, 50 and 20 with no page params, and then it ends', async () => {
    const { app } = testApp();
    const c = client(app);
    const made: Array<{ id: string; created_at: string }> = [];
    for (let i = 0; i < 120; i++) made.push((await c.post('/v3/contacts', { phone_number: `+1415555${String(1000 + i)}` })).body.data);
    const calls = await iterateLikeSdk040(c, '/v3/contacts', 'contacts');
    expect(calls.map((call) => call.query)).toEqual([{}, { page: '2' }, { page: '3' }]);
    expect(calls.map((call) => call.items.length)).toEqual([50, 50, 20]);
    expect(calls[0]!.pagination).toEqual({ page: 1, page_size: DEFAULT_PAGE_SIZE, total_count: 120, total_pages: 3, has_more: true, cursors: null });
    expect(calls[2]!.pagination).toMatchObject({ page: 3, has_more: false });
    expect(collected(calls)).toEqual(NEWEST_FIRST(made));
  });

  it('contacts: a caller’s own page_size and filters travel with every page', async () => {
    const { app } = testApp();
    const c = client(app);
    for (let i = 0; i < 7; i++) await c.post('/v3/contacts', { phone_number: `+1415555${String(1000 + i)}` });
    const calls = await iterateLikeSdk040(c, '/v3/contacts', 'contacts', { page_size: '3', channel: 'sms' });
    expect(calls.map((call) => call.query)).toEqual([{ page_size: '3', channel: 'sms' }, { page_size: '3', channel: 'sms', page: '2' }, { page_size: '3', channel: 'sms', page: '3' }]);
    expect(collected(calls)).toHaveLength(7);
  });

  it('templates: 55 across two pages, then it ends', async () => {
    const { app } = testApp();
    const c = client(app);
    const made: string[] = [];
    for (let i = 0; i < 55; i++) made.push((await c.post('/v3/templates', aTemplate())).body.data.id);
    const calls = await iterateLikeSdk040(c, '/v3/templates', 'templates');
    expect(calls.map((call) => call.items.length)).toEqual([50, 5]);
    expect(new Set(collected(calls))).toEqual(new Set(made));
    expect(collected(calls)).toHaveLength(55);
  });

  it('webhooks: 52 across two pages, then it ends', async () => {
    const { app } = testApp({ config: { maxWebhooksPerTenant: 100 } });
    const c = client(app);
    const made: string[] = [];
    for (let i = 0; i < 52; i++) made.push((await c.post('/v3/webhooks', aWebhook(`https://example.com/hooks/${i}`))).body.data.id);
    const calls = await iterateLikeSdk040(c, '/v3/webhooks', 'webhooks');
    expect(calls.map((call) => call.items.length)).toEqual([50, 2]);
    expect(new Set(collected(calls))).toEqual(new Set(made));
    expect(calls[0]!.items.every((w) => (w as { signing_secret?: unknown }).signing_secret === null)).toBe(true);
  });

  it("a webhook's delivery log: every row once, then it ends", async () => {
    const { app } = testApp();
    const c = client(app);
    const receiver = await startReceiver();
    try {
      const webhook = (await c.post('/v3/webhooks', aWebhook(receiver.url))).body.data;
      for (let i = 0; i < 5; i++) await publish(app, c.key, { event: 'message.delivered', payload: { message_id: MESSAGE_ID } });
      const calls = await iterateLikeSdk040(c, `/v3/webhooks/${webhook.id}/events`, 'events', { page_size: '2' });
      expect(calls.map((call) => call.items.length)).toEqual([2, 2, 1]);
      expect(new Set(collected(calls)).size).toBe(5);
      const whole = (await c.get(`/v3/webhooks/${webhook.id}/events`)).body.data;
      expect(whole.events.map((e: { id: string }) => e.id)).toEqual(collected(calls));
      expect(whole.pagination).toEqual({ page: 1, page_size: DEFAULT_PAGE_SIZE, total_count: 5, total_pages: 1, has_more: false, cursors: null });
    } finally {
      await receiver.close();
    }
  });

  it('an empty list ends at once: no items, has_more false, zero pages', async () => {
    const { app } = testApp();
    const c = client(app);
    for (const [path, key] of [['/v3/contacts', 'contacts'], ['/v3/templates', 'templates'], ['/v3/webhooks', 'webhooks']] as const) {
      const calls = await iterateLikeSdk040(c, path, key);
      expect(calls, path).toHaveLength(1);
      expect(calls[0]!.pagination, path).toEqual({ page: 1, page_size: DEFAULT_PAGE_SIZE, total_count: 0, total_pages: 0, has_more: false, cursors: null });
    }
  });
});

describe('page and page_size when given', () => {
  it('an empty value (how a client sends null) is the default, a bad one still gets Sent’s answer', async () => {
    const { app } = testApp();
    const c = client(app);
    await c.post('/v3/contacts', { phone_number: '+14155550100' });
    const empty = await c.get('/v3/contacts?page=&page_size=');
    expect(empty.status).toBe(200);
    expect(empty.body.data.pagination).toMatchObject({ page: 1, page_size: DEFAULT_PAGE_SIZE, total_count: 1 });
    const zero = await c.get('/v3/contacts?page=0');
    expect(zero.status).toBe(400);
    expect(zero.body.error).toMatchObject({ code: 'VALIDATION_005', message: MESSAGES.pageTooSmall, details: { page: [MESSAGES.pageTooSmall] } });
    const big = await c.get('/v3/templates?page_size=101');
    expect(big.status).toBe(400);
    expect(big.body.error).toMatchObject({ code: 'VALIDATION_001', details: { page_size: [MESSAGES.pageSizeRange] } });
  });
});

describe('lists Sent returns whole', () => {
  it('users, profiles, a message’s activities and the webhook event types carry a one-page pagination', async () => {
    const { app } = testApp();
    const c = client(app);
    const control = sim(app, c.key);
    await c.post('/v3/users', { email: 'dev@example.com', name: 'Dev', role: 'developer' });
    await c.post('/v3/profiles', aProfile());
    await c.post('/v3/profiles', aProfile());
    const sent = (await c.post('/v3/messages', { to: ['+14155550100'], text: 'Hello there', channel: ['sms'] })).body.data;
    await control.advance(10);
    const one = (total: number) => ({ page: 1, page_size: Math.max(total, 1), total_count: total, total_pages: total === 0 ? 0 : 1, has_more: false, cursors: null });

    const users = (await c.get('/v3/users')).body.data;
    expect(users.users).toHaveLength(1);
    expect(users.pagination).toEqual(one(1));
    const profiles = (await c.get('/v3/profiles')).body.data;
    expect(profiles.profiles).toHaveLength(2);
    expect(profiles.pagination).toEqual(one(2));
    const activities = (await c.get(`/v3/messages/${sent.recipients[0].message_id}/activities`)).body.data;
    expect(activities.activities.length).toBeGreaterThan(3);
    expect(activities.pagination).toEqual(one(activities.activities.length));
    const types = (await c.get('/v3/webhooks/event-types')).body.data;
    expect(types.pagination).toEqual(one(types.event_types.length));
    // Whole, so page params change nothing.
    expect((await c.get('/v3/users?page=2&page_size=1')).body.data).toEqual(users);
  });

  it('an empty one says zero pages, and a profile key’s profile list is empty', async () => {
    const { app } = testApp();
    const c = client(app);
    expect((await c.get('/v3/users')).body.data).toEqual({ users: [], pagination: { page: 1, page_size: 1, total_count: 0, total_pages: 0, has_more: false, cursors: null } });
    const profile = (await c.post('/v3/profiles', aProfile())).body.data;
    const key = await sim(app, c.key).keyFor('admin', profile.id);
    expect((await client(app, key).get('/v3/profiles')).body.data).toEqual({ profiles: [], pagination: { page: 1, page_size: 1, total_count: 0, total_pages: 0, has_more: false, cursors: null } });
  });
});
