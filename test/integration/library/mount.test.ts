import SentDm from '@sentdm/sentdm';
import express from 'express';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createSimulator, VERSION } from '../../../src/index.js';
import { aProfile } from '../../support/builders.js';
import { tenantKey } from '../../support/app.js';
import { serveForFile } from '../../support/listen.js';

// A user's own Express app with the simulator mounted under a prefix (README: "As a library").
const sim = createSimulator();
const host = express();
host.get('/before', (_req, res) => void res.json({ host: 'before' }));
host.use('/sent', sim.app);
host.get('/sent/host-route', (_req, res) => void res.json({ host: 'after, under the prefix' }));
host.get('/after', (_req, res) => void res.json({ host: 'after' }));
const served = serveForFile(host);
afterAll(() => sim.close());

describe('sent-sim mounted in a host Express app', () => {
  it('leaves the host’s routes before and after the mount answering', async () => {
    expect((await request(host).get('/before')).body).toEqual({ host: 'before' });
    expect((await request(host).get('/after')).body).toEqual({ host: 'after' });
    expect((await request(host).get('/sent/host-route')).body).toEqual({ host: 'after, under the prefix' });
  });

  it('serves the official SDK under the prefix', async () => {
    const sent = new SentDm({ apiKey: tenantKey(), baseURL: `${served.url()}/sent`, maxRetries: 0 });
    const created = await sent.profiles.create(aProfile({ name: 'Mounted' }));
    expect(created.data).toMatchObject({ name: 'Mounted', status: 'incomplete' });
    const listed = await sent.profiles.list();
    expect(listed.data?.profiles?.map((p) => p.id)).toEqual([created.data!.id]);
  });

  it('answers malformed JSON under the prefix with the Sent envelope, not an HTML page', async () => {
    const res = await request(host).post('/sent/v3/profiles').set('x-api-key', tenantKey()).set('content-type', 'application/json').send('{"name": ');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ success: false, data: null, error: { code: 'VALIDATION_001' }, meta: { version: 'v3' } });
  });

  it('takes a body the host app’s own JSON parser already read', async () => {
    const parsing = express();
    parsing.use(express.json());
    parsing.use('/sent', sim.app);
    const res = await request(parsing).post('/sent/v3/profiles').set('x-api-key', tenantKey()).send(aProfile({ name: 'Parsed by the host' }));
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ name: 'Parsed by the host', status: 'incomplete' });
  });

  it('answers unknown /v3 routes under the prefix with 404 RESOURCE_013', async () => {
    const res = await request(host).get('/sent/v3/nowhere').set('x-api-key', tenantKey());
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('RESOURCE_013');
  });

  it('serves /healthz without a key', async () => {
    const res = await request(host).get('/sent/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', version: VERSION });
  });
});

describe('createSimulator().listen', () => {
  it('serves on its own port, answers unknown paths with the envelope, and closes', async () => {
    const own = createSimulator();
    const listening = await own.listen();
    const { url } = listening;
    try {
      const health = await fetch(`${url}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok', version: VERSION });
      const unknown = await fetch(`${url}/nowhere`);
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('RESOURCE_013');
    } finally {
      await listening.close();
      await own.close();
    }
  });
});
