import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { EXAMPLE, TEMPLATE } from '../../../src/verify/fixtures.js';
import { STATE } from '../../../src/verify/states/index.js';
import { contractPact, partner, sends } from './support/pact.js';
import { pagination, template } from './support/resources.js';
import { answers, failure, fieldErrors, success, timestamp } from './support/shapes.js';

const { eachLike, fromProviderState } = MatchersV3;
const pact = contractPact();
const templatePath = fromProviderState('/v3/templates/${templateId}', `/v3/templates/${EXAMPLE.templateId}`);
const example = `/v3/templates/${EXAMPLE.templateId}`;
const existing = { templateId: EXAMPLE.templateId };

describe('POST /v3/templates', () => {
  it('creates a template: 201, a DRAFT named by Sent, its channels and variables derived from the definition', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request to create a template')
      .withRequest('POST', '/v3/templates', (b) => b.headers(sends()).jsonBody(TEMPLATE))
      .willRespondWith(201, (b) =>
        b.headers(answers()).jsonBody(success(template({ status: 'DRAFT', channels: ['sms', 'whatsapp'], variables: ['name'], is_published: false }))),
      )
      .executeTest(async (server) => {
        const res = await partner(server.url).post('/v3/templates', TEMPLATE);
        expect(res.status).toBe(201);
        expect(res.body.data.status).toBe('DRAFT');
      });
  });

  const refused = (description: string, body: object, field: string, message: string) =>
    pact
      .addInteraction()
      .uponReceiving(description)
      .withRequest('POST', '/v3/templates', (b) => b.headers(sends()).jsonBody(body))
      .willRespondWith(400, (b) => b.headers(answers()).jsonBody(failure('VALIDATION_001', fieldErrors(field), message)))
      .executeTest(async (server) => {
        const res = await partner(server.url).post('/v3/templates', body);
        expect(res.body.error.message).toBe(message);
      });

  it('refuses a template without a definition: "Template definition is required"', () =>
    refused('a request to create a template without a definition', { category: 'UTILITY' }, 'definition', MESSAGES.templateDefinitionRequired));

  it('refuses a category outside MARKETING, UTILITY and AUTHENTICATION', () =>
    refused('a request to create a template in an unknown category', { ...TEMPLATE, category: 'NEWSLETTER' }, 'category', MESSAGES.templateCategory));
});

describe('reading and changing templates', () => {
  it('lists templates with their pagination', async () => {
    await pact
      .addInteraction()
      .given(STATE.template, existing)
      .uponReceiving('a request to list the templates')
      .withRequest('GET', '/v3/templates', (b) => b.headers(sends({}, false)).query({ page: '1', page_size: '20' }))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success({ templates: eachLike(template({ category: MatchersV3.like('UTILITY'), language: MatchersV3.like('en_US') })), pagination: pagination() })))
      .executeTest(async (server) => {
        expect((await partner(server.url).get('/v3/templates?page=1&page_size=20')).body.data.templates.length).toBeGreaterThan(0);
      });
  });

  it('retrieves a template', async () => {
    await pact
      .addInteraction()
      .given(STATE.template, existing)
      .uponReceiving('a request to retrieve a template')
      .withRequest('GET', templatePath, (b) => b.headers(sends({}, false)))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success(template({ status: 'DRAFT', channels: ['sms', 'whatsapp'], variables: ['name'] }))))
      .executeTest(async (server) => {
        expect((await partner(server.url).get(example)).body.data.variables).toEqual(['name']);
      });
  });

  it('renames a template with PUT, keeping what it leaves out', async () => {
    const put = { name: 'Order Confirmation' };
    await pact
      .addInteraction()
      .given(STATE.template, existing)
      .uponReceiving('a request to rename a template')
      .withRequest('PUT', templatePath, (b) => b.headers(sends()).jsonBody(put))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success(template({ name: put.name, status: 'DRAFT', variables: ['name'], updated_at: timestamp() }))))
      .executeTest(async (server) => {
        expect((await partner(server.url).put(example, put)).body.data.name).toBe(put.name);
      });
  });

  it('deletes a template: 204 with no body', async () => {
    await pact
      .addInteraction()
      .given(STATE.template, existing)
      .uponReceiving('a request to delete a template')
      .withRequest('DELETE', templatePath, (b) => b.headers(sends({}, false)))
      .willRespondWith(204, (b) => b.headers(answers()))
      .executeTest(async (server) => {
        expect((await partner(server.url).delete(example)).status).toBe(204);
      });
  });
});

describe('templates it does not have: 404 RESOURCE_002', () => {
  const gone = (description: string, state: string, id: string, method: string, body?: object) =>
    pact
      .addInteraction()
      .given(state, { templateId: id })
      .uponReceiving(description)
      .withRequest(method, id === EXAMPLE.templateId ? templatePath : `/v3/templates/${id}`, (b) => {
        b.headers(sends({}, body !== undefined));
        if (body !== undefined) b.jsonBody(body);
      })
      .willRespondWith(404, (b) => b.headers(answers()).jsonBody(failure('RESOURCE_002')))
      .executeTest(async (server) => {
        expect((await partner(server.url).call(method, `/v3/templates/${id}`, body)).body.error.code).toBe('RESOURCE_002');
      });

  it('answers 404 to an unknown template', () => gone('a request to retrieve an unknown template', STATE.noTemplate, EXAMPLE.unknownTemplateId, 'GET'));
  it('answers 404 to renaming an unknown template', () =>
    gone('a request to rename an unknown template', STATE.noTemplate, EXAMPLE.unknownTemplateId, 'PUT', { name: 'Order Confirmation' }));
  it('answers 404 to a deleted template', () => gone('a request to retrieve a deleted template', STATE.templateDeleted, EXAMPLE.templateId, 'GET'));
});
