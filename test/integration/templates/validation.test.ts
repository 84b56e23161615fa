import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import { client, testApp } from '../../support/app.js';
import { aBody, aDefinition, aTemplate } from '../../support/template-builders.js';

function setup(options: Parameters<typeof testApp>[0] = {}) {
  const { app } = testApp(options);
  const c = client(app);
  const list = async () => (await c.get('/v3/templates?page=1&page_size=100')).body.data.templates as Array<Record<string, unknown>>;
  return { app, c, list };
}

describe('create validation', () => {
  it('refuses a body without definition with Sent’s own message and details.definition, storing nothing', async () => {
    const { c, list } = setup();
    const res = await c.post('/v3/templates', { category: 'UTILITY' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'VALIDATION_001',
      message: 'Template definition is required',
      details: { definition: [MESSAGES.templateDefinitionRequired] },
    });
    expect(await list()).toEqual([]);
  });

  it('refuses a definition without any body', async () => {
    const { c, list } = setup();
    const noBody = await c.post('/v3/templates', { definition: {} });
    expect(noBody.status).toBe(400);
    expect(noBody.body.error.details).toEqual({ 'definition.body': ['The definition.body field is required'] });
    const nullBodies = await c.post('/v3/templates', { definition: { body: { multiChannel: null, sms: null } } });
    expect(nullBodies.status).toBe(400);
    expect(nullBodies.body.error).toMatchObject({ code: 'VALIDATION_001', details: { 'definition.body': [MESSAGES.templateBodyRequired] } });
    expect(await list()).toEqual([]);
  });

  it('refuses a placeholder that names no declared variable, at the placeholder’s field', async () => {
    const { c, list } = setup();
    const res = await c.post('/v3/templates', { definition: { body: { multiChannel: aBody('Hi {{0:variable}}, greetings from {{2:variable}} and all of us here', 'name', 'company') } } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'VALIDATION_001',
      details: { 'definition.body.multiChannel.template': [MESSAGES.templatePlaceholder('{{2:variable}}')] },
    });
    const header = await c.post('/v3/templates', { definition: { header: { template: 'Hi {{0:variable}}' }, body: { multiChannel: aBody('Hello there') } } });
    expect(header.body.error.details).toEqual({ 'definition.header.template': [MESSAGES.templatePlaceholder('{{0:variable}}')] });
    const button = await c.post('/v3/templates', {
      definition: { body: { multiChannel: aBody('Track it') }, buttons: [{ type: 'URL', props: { text: 'Track', url: 'https://x.test/{{1:variable}}' } }] },
    });
    expect(button.body.error.details).toEqual({ 'definition.buttons[0].props.url': [MESSAGES.templatePlaceholder('{{1:variable}}')] });
    expect(await list()).toEqual([]);
  });

  it('gives a variable without an id the id 0 (as Sent does), and an explicit id wins', async () => {
    const { c } = setup();
    const omitted = await c.post('/v3/templates', { definition: { body: { multiChannel: { template: 'Hi {{0:variable}}, welcome aboard', variables: [{ name: 'name' }] } } } });
    expect(omitted.status).toBe(201);
    expect(omitted.body.data.variables).toEqual(['name']);
    const explicit = await c.post('/v3/templates', { definition: { body: { multiChannel: { template: 'Hi {{0:variable}}, meet {{5:variable}} today, dear friend', variables: [{ id: 5, name: 'name' }] } } } });
    expect(explicit.status).toBe(400);
    expect(explicit.body.error.details).toEqual({ 'definition.body.multiChannel.template': [MESSAGES.templatePlaceholder('{{0:variable}}')] });
  });

  it('refuses an unknown category with Sent’s message in error.message and details.category', async () => {
    const { c, list } = setup();
    for (const category of ['PROMO', 'utility', '']) {
      const res = await c.post('/v3/templates', aTemplate({ category }));
      expect(res.status, category).toBe(400);
      expect(res.body.error, category).toMatchObject({ code: 'VALIDATION_001', message: MESSAGES.templateCategory, details: { category: [MESSAGES.templateCategory] } });
    }
    expect(await list()).toEqual([]);
  });

  it('lists every failing field at once, rules and schema together, under the generic message', async () => {
    const { c, list } = setup();
    const res = await c.post('/v3/templates', { category: 'PROMO', language: '' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', message: ERROR_CATALOG.VALIDATION_001.message });
    expect(res.body.error.details).toEqual({
      definition: [MESSAGES.templateDefinitionRequired],
      category: [MESSAGES.templateCategory],
      language: [MESSAGES.templateLanguage(64)],
    });
    const withSchema = await c.post('/v3/templates', { submit_for_review: 'yes' });
    expect(withSchema.body.error.message).toBe(ERROR_CATALOG.VALIDATION_001.message);
    expect(Object.keys(withSchema.body.error.details).sort()).toEqual(['definition', 'submit_for_review']);
    expect(await list()).toEqual([]);
  });

  it('refuses a definition of more than 16,384 characters of JSON', async () => {
    const { c, list } = setup();
    // Two strings under --max-string-length (10,000), together over the definition's limit.
    const res = await c.post('/v3/templates', { definition: { body: { sms: { template: 'x'.repeat(9_000) } }, extra: 'y'.repeat(9_000) } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual({ definition: [MESSAGES.templateDefinitionTooLarge(16_384)] });
    expect(await list()).toEqual([]);
  });
});

describe('hostile definitions', () => {
  it('refuses objects or arrays nested deeper than 16 levels anywhere in a definition, up to 100,000 levels, with a 400', async () => {
    const { app, c, list } = setup();
    const t = (await c.post('/v3/templates', aTemplate())).body.data;
    const nest = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    // Past 32 levels of the whole body, the body scan refuses before JSON.parse (issue 15, --max-json-depth).
    const bodyTooDeep = { body: [MESSAGES.jsonTooDeep(32)] };
    for (const [depth, details] of [[20, { definition: [MESSAGES.templateDefinitionTooDeep(16)] }], [25, { definition: [MESSAGES.templateDefinitionTooDeep(16)] }], [100_000, bodyTooDeep]] as const) {
      for (const body of [
        `{"definition":{"body":{"multiChannel":{"template":"x"}},"extra":${nest(depth)}}}`,
        `{"definition":{"body":{"multiChannel":{"template":"x"}},"extra":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}`,
      ]) {
        for (const [method, path] of [['post', '/v3/templates'], ['put', `/v3/templates/${t.id}`]] as const) {
          const res = await request(app)[method](path).set('x-api-key', c.key).set('content-type', 'application/json').send(body);
          expect(res.status, `${method} ${depth}`).toBe(400);
          expect(res.body.error.details, `${method} ${depth}`).toEqual(details);
        }
      }
    }
    // Sixteen levels, as deep as a real definition ever goes and more, are fine.
    const ok = await c.post('/v3/templates', { definition: { body: { multiChannel: { template: 'x' } }, extra: JSON.parse(nest(15)) } });
    expect(ok.status).toBe(201);
    expect((await list()).map((x) => x.id).sort()).toEqual([t.id, ok.body.data.id].sort());
    expect((await c.get(`/v3/templates/${t.id}`)).body.data).toEqual(t);
  });
});

describe('update validation', () => {
  it('refuses a bad category, an empty name and a bad placeholder, and changes nothing', async () => {
    const { c } = setup();
    const t = (await c.post('/v3/templates', aTemplate())).body.data;
    const category = await c.put(`/v3/templates/${t.id}`, { category: 'PROMO', name: 'New name' });
    expect(category.status).toBe(400);
    expect(category.body.error).toMatchObject({ message: MESSAGES.templateCategory, details: { category: [MESSAGES.templateCategory] } });
    const name = await c.put(`/v3/templates/${t.id}`, { name: '  ' });
    expect(name.body.error.details).toEqual({ name: [MESSAGES.templateNameEmpty] });
    const long = await c.put(`/v3/templates/${t.id}`, { name: 'n'.repeat(1025) });
    expect(long.body.error.details).toEqual({ name: [MESSAGES.templateNameTooLong(1024)] });
    const placeholder = await c.put(`/v3/templates/${t.id}`, { definition: aDefinition({ body: { multiChannel: aBody('Hi {{3:variable}}, your order is ready') } }) });
    expect(placeholder.body.error.details).toEqual({ 'definition.body.multiChannel.template': [MESSAGES.templatePlaceholder('{{3:variable}}')] });
    expect((await c.get(`/v3/templates/${t.id}`)).body.data).toEqual(t);
  });
});

describe('the per-tenant cap', () => {
  it('refuses creates past maxTemplatesPerTenant with 400 BUSINESS_008 and a clear message; a delete makes room', async () => {
    const { c, list } = setup({ config: { maxTemplatesPerTenant: 2 } });
    const first = (await c.post('/v3/templates', aTemplate())).body.data;
    await c.post('/v3/templates', aTemplate());
    const res = await c.post('/v3/templates', aTemplate());
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'BUSINESS_008', message: MESSAGES.templateCap(2) });
    expect(await list()).toHaveLength(2);
    // Sandbox stores nothing, so the cap does not apply to it.
    expect((await c.post('/v3/templates', aTemplate({ sandbox: true }))).status).toBe(201);
    await c.delete(`/v3/templates/${first.id}`);
    expect((await c.post('/v3/templates', aTemplate())).status).toBe(201);
    expect(await list()).toHaveLength(2);
  });
});
