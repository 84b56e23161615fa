import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';
import { aBody, aDefinition, aPairTemplate, aTemplate } from '../../support/template-builders.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN = '7ba7b820-9dad-11d1-80b4-00c04fd430c8';

function setup() {
  const { app } = testApp();
  const c = client(app);
  const list = async () => (await c.get('/v3/templates?page=1&page_size=100')).body.data.templates as Array<Record<string, unknown>>;
  return { app, c, list };
}

describe('creating a template', () => {
  it('answers 201 with a DRAFT of the account whose name, channels and variables come from the definition, and no definition', async () => {
    const { app, c } = setup();
    const res = await c.post('/v3/templates', aTemplate());
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({
      id: expect.stringMatching(UUID),
      customer_id: (await sim(app, c.key).tenant()).organization_id,
      name: 'Hello Welcome to We',
      category: 'UTILITY',
      language: 'en_US',
      status: 'DRAFT',
      channels: ['sms', 'whatsapp', 'rcs'],
      variables: ['name', 'company'],
      is_published: false,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$/),
      updated_at: null,
    });
    const read = await c.get(`/v3/templates/${res.body.data.id}`);
    expect(read.status).toBe(200);
    expect(read.body.data).toEqual(res.body.data);
  });

  it('defaults category to UTILITY and language to en_US when they are absent or null', async () => {
    const { c } = setup();
    const absent = (await c.post('/v3/templates', { definition: aDefinition() })).body.data;
    const nulls = (await c.post('/v3/templates', { definition: aDefinition(), category: null, language: null })).body.data;
    for (const t of [absent, nulls]) {
      expect(t).toMatchObject({ category: 'UTILITY', language: 'en_US' });
      expect((await c.get(`/v3/templates/${t.id}`)).body.data).toMatchObject({ category: 'UTILITY', language: 'en_US' });
    }
    const marketing = (await c.post('/v3/templates', aTemplate({ category: 'MARKETING', language: 'es_MX' }))).body.data;
    expect((await c.get(`/v3/templates/${marketing.id}`)).body.data).toMatchObject({ category: 'MARKETING', language: 'es_MX' });
  });

  it('names a template after the first four words of its body, placeholders and punctuation left out', async () => {
    const { c } = setup();
    const name = async (template: string) => (await c.post('/v3/templates', { definition: { body: { multiChannel: aBody(template, 'a', 'b') } } })).body.data.name;
    expect(await name('Your order {{0:variable}} has shipped today, {{1:variable}}, enjoy')).toBe('Your order has shipped');
    expect(await name("¡Hola {{0:variable}}! Don't miss {{1:variable}}, it ends soon")).toBe("Hola Don't miss it");
  });

  it('makes names unique per account with " (2)", " (3)" suffixes; another tenant starts afresh', async () => {
    const { app, c, list } = setup();
    const names = [];
    for (let i = 0; i < 3; i++) names.push((await c.post('/v3/templates', aTemplate())).body.data.name);
    expect(names).toEqual(['Hello Welcome to We', 'Hello Welcome to We (2)', 'Hello Welcome to We (3)']);
    expect((await list()).map((t) => t.name).sort()).toEqual([...names].sort());
    expect((await client(app).post('/v3/templates', aTemplate())).body.data.name).toBe('Hello Welcome to We');
  });

  it('derives channels by the fallback chains (in the order sms, whatsapp, rcs) and variables from every part, in reading order, once each', async () => {
    const { c } = setup();
    const channels = async (body: object) => (await c.post('/v3/templates', { definition: { body } })).body.data.channels;
    expect(await channels({ multiChannel: aBody('Hi there') })).toEqual(['sms', 'whatsapp', 'rcs']);
    // RCS falls back to the sms body.
    expect(await channels({ whatsapp: aBody('Hi there'), sms: aBody('Hi there') })).toEqual(['sms', 'whatsapp', 'rcs']);
    expect(await channels({ rcs: aBody('Hi there'), multiChannel: aBody('Hi there') })).toEqual(['sms', 'whatsapp', 'rcs']);
    // The mms slot is not a channel of `channels`.
    expect(await channels({ mms: aBody('Hi there'), multiChannel: aBody('Hi there') })).toEqual(['sms', 'whatsapp', 'rcs']);

    const definition = {
      header: { template: 'Order {{0:variable}}', variables: [{ id: 0, name: 'order', type: 'variable' }] },
      body: { sms: aBody('Hi {{0:variable}}, your order {{1:variable}} arrives soon', 'name', 'eta'), whatsapp: aBody('Hi {{0:variable}}, your order {{1:variable}} is ready', 'name', 'order') },
      footer: { template: 'Sent by {{0:variable}}', variables: [{ id: 0, name: 'company', type: 'variable' }] },
    };
    const t = (await c.post('/v3/templates', { definition })).body.data;
    expect(t.variables).toEqual(['order', 'name', 'eta', 'company']);
    expect((await c.get(`/v3/templates/${t.id}`)).body.data.variables).toEqual(['order', 'name', 'eta', 'company']);
  });
});

describe('updating a template', () => {
  it('renames it and leaves null or absent keys unchanged (the docs example)', async () => {
    const { app, c } = setup();
    const t = (await c.post('/v3/templates', aTemplate({ language: 'pt_BR' }))).body.data;
    await sim(app, c.key).advance(60);
    const res = await c.put(`/v3/templates/${t.id}`, { name: 'Updated Welcome Message', category: 'UTILITY', language: null, definition: null, submit_for_review: false, sandbox: false });
    expect(res.status).toBe(200);
    const expected = { ...t, name: 'Updated Welcome Message', updated_at: expect.any(String) };
    expect(res.body.data).toEqual(expected);
    expect(res.body.data.updated_at > t.created_at).toBe(true);
    expect((await c.get(`/v3/templates/${t.id}`)).body.data).toEqual(res.body.data);

    const again = await c.put(`/v3/templates/${t.id}`, { category: 'MARKETING' });
    expect(again.body.data).toMatchObject({ name: 'Updated Welcome Message', category: 'MARKETING', language: 'pt_BR', status: 'DRAFT' });
    expect((await c.get(`/v3/templates/${t.id}`)).body.data).toEqual(again.body.data);
  });

  it('takes a new definition: channels and variables follow it, the name stays', async () => {
    const { c } = setup();
    const t = (await c.post('/v3/templates', aTemplate())).body.data;
    const res = await c.put(`/v3/templates/${t.id}`, aPairTemplate());
    expect(res.body.data).toMatchObject({ name: t.name, channels: ['sms', 'whatsapp', 'rcs'], variables: ['code'], status: 'DRAFT' });
    expect((await c.get(`/v3/templates/${t.id}`)).body.data).toEqual(res.body.data);
  });

  it('answers 404 RESOURCE_002 for an unknown template and 400 for a malformed id, changing nothing', async () => {
    const { c, list } = setup();
    await c.post('/v3/templates', aTemplate());
    const before = await list();
    const missing = await c.put(`/v3/templates/${UNKNOWN}`, { name: 'x' });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'RESOURCE_002', message: ERROR_CATALOG.RESOURCE_002.message });
    const malformed = await c.put('/v3/templates/not-a-uuid', { name: 'x' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: 'VALIDATION_001', message: MESSAGES.invalidTemplateId });
    expect(await list()).toEqual(before);
  });
});

describe('deleting a template', () => {
  it('answers 204 with no body; afterwards the template is 404 RESOURCE_002 and gone from the list', async () => {
    const { c, list } = setup();
    const keep = (await c.post('/v3/templates', aPairTemplate())).body.data;
    const t = (await c.post('/v3/templates', aTemplate())).body.data;
    const res = await c.delete(`/v3/templates/${t.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    const read = await c.get(`/v3/templates/${t.id}`);
    expect(read.status).toBe(404);
    expect(read.body.error).toMatchObject({ code: 'RESOURCE_002', message: 'Template not found' });
    expect((await list()).map((x) => x.id)).toEqual([keep.id]);
    expect((await c.delete(`/v3/templates/${t.id}`)).status).toBe(404);
  });

  it('accepts no body, an empty body and the SDK body with delete_from_meta', async () => {
    const { c, list } = setup();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await c.post('/v3/templates', aTemplate())).body.data.id);
    expect((await c.delete(`/v3/templates/${ids[0]}`)).status).toBe(204);
    expect((await c.delete(`/v3/templates/${ids[1]}`).send({})).status).toBe(204);
    expect((await c.delete(`/v3/templates/${ids[2]}`).send({ delete_from_meta: true })).status).toBe(204);
    expect(await list()).toEqual([]);
  });

  it('frees the name: the next template with that body takes it again', async () => {
    const { c } = setup();
    const first = (await c.post('/v3/templates', aTemplate())).body.data;
    await c.delete(`/v3/templates/${first.id}`);
    expect((await c.post('/v3/templates', aTemplate())).body.data.name).toBe(first.name);
  });
});

describe('reading templates', () => {
  it('answers 404 for another tenant’s template and 400 "Invalid template ID format." for a malformed id', async () => {
    const { app, c } = setup();
    const t = (await c.post('/v3/templates', aTemplate())).body.data;
    const other = await client(app).get(`/v3/templates/${t.id}`);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('RESOURCE_002');
    const malformed = await c.get('/v3/templates/123');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: 'VALIDATION_001', message: 'Invalid template ID format.' });
    expect((await c.get(`/v3/templates/${t.id.toUpperCase()}`)).body.data.id).toBe(t.id);
  });
});

describe('sandbox', () => {
  it('create answers as a real create would, with X-Sandbox, and stores nothing', async () => {
    const { c, list } = setup();
    await c.post('/v3/templates', aTemplate());
    const res = await c.post('/v3/templates', aTemplate({ sandbox: true }));
    expect(res.status).toBe(201);
    expect(res.headers['x-sandbox']).toBe('true');
    // Sandbox looks nothing up: the name has no suffix for the existing one.
    expect(res.body.data).toMatchObject({ name: 'Hello Welcome to We', status: 'DRAFT', channels: ['sms', 'whatsapp', 'rcs'], variables: ['name', 'company'] });
    expect((await list()).map((t) => t.id)).not.toContain(res.body.data.id);
    expect(await list()).toHaveLength(1);
    expect((await c.get(`/v3/templates/${res.body.data.id}`)).status).toBe(404);
  });

  it('create validates as a real one does', async () => {
    const { c, list } = setup();
    const res = await c.post('/v3/templates', { sandbox: true });
    expect(res.status).toBe(400);
    expect(res.headers['x-sandbox']).toBe('true');
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', message: MESSAGES.templateDefinitionRequired });
    expect(await list()).toEqual([]);
  });

  it('update and delete look nothing up and change nothing', async () => {
    const { c, list } = setup();
    const t = (await c.post('/v3/templates', aTemplate())).body.data;
    const update = await c.put(`/v3/templates/${UNKNOWN}`, { name: 'Renamed', sandbox: true });
    expect(update.status).toBe(200);
    expect(update.headers['x-sandbox']).toBe('true');
    expect(update.body.data).toMatchObject({ id: UNKNOWN, name: 'Renamed', status: 'DRAFT' });
    const own = await c.put(`/v3/templates/${t.id}`, { name: 'Renamed', sandbox: true });
    expect(own.status).toBe(200);
    expect((await c.delete(`/v3/templates/${UNKNOWN}`).send({ sandbox: true })).status).toBe(204);
    expect((await c.delete(`/v3/templates/${t.id}`).send({ sandbox: true })).status).toBe(204);
    expect(await list()).toEqual([t]);
  });

  it('a submitted sandbox create answers PENDING (REJECTED under a rejecting scenario), and stores and schedules nothing', async () => {
    const { app, c, list } = setup();
    const pending = await c.post('/v3/templates', aTemplate({ submit_for_review: true, sandbox: true }));
    expect(pending.body.data).toMatchObject({ status: 'PENDING', is_published: false });
    const rejected = await c.post('/v3/templates', { ...aPairTemplate(), submit_for_review: true, sandbox: true }).set('x-sim-scenario', 'template-review-rejected');
    expect(rejected.body.data).toMatchObject({ status: 'REJECTED', is_published: false });
    expect((await sim(app, c.key).tenant()).pending_jobs).toEqual([]);
    expect(await list()).toEqual([]);
  });
});
