import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, ERROR_DOC_URL } from '../../../src/errors/catalog.js';
import { client, testApp } from '../../support/app.js';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}\+00:00$/;

describe('envelope and standard headers', () => {
  it('wraps a success in {success, data, error, meta} with the request id in header and body', async () => {
    const { app } = testApp();
    const res = await client(app).get('/v3/profiles');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['success', 'data', 'error', 'meta']);
    expect(res.body.success).toBe(true);
    expect(res.body.error).toBeNull();
    expect(res.body.meta.request_id).toMatch(/^req_[A-Za-z0-9]{10}$/);
    expect(res.headers['x-request-id']).toBe(res.body.meta.request_id);
    expect(res.body.meta.timestamp).toMatch(TIMESTAMP);
    expect(res.body.meta.version).toBe('v3');
    expect(res.headers['x-api-version']).toBe('v3');
    expect(res.headers['x-response-time']).toMatch(/^\d+ms$/);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('gives every request its own id', async () => {
    const { app } = testApp();
    const c = client(app);
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await c.get('/v3/profiles')).headers['x-request-id'] as string);
    expect(ids.size).toBe(5);
  });

  it('renders errors with the error catalog entry, doc_url and the same headers', async () => {
    const { app } = testApp();
    const res = await client(app).get('/v3/profiles/00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      success: false,
      data: null,
      error: { code: 'RESOURCE_014', message: ERROR_CATALOG.RESOURCE_014.message, details: null, doc_url: ERROR_DOC_URL },
      meta: { request_id: res.headers['x-request-id'], timestamp: expect.stringMatching(TIMESTAMP), version: 'v3' },
    });
    expect(res.headers['x-api-version']).toBe('v3');
    expect(res.headers['x-response-time']).toMatch(/^\d+ms$/);
  });

  it('answers an unknown /v3 route with 404 RESOURCE_013', async () => {
    const { app } = testApp();
    const res = await client(app).get('/v3/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'RESOURCE_013', message: ERROR_CATALOG.RESOURCE_013.message });
    const other = await client(app).get('/favicon.ico');
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('RESOURCE_013');
  });

  it('tolerates the SDK’s unknown headers', async () => {
    const { app } = testApp();
    const res = await client(app)
      .get('/v3/profiles')
      .set('X-Stainless-Retry-Count', '0')
      .set('X-Stainless-Lang', 'js')
      .set('User-Agent', 'Sent/JS 0.32.0');
    expect(res.status).toBe(200);
  });
});
