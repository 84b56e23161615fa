import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { client, testApp } from '../../support/app.js';
import { startReceiver } from '../../support/receiver.js';
import { sim } from '../../support/sim.js';
import { aTemplate } from '../../support/template-builders.js';
import { aWebhook, verified } from '../../support/webhooks.js';

/**
 * The `templates` events of per-leg review (docs/decisions/0049), as a receiver gets them:
 * signed (standardwebhooks verifies each), one per leg with its `channel`, a template-wide
 * verdict without one. A template's events share its order key, so once a control-plane verdict
 * (or a clock advance) answers, every earlier event of the template has been delivered too.
 */
async function setup() {
  const { app } = testApp();
  const c = client(app);
  const receiver = await startReceiver();
  const webhook = (await c.post('/v3/webhooks', aWebhook(receiver.url, { event_types: ['templates'] }))).body.data as { signing_secret: string };
  const review = (id: string, body: object) => request(app).post(`/_sim/templates/${id}/review`).set('x-api-key', c.key).send(body);
  /** Every body received, verified with the webhook's secret. */
  const bodies = () => receiver.received.map((r) => verified(webhook.signing_secret, r) as { field: string; payload: Record<string, unknown> } & Record<string, unknown>);
  return { app, c, control: sim(app, c.key), receiver, review, bodies };
}

describe('template events per leg', () => {
  it('signs one event per leg on submission (sms APPROVED, whatsapp PENDING, rcs APPROVED), then the whatsapp verdict, each naming the call that caused it', async () => {
    const { c, receiver, review, bodies } = await setup();
    try {
      const create = await c.post('/v3/templates', aTemplate({ category: 'MARKETING', language: 'es_MX', submit_for_review: true }));
      const t = create.body.data;
      const verdict = await review(t.id, { outcome: 'APPROVED' });
      expect(verdict.status).toBe(200);
      expect(receiver.received.map((r) => r.headers['x-webhook-event-type'])).toEqual(['templates', 'templates', 'templates', 'templates']);
      const received = bodies();
      const metaId = received[0]!.payload.whatsapp_template_id;
      expect(metaId).toMatch(/^[1-9]\d{15}$/);
      const payload = (channel: string, status: string) => ({
        status,
        whatsapp_template_id: metaId,
        account_id: t.customer_id,
        category: 'MARKETING',
        channel,
        language: 'es_MX',
        reason: null,
        template_id: t.id,
        template_name: t.name,
      });
      // The submission's events carry the create's request id (its meta.request_id), the verdict the review call's.
      const submitted = create.body.meta.request_id as string;
      expect(create.headers['x-request-id']).toBe(submitted);
      expect(received).toEqual(
        [payload('sms', 'APPROVED'), payload('whatsapp', 'PENDING'), payload('rcs', 'APPROVED'), payload('whatsapp', 'APPROVED')].map((p, i) => ({
          field: 'templates',
          timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
          request_id: i < 3 ? submitted : verdict.headers['x-request-id'],
          payload: p,
        })),
      );
      // An ordinary template's events carry no auto_reply_action, and no `event` key.
      for (const body of received) {
        expect(body).not.toHaveProperty('event');
        expect(body.payload).not.toHaveProperty('auto_reply_action');
      }
    } finally {
      await receiver.close();
    }
  });

  it('reports the clock’s verdict on the whatsapp leg, and a rejection’s reason', async () => {
    const { c, control, receiver, review, bodies } = await setup();
    try {
      const a = (await c.post('/v3/templates', aTemplate({ submit_for_review: true }))).body.data;
      await control.advance(24 * 3600);
      const b = (await c.post('/v3/templates', aTemplate({ submit_for_review: true }))).body.data;
      await review(b.id, { outcome: 'REJECTED', reason: 'Too promotional' });
      const last = (id: string) => bodies().filter((e) => e.payload.template_id === id).at(-1)!.payload;
      expect(last(a.id)).toMatchObject({ channel: 'whatsapp', status: 'APPROVED', reason: null });
      expect(last(b.id)).toMatchObject({ channel: 'whatsapp', status: 'REJECTED', reason: 'Too promotional' });
    } finally {
      await receiver.close();
    }
  });

  it('signs a template-wide verdict as one event without channel', async () => {
    const { c, receiver, review, bodies } = await setup();
    try {
      const t = (await c.post('/v3/templates', aTemplate({ submit_for_review: true }))).body.data;
      await review(t.id, { outcome: 'REJECTED', scope: 'template', reason: 'Policy violation' });
      const received = bodies();
      expect(received.map((b) => [b.payload.channel ?? null, b.payload.status])).toEqual([
        ['sms', 'APPROVED'],
        ['whatsapp', 'PENDING'],
        ['rcs', 'APPROVED'],
        [null, 'REJECTED'],
      ]);
      expect(received[3]!.payload).not.toHaveProperty('channel');
      expect(received[3]!.payload).toMatchObject({ template_id: t.id, reason: 'Policy violation' });
    } finally {
      await receiver.close();
    }
  });

  it('template-review-paused: the whatsapp leg is approved, then paused, at the review’s due time', async () => {
    const { c, control, receiver, bodies } = await setup();
    try {
      const t = (await c.post('/v3/templates', aTemplate({ submit_for_review: true })).set('x-sim-scenario', 'template-review-paused')).body.data;
      expect(t.status).toBe('PENDING');
      await control.advance(24 * 3600);
      expect((await c.get(`/v3/templates/${t.id}`)).body.data.status).toBe('PAUSED');
      expect(bodies().map((b) => [b.payload.channel, b.payload.status])).toEqual([
        ['sms', 'APPROVED'],
        ['whatsapp', 'PENDING'],
        ['rcs', 'APPROVED'],
        ['whatsapp', 'APPROVED'],
        ['whatsapp', 'PAUSED'],
      ]);
    } finally {
      await receiver.close();
    }
  });
});
