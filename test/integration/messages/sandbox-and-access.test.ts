import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import { aProfile } from '../../support/builders.js';
import { client } from '../../support/app.js';
import { approvedProfile, messagingApp } from './helpers.js';

const TEXT = { to: ['+14155550100'], channel: ['sms'], text: 'Hi' };

describe('sandbox sends', () => {
  it('answer 202 with msg_test_ ids and store, schedule and publish nothing', async () => {
    const { c, control, events } = messagingApp();
    const res = await c.post('/v3/messages', { to: ['+14155550100', '+14155550101'], channel: ['sms', 'sent'], text: 'Your table is ready.', sandbox: true });
    expect(res.status).toBe(202);
    expect(res.headers['x-sandbox']).toBe('true');
    expect(res.body.data).toEqual({
      status: 'QUEUED',
      template_id: null,
      template_name: null,
      recipients: [
        { message_id: expect.stringMatching(/^msg_test_\d{10}$/), to: '+14155550100', channel: 'sms', body: 'Your table is ready.' },
        { message_id: expect.stringMatching(/^msg_test_\d{10}$/), to: '+14155550100', channel: null, body: null },
        { message_id: expect.stringMatching(/^msg_test_\d{10}$/), to: '+14155550101', channel: 'sms', body: 'Your table is ready.' },
        { message_id: expect.stringMatching(/^msg_test_\d{10}$/), to: '+14155550101', channel: null, body: null },
      ],
    });
    await control.advance(60);
    expect((await control.tenant()).totals).toMatchObject({ messages: 0, contacts: 0, pending_jobs: 0 });
    expect(events).toEqual([]);
    // Nothing was stored: a sandbox id is not even a message id.
    const get = await c.get(`/v3/messages/${res.body.data.recipients[0].message_id}`);
    expect(get.status).toBe(400);
    expect(get.body.error).toMatchObject({ code: 'VALIDATION_001', message: 'Invalid message ID format.' });
  });

  it('look no template up, and still validate the body', async () => {
    const { c } = messagingApp();
    const unknown = await c.post('/v3/messages', { to: ['+14155550100'], template: { id: '7ba7b820-9dad-11d1-80b4-00c04fd430c8', name: 'welcome' }, sandbox: true });
    expect(unknown.status).toBe(202);
    expect(unknown.body.data).toMatchObject({ template_id: '7ba7b820-9dad-11d1-80b4-00c04fd430c8', template_name: 'welcome' });
    const invalid = await c.post('/v3/messages', { to: ['nope'], text: 'Hi', sandbox: true });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('VALIDATION_002');
  });
});

describe('who may send and read', () => {
  it('lets owner, admin and developer keys send, and refuses billing keys with 403 AUTH_004', async () => {
    const { app, c, control } = messagingApp();
    for (const role of ['admin', 'developer']) {
      const key = await control.keyFor(role);
      expect((await client(app, key).post('/v3/messages', TEXT)).status).toBe(202);
    }
    const billing = client(app, await control.keyFor('billing'));
    const refused = await billing.post('/v3/messages', TEXT);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'AUTH_004', message: ERROR_CATALOG.AUTH_004.message });
    expect((await control.tenant()).totals.messages).toBe(2);
    // Any role reads.
    const id = (await c.post('/v3/messages', TEXT)).body.data.recipients[0].message_id;
    expect((await billing.get(`/v3/messages/${id}`)).status).toBe(200);
    expect((await billing.get(`/v3/messages/${id}/activities`)).status).toBe(200);
  });

  it('sends as the profile of a profile key', async () => {
    const { app, c, control } = messagingApp();
    const profileId = await approvedProfile(app, c.key);
    const key = client(app, await control.keyFor('developer', profileId));
    const id = (await key.post('/v3/messages', TEXT)).body.data.recipients[0].message_id;
    expect((await key.get(`/v3/messages/${id}`)).body.data.customer_id).toBe(profileId);
    expect((await c.get(`/v3/messages/${id}`)).status).toBe(404);
  });

  it('answers 404 RESOURCE_003 for an unknown id and another tenant’s message, 400 for a malformed id', async () => {
    const { app, c } = messagingApp();
    const id = (await c.post('/v3/messages', TEXT)).body.data.recipients[0].message_id;
    const other = client(app);
    for (const path of [`/v3/messages/${id}`, `/v3/messages/${id}/activities`, '/v3/messages/7ba7b820-9dad-11d1-80b4-00c04fd430c8']) {
      const res = await other.get(path);
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'RESOURCE_003', message: ERROR_CATALOG.RESOURCE_003.message });
    }
    const bad = await c.get('/v3/messages/not-a-uuid/activities');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_001', message: 'Invalid message ID format.', details: { id: ['Invalid message ID format.'] } });
    // Ids are case-insensitive.
    expect((await c.get(`/v3/messages/${id.toUpperCase()}`)).body.data.id).toBe(id);
  });

  it('scopes to a deleted or foreign profile with 404 RESOURCE_014', async () => {
    const { c } = messagingApp();
    const profile = (await c.post('/v3/profiles', aProfile())).body.data;
    await c.delete(`/v3/profiles/${profile.id}`);
    const res = await c.post('/v3/messages', TEXT).set('x-profile-id', profile.id);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('RESOURCE_014');
  });
});

describe('limits', () => {
  it('refuses a send past the per-tenant message cap with 400 BUSINESS_008, and changes nothing', async () => {
    const { c, control, events } = messagingApp({ config: { maxMessagesPerTenant: 3 } });
    expect((await c.post('/v3/messages', { to: ['+14155550100', '+14155550101'], channel: ['sms'], text: 'Hi' })).status).toBe(202);
    const over = await c.post('/v3/messages', { to: ['+14155550102', '+14155550103'], channel: ['sms'], text: 'Hi' });
    expect(over.status).toBe(400);
    expect(over.body.error).toMatchObject({ code: 'BUSINESS_008', message: MESSAGES.messageCap(3) });
    const inbound = await c.post('/_sim/inbound', { from: '+14155550104', text: 'Hi' });
    expect(inbound.status).toBe(201);
    expect((await c.post('/_sim/inbound', { from: '+14155550105', text: 'Hi' })).status).toBe(400);
    await control.advance(10);
    expect((await control.tenant()).totals).toMatchObject({ messages: 3, contacts: 3 });
    expect(events.filter((e) => e.name === 'message.queued')).toHaveLength(2);
  });

  it('limits sends to 60 a minute per key when rate limits are on (429 BUSINESS_002)', async () => {
    const { c, control } = messagingApp();
    await control.patchTenant({ settings: { rate_limits: true } });
    for (let i = 0; i < 60; i++) expect((await c.post('/v3/messages', { ...TEXT, sandbox: true })).status).toBe(202);
    const limited = await c.post('/v3/messages', TEXT);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('BUSINESS_002');
    expect(limited.headers['x-ratelimit-limit']).toBe('60');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Reads are in the standard tier.
    expect((await c.get('/v3/messages/7ba7b820-9dad-11d1-80b4-00c04fd430c8')).status).toBe(404);
    await control.advance(60);
    expect((await c.post('/v3/messages', TEXT)).status).toBe(202);
  });

  it('replays a send with the same Idempotency-Key: same ids, no second batch', async () => {
    const { app, c, control } = messagingApp();
    const send = () => request(app).post('/v3/messages').set('x-api-key', c.key).set('Idempotency-Key', 'order-42').send(TEXT);
    const first = await send();
    const again = await send();
    expect(again.status).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.data).toEqual(first.body.data);
    expect((await control.tenant()).totals.messages).toBe(1);
  });
});
