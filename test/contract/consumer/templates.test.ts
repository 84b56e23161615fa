import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { EXAMPLE, SMS_ONLY_DEFINITION, TEMPLATE, TEMPLATE_DEFINITION } from '../../../src/verify/fixtures.js';
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
  it('creates a template: 201, a DRAFT named by Sent, its channels (by the fallback chains) and variables derived from the definition', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request to create a template')
      .withRequest('POST', '/v3/templates', (b) => b.headers(sends()).jsonBody(TEMPLATE))
      .willRespondWith(201, (b) =>
        b.headers(answers()).jsonBody(success(template({ status: 'DRAFT', channels: ['sms', 'whatsapp', 'rcs'], variables: ['name'], is_published: false }))),
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

  const breaches = (description: string, body: object, fields: string[]) =>
    pact
      .addInteraction()
      .uponReceiving(description)
      .withRequest('POST', '/v3/templates', (b) => b.headers(sends()).jsonBody(body))
      .willRespondWith(400, (b) => b.headers(answers()).jsonBody(failure('VALIDATION_001', fieldErrors(...fields))))
      .executeTest(async (server) => {
        const res = await partner(server.url).post('/v3/templates', body);
        expect(Object.keys(res.body.error.details).sort()).toEqual([...fields].sort());
      });

  it('refuses an sms body alone (every template must be deliverable on every channel), at definition.body.sms', () =>
    breaches('a request to create a template with an sms body alone', { ...TEMPLATE, definition: SMS_ONLY_DEFINITION }, ['definition.body.sms']));

  it('refuses a body breaking several content rules, naming every breach by its JSON path', () =>
    breaches(
      'a request to create a template that breaks several content rules',
      {
        ...TEMPLATE,
        definition: {
          body: { multiChannel: { template: '{{0:variable}} {{1:variable}}', variables: [{ id: 0, name: 'first' }, { id: 1, name: 'last' }] }, sms: { template: 'Hi there' } },
          buttons: [{ id: 1, type: 'QUICK_REPLY', props: { text: 'Yes 🎉' } }],
        },
      },
      ['definition.body.sms', 'definition.body.multiChannel.template', 'definition.buttons[0].props.text'],
    ));
});

describe('changing a template as its review state allows', () => {
  const edit = (description: string, state: string, put: object, status: number, body: object, check: (res: { status: number; body: { data?: { status?: string }; error?: { code?: string } } }) => void) =>
    pact
      .addInteraction()
      .given(state, existing)
      .uponReceiving(description)
      .withRequest('PUT', templatePath, (b) => b.headers(sends()).jsonBody(put))
      .willRespondWith(status, (b) => b.headers(answers()).jsonBody(body))
      .executeTest(async (server) => check(await partner(server.url).put(example, put)));
  const newDefinition = { body: { multiChannel: { ...TEMPLATE_DEFINITION.body.multiChannel!, template: 'Hello {{0:variable}}! Your order has shipped today.' } } };

  it('refuses a new definition while the template is under review: 409 CONFLICT_006', () =>
    edit('a request to change the definition of a template under review', STATE.submittedTemplate, { definition: newDefinition }, 409, failure('CONFLICT_006', fieldErrors('definition')), (res) =>
      expect(res.body.error?.code).toBe('CONFLICT_006'),
    ));

  it('refuses a resubmission while the template is under review: 409 CONFLICT_006', () =>
    edit('a request to resubmit a template under review', STATE.submittedTemplate, { submit_for_review: true }, 409, failure('CONFLICT_006', fieldErrors('submit_for_review')), (res) =>
      expect(res.status).toBe(409),
    ));

  it('edits an APPROVED template live: 200, still APPROVED', () =>
    edit('a request to change the definition of an approved template', STATE.approvedTemplate, { definition: newDefinition }, 200, success(template({ status: 'APPROVED', is_published: true, updated_at: timestamp() })), (res) =>
      expect(res.body.data?.status).toBe('APPROVED'),
    ));

  it('refuses a content change to a PAUSED template with Sent’s detail', () =>
    edit(
      'a request to change the category of a paused template',
      STATE.pausedTemplate,
      { category: 'MARKETING' },
      400,
      failure('VALIDATION_001', { category: [MESSAGES.templateNotEditable] }, MESSAGES.templateNotEditable),
      (res) => expect(res.status).toBe(400),
    ));

  it('refuses a name in the reserved sent_ prefix', () =>
    edit('a request to give a template a sent_ name', STATE.template, { name: 'sent_welcome' }, 400, failure('VALIDATION_001', { name: [MESSAGES.templateSentReadOnly] }, MESSAGES.templateSentReadOnly), (res) =>
      expect(res.status).toBe(400),
    ));
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

  it('lists templates without page or page_size, as SDK ≥ 0.38 asks for the first page: page 1, 50 a page', async () => {
    await pact
      .addInteraction()
      .given(STATE.template, existing)
      .uponReceiving('a request to list the templates without page or page_size')
      .withRequest('GET', '/v3/templates', (b) => b.headers(sends({}, false)))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success({ templates: eachLike(template({ category: MatchersV3.like('UTILITY'), language: MatchersV3.like('en_US') })), pagination: pagination(1, 50) })))
      .executeTest(async (server) => {
        expect((await partner(server.url).get('/v3/templates')).body.data.pagination).toMatchObject({ page: 1, page_size: 50 });
      });
  });

  it('retrieves a template', async () => {
    await pact
      .addInteraction()
      .given(STATE.template, existing)
      .uponReceiving('a request to retrieve a template')
      .withRequest('GET', templatePath, (b) => b.headers(sends({}, false)))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success(template({ status: 'DRAFT', channels: ['sms', 'whatsapp', 'rcs'], variables: ['name'] }))))
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
