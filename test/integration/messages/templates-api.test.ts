import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { GREETING, messagingApp } from './helpers.js';

/**
 * Sends with templates made and reviewed through the templates API (docs/decisions/0017) rather
 * than imported: the template's review status decides each message (docs/decisions/0013).
 * Needs the templates resource (POST/PUT/DELETE /v3/templates, POST /_sim/templates/{id}/review).
 */
describe('sending templates made through the templates API', () => {
  it('follows the template through DRAFT, PENDING, APPROVED and deletion', async () => {
    const t = messagingApp();
    const { c, control } = t;
    const created = await c.post('/v3/templates', { definition: GREETING });
    expect(created.status).toBe(201);
    const { id, name } = created.body.data as { id: string; name: string };
    const send = async (channel: string, template: object = { id, parameters: { name: 'Ann' } }) => {
      const res = await c.post('/v3/messages', { to: ['+14155550100'], channel: [channel], template });
      expect(res.status).toBe(202);
      const messageId = res.body.data.recipients[0].message_id as string;
      await control.advance(10);
      return (await c.get(`/v3/messages/${messageId}`)).body.data;
    };

    const draft = await send('sms');
    expect(draft).toMatchObject({ status: 'BLOCKED', template_id: id, template_name: name });
    expect(draft.events.at(-1).description).toBe(MESSAGES.templateNotApproved);

    expect((await c.put(`/v3/templates/${id}`, { submit_for_review: true })).body.data.status).toBe('PENDING');
    expect((await send('sms')).status).toBe('DELIVERED');
    expect((await send('whatsapp')).status).toBe('BLOCKED');

    expect((await c.post(`/_sim/templates/${id}/review`, { outcome: 'approved' })).status).toBe(200);
    const byName = await send('whatsapp', { name, parameters: { name: 'Ann' } });
    expect(byName).toMatchObject({ status: 'DELIVERED', template_id: id, message_body: { content: 'Hi Ann, your order is confirmed.' } });

    expect((await c.delete(`/v3/templates/${id}`)).status).toBe(204);
    const gone = await c.post('/v3/messages', { to: ['+14155550100'], template: { id } });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('RESOURCE_002');
    // Messages keep the id and name of a deleted template.
    expect((await c.get(`/v3/messages/${byName.id}`)).body.data).toMatchObject({ template_id: id, template_name: name });
  });
});
