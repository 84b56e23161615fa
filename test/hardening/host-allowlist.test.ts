/**
 * Issue 25 row 12: `Host` was never checked, so a page on an attacker's site could point its own
 * name at 127.0.0.1 (DNS rebinding) and drive a local simulator with the public demo keys. The
 * simulator now answers loopback names, the address a connection came in on and the names of
 * `--allowed-hosts`; anything else is a `403` (docs/decisions/0033). A host app that mounts
 * `sim.app` keeps its own Host policy.
 */
import express from 'express';
import { request as httpRequest } from 'node:http';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/errors/catalog.js';
import { createSimulator, type Listening } from '../../src/index.js';
import { tenantKey, testApp } from '../support/app.js';
import { aProfile } from '../support/builders.js';

const { app } = testApp();
const EVIL = 'rebind.attacker.example';

describe('the Host allowlist (issue 25 row 12)', () => {
  it('answers loopback names, with or without a port, whatever their case', async () => {
    const key = tenantKey();
    for (const host of [undefined, 'localhost', 'LOCALHOST:4010', 'localhost.:4010', '127.0.0.1', '127.0.0.1:80', '[::1]:4010', '[::1]']) {
      const t = request(app).get('/v3/profiles').set('x-api-key', key);
      const res = await (host === undefined ? t : t.set('Host', host));
      expect(res.status, host).toBe(200);
    }
  });

  it('refuses any other name with 403: the Sent envelope on /v3, a problem document on /_sim, and nothing changes (issue 25 row 12)', async () => {
    const key = tenantKey();
    const api = await request(app).post('/v3/profiles').set('x-api-key', key).set('Host', `${EVIL}:4010`).send(aProfile());
    expect(api.status).toBe(403);
    expect(api.body).toMatchObject({ success: false, error: { code: 'AUTH_004', message: MESSAGES.hostNotAllowed(`${EVIL}:4010`) } });
    expect(api.body.error.message).toContain('--allowed-hosts');
    const control = await request(app).post('/_sim/reset').set('x-api-key', key).set('Host', EVIL);
    expect(control.status).toBe(403);
    expect(control.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(control.body).toMatchObject({ status: 403, code: 'AUTH_004' });
    for (const host of ['127.0.0.1.nip.io', 'localhost.attacker.example', '127.0.0.2', 'sk_test_demo_admin']) {
      expect((await request(app).get('/healthz').set('Host', host)).status, host).toBe(403);
    }
    // The refused create made nothing.
    expect((await request(app).get('/v3/profiles').set('x-api-key', key)).body.data.profiles).toEqual([]);
  });

  it('answers the names it is given (--allowed-hosts), and any name with *', async () => {
    const listed = testApp({ config: { allowedHosts: ['sim.test'] } }).app;
    const key = tenantKey();
    expect((await request(listed).get('/v3/profiles').set('x-api-key', key).set('Host', 'SIM.test:8080')).status).toBe(200);
    expect((await request(listed).get('/v3/profiles').set('x-api-key', key).set('Host', 'other.test')).status).toBe(403);
    const open = testApp({ config: { allowedHosts: ['*'] } }).app;
    expect((await request(open).get('/v3/profiles').set('x-api-key', key).set('Host', EVIL)).status).toBe(200);
  });

  it('leaves Host to a host app that mounts sim.app (docs/decisions/0033)', async () => {
    const host = express();
    host.use('/sent', app);
    const res = await request(host).get('/sent/v3/profiles').set('x-api-key', tenantKey()).set('Host', EVIL);
    expect(res.status).toBe(200);
    expect(res.body.data.profiles).toEqual([]);
  });
});

describe('the bound address (issue 25 row 12)', () => {
  const sim = createSimulator();
  let listening: Listening;
  beforeAll(async () => {
    // 127.0.0.2 is a loopback address Linux serves, but not a name the allowlist knows.
    listening = await sim.listen({ host: '127.0.0.2' });
  });
  afterAll(() => sim.close());

  const get = (host: string) =>
    new Promise<number>((resolve, reject) => {
      const { port } = new URL(listening.url);
      const req = httpRequest({ host: '127.0.0.2', port, path: '/v3/profiles', headers: { host, 'x-api-key': tenantKey() } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end();
    });

  it('is answered as its own name, and other names are still refused', async () => {
    const { port } = new URL(listening.url);
    expect(await get(`127.0.0.2:${port}`)).toBe(200);
    expect(await get(`${EVIL}:${port}`)).toBe(403);
  });
});
