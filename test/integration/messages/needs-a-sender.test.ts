import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';

/**
 * A message needs a sender (decisions §15, docs/decisions/0078): a recipient whose region has no
 * ACTIVE SMS market on the sending account, on a send that would go by SMS, refuses the whole
 * request (`400 VALIDATION_002`, `details["to[i]"]` naming the region), nothing stored.
 */
function setup() {
  const { app } = testApp();
  const c = client(app);
  const control = sim(app, c.key);
  const totals = async () => (await control.tenant()).totals as Record<string, number>;
  return { app, c, control, totals };
}

describe('a message needs a sender', () => {
  it('refuses the whole send when one recipient is in a country without an ACTIVE SMS market, naming it; stores nothing', async () => {
    const { c, totals } = setup();
    const res = await c.post('/v3/messages', { to: ['+14155550123', '+447700900123', '+447700900123', '+4915123456789'], channel: ['sms'], text: 'Hello' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_002', message: MESSAGES.noSmsSenderSummary });
    expect(res.body.error.details).toEqual({ 'to[1]': [MESSAGES.noSmsSender('GB')], 'to[3]': [MESSAGES.noSmsSender('DE')] });
    const after = await totals();
    expect([after.messages, after.contacts]).toEqual([0, 0]);
    // A number in no country cannot be reached by SMS at all.
    const nowhere = await c.post('/v3/messages', { to: ['+99912345678'], channel: ['sms'], text: 'Hello' });
    expect(nowhere.body.error.details).toEqual({ 'to[0]': [MESSAGES.noSmsSender(null)] });
  });

  it('keeps +1 numbers working (US TEN_DLC and CA LOCAL are every organization’s), and needs no SMS market for WhatsApp', async () => {
    const { c } = setup();
    expect((await c.post('/v3/messages', { to: ['+14155550123', '+14165550123'], channel: ['sms'], text: 'Hello' })).status).toBe(202);
    expect((await c.post('/v3/messages', { to: ['+447700900123'], channel: ['whatsapp'], text: 'Hello' })).status).toBe(202);
    // Auto-detect picks SMS for free text with no open WhatsApp conversation: that needs a sender.
    const auto = await c.post('/v3/messages', { to: ['+447700900123'], text: 'Hello' });
    expect(auto.status).toBe(400);
    expect(auto.body.error.details).toEqual({ 'to[0]': [MESSAGES.noSmsSender('GB')] });
  });

  it('sends to a country once its market is ACTIVE, not while it is provisioning', async () => {
    const { c, control } = setup();
    expect((await c.post('/v3/channels/sms', { country: 'GB', number_type: 'MOBILE' })).status).toBe(201);
    const early = await c.post('/v3/messages', { to: ['+447700900123'], channel: ['sms'], text: 'Hello' });
    expect(early.status).toBe(400);
    await control.advance(60);
    const sent = await c.post('/v3/messages', { to: ['+447700900123'], channel: ['sms'], text: 'Hello' });
    expect(sent.status).toBe(202);
    await control.advance(10);
    expect((await c.get(`/v3/messages/${sent.body.data.recipients[0].message_id}`)).body.data.status).toBe('DELIVERED');
  });

  it('sends a profile through its own markets where it holds one, else through its organization’s', async () => {
    const { app, c, control } = setup();
    const profile = (await c.post('/v3/profiles', aProfile())).body.data;
    const key = await control.keyFor('admin', profile.id);
    const send = (to: string) => request(app).post('/v3/messages').set('x-api-key', key).send({ to: [to], channel: ['sms'], text: 'Hello' });
    // No market of its own: the organization's US and CA markets carry it.
    expect((await send('+14165550123')).status).toBe(202);
    // Its own CA market, still provisioning, is what it sends Canada through: refused until ACTIVE.
    expect((await request(app).post('/v3/channels/sms').set('x-api-key', key).send({ country: 'CA', number_type: 'LOCAL' })).status).toBe(201);
    expect((await send('+14165550123')).body.error?.details).toEqual({ 'to[0]': [MESSAGES.noSmsSender('CA')] });
    expect((await send('+14155550123')).status).toBe(202);
    await control.advance(60);
    expect((await send('+14165550123')).status).toBe(202);
  });

  it('answers a sandbox send as Sent would, with no lookup', async () => {
    const { c, totals } = setup();
    const res = await c.post('/v3/messages', { to: ['+447700900123'], channel: ['sms'], text: 'Hello', sandbox: true });
    expect(res.status).toBe(202);
    expect((await totals()).messages).toBe(0);
  });
});
