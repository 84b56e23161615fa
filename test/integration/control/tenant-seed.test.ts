import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { createSimulator, SimError, type SeedRequest } from '../../../src/index.js';
import { aBrand } from '../../support/builders.js';
import { tenantKey } from '../../support/app.js';
import { aTemplate } from '../../support/template-builders.js';
import { aWebhook } from '../../support/webhooks.js';

const start = Date.now();
const sim = createSimulator({ realNow: () => start, config: { maxContactsPerTenant: 3 } });
afterAll(() => sim.close());

const api = (key: string) => ({
  get: (path: string) => request(sim.app).get(path).set('x-api-key', key),
  post: (path: string, body: object, headers: Record<string, string> = {}) => request(sim.app).post(path).set('x-api-key', key).set(headers).send(body),
});

/** What the tenant holds, through the API and the tenant view: the test's proof that a seed did (or did not) change it. */
async function holdings(key: string) {
  const view = (await api(key).get('/_sim/tenant')).body;
  return {
    brand: view.organization.brand?.id ?? null,
    campaigns: view.campaigns.length,
    profiles: (await api(key).get('/v3/profiles')).body.data.profiles.map((p: { name: string }) => p.name),
    contacts: (await api(key).get('/v3/contacts?page=1&page_size=100')).body.data.contacts.map((c: { format_e164: string }) => c.format_e164).sort(),
    templates: view.totals.templates,
    webhooks: view.totals.webhooks,
    jobs: view.totals.pending_jobs,
    settings: view.settings.message_receipt_seconds,
  };
}

const everything = (): SeedRequest => ({
  tenant: { brand: aBrand(), campaigns: 2, settings: { message_receipt_seconds: 30 } },
  profiles: [{ name: 'Sales' }, { name: 'Support' }],
  contacts: [{ phone_number: '+14155550101' }, { phone_number: '+14155550102' }],
  templates: [aTemplate({ submit_for_review: true })],
  webhooks: [aWebhook('https://partner.example.com/hooks')],
});

describe('POST /_sim/seed and sim.tenant(key).seed (simulator-only)', () => {
  it('makes the organization, profiles, contacts, templates and webhooks in one call, each as its API create would', async () => {
    const key = tenantKey();
    const seeded = await sim.tenant(key).seed(everything());
    expect(seeded.organization).toMatchObject({ brand: { id: expect.any(String) }, whatsapp_business_account: { waba_id: expect.any(String) } });
    expect(seeded.profiles.map((p) => [p.name, p.status])).toEqual([['Sales', 'incomplete'], ['Support', 'incomplete']]);
    expect(seeded.contacts.map((c) => c.format_e164)).toEqual(['+14155550101', '+14155550102']);
    expect(seeded.templates[0]).toMatchObject({ status: 'PENDING' });
    expect(seeded.webhooks[0]!.signing_secret).toMatch(/^whsec_/);
    expect(await holdings(key)).toEqual({
      brand: (seeded.organization.brand as { id: string }).id,
      campaigns: 2,
      profiles: ['Sales', 'Support'],
      contacts: ['+14155550101', '+14155550102'],
      templates: 1,
      webhooks: 1,
      // The template's review, due in 24 h, as a create schedules it.
      jobs: 1,
      settings: 30,
    });
    // Each record reads back through the API as its create answered it.
    expect((await api(key).get(`/v3/templates/${seeded.templates[0]!.id}`)).body.data).toEqual(seeded.templates[0]);
    expect((await api(key).get(`/v3/webhooks/${seeded.webhooks[0]!.id}`)).body.data.endpoint_url).toBe('https://partner.example.com/hooks');
  });

  it('answers the same over HTTP, 201, and runs templates under the scenario the call names', async () => {
    const key = tenantKey();
    const res = await api(key).post('/_sim/seed', { templates: [aTemplate({ submit_for_review: true })] }, { 'x-sim-scenario': 'template-review-rejected' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ profiles: [], contacts: [], webhooks: [], templates: [{ id: expect.any(String) }] });
    const template = (await api(key).get(`/v3/templates/${res.body.templates[0].id}`)).body.data;
    expect(template.status).toBe('REJECTED');
  });

  it('checks every item before making any: one 400 names each failing field, and nothing changes', async () => {
    const key = tenantKey();
    const before = await holdings(key);
    const body = {
      tenant: { campaigns: 1 },
      profiles: [{ name: 'Sales' }],
      contacts: [{ phone_number: '+14155550101' }, { phone_number: 42 }],
      templates: [{ ...aTemplate(), definition: 'Hello' }],
      webhooks: [{ ...aWebhook('https://partner.example.com/hooks'), sandbox: true }],
    };
    const res = await api(key).post('/_sim/seed', body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_001' });
    expect(res.body.errors['tenant.campaigns']).toEqual([MESSAGES.organizationCampaignsNeedBrand]);
    expect(res.body.errors['webhooks[0].sandbox']).toEqual([MESSAGES.seedSandbox]);
    expect(Object.keys(res.body.errors)).toEqual(expect.arrayContaining(['contacts[1].phone_number', 'templates[0].definition']));
    expect(Object.keys(res.body.errors).some((field) => field.startsWith('profiles') || field.startsWith('contacts[0]'))).toBe(false);
    expect(await holdings(key)).toEqual(before);
    const err: unknown = await sim.tenant(key).seed(body as unknown as SeedRequest).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimError);
    expect((err as SimError).details).toEqual(res.body.errors);
  });

  it('puts everything back when a create is refused after the checks (a cap), naming the item', async () => {
    const key = tenantKey();
    const before = await holdings(key);
    const seed = everything();
    seed.contacts = ['+14155550101', '+14155550102', '+14155550103', '+14155550104'].map((phone_number) => ({ phone_number }));
    const err: unknown = await sim.tenant(key).seed(seed).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimError);
    expect(err).toMatchObject({ status: 400, code: 'BUSINESS_008' });
    expect(Object.keys((err as SimError).details ?? {})).toEqual(['contacts[3]']);
    expect(await holdings(key)).toEqual(before);
    // A rule the service checks (a template's category), after the profiles and contacts were made.
    const late = await api(key).post('/_sim/seed', { ...everything(), templates: [{ ...aTemplate(), category: 'NOPE' }] });
    expect(late.status).toBe(400);
    expect(Object.keys(late.body.errors)).toEqual(['templates[0].category']);
    expect(await holdings(key)).toEqual(before);
    // The tenant works as before: the same seed within the cap goes through.
    seed.contacts = seed.contacts.slice(0, 3);
    expect((await sim.tenant(key).seed(seed)).contacts).toHaveLength(3);
  });

  it('is a write: developer keys may not seed', async () => {
    const owner = tenantKey();
    const developer = (await api(owner).post('/_sim/tenant/keys', { role: 'developer' })).body.key as string;
    const res = await api(developer).post('/_sim/seed', { profiles: [{ name: 'Sales' }] });
    expect(res.status).toBe(403);
    expect((await holdings(owner)).profiles).toEqual([]);
  });
});
