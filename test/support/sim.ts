import type { SimApp } from '../../src/app.js';
import request from 'supertest';

/** Control-plane helpers for tests: the same calls a user makes with curl. */
export function sim(app: SimApp, key: string) {
  const as = (t: request.Test) => t.set('x-api-key', key);
  return {
    advance: async (seconds: number) => {
      const res = await as(request(app).post('/_sim/clock/advance')).send({ seconds });
      if (res.status !== 200) throw new Error(`advance failed: ${res.status} ${res.text}`);
      return res.body as { now: string; fired: Array<{ kind: string; profile_id: string | null }> };
    },
    tenant: async () => (await as(request(app).get('/_sim/tenant'))).body,
    patchTenant: (body: object) => as(request(app).patch('/_sim/tenant')).send(body),
    callbacks: async () => (await as(request(app).get('/_sim/callbacks'))).body.callbacks as Array<Record<string, unknown>>,
    createKey: (body: object) => as(request(app).post('/_sim/tenant/keys')).send(body),
    reset: () => as(request(app).post('/_sim/reset')),
  };
}
