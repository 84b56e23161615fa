import SentDm, { BadRequestError, ConflictError, NotFoundError } from '@sentdm/sentdm';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { aProfile } from '../../support/builders.js';
import { client, tenantKey, testApp } from '../../support/app.js';
import { serveForFile } from '../../support/listen.js';
import { sim } from '../../support/sim.js';

// The official SDK, unchanged, against a listening simulator.
const { app } = testApp();
const served = serveForFile(app);
const sdk = (apiKey: string) => new SentDm({ apiKey, baseURL: served.url(), maxRetries: 0 });

describe('the official SDK: contacts', () => {
  it('creates, retrieves, updates, lists and deletes a contact', async () => {
    const client = sdk(tenantKey());
    const created = await client.contacts.create({ phone_number: '+14155550100' });
    expect(created.success).toBe(true);
    const id = created.data!.id!;
    expect(created.data).toMatchObject({ format_international: '+1 415-555-0100', format_rfc: 'tel:+1-415-555-0100', available_channels: 'sms,whatsapp', is_inherited: false });
    // Sent's 2026-11 field, which SDK 0.32.0 does not type: the owning account (here the organization).
    expect((created.data as Record<string, unknown>).customer_id).toBe((await sim(app, client.apiKey).tenant()).organization_id);

    expect((await client.contacts.retrieve(id)).data).toEqual(created.data);

    const updated = await client.contacts.update(id, { default_channel: 'whatsapp', opt_out: true });
    expect(updated.data).toMatchObject({ default_channel: 'whatsapp', opt_out: true });

    const list = await client.contacts.list({ page: 1, page_size: 10, phone: '+14155550100', search: '555-0100', channel: 'whatsapp' });
    expect(list.data?.contacts?.map((c) => c.id)).toEqual([id]);
    expect(list.data?.pagination).toMatchObject({ page: 1, page_size: 10, total_count: 1, has_more: false });

    // The SDK sends `{}` with DELETE and parses the 204 as null.
    await expect(client.contacts.delete(id, {})).resolves.toBeNull();
    expect((await client.contacts.list({ page: 1, page_size: 10 })).data?.contacts).toEqual([]);
  });

  it('sends null filters as key= and gets every contact', async () => {
    const client = sdk(tenantKey());
    await client.contacts.create({ phone_number: '+14155550100' });
    const list = await client.contacts.list({ page: 1, page_size: 10, search: null, channel: null, phone: null });
    expect(list.data?.contacts).toHaveLength(1);
  });

  it('raises ConflictError for a duplicate and NotFoundError for an unmatched phone filter', async () => {
    const client = sdk(tenantKey());
    await client.contacts.create({ phone_number: '+14155550100' });
    const duplicate = await client.contacts.create({ phone_number: '+14155550100' }).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(ConflictError);
    expect((duplicate as ConflictError).error).toMatchObject({ error: { code: 'RESOURCE_007', message: MESSAGES.contactExists } });
    const missing = await client.contacts.list({ page: 1, page_size: 10, phone: '+14155559999' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).error).toMatchObject({ error: { code: 'RESOURCE_001', message: MESSAGES.contactPhoneNotFound } });
  });

  it("fails on the SDK's own page: 0 example as the live API does", async () => {
    const error = await sdk(tenantKey()).contacts.list({ page: 0, page_size: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).error).toMatchObject({ error: { code: 'VALIDATION_005' } });
  });

  it("acts for a profile with x-profile-id, which sees only its own contacts; the organization reads the profile's", async () => {
    const key = tenantKey();
    const org = sdk(key);
    const orgContact = (await org.contacts.create({ phone_number: '+14155550100' })).data!;
    const profile = (await client(app, key).post('/v3/profiles', aProfile())).body.data;
    expect((await org.contacts.list({ page: 1, page_size: 10, 'x-profile-id': profile.id })).data?.contacts).toEqual([]);
    const error = await org.contacts.update(orgContact.id!, { opt_out: true, 'x-profile-id': profile.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).error).toMatchObject({ error: { code: 'RESOURCE_001' } });
    expect((await org.contacts.retrieve(orgContact.id!)).data?.opt_out).toBe(false);
    const own = (await org.contacts.create({ phone_number: '+14155550101', 'x-profile-id': profile.id })).data!;
    expect(own).toMatchObject({ customer_id: profile.id, is_inherited: false });
    expect((await org.contacts.list({ page: 1, page_size: 10 })).data?.contacts?.map((c) => c.id)).toEqual([own.id, orgContact.id]);
    expect(await sim(app, key).tenant()).toMatchObject({ totals: { contacts: 2 } });
  });
});
