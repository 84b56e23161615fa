import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '../../../src/errors/catalog.js';
import { GREETING, importTemplate, messagingApp } from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('POST /v3/messages', () => {
  it('queues one message per (recipient, channel) and answers 202 with each rendered body', async () => {
    const { app, c } = messagingApp();
    const templateId = await importTemplate(app, c.key, { name: 'order_confirmation' });
    const res = await c.post('/v3/messages', {
      to: ['+14155551234', '+14155555678'],
      channel: ['sms', 'whatsapp'],
      template: { id: templateId, parameters: { name: 'John Doe' } },
    });
    expect(res.status).toBe(202);
    expect(res.body.data).toEqual({
      status: 'QUEUED',
      template_id: templateId,
      template_name: 'order_confirmation',
      recipients: [
        { message_id: expect.stringMatching(UUID), to: '+14155551234', channel: 'sms', body: 'Hi John Doe, your order is confirmed.' },
        { message_id: expect.stringMatching(UUID), to: '+14155551234', channel: 'whatsapp', body: 'Hi John Doe, your order is confirmed.' },
        { message_id: expect.stringMatching(UUID), to: '+14155555678', channel: 'sms', body: 'Hi John Doe, your order is confirmed.' },
        { message_id: expect.stringMatching(UUID), to: '+14155555678', channel: 'whatsapp', body: 'Hi John Doe, your order is confirmed.' },
      ],
    });
    const ids = res.body.data.recipients.map((r: { message_id: string }) => r.message_id);
    expect(new Set(ids).size).toBe(4);
    for (const [i, id] of ids.entries()) {
      const detail = (await c.get(`/v3/messages/${id}`)).body.data;
      expect(detail).toMatchObject({ id, status: 'QUEUED', direction: 'outbound', channel: i % 2 === 0 ? 'sms' : 'whatsapp', template_id: templateId, template_name: 'order_confirmation', template_category: 'UTILITY', price: null });
    }
  });

  it('defaults to auto-detect: one message per recipient, channel and body null until routed', async () => {
    const { c } = messagingApp();
    const res = await c.post('/v3/messages', { to: ['+14155550100'], text: 'Your table is ready.' });
    expect(res.status).toBe(202);
    expect(res.body.data).toEqual({
      status: 'QUEUED',
      template_id: null,
      template_name: null,
      recipients: [{ message_id: expect.stringMatching(UUID), to: '+14155550100', channel: null, body: null }],
    });
    const detail = (await c.get(`/v3/messages/${res.body.data.recipients[0].message_id}`)).body.data;
    expect(detail).toMatchObject({ channel: 'auto', message_body: null, status: 'QUEUED' });
  });

  it('collapses duplicate recipients and channels', async () => {
    const { c } = messagingApp();
    const res = await c.post('/v3/messages', { to: ['+14155550100', '+14155550100', '+14155550101'], channel: ['sms', 'sms'], text: 'Hi' });
    expect(res.status).toBe(202);
    expect(res.body.data.recipients.map((r: { to: string }) => r.to)).toEqual(['+14155550100', '+14155550101']);
  });

  it('creates a contact for a new number and sets contact_id on the message', async () => {
    const { c, control } = messagingApp();
    const res = await c.post('/v3/messages', { to: ['+14155550100'], channel: ['sms'], text: 'Hi' });
    const detail = (await c.get(`/v3/messages/${res.body.data.recipients[0].message_id}`)).body.data;
    const view = await control.tenant();
    expect(view.contacts).toEqual([expect.objectContaining({ id: detail.contact_id, format_e164: '+14155550100', opt_out: false, available_channels: 'sms,whatsapp' })]);
    expect(detail).toMatchObject({ phone: '+14155550100', phone_international: '+1 415-555-0100', region_code: 'US', customer_id: view.organization_id });

    // A second send to the same number reuses the contact.
    const again = await c.post('/v3/messages', { to: ['+14155550100'], channel: ['sms'], text: 'Again' });
    expect((await c.get(`/v3/messages/${again.body.data.recipients[0].message_id}`)).body.data.contact_id).toBe(detail.contact_id);
    expect((await control.tenant()).totals.contacts).toBe(1);
  });

  it('sends the template when both template and text are given', async () => {
    const { app, c } = messagingApp();
    const templateId = await importTemplate(app, c.key);
    const res = await c.post('/v3/messages', { to: ['+14155550100'], channel: ['sms'], template: { id: templateId, parameters: { name: 'Ann' } }, text: 'ignored' });
    expect(res.status).toBe(202);
    expect(res.body.data).toMatchObject({ template_id: templateId, recipients: [{ body: 'Hi Ann, your order is confirmed.' }] });
  });

  it('resolves the template by id when id and name are both given', async () => {
    const { app, c } = messagingApp();
    const byId = await importTemplate(app, c.key, { name: 'first' });
    await importTemplate(app, c.key, { name: 'second' });
    const res = await c.post('/v3/messages', { to: ['+14155550100'], channel: ['sms'], template: { id: byId, name: 'second', parameters: { name: 'A' } } });
    expect(res.body.data).toMatchObject({ template_id: byId, template_name: 'first' });
  });

  it('resolves a name exactly, preferring the newest APPROVED template of that name', async () => {
    const { app, c } = messagingApp();
    const old = await importTemplate(app, c.key, { name: 'welcome', createdAt: '2026-01-01T00:00:00.0000000+00:00' });
    const newer = await importTemplate(app, c.key, { name: 'welcome', createdAt: '2026-02-01T00:00:00.0000000+00:00' });
    await importTemplate(app, c.key, { name: 'welcome', status: 'DRAFT', createdAt: '2026-03-01T00:00:00.0000000+00:00' });
    const send = (name: string) => c.post('/v3/messages', { to: ['+14155550100'], channel: ['sms'], template: { name, parameters: { name: 'A' } } });
    const res = await send('welcome');
    expect(res.status).toBe(202);
    expect(res.body.data.template_id).toBe(newer);
    expect(res.body.data.template_id).not.toBe(old);
    expect((await send('Welcome')).status).toBe(404);
  });

  it('renders a channel body over multiChannel, with header and footer on whatsapp only', async () => {
    const { app, c } = messagingApp();
    const templateId = await importTemplate(app, c.key, {
      definition: {
        ...GREETING,
        body: { ...GREETING.body, sms: { template: 'SMS: hi {{0:variable}}', variables: [{ id: 0, name: 'name' }] } },
        header: { template: 'Welcome to {{0:variable}}', variables: [{ id: 0, name: 'shop' }] },
        footer: { template: 'Reply STOP to opt out' },
      },
    });
    const res = await c.post('/v3/messages', { to: ['+14155550100'], channel: ['sms', 'whatsapp'], template: { id: templateId, parameters: { name: 'Ann', shop: 'Acme' } } });
    expect(res.body.data.recipients.map((r: { body: string }) => r.body)).toEqual(['SMS: hi Ann', 'Hi Ann, your order is confirmed.']);
    const [sms, whatsapp] = res.body.data.recipients.map((r: { message_id: string }) => r.message_id);
    expect((await c.get(`/v3/messages/${sms}`)).body.data.message_body).toEqual({ header: null, content: 'SMS: hi Ann', footer: null, buttons: null, headerMedia: null, media: null, subject: null });
    expect((await c.get(`/v3/messages/${whatsapp}`)).body.data.message_body).toEqual({ header: 'Welcome to Acme', content: 'Hi Ann, your order is confirmed.', footer: 'Reply STOP to opt out', buttons: null, headerMedia: null, media: null, subject: null });
  });

  it('answers 404 RESOURCE_002 for a template that does not resolve, and changes nothing', async () => {
    const { c, control, events } = messagingApp();
    for (const template of [{ id: '7ba7b820-9dad-11d1-80b4-00c04fd430c8' }, { name: 'nope' }]) {
      const res = await c.post('/v3/messages', { to: ['+14155550100'], template });
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'RESOURCE_002', message: ERROR_CATALOG.RESOURCE_002.message });
    }
    const view = await control.tenant();
    expect(view.totals).toMatchObject({ messages: 0, contacts: 0, pending_jobs: 0 });
    await control.advance(60);
    expect(events).toEqual([]);
  });
});
