import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { client, testApp } from '../../support/app.js';
import { aSenderProfile } from '../../support/channel-builders.js';
import { sim } from '../../support/sim.js';

const GB = { company_name: 'Acme Trading Ltd', company_number: '01234567' };

/**
 * Multipart bodies where Sent accepts them (sent-api-v3-2026-11 §2.6, §2.7; docs/decisions/0077):
 * adding an SMS market (camelCase `numberType`/`senderValue`), amending one, creating a sender
 * profile (its JSON in a `profile` part). Files are named by their compliance key; the simulator
 * keeps their name and size, never their bytes. Bounded like JSON bodies.
 */
describe('multipart bodies', () => {
  it('adds an SMS market from camelCase fields, JSON-text parts and a document file', async () => {
    const { app } = testApp();
    const c = client(app);
    const res = await request(app)
      .post('/v3/channels/sms')
      .set('x-api-key', c.key)
      .field('country', 'GB')
      .field('numberType', 'ALPHANUMERIC')
      .field('senderValue', 'ACME')
      .field('compliance', JSON.stringify({ fields: GB }))
      .attach('letter_of_authorization', Buffer.from('%PDF-1.4 signed by a director'), { filename: 'loa.pdf', contentType: 'application/pdf' });
    expect(res.status, res.text).toBe(201);
    expect(res.body.data).toMatchObject({ country: 'GB', number_type: 'ALPHANUMERIC', status: 'PROVISIONING' });
    expect(res.body.data.compliance).toEqual({ fields: GB, documents: [{ document_id: expect.any(String), key: 'letter_of_authorization', file_name: 'loa.pdf' }], requirements: [] });
    // Name and size only: the journal and the store never hold the bytes.
    const stored = (await sim(app, c.key).tenant()).sms_markets[0];
    expect(stored.documents).toEqual([{ document_id: expect.any(String), key: 'letter_of_authorization', file_name: 'loa.pdf', size_bytes: 29 }]);
    expect(JSON.stringify(await sim(app, c.key).export())).not.toContain('signed by a director');
    expect(JSON.stringify((await c.get('/_sim/requests')).body)).not.toContain('signed by a director');
  });

  it('amends a market with a document part, and creates a sender profile from its profile part and files', async () => {
    const { app } = testApp();
    const c = client(app);
    await c.post('/v3/channels/sms', { country: 'GB', number_type: 'ALPHANUMERIC', sender_value: 'ACME', compliance: { fields: GB } });
    const patched = await request(app).patch('/v3/channels/sms/GB/ALPHANUMERIC').set('x-api-key', c.key).attach('letter_of_authorization', Buffer.from('pdf'), 'loa.pdf');
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.data).toMatchObject({ status: 'PENDING_REVIEW', compliance: { requirements: [] } });

    const profile = { ...aSenderProfile(), channels: { sms: [{ country: 'GB', number_type: 'ALPHANUMERIC', sender_value: 'GLOBEX', compliance: { fields: GB } }] } };
    const res = await request(app).post('/v3/sender-profiles').set('x-api-key', c.key).field('profile', JSON.stringify(profile)).attach('letter_of_authorization', Buffer.from('pdf'), 'globex-loa.pdf');
    expect(res.status, res.text).toBe(201);
    expect(res.body.data.channels.sms[0].compliance).toMatchObject({ documents: [{ key: 'letter_of_authorization', file_name: 'globex-loa.pdf' }], requirements: [] });
    expect(res.body.data.api_key).toMatch(/^sk_test_/);
  });

  it('refuses a bad JSON part, a profile part that is not an object, too many parts, and a body over the limit — nothing stored', async () => {
    const { app } = testApp({ config: { bodyLimit: 4096 } });
    const c = client(app);
    const badJson = await request(app).post('/v3/channels/sms').set('x-api-key', c.key).field('country', 'GB').field('numberType', 'ALPHANUMERIC').field('compliance', '{"fields":');
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.details).toEqual({ compliance: [MESSAGES.multipartJsonPart('compliance')] });
    const notObject = await request(app).post('/v3/sender-profiles').set('x-api-key', c.key).field('profile', '[1,2]');
    expect(notObject.body.error.details).toEqual({ profile: [MESSAGES.multipartObjectPart('profile')] });
    const roomy = testApp().app;
    let many = request(roomy).post('/v3/channels/sms').set('x-api-key', c.key);
    for (let i = 0; i < 41; i++) many = many.field(`f${i}`, 'x');
    const tooMany = await many;
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details).toEqual({ body: [MESSAGES.multipartTooManyParts(40, 10)] });
    const big = await request(app).post('/v3/channels/sms').set('x-api-key', c.key).field('country', 'GB').attach('letter_of_authorization', Buffer.alloc(8192, 1), 'big.pdf');
    expect(big.status).toBe(413);
    expect(big.body.error.details).toEqual({ body: [MESSAGES.bodyTooLarge] });
    const deep = await request(app).post('/v3/channels/sms').set('x-api-key', c.key).field('compliance', `${'['.repeat(40)}${']'.repeat(40)}`);
    expect(deep.status).toBe(400);
    expect(Object.keys(deep.body.error.details)).toEqual(['compliance']);
    expect((await sim(app, c.key).tenant()).totals.sms_markets).toBe(0);
  });

  it('is refused where Sent takes JSON only, and when it is not multipart at all', async () => {
    const { app } = testApp();
    const c = client(app);
    const json = await request(app).post('/v3/channels/rcs').set('x-api-key', c.key).field('display_name', 'Globex');
    expect(json.status).toBe(400);
    expect(json.body.error.details).toEqual({ body: [MESSAGES.unsupportedContentType] });
    const broken = await request(app).post('/v3/channels/sms').set('x-api-key', c.key).set('content-type', 'multipart/form-data; boundary=x').send('not a multipart body');
    expect(broken.status).toBe(400);
    expect(broken.body.error.details).toEqual({ body: [MESSAGES.multipartMalformed] });
  });
});
