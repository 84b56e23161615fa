/**
 * Issue 26: a simulator made without the demo organization (`createSimulator()`, `--no-demo`)
 * refuses the demo keys with a 401 that says why, instead of making an empty organization of them.
 */
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { createSimulator, DEMO_KEYS } from '../../../src/index.js';
import { testApp } from '../../support/app.js';

const plain = createSimulator();
const withDemo = createSimulator({ demo: true });
afterAll(async () => {
  await plain.close();
  await withDemo.close();
});

describe('the demo keys without the demo organization', () => {
  it('answers 401 AUTH_002 saying how to get the demo, on the API and on the control plane', async () => {
    for (const key of Object.values(DEMO_KEYS)) {
      const api = await request(plain.app).get('/v3/profiles').set('x-api-key', key);
      expect(api.status).toBe(401);
      expect(api.body).toMatchObject({ success: false, data: null, error: { code: 'AUTH_002', message: MESSAGES.demoKeyWithoutDemo } });
      const control = await request(plain.app).post('/_sim/clock/advance').set('x-api-key', key).send({ seconds: 1 });
      expect(control.status).toBe(401);
      expect(control.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(control.body).toMatchObject({ code: 'AUTH_002', detail: MESSAGES.demoKeyWithoutDemo });
    }
  });

  it('makes no organization of them', async () => {
    const { app, deps } = testApp();
    for (const key of Object.values(DEMO_KEYS)) expect((await request(app).post('/v3/profiles').set('x-api-key', key).send({ name: 'Demo?' })).status).toBe(401);
    expect(deps.tenants.size).toBe(0);
  });

  it('serves them when the demo is asked for', async () => {
    const res = await request(withDemo.app).get('/v3/profiles').set('x-api-key', DEMO_KEYS.developer);
    expect(res.status).toBe(200);
    expect(res.body.data.profiles).toHaveLength(3);
  });
});
