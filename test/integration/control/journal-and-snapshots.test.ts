import { describe, expect, it } from 'vitest';
import { aBillingContact, aCard, aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';

const CANARY_CARD = '4111111111111111';
const CANARY_CVC = '8642';
const CANARY_TOKEN = 'EAAG-journal-canary-7c1d';

describe('request journal', () => {
  it('records requests with secrets redacted and the API key masked', async () => {
    const { app } = testApp();
    const c = client(app);
    await c.post('/v3/profiles', aProfile({
      billing_model: 'profile',
      billing_contact: aBillingContact(),
      payment_details: aCard({ card_number: CANARY_CARD, cvc: CANARY_CVC }),
      whatsapp_business_account: { waba_id: '1234', access_token: CANARY_TOKEN },
    }));
    await c.get('/v3/profiles/not-a-uuid');
    const res = await c.get('/_sim/requests');
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    // The CVC is searched as a whole JSON string: its 4 digits turn up inside random ids by chance.
    for (const secret of [CANARY_CARD, `"${CANARY_CVC}"`, CANARY_TOKEN, c.key]) expect(text).not.toContain(secret);
    const [create, bad] = res.body.requests;
    expect(create).toMatchObject({
      method: 'POST',
      path: '/v3/profiles',
      operation: 'createProfile',
      status: 201,
      body: { payment_details: '[redacted]', whatsapp_business_account: { waba_id: '1234', access_token: '[redacted]' } },
      headers: { 'x-api-key': expect.stringContaining('…') },
    });
    expect(bad).toMatchObject({ status: 400, error_code: 'VALIDATION_001' });
  });

  it('keeps a long body as its truncated text, and a bodiless request without a body', async () => {
    const { app } = testApp();
    const c = client(app);
    await c.post('/v3/profiles', aProfile({ description: 'd'.repeat(6000) }));
    await c.get('/v3/profiles');
    const [post, get] = (await c.get('/_sim/requests')).body.requests;
    expect(typeof post.body).toBe('string');
    expect(post.body).toMatch(/^\{"name":".*…\[truncated\]$/);
    expect(post.body.length).toBe(4096 + '…[truncated]'.length);
    expect(get).toMatchObject({ method: 'GET', path: '/v3/profiles', status: 200 });
    expect(get).not.toHaveProperty('body');
  });

  it('keeps the newest 500 requests of a tenant', async () => {
    const { app } = testApp();
    const c = client(app);
    for (let i = 0; i < 505; i++) await c.get(`/v3/profiles?n=${i}`);
    const res = await c.get('/_sim/requests');
    expect(res.body.requests).toHaveLength(500);
    expect(res.body.dropped).toBe(5);
    expect(res.body.requests[0].request_id).not.toBe(res.body.requests[1].request_id);
    expect(res.body.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v3/profiles', status: 200 });
  });

  it('drops the oldest bodies across tenants past the process-wide body budget, keeping the entries', async () => {
    // About three entries of aProfile(): its request body and the profile answered (docs/guide/inspector.md).
    const { app } = testApp({ config: { journalBodyBytes: 3000 } });
    const first = client(app);
    const second = client(app);
    await first.post('/v3/profiles', aProfile({ name: 'First' }));
    for (let i = 0; i < 5; i++) await second.post('/v3/profiles', aProfile({ name: `Second ${i}` }));
    const [old] = (await first.get('/_sim/requests')).body.requests;
    expect(old).toMatchObject({ method: 'POST', path: '/v3/profiles', status: 201, body_dropped: true });
    expect(old).not.toHaveProperty('body');
    const newest = (await second.get('/_sim/requests')).body.requests.at(-1);
    expect(newest.body).toMatchObject({ name: 'Second 4' });
    expect(newest).not.toHaveProperty('body_dropped');
  });

  it('keeps each tenant’s journal to itself', async () => {
    const { app } = testApp({});
    const a = client(app);
    const b = client(app);
    await a.get('/v3/profiles');
    const journalB = (await b.get('/_sim/requests')).body.requests;
    expect(journalB.every((r: { path: string }) => r.path !== '/v3/profiles')).toBe(true);
  });
});

describe('export and import', () => {
  it('reproduces a tenant elsewhere, without secrets', async () => {
    const { app } = testApp();
    const source = client(app);
    const p = (await source.post('/v3/profiles', aProfile({
      billing_model: 'profile',
      billing_contact: aBillingContact(),
      payment_details: aCard({ card_number: CANARY_CARD }),
      whatsapp_business_account: { waba_id: '1234', access_token: CANARY_TOKEN },
    }))).body.data;
    await sim(app, source.key).advance(3600);
    const snapshot = (await source.get('/_sim/export')).body;
    const text = JSON.stringify(snapshot);
    for (const secret of [CANARY_CARD, CANARY_TOKEN, source.key]) expect(text).not.toContain(secret);
    expect(text).not.toContain((await sim(app, source.key).tenant()).callback_signing_secret);

    const target = client(app);
    const imported = await target.post('/_sim/import', snapshot);
    expect(imported.status).toBe(200);
    const copy = (await target.get(`/v3/profiles/${p.id}`)).body.data;
    expect({ ...copy, organization_id: p.organization_id, email: p.email }).toEqual(p);
    expect(imported.body.clock_offset_ms).toBeGreaterThanOrEqual(3_600_000);
    expect((await target.post('/_sim/import', { format: 'other' })).status).toBe(400);
  });

  // Found by the fuzz test (FUZZ_SEED=2082371598): a contact whose channels were not a string reached the contacts list index and answered 500.
  it('refuses a snapshot whose contact the list index cannot key, with a 400 naming it, and changes nothing', async () => {
    const { app } = testApp();
    const c = client(app);
    const contact = (await c.post('/v3/contacts', { phone_number: '+14155550100' })).body.data;
    const snapshot = (await c.get('/_sim/export')).body;
    const before = (await c.get('/v3/contacts')).body.data;
    const broken = structuredClone(snapshot);
    broken.collections.contacts[0].available_channels = true;
    const res = await c.post('/_sim/import', broken);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors ?? {}).join(' ')).toContain('contacts[0]');
    expect((await c.get('/v3/contacts')).body.data).toEqual(before);
    expect((await c.get(`/v3/contacts/${contact.id}`)).body.data.available_channels).toBe(contact.available_channels);
  });
});
