import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';
import { aSenderProfileIn, asProfile, stored } from './helpers.js';

/**
 * Who may read and change channels (sent-api-v3-2026-11 §2.7, §2.14; decisions §2): `x-profile-id`
 * from organization keys only (a profile key sending it 403, a profile outside the organization
 * 404), a profile key on its own channels without it; developer and billing keys read.
 */
describe('channels access', () => {
  it('lets a profile key read and change its own channels with no header, and refuses it x-profile-id (403)', async () => {
    const { app } = testApp();
    const c = client(app);
    const profile = await aSenderProfileIn(c);
    const own = client(app, profile.apiKey);
    expect((await own.get('/v3/channels')).body.data.customer_id).toBe(profile.id);
    expect((await own.post('/v3/channels/sms', { country: 'DE', number_type: 'ALPHANUMERIC', sender_value: 'GLOBEX' })).status).toBe(201);
    expect((await asProfile(app, c.key, profile.id).get('/v3/channels/sms/DE/ALPHANUMERIC')).body.data.country).toBe('DE');
    const scoped = await request(app).get('/v3/channels').set('x-api-key', profile.apiKey).set('x-profile-id', profile.id);
    expect(scoped.status).toBe(403);
    expect(scoped.body.error.code).toBe('AUTH_004');
    // The organization's own channels are not the profile's.
    expect((await own.get('/v3/channels/sms/US/TEN_DLC')).status).toBe(404);
  });

  it('404s a profile outside the organization (or deleted) in x-profile-id, and changes nothing', async () => {
    const { app } = testApp();
    const a = client(app);
    const b = client(app);
    const theirs = (await b.post('/v3/profiles', aProfile())).body.data;
    const res = await asProfile(app, a.key, theirs.id).post('/v3/channels/sms', { country: 'DE', number_type: 'ALPHANUMERIC', sender_value: 'ACME' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('RESOURCE_014');
    const mine = await aSenderProfileIn(a);
    expect((await a.delete(`/v3/sender-profiles/${mine.id}`)).status).toBe(204);
    expect((await asProfile(app, a.key, mine.id).get('/v3/channels')).status).toBe(404);
    expect(await stored(sim(app, a.key), 'sms_markets')).toEqual([]);
    expect(await stored(sim(app, b.key), 'sms_markets')).toEqual([]);
  });

  it('lets developer and billing keys read channels and requirements but not change them (403)', async () => {
    const { app } = testApp();
    const c = client(app);
    const control = sim(app, c.key);
    for (const role of ['developer', 'billing']) {
      const key = client(app, await control.keyFor(role));
      expect((await key.get('/v3/channels')).status).toBe(200);
      expect((await key.get('/v3/compliance/requirements?country=DE&type=ALPHANUMERIC')).status).toBe(200);
      for (const res of [
        await key.post('/v3/channels/sms', { country: 'DE', number_type: 'ALPHANUMERIC', sender_value: 'ACME' }),
        await key.patch('/v3/channels/sms/US/TEN_DLC', { compliance: { campaign: { inherit: true } } }),
        await key.post('/v3/channels/sms/CA/LOCAL/numbers', { numbers: [{}] }),
        await key.post('/v3/channels/rcs', {}),
      ]) {
        expect(res.status, role).toBe(403);
        expect(res.body.error.code).toBe('AUTH_004');
      }
    }
    expect(await stored(control, 'sms_markets')).toEqual([]);
  });
});
