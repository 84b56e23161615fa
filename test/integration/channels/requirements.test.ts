import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { channelsApp } from './helpers.js';

/** `GET /v3/compliance/requirements` and the number-types page (sent-api-v3-2026-11 §2.7, docs/decisions/0074). */
describe('compliance requirements', () => {
  it('describes a market: its requirements with their rules, and setup[] with a body to send', async () => {
    const { c } = channelsApp();
    const res = await c.get('/v3/compliance/requirements?country=GB&type=alphanumeric');
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(data).toMatchObject({ channel: 'sms', country: 'GB', type: 'ALPHANUMERIC', required: true, sender_id_pattern: '^(?=.*[A-Za-z])[A-Za-z0-9 ]{3,11}$' });
    expect(data.requirements.map((r: { key: string }) => r.key)).toEqual(['fields.company_name', 'fields.company_number', 'documents.letter_of_authorization']);
    expect(data.requirements[1]).toEqual({ key: 'fields.company_number', description: 'Companies House registration number', required: true, kind: 'value', regex: '^[A-Z0-9]{8}$', options: null });
    expect(data.setup).toEqual([
      {
        step: 1,
        description: expect.any(String),
        method: 'POST',
        path: '/v3/channels/sms',
        content_type: 'multipart/form-data',
        body: { country: 'GB', numberType: 'ALPHANUMERIC', senderValue: 'ACME', compliance: JSON.stringify({ fields: { company_name: 'Acme Trading Ltd', company_number: '01234567' } }) },
        files: [{ field: 'letter_of_authorization', file_name: 'letter_of_authorization.pdf', content_type: 'application/pdf' }],
      },
    ]);
  });

  it('takes 10DLC for TEN_DLC, the channel sms by default, and says a market with nothing to register is not required', async () => {
    const { c } = channelsApp();
    const tenDlc = (await c.get('/v3/compliance/requirements?country=us&type=10DLC')).body.data;
    expect(tenDlc).toMatchObject({ channel: 'sms', country: 'US', type: 'TEN_DLC', required: true });
    expect(tenDlc.requirements.filter((r: { required: boolean }) => r.required).map((r: { key: string }) => r.key)).toContain('campaign.message_flow');
    expect(tenDlc.setup[0]).toMatchObject({ content_type: 'application/json', body: { country: 'US', number_type: 'TEN_DLC', compliance: { brand: expect.any(Object), campaign: expect.any(Object) } }, files: null });
    const germany = (await c.get('/v3/compliance/requirements?channel=sms&country=DE&type=ALPHANUMERIC')).body.data;
    expect(germany).toMatchObject({ required: false, requirements: [], setup: [{ body: { country: 'DE', number_type: 'ALPHANUMERIC', sender_value: 'ACME' } }] });
  });

  it('refuses a missing country with VALIDATION_004 "country is required", checked before the type', async () => {
    const { c } = channelsApp();
    for (const query of ['', '?type=LOCAL', '?country=&type=NOPE']) {
      const res = await c.get(`/v3/compliance/requirements${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_004', message: MESSAGES.countryRequired, details: { country: [MESSAGES.countryRequired] } });
    }
  });

  it('refuses a missing or unknown type with VALIDATION_001 and the list of types', async () => {
    const { c } = channelsApp();
    for (const query of ['?country=US', '?country=US&type=LONG_CODE']) {
      const res = await c.get(`/v3/compliance/requirements${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', message: 'type must be one of: LOCAL, TOLL_FREE, SHORT_CODE, ALPHANUMERIC, TEN_DLC, MOBILE, 10DLC' });
      expect(res.body.error.details).toEqual({ type: [MESSAGES.typeMustBeOneOf] });
    }
    const bad = await c.get('/v3/compliance/requirements?country=USA&type=LOCAL');
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_001', details: { country: [MESSAGES.countryNotIso] } });
  });

  it('answers 501 for whatsapp and rcs (whatever the country), and for a market the table does not declare', async () => {
    const { c } = channelsApp();
    for (const channel of ['whatsapp', 'RCS']) {
      const res = await c.get(`/v3/compliance/requirements?channel=${channel}`);
      expect(res.status).toBe(501);
      expect(res.body.error).toMatchObject({ code: 'BUSINESS_007', message: MESSAGES.channelRequirementsNotDeclared(channel.toLowerCase()) });
    }
    for (const [country, type] of [['FR', 'ALPHANUMERIC'], ['US', 'ALPHANUMERIC']]) {
      const res = await c.get(`/v3/compliance/requirements?country=${country}&type=${type}`);
      expect(res.status).toBe(501);
      expect(res.body.error.message).toBe(MESSAGES.marketNotDeclared(country!, type!));
    }
    expect((await c.get('/v3/compliance/requirements?channel=voice&country=US&type=LOCAL')).body.error.details).toEqual({ channel: [MESSAGES.requirementsChannel] });
  });
});

describe('a country’s number types', () => {
  it('lists each sender type with what it carries, its pattern, fees, terms and compliance values', async () => {
    const { c } = channelsApp();
    const res = await c.get('/v3/channels/sms/US/compliance');
    expect(res.status).toBe(200);
    expect(res.body.data.channel).toBe('sms');
    expect(res.body.data.number_types.map((t: { number_type: string }) => t.number_type)).toEqual(['TEN_DLC', 'TOLL_FREE']);
    const tenDlc = res.body.data.number_types[0];
    expect(tenDlc).toMatchObject({ carries: ['sms', 'mms', 'voice'], sender_id_pattern: '^\\+1[2-9][0-9]{9}$', fees: { currency: 'USD', setup: 0, monthly: 1.5 }, documents: [] });
    expect(tenDlc.compliance['brand.entity_type']).toEqual({ required: true, regex: null, options: ['PRIVATE_PROFIT', 'PUBLIC_PROFIT', 'NON_PROFIT', 'SOLE_PROPRIETOR', 'GOVERNMENT'] });
    const gb = (await c.get('/v3/channels/sms/gb/compliance')).body.data.number_types;
    expect(gb.find((t: { number_type: string }) => t.number_type === 'ALPHANUMERIC').documents).toEqual([{ key: 'documents.letter_of_authorization', description: expect.any(String) }]);
  });

  it('filters by channel (mms and voice), answers empty for a country it does not declare, 501 for whatsapp and rcs', async () => {
    const { c } = channelsApp();
    expect((await c.get('/v3/channels/mms/GB/compliance')).body.data.number_types).toEqual([]);
    expect((await c.get('/v3/channels/voice/CA/compliance')).body.data.number_types.map((t: { number_type: string }) => t.number_type)).toEqual(['LOCAL']);
    expect((await c.get('/v3/channels/sms/FR/compliance')).body.data).toEqual({ channel: 'sms', country: 'FR', number_types: [] });
    const rcs = await c.get('/v3/channels/rcs/US/compliance');
    expect(rcs.status).toBe(501);
    expect(rcs.body.error).toMatchObject({ code: 'BUSINESS_007', message: MESSAGES.numberTypesNotDeclared('rcs') });
    expect((await c.get('/v3/channels/fax/US/compliance')).body.error).toMatchObject({ code: 'VALIDATION_001', details: { channel: [MESSAGES.numberTypesChannel] } });
    expect((await c.get('/v3/channels/sms/USA/compliance')).body.error.details).toEqual({ country: [MESSAGES.countryNotIso] });
  });
});
