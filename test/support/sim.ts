import request from 'supertest';
import { expect } from 'vitest';
import type { SimApp } from './app.js';
import { aBrand, aProfile } from './builders.js';

/** Control-plane helpers for tests: the same calls a user makes with curl. */
export function sim(app: SimApp, key: string) {
  const as = (t: request.Test) => t.set('x-api-key', key);
  const control = {
    advance: async (seconds: number) => {
      const res = await as(request(app).post('/_sim/clock/advance')).send({ seconds });
      if (res.status !== 200) throw new Error(`advance failed: ${res.status} ${res.text}`);
      return res.body as { now: string; fired: Array<{ kind: string; profile_id: string | null }> };
    },
    tenant: async () => (await as(request(app).get('/_sim/tenant'))).body,
    patchTenant: (body: object) => as(request(app).patch('/_sim/tenant')).send(body),
    callbacks: async () => (await as(request(app).get('/_sim/callbacks'))).body.callbacks as Array<Record<string, unknown>>,
    createKey: (body: object) => as(request(app).post('/_sim/tenant/keys')).send(body),
    /** A new key of `role` (optionally scoped to a profile), made through the control plane. */
    keyFor: async (role: string, profileId: string | null = null): Promise<string> => {
      const res = await control.createKey({ role, profile_id: profileId });
      if (res.status !== 201) throw new Error(`key failed: ${res.status} ${res.text}`);
      return res.body.key as string;
    },
    reset: () => as(request(app).post('/_sim/reset')),
    export: async () => {
      const res = await as(request(app).get('/_sim/export'));
      if (res.status !== 200) throw new Error(`export failed: ${res.status} ${res.text}`);
      return res.body as { collections: Record<string, Array<Record<string, unknown>>> } & Record<string, unknown>;
    },
    import: (snapshot: object) => as(request(app).post('/_sim/import')).send(snapshot),
    /**
     * Gives a stored record fields no API call sets (what TCR fills in, say): export the tenant,
     * change the record, import it back — the route a user takes to reproduce a state.
     */
    editStored: async (collection: string, id: string, fields: Record<string, unknown>) => {
      const snapshot = await control.export();
      const record = snapshot.collections[collection]?.find((r) => r.id === id);
      if (!record) throw new Error(`no ${collection} record ${id} to edit`);
      Object.assign(record, fields);
      const res = await control.import(snapshot);
      if (res.status !== 200) throw new Error(`import failed: ${res.status} ${res.text}`);
    },
    /** The organization's own brand (and `campaigns` sample campaigns), set outside the API. */
    organization: async (options: { brand?: boolean; campaigns?: number } = {}) => {
      const res = await control.patchTenant({ brand: options.brand === false ? null : aBrand(), ...(options.campaigns !== undefined ? { campaigns: options.campaigns } : {}) });
      if (res.status !== 200) throw new Error(`organization failed: ${res.status} ${res.text}`);
      const view = res.body as { organization: { brand: { id: string } | null }; campaigns: Array<{ id: string; name: string; profile_id: string | null }> };
      return { brand: view.organization.brand, campaigns: view.campaigns.filter((c) => c.profile_id === null) };
    },
  };
  return control;
}

/**
 * A profile whose own TCR brand and campaigns were submitted to TCR, the way Sent does it:
 * completion, then the clock (docs/decisions/0005). Its brand and campaigns are locked from then on.
 */
export async function profileSubmittedToTcr(app: SimApp, key: string, campaign: object): Promise<{ profile: { id: string; organization_id: string } & Record<string, unknown>; campaignId: string }> {
  const api = (method: 'post' | 'get', path: string, body?: object) => {
    const t = request(app)[method](path).set('x-api-key', key);
    return body ? t.send(body) : t;
  };
  const profile = (await api('post', '/v3/profiles', aProfile({ brand: aBrand({ compliance: { brandRelationship: 'SMALL_ACCOUNT', vertical: 'PROFESSIONAL', isTcrApplication: true } }), inherit_tcr_campaign: false }))).body.data;
  const created = await api('post', `/v3/profiles/${profile.id}/campaigns`, campaign);
  expect(created.status).toBe(201);
  // Nobody listens on port 9: the callback fails, which changes nothing about the submission.
  expect((await api('post', `/v3/profiles/${profile.id}/complete`, { webHookUrl: 'http://127.0.0.1:9/hook' })).status).toBe(202);
  await sim(app, key).advance(2);
  const after = (await api('get', `/v3/profiles/${profile.id}`)).body.data;
  expect(after.brand.submitted_to_tcr).toBe(true);
  return { profile: after, campaignId: created.body.data.id };
}
