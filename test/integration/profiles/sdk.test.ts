import SentDm, {
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
} from '@sentdm/sentdm';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '../../../src/errors/catalog.js';
import { aBrand } from '../../support/builders.js';
import { tenantKey, testApp } from '../../support/app.js';
import { serveForFile } from '../../support/listen.js';
import { sim } from '../../support/sim.js';

// The official SDK, unchanged, against a listening simulator.
const { app } = testApp();
const served = serveForFile(app);
const sdk = (apiKey: string) => new SentDm({ apiKey, baseURL: served.url(), maxRetries: 0 });

describe('the official SDK (@sentdm/sentdm)', () => {
  it('creates, retrieves, updates, lists and deletes a profile', async () => {
    const client = sdk(tenantKey());
    const created = await client.profiles.create({ name: 'Sales Team', short_name: 'SALES', brand: aBrand() });
    expect(created.success).toBe(true);
    const id = created.data!.id!;
    expect(created.data).toMatchObject({ name: 'Sales Team', inherit_tcr_brand: false, brand: { is_inherited: false } });

    expect((await client.profiles.retrieve(id)).data).toEqual(created.data);

    const updated = await client.profiles.update(id, { description: 'Updated via SDK' });
    expect(updated.data?.description).toBe('Updated via SDK');

    const list = await client.profiles.list();
    expect(list.data?.profiles?.map((p) => p.id)).toEqual([id]);

    // The SDK parses a 204 as null.
    await expect(client.profiles.delete(id, {})).resolves.toBeNull();
    expect((await client.profiles.list()).data?.profiles).toEqual([]);
  });

  it('raises BadRequestError with the Sent envelope for a validation failure', async () => {
    const error = await sdk(tenantKey()).profiles.create({ name: 'x', short_name: '!' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    const e = error as BadRequestError;
    expect(e.status).toBe(400);
    expect((e.error as { error: { code: string } }).error.code).toBe('VALIDATION_001');
    expect(e.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('raises NotFoundError for an unknown profile', async () => {
    const error = await sdk(tenantKey()).profiles.retrieve('7d5c1b1e-8a1f-4b7e-9a56-0d2f1b7e4c11').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).error).toMatchObject({ error: { code: 'RESOURCE_014', message: ERROR_CATALOG.RESOURCE_014.message } });
  });

  it('raises PermissionDeniedError for a developer key writing', async () => {
    const dev = await sim(app, tenantKey()).keyFor('developer');
    const error = await sdk(dev).profiles.create({ name: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect((error as PermissionDeniedError).error).toMatchObject({ error: { code: 'AUTH_004' } });
  });

  it('creates a profile without WhatsApp when the organization has no WABA: no 422 any more (issue 22)', async () => {
    const key = tenantKey();
    expect((await sim(app, key).patchTenant({ whatsapp_business_account: false })).status).toBe(200);
    const created = await sdk(key).profiles.create({ name: 'x', inherit_contacts: true, allow_contact_sharing: true });
    expect(created.data).toMatchObject({ name: 'x', waba_id: null, inherit_contacts: false, allow_contact_sharing: false, inherit_tcr_brand: false });
    expect((await sdk(key).profiles.retrieve(created.data!.id!)).data).toEqual(created.data);
  });
});
