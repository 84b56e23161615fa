import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { client, testApp } from '../../support/app.js';
import { anRcsAgent, aSenderProfile, aTenDlcBrand, aTenDlcCampaign } from '../../support/channel-builders.js';
import { sim } from '../../support/sim.js';

/** A sender profile's blocks by ownership — own fields, `{"inherit": true}`, or omitted (sent-api-v3-2026-11 §2.6). */
describe('billing, compliance and channels on create', () => {
  it('inherits billing and compliance from the organization with {"inherit": true}', async () => {
    const { app } = testApp();
    const c = client(app);
    await sim(app, c.key).organization({ campaigns: 1 });
    const res = await c.post('/v3/sender-profiles', aSenderProfile({ billing: { inherit: true }, compliance: { inherit: true } }));
    expect(res.status).toBe(201);
    expect(res.body.data.billing).toEqual({ inherit: true, contact: null });
    expect(res.body.data.compliance.brand).toMatchObject({ inherit: true, legal_name: 'Acme Corporation LLC' });
    expect((await c.get(`/v3/profiles/${res.body.data.id}`)).body.data).toMatchObject({ billing_model: 'organization', inherit_tcr_brand: true, inherit_tcr_campaign: true });
  });

  it('owns a billing contact, and its own identity and campaign (each complete), and adds its channels as their own calls would', async () => {
    const { app } = testApp();
    const c = client(app);
    const res = await c.post(
      '/v3/sender-profiles',
      aSenderProfile({
        billing: { contact: { name: 'Marge Simpson', email: 'billing@globex.example.com' } },
        compliance: { brand: aTenDlcBrand(), campaign: aTenDlcCampaign() },
        channels: {
          sms: [{ country: 'US', number_type: 'TEN_DLC', numbers: [{ area_code: '206', quantity: 2 }] }, { country: 'DE', number_type: 'ALPHANUMERIC', sender_value: 'GLOBEX' }],
          whatsapp: { waba_id: '102290129340398', phone_number_id: '106540352242922' },
          rcs: anRcsAgent(),
        },
      }),
    );
    expect(res.status, res.text).toBe(201);
    const data = res.body.data;
    expect(data.billing).toEqual({ inherit: false, contact: { name: 'Marge Simpson', email: 'billing@globex.example.com', phone: null, address: null } });
    expect(data.compliance.brand).toMatchObject({ inherit: false, submitted_to_tcr: false, legal_name: 'Globex Corporation' });
    expect(data.channels.sms.map((m: { country: string; status: string }) => [m.country, m.status])).toEqual([
      ['US', 'PROVISIONING'],
      ['DE', 'PROVISIONING'],
    ]);
    expect(data.channels.sms[0].compliance.requirements).toEqual([]);
    expect(data.channels.sms[0].compliance.campaigns).toEqual([expect.objectContaining({ inherit: false, name: 'Order updates', status: 'PENDING_REVIEW' })]);
    expect(data.channels.sms[0].numbers).toEqual([
      { sender_value: null, area_code: '206', status: 'PROVISIONING', campaign_id: null },
      { sender_value: null, area_code: '206', status: 'PROVISIONING', campaign_id: null },
    ]);
    expect(data.channels.whatsapp).toMatchObject({ waba_id: '102290129340398', status: 'ACTIVE' });
    expect(data.channels.rcs).toMatchObject({ display_name: 'Globex', status: 'PENDING_REVIEW' });
    await sim(app, c.key).advance(24 * 3600 + 60);
    const later = (await client(app, data.api_key).get('/v3/channels/sms/US/TEN_DLC')).body.data;
    expect(later.numbers.map((n: { sender_value: string; status: string; campaign_id: string }) => [n.sender_value, n.status, n.campaign_id])).toEqual([
      ['+12065550100', 'ACTIVE', later.compliance.campaigns[0].id],
      ['+12065550101', 'ACTIVE', later.compliance.campaigns[0].id],
    ]);
  });

  it('names every problem at once — blocks owned and inherited, an incomplete identity, each channel by its path — and creates nothing', async () => {
    const { app } = testApp();
    const c = client(app);
    const keysBefore = ((await sim(app, c.key).tenant()).keys as unknown[]).length;
    const res = await c.post(
      '/v3/sender-profiles',
      aSenderProfile({
        billing: { inherit: true, contact: { name: 'Marge', email: 'm@example.com' } },
        compliance: { brand: { legal_name: 'Globex', tax_id: 'nope' }, campaign: { inherit: true } },
        channels: {
          sms: [
            { country: 'GB', number_type: 'ALPHANUMERIC' },
            { country: 'FR', number_type: 'ALPHANUMERIC', sender_value: 'ACME' },
            { country: 'gb', number_type: 'alphanumeric', sender_value: 'ACME' },
          ],
          whatsapp: { waba_id: '1', access_token: 'secret' },
          rcs: { display_name: 'Globex' },
        },
        documents: [{ key: 'passport', file_name: 'p.pdf' }],
      }),
    );
    expect(res.status).toBe(400);
    const details = res.body.error.details as Record<string, string[]>;
    expect(details['billing.inherit']).toEqual([MESSAGES.inheritWithFields('billing')]);
    expect(details['compliance.brand.tax_id']).toEqual([MESSAGES.requirementValue('tax_id', 'must match ^[0-9]{2}-?[0-9]{7}$')]);
    expect(details['compliance.brand.city']).toEqual([MESSAGES.requirementMissing('city')]);
    expect(details['compliance.campaign.inherit']).toEqual([MESSAGES.senderProfileInheritWhole]);
    expect(details['channels.sms[0].sender_value']).toEqual([MESSAGES.senderValueRequired('GB', 'ALPHANUMERIC')]);
    expect(details['channels.sms[1]']).toEqual([MESSAGES.marketNotDeclared('FR', 'ALPHANUMERIC')]);
    expect(details['channels.sms[2]']).toEqual([MESSAGES.marketTwice('GB', 'ALPHANUMERIC')]);
    expect(details['channels.whatsapp.access_token']).toEqual([MESSAGES.whatsappResolvedFromOrganization]);
    expect(details['channels.rcs.brand_name']).toEqual([MESSAGES.requiredField('brand_name')]);
    expect(details['documents[0].key']).toEqual([MESSAGES.documentForNoMarket]);
    expect((await c.get('/v3/sender-profiles')).body.data.sender_profiles).toEqual([]);
    expect((await c.get('/v3/profiles')).body.data.profiles).toEqual([]);
    expect(((await sim(app, c.key).tenant()).keys as unknown[]).length).toBe(keysBefore);
  });

  it('refuses "inherit": false without fields, and an own US TEN_DLC market without any identity', async () => {
    const { app } = testApp();
    const c = client(app);
    const res = await c.post('/v3/sender-profiles', aSenderProfile({ billing: { inherit: false }, compliance: {}, channels: { sms: [{ country: 'US', number_type: 'TEN_DLC' }] } }));
    expect(res.body.error.details).toEqual({
      'billing.inherit': [MESSAGES.inheritFalseWithoutData('billing')],
      'compliance.inherit': [MESSAGES.inheritFalseWithoutData('compliance')],
      'channels.sms[0].compliance.brand': [MESSAGES.tenDlcNeedsIdentity],
    });
  });
});
