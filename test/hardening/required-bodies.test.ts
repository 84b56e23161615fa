/**
 * Issue 25 row 11: `PUT /v3/templates/{id}` and `PATCH /v3/contacts/{id}` without a body answered
 * `200`, though the spec requires one. Every operation whose spec says `requestBody.required`
 * now refuses an absent body with `400 VALIDATION_001` and changes nothing; `PATCH
 * /v3/profiles/{id}` keeps its documented empty update, and the spec says so (as do a message's
 * cancel and resend, whose only body field is `sandbox`).
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/errors/catalog.js';
import { loadSpec, specOperations } from '../../src/http/validation.js';
import { client, tenantKey, testApp } from '../support/app.js';
import { aProfile } from '../support/builders.js';
import { aTemplate } from '../support/template-builders.js';

const { app } = testApp();
const operations = specOperations(loadSpec());
const required = operations.filter((o) => o.bodyRequired);

describe('body-required operations (issue 25 row 11)', () => {
  it('are the spec’s: every write with a body but the profile update and the DELETEs', () => {
    expect(required.map((o) => o.operationId)).toContain('updateTemplate');
    expect(required.map((o) => o.operationId)).toContain('updateContact');
    const optional = operations.filter((o) => o.hasBody && !o.bodyRequired && o.method !== 'delete').map((o) => o.operationId);
    // A cancel and a resend take an optional body (`sandbox`), as the webhook secret rotation does.
    expect(optional).toEqual(['updateProfile', 'cancelMessage', 'resendMessage', 'rotateWebhookSecret']);
  });

  it.each(required.map((o) => [o.operationId, o] as const))('%s refuses a request without a body with 400 (issue 25 row 11)', async (_id, op) => {
    const path = op.path.replace(/\{\w+\}/g, () => randomUUID());
    const res = await request(app)[op.method as 'post'](path).set('x-api-key', tenantKey());
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', details: { body: [MESSAGES.bodyRequired] } });
  });

  it('refuses a template update and a contact update without a body, and changes neither (issue 25 row 11)', async () => {
    const c = client(app);
    const template = (await c.post('/v3/templates', aTemplate())).body.data as { id: string };
    const contact = (await c.post('/v3/contacts', { phone_number: '+14155550142' })).body.data as { id: string };
    const before = [(await c.get(`/v3/templates/${template.id}`)).body.data, (await c.get(`/v3/contacts/${contact.id}`)).body.data];
    for (const [method, path] of [['put', `/v3/templates/${template.id}`], ['patch', `/v3/contacts/${contact.id}`]] as const) {
      // Content-Length: 0 with a JSON type is no body either.
      const res = await request(app)[method](path).set('x-api-key', c.key).set('content-type', 'application/json').set('content-length', '0');
      expect(res.status, path).toBe(400);
      expect(res.body.error.details).toEqual({ body: [MESSAGES.bodyRequired] });
    }
    expect([(await c.get(`/v3/templates/${template.id}`)).body.data, (await c.get(`/v3/contacts/${contact.id}`)).body.data]).toEqual(before);
    // An empty JSON object is a body: the contact update answers as a (no-op) update.
    expect((await c.patch(`/v3/contacts/${contact.id}`, {})).status).toBe(200);
  });

  it('keeps PATCH /v3/profiles/{id} without a body as the documented empty update (issue 25 row 11)', async () => {
    const c = client(app);
    const profile = (await c.post('/v3/profiles', aProfile())).body.data as { id: string; name: string };
    const res = await request(app).patch(`/v3/profiles/${profile.id}`).set('x-api-key', c.key);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: profile.id, name: profile.name });
    expect(operations.find((o) => o.operationId === 'updateProfile')!.bodyRequired).toBe(false);
  });
});
