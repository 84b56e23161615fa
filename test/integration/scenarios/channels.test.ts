import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { channelsApp, REVIEW } from '../channels/helpers.js';

/** The channel scenarios (scenarios/channel-*.yaml, docs/decisions/0075): the review they ask for, on the tenant clock. */
const AU = { country: 'AU', number_type: 'ALPHANUMERIC', sender_value: 'ACME', compliance: { fields: { company_name: 'Acme Pty Ltd', abn: '51824753556' } } };

describe('channel scenarios', () => {
  it('channel-review-action-needed: a correction is asked a minute after filing; a PATCH without it is reviewed as usual', async () => {
    const { app, c, control } = channelsApp();
    const res = await request(app).post('/v3/channels/sms').set('x-api-key', c.key).set('x-sim-scenario', 'channel-review-action-needed').send(AU);
    expect(res.status).toBe(201);
    await control.advance(1);
    expect((await c.get('/v3/channels/sms/AU/ALPHANUMERIC')).body.data.status).toBe('PENDING_REVIEW');
    await control.advance(60);
    expect((await c.get('/v3/channels/sms/AU/ALPHANUMERIC')).body.data).toMatchObject({
      status: 'ACTION_NEEDED',
      reason_code: 'CHANNEL_002',
      reason: 'The business number does not match the company name on the ABN register',
    });
    await c.patch('/v3/channels/sms/AU/ALPHANUMERIC', { compliance: { fields: { company_name: 'Acme Holdings Pty Ltd' } } });
    await control.advance(REVIEW);
    expect((await c.get('/v3/channels/sms/AU/ALPHANUMERIC')).body.data.status).toBe('ACTIVE');
  });

  it('channel-review-slow: a day provisioning, a week in review', async () => {
    const { app, c, control } = channelsApp();
    await request(app).post('/v3/channels/sms').set('x-api-key', c.key).set('x-sim-scenario', 'channel-review-slow').send(AU);
    await control.advance(86_399);
    expect((await c.get('/v3/channels/sms/AU/ALPHANUMERIC')).body.data.status).toBe('PROVISIONING');
    await control.advance(1);
    expect((await c.get('/v3/channels/sms/AU/ALPHANUMERIC')).body.data.status).toBe('PENDING_REVIEW');
    await control.advance(6 * 86_400);
    expect((await c.get('/v3/channels/sms/AU/ALPHANUMERIC')).body.data.status).toBe('PENDING_REVIEW');
    await control.advance(86_400);
    expect((await c.get('/v3/channels/sms/AU/ALPHANUMERIC')).body.data.status).toBe('ACTIVE');
  });

  it('channel-declined (set for the tenant): the market goes INACTIVE with the reviewer’s reason; messages there stay refused', async () => {
    const { c, control } = channelsApp();
    expect((await c.put('/_sim/scenarios/active', { name: 'channel-declined' })).status).toBe(200);
    await c.post('/v3/channels/sms', { country: 'GB', number_type: 'MOBILE' });
    await control.advance(61);
    expect((await c.get('/v3/channels/sms/GB/MOBILE')).body.data).toMatchObject({ status: 'INACTIVE', reason: 'The carriers declined the sender' });
    const send = await c.post('/v3/messages', { to: ['+447700900123'], channel: ['sms'], text: 'Hello from the declined market' });
    expect(send.status).toBe(400);
    expect(send.body.error.code).toBe('VALIDATION_002');
  });
});
