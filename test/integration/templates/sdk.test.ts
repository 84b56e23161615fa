import SentDm, { BadRequestError, NotFoundError, PermissionDeniedError } from '@sentdm/sentdm';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { tenantKey, testApp } from '../../support/app.js';
import { serveForFile } from '../../support/listen.js';
import { sim } from '../../support/sim.js';
import type { TemplateDefinition } from '@sentdm/sentdm/resources/templates';

/** The docs example as the SDK types it (every variable prop the SDK marks required). */
const variable = (id: number, name: string, sample: string) => ({ id, name, type: 'variable', props: { variableType: 'text', sample, url: '', mediaType: '' } });
const definition: TemplateDefinition = {
  body: {
    multiChannel: {
      template: 'Hello {{0:variable}}! Welcome to {{1:variable}}. We are glad to have you on board.',
      variables: [variable(0, 'name', 'John'), variable(1, 'company', 'SentDM')],
    },
  },
  definitionVersion: '1.0',
};

// The official SDK, unchanged, against a listening simulator.
const { app } = testApp();
const served = serveForFile(app);
const sdk = (apiKey: string) => new SentDm({ apiKey, baseURL: served.url(), maxRetries: 0 });

describe('the official SDK: templates.*', () => {
  it('creates, retrieves, updates, lists and deletes a template, and sees it approved after a clock advance', async () => {
    const key = tenantKey();
    const client = sdk(key);
    const created = await client.templates.create({ category: 'UTILITY', language: 'en_US', definition, submit_for_review: false });
    expect(created.success).toBe(true);
    const id = created.data!.id!;
    expect(created.data).toMatchObject({ name: 'Hello Welcome to We', status: 'DRAFT', channels: ['sms', 'whatsapp', 'rcs'], variables: ['name', 'company'], is_published: false });
    // SDK 0.32 does not know customer_id; its client passes it through.
    expect((created.data as { customer_id?: string }).customer_id).toBe((await sim(app, key).tenant()).organization_id);

    expect((await client.templates.retrieve(id)).data).toEqual(created.data);

    const updated = await client.templates.update(id, { name: 'Welcome Message', language: null, definition: null, submit_for_review: true });
    expect(updated.data).toMatchObject({ id, name: 'Welcome Message', language: 'en_US', status: 'PENDING' });

    await sim(app, key).advance(24 * 3600);
    const list = await client.templates.list({ page: 1, page_size: 20, search: 'welcome', status: 'APPROVED' });
    expect(list.data?.templates?.map((t) => [t.id, t.name, t.status, t.is_published])).toEqual([[id, 'Welcome Message', 'APPROVED', true]]);
    expect(list.data?.pagination).toMatchObject({ page: 1, page_size: 20, total_count: 1, has_more: false });

    // The SDK parses a 204 as null.
    await expect(client.templates.delete(id, {})).resolves.toBeNull();
    expect((await client.templates.list({ page: 1, page_size: 20 })).data?.templates).toEqual([]);
  });

  it('raises BadRequestError for a create without definition, and for the SDK’s own page: 0 example', async () => {
    const client = sdk(tenantKey());
    const error = await client.templates.create({ category: 'UTILITY' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).error).toMatchObject({ error: { code: 'VALIDATION_001', message: MESSAGES.templateDefinitionRequired } });
    const page = await client.templates.list({ page: 0, page_size: 0 }).catch((e: unknown) => e);
    expect(page).toBeInstanceOf(BadRequestError);
    expect((page as BadRequestError).error).toMatchObject({ error: { code: 'VALIDATION_005' } });
  });

  it('raises NotFoundError for an unknown template and PermissionDeniedError for a developer key writing', async () => {
    const key = tenantKey();
    const missing = await sdk(key).templates.retrieve('7ba7b820-9dad-11d1-80b4-00c04fd430c8').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).error).toMatchObject({ error: { code: 'RESOURCE_002', message: 'Template not found' } });
    const developer = await sim(app, key).keyFor('developer');
    const denied = await sdk(developer).templates.create({ definition }).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(PermissionDeniedError);
  });
});
