import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { aBrand, aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { aCampaignRequest } from '../../support/campaign-builders.js';
import { aSenderProfile, aTenDlcBrand, aTenDlcCampaign } from '../../support/channel-builders.js';
import { sim } from '../../support/sim.js';

/** A sender profile IS a profile: one record, read and changed through both surfaces (decisions §16, docs/decisions/0072). */
describe('one record, two views', () => {
  it('reads a /v3/profiles profile as a sender profile, and a sender profile through /v3/profiles', async () => {
    const { app } = testApp();
    const c = client(app);
    const old = (await c.post('/v3/profiles', aProfile({ billing_model: 'organization', description: 'Sales' }))).body.data;
    expect((await c.get(`/v3/sender-profiles/${old.id}`)).body.data).toMatchObject({ id: old.id, name: 'Sales Team', short_name: 'SALES', description: 'Sales', billing: { inherit: true, contact: null } });
    const fresh = (await c.post('/v3/sender-profiles', aSenderProfile({ description: 'Support' }))).body.data;
    expect((await c.get(`/v3/profiles/${fresh.id}`)).body.data).toMatchObject({ id: fresh.id, name: 'Globex Support', short_name: 'GLOBEX', description: 'Support', status: 'incomplete', billing_model: 'profile' });
    expect((await c.get('/v3/sender-profiles')).body.data.sender_profiles.map((p: { id: string }) => p.id)).toEqual([fresh.id, old.id]);
    // A change through one surface is the other's too.
    await c.patch(`/v3/profiles/${fresh.id}`, { name: 'Globex Care' });
    expect((await c.get(`/v3/sender-profiles/${fresh.id}`)).body.data.name).toBe('Globex Care');
    await c.patch(`/v3/sender-profiles/${old.id}`, { short_name: 'SALES UK' });
    expect((await c.get(`/v3/profiles/${old.id}`)).body.data.short_name).toBe('SALES UK');
    await c.delete(`/v3/profiles/${fresh.id}`);
    expect((await c.get(`/v3/sender-profiles/${fresh.id}`)).status).toBe(404);
  });

  it('shares the brand and its lock: a brand submitted to TCR by completion cannot change through the market', async () => {
    const { app } = testApp();
    const c = client(app);
    const p = (await c.post('/v3/profiles', aProfile({ brand: aBrand({ compliance: { brandRelationship: 'SMALL_ACCOUNT', vertical: 'PROFESSIONAL', isTcrApplication: true } }), inherit_tcr_campaign: false }))).body.data;
    await c.post(`/v3/profiles/${p.id}/campaigns`, aCampaignRequest());
    expect((await c.post(`/v3/profiles/${p.id}/complete`, { webHookUrl: 'http://127.0.0.1:9/hook' })).status).toBe(202);
    await sim(app, c.key).advance(2);
    expect((await c.get(`/v3/profiles/${p.id}`)).body.data.brand.submitted_to_tcr).toBe(true);
    const view = (await c.get(`/v3/sender-profiles/${p.id}`)).body.data;
    expect(view.compliance.brand).toMatchObject({ inherit: false, submitted_to_tcr: true, legal_name: 'Acme Corporation LLC' });
    const market = await c.post('/v3/channels/sms', { country: 'US', number_type: 'TEN_DLC', compliance: { brand: { legal_name: 'Someone Else LLC' } } }).set('x-profile-id', p.id);
    expect(market.status).toBe(400);
    expect(market.body.error.details).toEqual({ 'compliance.brand': [MESSAGES.brandLocked] });
    // Its campaigns are the market's: the one made through /v3/profiles, filed by completion.
    const added = await c.post('/v3/channels/sms', { country: 'US', number_type: 'TEN_DLC' }).set('x-profile-id', p.id);
    expect(added.status).toBe(201);
    expect(added.body.data.compliance.campaigns).toEqual([expect.objectContaining({ inherit: false, name: aCampaignRequest().campaign.name })]);
  });

  it('completes a sender profile through /v3/profiles/{id}/complete with what it was created with', async () => {
    const { app } = testApp();
    const c = client(app);
    const p = (await c.post('/v3/sender-profiles', aSenderProfile({ description: 'Globex order updates', compliance: { brand: aTenDlcBrand(), campaign: aTenDlcCampaign() } }))).body.data;
    const res = await c.post(`/v3/profiles/${p.id}/complete`, { webHookUrl: 'http://127.0.0.1:9/hook' });
    expect(res.status, res.text).toBe(202);
  });
});
