import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';

function setup() {
  const { app } = testApp();
  const c = client(app);
  return { app, c, control: sim(app, c.key) };
}

describe('GET /v3/numbers/lookup/{phoneNumber}', () => {
  it("answers Sent's docs example with the literal + in the path", async () => {
    const { c } = setup();
    const res = await c.get('/v3/numbers/lookup/+12025551234');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      phone_number: '+12025551234',
      is_valid: true,
      carrier_name: 'T-Mobile',
      // libphonenumber cannot tell US mobiles from landlines; Sent's docs example says `mobile`.
      line_type: 'fixed_line_or_mobile',
      country_code: 'US',
      mobile_country_code: '310',
      mobile_network_code: '260',
      is_ported: false,
      is_voip: false,
    });
  });

  it('takes the + percent-encoded too', async () => {
    const { c } = setup();
    expect((await c.get('/v3/numbers/lookup/%2B12025551234')).body.data.phone_number).toBe('+12025551234');
  });

  it.each([
    ['a UK mobile', '+447400123456', { line_type: 'mobile', country_code: 'GB', carrier_name: 'EE', mobile_country_code: '234', mobile_network_code: '30', is_voip: false }],
    ['a German mobile', '+4915123456789', { line_type: 'mobile', country_code: 'DE', carrier_name: 'Telekom Deutschland', mobile_country_code: '262', mobile_network_code: '01' }],
    ['a UK landline (no carrier)', '+442071838750', { line_type: 'landline', country_code: 'GB', carrier_name: null, mobile_country_code: null, mobile_network_code: null }],
    ['a US toll-free number', '+18005550100', { line_type: 'toll_free', country_code: 'US', carrier_name: null, mobile_country_code: null }],
    ['a UK VoIP number', '+445612345678', { line_type: 'voip', country_code: 'GB', carrier_name: null, is_voip: true }],
    ['a mobile of a region outside the table', '+8613812345678', { line_type: 'mobile', country_code: 'CN', carrier_name: null, mobile_country_code: null, mobile_network_code: null }],
    ['a non-geographic number', '+80012345678', { line_type: 'toll_free', country_code: null, carrier_name: null }],
  ])('describes %s from the metadata and the carrier table', async (_, number, expected) => {
    const { c } = setup();
    const res = await c.get(`/v3/numbers/lookup/${number}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ phone_number: number, is_valid: true, is_ported: false, ...expected });
  });

  it.each(['12025551234', '+0123456789', '+1202', 'abc', '%2012025551234', '+1%20202%20555%201234'])(
    'answers a number that is not E.164 (%s) with 400 VALIDATION_002 naming phoneNumber',
    async (value) => {
      const { c } = setup();
      const res = await c.get(`/v3/numbers/lookup/${value}`);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_002', message: ERROR_CATALOG.VALIDATION_002.message, details: { phoneNumber: [MESSAGES.phoneNumberNotE164] } });
    },
  );

  it.each(['+1234567890', '+15555555555', '+99912345678'])('answers an E.164 number libphonenumber finds invalid (%s) with 404 RESOURCE_013', async (number) => {
    const { c } = setup();
    const res = await c.get(`/v3/numbers/lookup/${number}`);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'RESOURCE_013', message: MESSAGES.numberNotFound, details: null });
  });

  it.each(['developer', 'billing'])('answers a %s key', async (role) => {
    const { app, control } = setup();
    const key = client(app, await control.keyFor(role));
    expect((await key.get('/v3/numbers/lookup/+12025551234')).status).toBe(200);
  });
});
