import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import { client, testApp } from '../../support/app.js';
import { createContact, listContacts } from '../../support/contacts.js';
import { sim } from '../../support/sim.js';

const UNKNOWN_ID = '3f1c2a9e-5b7d-4c8e-9f0a-1b2c3d4e5f60';

async function setup() {
  const { app } = testApp();
  const c = client(app);
  const contact = await createContact(c, '+14155550100');
  const listed = async () => (await listContacts(c)).body.data.contacts;
  return { app, c, contact, listed, control: sim(app, c.key) };
}

describe('sandbox ("sandbox": true)', () => {
  it('answers a create as a real one would, with X-Sandbox, and stores nothing', async () => {
    const { c, contact, listed } = await setup();
    const res = await c.post('/v3/contacts', { phone_number: '+442071838750', sandbox: true });
    expect(res.status).toBe(201);
    expect(res.headers['x-sandbox']).toBe('true');
    expect(res.body.data).toMatchObject({ phone_number: '+442071838750', format_national: '020 7183 8750', region_code: 'GB', available_channels: 'sms', opt_out: false, is_inherited: false });
    expect(await listed()).toEqual([contact]);
  });

  it('looks nothing up: a number the account has is not a 409', async () => {
    const { c, contact, listed } = await setup();
    const res = await c.post('/v3/contacts', { phone_number: '+14155550100', sandbox: true });
    expect(res.status).toBe(201);
    expect(res.body.data.id).not.toBe(contact.id);
    expect(await listed()).toEqual([contact]);
  });

  it('answers an update with the path id and the request applied, and changes nothing', async () => {
    const { c, contact, listed } = await setup();
    const res = await c.patch(`/v3/contacts/${contact.id}`, { opt_out: true, default_channel: 'whatsapp', sandbox: true });
    expect(res.status).toBe(200);
    expect(res.headers['x-sandbox']).toBe('true');
    expect(res.body.data).toMatchObject({ id: contact.id, opt_out: true, default_channel: 'whatsapp', updated_at: expect.any(String) });
    expect(await listed()).toEqual([contact]);
  });

  it('answers an update of an unknown id with a sample contact, and a delete with 204, storing nothing', async () => {
    const { c, contact, listed } = await setup();
    const updated = await c.patch(`/v3/contacts/${UNKNOWN_ID}`, { opt_out: true, sandbox: true });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ id: UNKNOWN_ID, opt_out: true, format_e164: expect.stringMatching(/^\+141555501\d\d$/) });
    const deleted = await c.delete(`/v3/contacts/${UNKNOWN_ID}`).send({ sandbox: true });
    expect(deleted.status).toBe(204);
    expect(deleted.headers['x-sandbox']).toBe('true');
    expect(await listed()).toEqual([contact]);
  });

  it('deletes nothing', async () => {
    const { c, contact, listed } = await setup();
    expect((await c.delete(`/v3/contacts/${contact.id}`).send({ sandbox: true })).status).toBe(204);
    expect(await listed()).toEqual([contact]);
  });

  it('still validates: a sandbox create without a number gets the real 400', async () => {
    const { c, contact, listed } = await setup();
    const res = await c.post('/v3/contacts', { sandbox: true });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(MESSAGES.phoneNumberRequired);
    const bad = await c.post('/v3/contacts', { phone_number: '4155550100', sandbox: true });
    expect(bad.body.error.code).toBe('VALIDATION_002');
    expect(await listed()).toEqual([contact]);
  });
});

describe('roles', () => {
  it.each(['developer', 'billing'])('a %s key lists and reads contacts', async (role) => {
    const { contact, control, app } = await setup();
    const key = client(app, await control.keyFor(role));
    expect((await listContacts(key)).body.data.contacts).toEqual([contact]);
    expect((await key.get(`/v3/contacts/${contact.id}`)).body.data).toEqual(contact);
  });

  it.each(['developer', 'billing'])('a %s key may not create, update or delete contacts (403 AUTH_004), and nothing changes', async (role) => {
    const { contact, control, app, listed } = await setup();
    const key = client(app, await control.keyFor(role));
    for (const res of [
      await key.post('/v3/contacts', { phone_number: '+14155550101' }),
      await key.patch(`/v3/contacts/${contact.id}`, { opt_out: true }),
      await key.delete(`/v3/contacts/${contact.id}`),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'AUTH_004', message: ERROR_CATALOG.AUTH_004.message });
    }
    expect(await listed()).toEqual([contact]);
  });

  it('an admin organization key creates, updates and deletes contacts', async () => {
    const { contact, control, app, listed } = await setup();
    const admin = client(app, await control.keyFor('admin'));
    const own = await createContact(admin, '+14155550101');
    expect((await admin.patch(`/v3/contacts/${contact.id}`, { opt_out: true })).body.data.opt_out).toBe(true);
    expect((await admin.delete(`/v3/contacts/${own.id}`)).status).toBe(204);
    expect(await listed()).toEqual([{ ...contact, opt_out: true, updated_at: expect.any(String) }]);
  });
});
