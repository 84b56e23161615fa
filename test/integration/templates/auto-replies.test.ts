import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { seedDemoTenant } from '../../../src/store/demo.js';
import { DEMO_KEYS } from '../../../src/store/tenants.js';
import { aProfile } from '../../support/builders.js';
import { client, testApp } from '../../support/app.js';
import { startReceiver } from '../../support/receiver.js';
import { sim } from '../../support/sim.js';
import { aTemplate } from '../../support/template-builders.js';
import { aWebhook, verified } from '../../support/webhooks.js';

/** Sent's compliance auto-replies (docs/decisions/0051): provisioned on the control plane, seeded in the demo. */
function setup() {
  const { app } = testApp();
  const c = client(app);
  const provision = (body: object = {}) => request(app).post('/_sim/templates/auto-replies').set('x-api-key', c.key).send(body);
  const review = (id: string, body: object) => request(app).post(`/_sim/templates/${id}/review`).set('x-api-key', c.key).send(body);
  return { app, c, control: sim(app, c.key), provision, review };
}

describe('POST /_sim/templates/auto-replies', () => {
  it('submits the three compliance auto-replies, which read with their auto_reply_action; ordinary templates have none', async () => {
    const { c, control, provision } = setup();
    const res = await provision();
    expect(res.status).toBe(201);
    const orgId = (await control.tenant()).organization_id;
    const made = res.body.templates as Array<{ id: string; name: string; auto_reply_action: string; customer_id: string; status: string }>;
    expect(made.map((t) => [t.name, t.auto_reply_action, t.customer_id, t.status])).toEqual([
      ['sent_opt_in', 'OPT_IN', orgId, 'PENDING'],
      ['sent_opt_out', 'OPT_OUT', orgId, 'PENDING'],
      ['sent_help', 'HELP', orgId, 'PENDING'],
    ]);
    for (const t of made) expect((await c.get(`/v3/templates/${t.id}`)).body.data).toMatchObject({ id: t.id, auto_reply_action: t.auto_reply_action, channels: ['sms', 'whatsapp', 'rcs'] });
    const ordinary = (await c.post('/v3/templates', aTemplate())).body.data;
    expect(ordinary).not.toHaveProperty('auto_reply_action');
    expect((await c.get(`/v3/templates/${ordinary.id}`)).body.data).not.toHaveProperty('auto_reply_action');

    const again = await provision();
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe(MESSAGES.autoRepliesExist);
    expect((await c.get('/v3/templates?page=1&page_size=10')).body.data.templates).toHaveLength(4);
  });

  it('their events carry auto_reply_action, signed like every other', async () => {
    const { c, provision, review } = setup();
    const receiver = await startReceiver();
    try {
      const webhook = (await c.post('/v3/webhooks', aWebhook(receiver.url, { event_types: ['templates'] }))).body.data;
      const [optOut] = ((await provision()).body.templates as Array<{ id: string }>).slice(1);
      await review(optOut!.id, { outcome: 'APPROVED' });
      const mine = receiver.received.map((r) => verified(webhook.signing_secret, r) as { payload: Record<string, unknown> }).filter((b) => b.payload.template_id === optOut!.id);
      expect(mine.map((b) => [b.payload.channel, b.payload.status, b.payload.auto_reply_action, b.payload.template_name])).toEqual([
        ['sms', 'APPROVED', 'OPT_OUT', 'sent_opt_out'],
        ['whatsapp', 'PENDING', 'OPT_OUT', 'sent_opt_out'],
        ['rcs', 'APPROVED', 'OPT_OUT', 'sent_opt_out'],
        ['whatsapp', 'APPROVED', 'OPT_OUT', 'sent_opt_out'],
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('makes a profile’s own with account_id, and refuses an unknown account', async () => {
    const { c, provision } = setup();
    const profile = (await c.post('/v3/profiles', aProfile())).body.data;
    const res = await provision({ account_id: profile.id });
    expect(res.status).toBe(201);
    expect(res.body.templates.map((t: { customer_id: string }) => t.customer_id)).toEqual([profile.id, profile.id, profile.id]);
    expect((await c.get('/v3/templates?page=1&page_size=10').set('x-profile-id', profile.id)).body.data.templates).toHaveLength(3);
    const unknown = await provision({ account_id: '7ba7b820-9dad-11d1-80b4-00c04fd430c8' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual({ account_id: [MESSAGES.inboundAccountUnknown] });
  });

  it('are read-only (the sent_ prefix): every field refused, delete too; only submit_for_review passes', async () => {
    const { c, provision, review } = setup();
    const [optIn] = (await provision()).body.templates as Array<{ id: string; name: string }>;
    await review(optIn!.id, { outcome: 'APPROVED' });
    const before = (await c.get(`/v3/templates/${optIn!.id}`)).body.data;
    for (const body of [{ name: 'My opt-in' }, { category: 'MARKETING' }, { definition: aTemplate().definition }]) {
      const res = await c.put(`/v3/templates/${optIn!.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_001', message: MESSAGES.templateSentReadOnly, details: { [Object.keys(body)[0]!]: [MESSAGES.templateSentReadOnly] } });
    }
    const deleted = await c.delete(`/v3/templates/${optIn!.id}`);
    expect(deleted.status).toBe(400);
    expect(deleted.body.error.message).toBe(MESSAGES.templateSentReadOnly);
    expect((await c.get(`/v3/templates/${optIn!.id}`)).body.data).toEqual(before);
    // Even its own name is refused (a name in the sent_ prefix is), so a resubmission sends none.
    expect((await c.put(`/v3/templates/${optIn!.id}`, { submit_for_review: true, name: optIn!.name })).status).toBe(400);
    const resubmitted = await c.put(`/v3/templates/${optIn!.id}`, { submit_for_review: true });
    expect(resubmitted.status).toBe(200);
    expect((await c.get(`/v3/templates/${optIn!.id}`)).body.data).toMatchObject({ status: 'PENDING', name: 'sent_opt_in' });
  });
});

describe('the demo tenant', () => {
  it('holds the three auto-replies, approved, and gets them back on reset', async () => {
    const { app, deps } = testApp();
    seedDemoTenant(deps);
    const demo = client(app, DEMO_KEYS.admin);
    const list = async () => (await demo.get('/v3/templates?page=1&page_size=20')).body.data.templates as Array<Record<string, unknown>>;
    const seeded = await list();
    expect(seeded.map((t) => [t.name, t.auto_reply_action, t.status, t.is_published]).sort()).toEqual([
      ['sent_help', 'HELP', 'APPROVED', true],
      ['sent_opt_in', 'OPT_IN', 'APPROVED', true],
      ['sent_opt_out', 'OPT_OUT', 'APPROVED', true],
    ]);
    await demo.post('/v3/templates', aTemplate());
    expect((await sim(app, DEMO_KEYS.admin).reset()).status).toBe(200);
    // The same records, ids included; only the times are new.
    const untimed = (v: unknown) => JSON.parse(JSON.stringify(v), (k, x: unknown) => (/_at$/.test(k) ? '<time>' : x));
    expect(untimed(await list())).toEqual(untimed(seeded));
  });
});
