import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { capturingLogger, client, testApp } from '../../support/app.js';
import { aSenderProfile } from '../../support/channel-builders.js';
import { sim } from '../../support/sim.js';

const created = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$/;

/** `/v3/sender-profiles` (sent-api-v3-2026-11 §2.6, decisions §16, docs/decisions/0072). */
describe('creating a sender profile', () => {
  it('answers 201 with the profile and its own working API key, shown this once', async () => {
    const { app } = testApp();
    const c = client(app);
    const res = await c.post('/v3/sender-profiles', aSenderProfile({ description: 'Order updates' }));
    expect(res.status).toBe(201);
    const data = res.body.data;
    expect(data).toEqual({
      id: expect.any(String),
      organization_id: (await sim(app, c.key).tenant()).organization_id,
      name: 'Globex Support',
      short_name: 'GLOBEX',
      description: 'Order updates',
      billing: { inherit: false, contact: null },
      channels: { sms: [], whatsapp: null, rcs: null },
      compliance: { brand: null },
      created_at: expect.stringMatching(created),
      api_key: expect.stringMatching(/^sk_test_[A-Za-z0-9]{32}$/),
    });
    // The key works, and acts as the profile.
    const me = await request(app).get('/v3/me').set('x-api-key', data.api_key);
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ type: 'profile', id: data.id });
    // Never again: not on a read, not in the journal.
    const read = await c.get(`/v3/sender-profiles/${data.id}`);
    expect(read.body.data).not.toHaveProperty('api_key');
    const journal = JSON.stringify((await c.get('/_sim/requests')).body.requests);
    expect(journal).not.toContain(data.api_key);
    expect(journal).toContain('"api_key":"[redacted]"');
  });

  it('never logs the key', async () => {
    const { logger, lines } = capturingLogger();
    const { app } = testApp({ logger });
    const res = await client(app).post('/v3/sender-profiles', aSenderProfile());
    expect(lines.join('\n')).not.toContain(res.body.data.api_key);
  });

  it('needs name and short_name (3–11 letters, digits, spaces, a letter); owner and admin organization keys only', async () => {
    const { app } = testApp();
    const c = client(app);
    const res = await c.post('/v3/sender-profiles', { short_name: '12' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual({ name: ['The name field is required'], short_name: [expect.stringContaining('Short name must be 3-11 characters')] });
    const developer = client(app, await sim(app, c.key).keyFor('developer'));
    expect((await developer.post('/v3/sender-profiles', aSenderProfile())).status).toBe(403);
    const profileKey = (await c.post('/v3/sender-profiles', aSenderProfile())).body.data.api_key;
    expect((await client(app, profileKey).post('/v3/sender-profiles', aSenderProfile())).status).toBe(403);
    expect((await c.get('/v3/sender-profiles')).body.data.sender_profiles).toHaveLength(1);
  });

  it('in sandbox validates and answers, minting no key and storing nothing', async () => {
    const { app } = testApp();
    const c = client(app);
    const res = await c.post('/v3/sender-profiles', aSenderProfile({ sandbox: true }));
    expect(res.status).toBe(201);
    expect(res.headers['x-sandbox']).toBe('true');
    expect(res.body.data.api_key).toBe('sandbox_no_key_was_made');
    expect((await c.get('/v3/sender-profiles')).body.data.sender_profiles).toEqual([]);
    expect((await request(app).get('/v3/me').set('x-api-key', res.body.data.api_key)).status).toBe(401);
  });
});

describe('listing and reading sender profiles', () => {
  it('lists live profiles newest first, 50 a page by default, their markets without compliance', async () => {
    const { app } = testApp();
    const c = client(app);
    const control = sim(app, c.key);
    const ids: string[] = [];
    for (const name of ['First', 'Second', 'Third']) {
      ids.push((await c.post('/v3/sender-profiles', aSenderProfile({ name, channels: { sms: [{ country: 'DE', number_type: 'ALPHANUMERIC', sender_value: 'ACME' }] } }))).body.data.id);
      await control.advance(1);
    }
    const page = (await c.get('/v3/sender-profiles')).body.data;
    expect(page.sender_profiles.map((p: { name: string }) => p.name)).toEqual(['Third', 'Second', 'First']);
    expect(page.pagination).toEqual({ page: 1, page_size: 50, total_count: 3, total_pages: 1, has_more: false, cursors: null });
    expect(page.sender_profiles[0].channels.sms[0]).not.toHaveProperty('compliance');
    expect(page.sender_profiles[0].channels.sms[0]).toMatchObject({ country: 'DE', number_type: 'ALPHANUMERIC', status: 'PROVISIONING' });
    const second = (await c.get('/v3/sender-profiles?page=2&page_size=2')).body.data;
    expect(second.sender_profiles.map((p: { name: string }) => p.name)).toEqual(['First']);
    expect(second.pagination).toMatchObject({ page: 2, page_size: 2, total_count: 3, has_more: false });
    expect((await c.get('/v3/sender-profiles?page=0')).body.error.code).toBe('VALIDATION_005');
    expect((await c.get('/v3/sender-profiles?page_size=101')).body.error.details).toEqual({ page_size: [MESSAGES.pageSizeRange] });
    // A read shows its markets with their compliance.
    expect((await c.get(`/v3/sender-profiles/${ids[0]}`)).body.data.channels.sms[0].compliance).toEqual({ fields: {}, documents: [], requirements: [] });
  });

  it('shows a profile key only its own profile; another organization’s id is 404, not 403', async () => {
    const { app } = testApp();
    const c = client(app);
    const mine = (await c.post('/v3/sender-profiles', aSenderProfile({ name: 'Mine' }))).body.data;
    const other = (await c.post('/v3/sender-profiles', aSenderProfile({ name: 'Other' }))).body.data;
    const own = client(app, mine.api_key);
    expect((await own.get('/v3/sender-profiles')).body.data.sender_profiles.map((p: { id: string }) => p.id)).toEqual([mine.id]);
    expect((await own.get(`/v3/sender-profiles/${other.id}`)).status).toBe(404);
    const stranger = client(app);
    const res = await stranger.get(`/v3/sender-profiles/${mine.id}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('RESOURCE_014');
    expect((await c.get('/v3/sender-profiles/not-a-uuid')).body.error).toMatchObject({ code: 'VALIDATION_001', message: MESSAGES.invalidProfileId });
  });
});

describe('updating a sender profile', () => {
  it('changes name, short_name and description only: omitted stays, null clears the description', async () => {
    const { app } = testApp();
    const c = client(app);
    const p = (await c.post('/v3/sender-profiles', aSenderProfile({ description: 'Order updates' }))).body.data;
    const res = await c.patch(`/v3/sender-profiles/${p.id}`, { name: 'Globex Care', description: null });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: p.id, name: 'Globex Care', short_name: 'GLOBEX', description: null });
    expect((await c.get(`/v3/sender-profiles/${p.id}`)).body.data).toEqual(res.body.data);
    expect((await c.patch(`/v3/sender-profiles/${p.id}`, { short_name: 'CARE 24' })).body.data.short_name).toBe('CARE 24');
  });

  it('refuses {}, cleared name or short_name, a bad short_name and every other field — all at once, nothing changed', async () => {
    const { app } = testApp();
    const c = client(app);
    const p = (await c.post('/v3/sender-profiles', aSenderProfile())).body.data;
    const before = (await c.get(`/v3/sender-profiles/${p.id}`)).body.data;
    expect((await c.patch(`/v3/sender-profiles/${p.id}`, {})).body.error.details).toEqual({ body: [MESSAGES.patchEmpty] });
    const res = await c.patch(`/v3/sender-profiles/${p.id}`, { name: null, short_name: null, billing: { inherit: true }, channels: {}, compliance: null });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual({
      name: [MESSAGES.senderProfileNotClearable('name')],
      short_name: [MESSAGES.senderProfileNotClearable('short_name')],
      billing: [MESSAGES.notChangedByThisCall],
      channels: [MESSAGES.notChangedByThisCall],
      compliance: [MESSAGES.notChangedByThisCall],
    });
    expect((await c.patch(`/v3/sender-profiles/${p.id}`, { constructor: {}, hasOwnProperty: 1 })).body.error.details).toEqual({ constructor: [MESSAGES.notChangedByThisCall], hasOwnProperty: [MESSAGES.notChangedByThisCall] });
    expect((await c.patch(`/v3/sender-profiles/${p.id}`, { short_name: '!!' })).body.error.details.short_name).toEqual([expect.stringContaining('Short name must be 3-11')]);
    expect((await c.get(`/v3/sender-profiles/${p.id}`)).body.data).toEqual(before);
  });
});

describe('deleting a sender profile', () => {
  it('is a soft delete: 204, gone from every read (both surfaces), kept on the control plane with deleted_at', async () => {
    const { app } = testApp();
    const c = client(app);
    const p = (await c.post('/v3/sender-profiles', aSenderProfile())).body.data;
    const res = await c.delete(`/v3/sender-profiles/${p.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await c.get(`/v3/sender-profiles/${p.id}`)).status).toBe(404);
    expect((await c.get(`/v3/profiles/${p.id}`)).status).toBe(404);
    expect((await c.get('/v3/sender-profiles')).body.data.sender_profiles).toEqual([]);
    expect((await c.delete(`/v3/sender-profiles/${p.id}`)).status).toBe(404);
    const stored = ((await sim(app, c.key).tenant()).profiles as Array<{ id: string; deleted_at: string | null }>).find((x) => x.id === p.id)!;
    expect(stored.deleted_at).toMatch(created);
    // Sent's live DELETE wants a body; any body is accepted.
    const q = (await c.post('/v3/sender-profiles', aSenderProfile())).body.data;
    expect((await request(app).delete(`/v3/sender-profiles/${q.id}`).set('x-api-key', c.key).send({ _: true })).status).toBe(204);
  });
});
