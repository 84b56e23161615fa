import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { aBrand, aProfile, aCompletingProfile } from '../../support/builders.js';
import { client, testApp, type SimApp } from '../../support/app.js';
import { aCampaignRequest } from '../../support/campaign-builders.js';
import { anRcsAgent, aSenderProfile, aTenDlcBrand, aTenDlcCampaign } from '../../support/channel-builders.js';
import { sim } from '../../support/sim.js';

/**
 * How a test puts one record in each declared collection, through the API. A collection a
 * module declares without an entry here fails the first test: every collection must be shown
 * to survive reset, export, import and the tenant view.
 */
const SEED_THROUGH_API: Record<string, (c: ReturnType<typeof client>) => Promise<void>> = {
  profiles: async (c) => void (await c.post('/v3/profiles', aProfile())),
  contacts: async (c) => void expect((await c.post('/v3/contacts', { phone_number: '+14155550123' })).status).toBe(201),
  messages: async (c) => void expect((await c.post('/v3/messages', { to: ['+14155550124'], channel: ['sms'], text: 'Hello from the collections test' })).status).toBe(202),
  number_outcomes: async (c) => void expect((await c.put('/_sim/numbers/+14155550125', { outcome: 'failed' })).status).toBe(200),
  webhooks: async (c) => void expect((await c.post('/v3/webhooks', { display_name: 'Seed', endpoint_url: 'http://127.0.0.1:9/hook', event_types: ['message'] })).status).toBe(201),
  webhook_events: async (c) => {
    await c.post('/v3/webhooks', { display_name: 'Seed events', endpoint_url: 'http://127.0.0.1:9/hook', event_types: ['message'] });
    // Simulator-only: publishes one event (nobody listens on port 9: the row waits for its retry).
    expect((await c.post('/_sim/events', { event: 'message.sent' })).status).toBe(200);
  },
  users: async (c) => void expect((await c.post('/v3/users', { email: 'seeded@example.com', name: 'Seeded User', role: 'developer' })).status).toBe(201),
  // Submitted, so the record carries its pending review (and a review job travels with it).
  templates: async (c) => void expect((await c.post('/v3/templates', { definition: { body: { multiChannel: { template: 'Hello from the collections test' } } }, submit_for_review: true })).body.data.status).toBe('PENDING'),
  campaigns: async (c) => {
    const profile = (await c.post('/v3/profiles', aProfile({ brand: aBrand(), inherit_tcr_campaign: false }))).body.data;
    await c.post(`/v3/profiles/${profile.id}/campaigns`, aCampaignRequest());
  },
  sms_markets: async (c) => void expect((await c.post('/v3/channels/sms', { country: 'DE', number_type: 'ALPHANUMERIC', sender_value: 'ACME' })).status).toBe(201),
  // A sender profile with its own identity and campaign: the campaign's channels-side state is a record.
  ten_dlc_campaigns: async (c) => void expect((await c.post('/v3/sender-profiles', aSenderProfile({ compliance: { brand: aTenDlcBrand(), campaign: aTenDlcCampaign() } }))).status).toBe(201),
  channel_accounts: async (c) => void expect((await c.post('/v3/channels/rcs', anRcsAgent())).status).toBe(201),
};

async function seeded(app: SimApp) {
  const c = client(app);
  for (const seed of Object.values(SEED_THROUGH_API)) await seed(c);
  return c;
}

describe('declared collections', () => {
  it('each have a way into this test', () => {
    const { deps } = testApp();
    expect(Object.keys(SEED_THROUGH_API).sort()).toEqual(deps.collections.map((c) => c.name).sort());
  });

  it('are each shown by the tenant view, exported, imported into another tenant, and emptied by a reset', async () => {
    const { app, deps } = testApp();
    const names = deps.collections.map((c) => c.name);
    const c = await seeded(app);
    const control = sim(app, c.key);
    const view = await control.tenant();
    for (const name of names) {
      expect(view.totals[name], name).toBeGreaterThan(0);
      expect(view[name], name).toHaveLength(view.totals[name]);
    }
    const snapshot = await control.export();
    expect(Object.keys(snapshot.collections).sort()).toEqual([...names].sort());

    const copy = sim(app, client(app).key);
    expect((await copy.import(snapshot)).status).toBe(200);
    const copied = await copy.export();
    for (const name of names) {
      const ids = (records: Array<Record<string, unknown>> = []) => records.map((r) => r.id).sort();
      expect(ids(copied.collections[name]), name).toEqual(ids(snapshot.collections[name]));
    }

    expect((await control.reset()).status).toBe(200);
    const after = await control.tenant();
    for (const name of names) expect(after.totals[name], name).toBe(0);
  });

  it('are each checked by the snapshot schema: a wrong record in any of them is refused, and nothing is replaced', async () => {
    const { app, deps } = testApp();
    const c = await seeded(app);
    const control = sim(app, c.key);
    const snapshot = await control.export();
    for (const { name } of deps.collections) {
      const broken = { ...snapshot, collections: { ...snapshot.collections, [name]: [{ id: 42 }] } };
      const res = await request(app).post('/_sim/import').set('x-api-key', c.key).send(broken);
      expect(res.status, name).toBe(400);
      expect(Object.keys(res.body.errors as object).some((k) => k.startsWith(`collections.${name}`)), name).toBe(true);
    }
    const { exported_at: _a, ...before } = snapshot;
    const { exported_at: _b, ...now } = await control.export();
    expect(now).toEqual(before);
  });

  it('page through the tenant view', async () => {
    const { app } = testApp();
    const c = client(app);
    for (const name of ['A', 'B', 'C']) await c.post('/v3/profiles', aProfile({ name }));
    const page = (n: number) => request(app).get(`/_sim/tenant?page=${n}&page_size=2`).set('x-api-key', c.key);
    const first = (await page(1)).body;
    const second = (await page(2)).body;
    expect(first.totals.profiles).toBe(3);
    expect([...first.profiles, ...second.profiles].map((p: { name: string }) => p.name)).toEqual(['A', 'B', 'C']);
    expect((await request(app).get('/_sim/tenant?page_size=5000').set('x-api-key', c.key)).status).toBe(400);
  });
});

describe('pending jobs', () => {
  it('travel in a snapshot as data and run in the tenant that imports them', async () => {
    const { app } = testApp();
    const c = client(app);
    const profile = (await c.post('/v3/profiles', aCompletingProfile())).body.data;
    await sim(app, c.key).organization({ campaigns: 1 });
    expect((await c.post(`/v3/profiles/${profile.id}/complete`, { webHookUrl: 'http://127.0.0.1:9/hook' })).status).toBe(202);
    const snapshot = await sim(app, c.key).export();
    expect(snapshot.jobs).toEqual([expect.objectContaining({ kind: 'completion', key: `completion:${profile.id}`, payload: expect.objectContaining({ profile_id: profile.id }) })]);

    const copy = client(app);
    const copyControl = sim(app, copy.key);
    expect((await copyControl.import(snapshot)).status).toBe(200);
    expect((await copyControl.tenant()).pending_jobs).toEqual([expect.objectContaining({ kind: 'completion', profile_id: profile.id })]);
    const { fired } = await copyControl.advance(2);
    expect(fired.map((f) => f.kind)).toEqual(['completion']);
    expect((await copy.get(`/v3/profiles/${profile.id}`)).body.data.status).toBe('approved');
    // The original still has its own job, untouched by the copy.
    expect((await c.get(`/v3/profiles/${profile.id}`)).body.data.status).toBe('incomplete');
  });
});

describe('a snapshot imported into another organization', () => {
  it('gives the importing organization the exporting organization’s own records, readable through the API', async () => {
    const { app } = testApp();
    const c = client(app);
    const contact = (await c.post('/v3/contacts', { phone_number: '+14155550131' })).body.data;
    const template = (await c.post('/v3/templates', { definition: { body: { multiChannel: { template: 'Imported template' } } } })).body.data;
    const sent = (await c.post('/v3/messages', { to: ['+14155550132'], channel: ['sms'], text: 'Imported message' })).body.data;
    const snapshot = await sim(app, c.key).export();

    const copy = client(app);
    expect((await sim(app, copy.key).import(snapshot)).status).toBe(200);
    expect((await copy.get(`/v3/contacts/${contact.id}`)).body.data).toMatchObject({ id: contact.id, format_e164: '+14155550131' });
    expect((await copy.get(`/v3/templates/${template.id}`)).body.data).toMatchObject({ id: template.id, name: template.name });
    const message = (await copy.get(`/v3/messages/${sent.recipients[0].message_id}`)).body.data;
    expect(message).toMatchObject({ id: sent.recipients[0].message_id, customer_id: (await sim(app, copy.key).tenant()).organization_id });
  });
});
