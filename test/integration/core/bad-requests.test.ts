import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { client, tenantKey, testApp } from '../../support/app.js';

describe('malformed, oversize and mistyped requests', () => {
  it('answers malformed JSON with 400 VALIDATION_001 in the envelope and stores nothing', async () => {
    const { app } = testApp();
    const key = tenantKey();
    const res = await request(app)
      .post('/v3/profiles')
      .set('x-api-key', key)
      .set('content-type', 'application/json')
      .send('{"name": "Sales",');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', details: { body: [MESSAGES.malformedJson] } });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js|SyntaxError|<html/i);
    expect((await client(app, key).get('/v3/profiles')).body.data.profiles).toEqual([]);
  });

  it('answers a body over the limit with 413 VALIDATION_001', async () => {
    const { app } = testApp({ config: { bodyLimit: 2048 } });
    const res = await client(app).post('/v3/profiles', { name: 'x'.repeat(4096) });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', details: { body: [MESSAGES.bodyTooLarge] } });
  });

  it('refuses a body that is not JSON', async () => {
    const { app } = testApp();
    const res = await request(app)
      .post('/v3/profiles')
      .set('x-api-key', tenantKey())
      .set('content-type', 'text/plain')
      .send('name=Sales');
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual({ body: [MESSAGES.unsupportedContentType] });
  });

  // Regression (issue 12): schema errors and rule errors came back separately, so this body
  // reported only `short_name`, and the billing contact only after the client fixed it.
  it('reports schema and rule failures in one answer', async () => {
    const { app } = testApp();
    const c = client(app);
    const res = await c.post('/v3/profiles', { name: 'Bad', short_name: 'x!', billing_model: 'profile' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual({
      short_name: [expect.stringMatching(/^Short name must be/)],
      billing_contact: [MESSAGES.billingContactRequired],
    });
    expect((await c.get('/v3/profiles')).body.data.profiles).toEqual([]);
  });

  it('reports every failing field at once, keyed by field path', async () => {
    const { app } = testApp();
    const res = await client(app).post('/v3/profiles', {
      short_name: '!!',
      billing_model: 'everyone',
      payment_details: { card_number: '12ab', expiry: '13/30', cvc: '1', zip_code: '' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_001');
    expect(Object.keys(res.body.error.details).sort()).toEqual(
      [
        'billing_model',
        'name',
        'payment_details.card_number',
        'payment_details.cvc',
        'payment_details.expiry',
        'payment_details.zip_code',
        'short_name',
      ].sort(),
    );
  });

  it('answers a malformed profile id with 400 and the documented message', async () => {
    const { app } = testApp();
    const res = await client(app).get('/v3/profiles/not-a-uuid');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', message: MESSAGES.invalidProfileId, details: { profileId: [MESSAGES.invalidProfileId] } });
  });

  it('answers a top-level JSON array with a validation error, not a crash', async () => {
    const { app } = testApp();
    const res = await client(app).post('/v3/profiles').send([1, 2, 3]);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_001');
  });
});
