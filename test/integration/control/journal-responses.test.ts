import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { client, testApp } from '../../support/app.js';
import { aProfile } from '../../support/builders.js';
import { sim } from '../../support/sim.js';

describe('the request journal, for the inspector', () => {
  it('keeps the answer of an API request as the client got it: headers and body', async () => {
    const { app } = testApp();
    const c = client(app);
    const created = await c.post('/v3/profiles', aProfile());
    const refused = await c.post('/v3/profiles', aProfile({ short_name: '!' }));
    const [ok, bad] = (await c.get('/_sim/requests')).body.requests;
    expect(ok.response_body).toEqual(created.body);
    expect(ok.response_headers).toMatchObject({
      'x-request-id': created.headers['x-request-id'],
      'x-api-version': 'v3',
      'content-type': 'application/json; charset=utf-8',
      // Whole numbers as numbers.
      'content-length': Number(created.headers['content-length']),
    });
    expect(bad).toMatchObject({ status: 400, error_code: 'VALIDATION_001', response_body: refused.body });
  });

  it('leaves control-plane reads out, and keeps control-plane writes without their answer', async () => {
    const { app } = testApp();
    const c = client(app);
    await c.get('/v3/profiles');
    for (const path of ['/_sim/tenant', '/_sim/requests', '/_sim/deliveries', '/_sim/clock', '/_sim/whoami', '/_sim/scenarios']) expect((await c.get(path)).status).toBe(200);
    const key = await sim(app, c.key).keyFor('developer');
    const journal = (await c.get('/_sim/requests')).body.requests;
    expect(journal.map((r: { method: string; path: string }) => `${r.method} ${r.path}`)).toEqual(['GET /v3/profiles', 'POST /_sim/tenant/keys']);
    const [, keys] = journal;
    expect(keys).toMatchObject({ status: 201, body: { role: 'developer' }, response_headers: expect.objectContaining({ 'content-type': 'application/json; charset=utf-8' }) });
    // A new key is shown once, in its answer: never in the journal.
    expect(keys).not.toHaveProperty('response_body');
    expect(JSON.stringify(journal)).not.toContain(key);
  });

  it('drops answers with the request bodies once past the journal body budget', async () => {
    const { app } = testApp({ config: { journalBodyBytes: 2000 } });
    const c = client(app);
    await c.post('/v3/profiles', aProfile({ name: 'First' }));
    for (let i = 0; i < 4; i++) await c.post('/v3/profiles', aProfile({ name: `Next ${i}` }));
    const journal = (await c.get('/_sim/requests')).body.requests;
    expect(journal[0]).toMatchObject({ body_dropped: true, response_headers: expect.any(Object) });
    expect(journal[0]).not.toHaveProperty('body');
    expect(journal[0]).not.toHaveProperty('response_body');
    expect(journal.at(-1).response_body).toMatchObject({ data: { name: 'Next 3' } });
  });

  it('records the answer of a request another tenant cannot see', async () => {
    const { app } = testApp();
    const a = client(app);
    const b = client(app);
    await a.post('/v3/profiles', aProfile({ name: 'Only mine' }));
    const other = (await request(app).get('/_sim/requests').set('x-api-key', b.key)).body.requests;
    expect(JSON.stringify(other)).not.toContain('Only mine');
  });
});
