/**
 * Issue 25 rows 9 and 10: what an `Idempotency-Key` is scoped to (docs/decisions/0007). A key
 * first used on another operation used to run the second operation on every retry (three sends,
 * three messages); a profile key could replay the organization's webhook create and read its
 * signing secret. Now each operation caches its own answer for the key, and the account (the
 * organization, or the profile a key acts as) is part of the key.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { client, tenantKey, testApp } from '../support/app.js';
import { aProfile } from '../support/builders.js';
import { sim } from '../support/sim.js';
import { aWebhook } from '../support/webhooks.js';

const { app } = testApp();
const send = { to: ['+14155550100'], channel: ['sms'], text: 'Your code is 123456' };

describe('Idempotency-Key scope (issue 25 rows 9 and 10)', () => {
  it('caches an operation’s answer under a key first used on another operation: three sends make one message (issue 25 row 9)', async () => {
    const key = tenantKey();
    const post = (path: string, body: object) => request(app).post(path).set('x-api-key', key).set('idempotency-key', 'shared-key-1').send(body);
    const contact = await post('/v3/contacts', { phone_number: '+14155550123' });
    expect(contact.status).toBe(201);

    const sends = [await post('/v3/messages', send), await post('/v3/messages', send), await post('/v3/messages', send)];
    expect(sends.map((r) => r.status)).toEqual([202, 202, 202]);
    expect(sends[0]!.headers['x-sim-warning']).toBe('idempotency-key-reused-on-another-operation');
    expect(sends.map((r) => r.headers['idempotent-replayed'])).toEqual([undefined, 'true', 'true']);
    expect(sends[1]!.body.data).toEqual(sends[0]!.body.data);
    expect(sends[2]!.headers['x-original-request-id']).toBe(sends[0]!.headers['x-request-id']);

    // The API lists no messages: the tenant's export holds every one stored.
    const messages = (await sim(app, key).export()).collections.messages!;
    expect(messages.map((m) => m.id)).toEqual(sends[0]!.body.data.recipients.map((r: { message_id: string }) => r.message_id));
    // The first operation's answer is still its own: the contact create replays the contact.
    const again = await post('/v3/contacts', { phone_number: '+14155550123' });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.data.id).toBe(contact.body.data.id);
  });

  it('never replays one account’s answer to another: a profile key cannot see the organization’s webhook secret (issue 25 row 10)', async () => {
    const owner = tenantKey();
    const profile = (await client(app, owner).post('/v3/profiles', aProfile())).body.data as { id: string };
    const profileKey = await sim(app, owner).keyFor('admin', profile.id);
    const hook = aWebhook('http://127.0.0.1:9/hook');
    const create = (key: string, headers: Record<string, string> = {}) =>
      request(app).post('/v3/webhooks').set('x-api-key', key).set('idempotency-key', 'webhook-create-1').set(headers).send(hook);

    const org = await create(owner);
    expect(org.status).toBe(201);
    const orgSecret = org.body.data.signing_secret as string;
    expect(orgSecret).toMatch(/^whsec_/);

    const mine = await create(profileKey);
    expect(mine.status).toBe(201);
    expect(mine.headers['idempotent-replayed']).toBeUndefined();
    expect(mine.body.data.id).not.toBe(org.body.data.id);
    expect(mine.text).not.toContain(orgSecret);

    // The same account by the other road (an organization key acting for the profile) replays the profile's own answer.
    const scoped = await create(owner, { 'x-profile-id': profile.id });
    expect(scoped.headers['idempotent-replayed']).toBe('true');
    expect(scoped.body.data.id).toBe(mine.body.data.id);
    // And the organization's retry still replays its own.
    const orgRetry = await create(owner);
    expect(orgRetry.headers['idempotent-replayed']).toBe('true');
    expect(orgRetry.body.data.id).toBe(org.body.data.id);

    const listed = (await client(app, owner).get('/v3/webhooks?page=1&page_size=100')).body.data.webhooks as Array<{ id: string }>;
    expect(listed.map((w) => w.id)).toEqual([org.body.data.id]);
    const profileListed = (await client(app, profileKey).get('/v3/webhooks?page=1&page_size=100')).body.data.webhooks as Array<{ id: string }>;
    expect(profileListed.map((w) => w.id)).toEqual([mine.body.data.id]);
  });
});
