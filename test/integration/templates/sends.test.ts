import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';
import { aTemplate } from '../../support/template-builders.js';

/**
 * Sends gated per review leg (docs/decisions/0049): a message on a channel whose leg is not
 * APPROVED is BLOCKED (BUSINESS_005), whatever the other legs say. States reached through the
 * API and the control plane only.
 */
function setup() {
  const { app } = testApp();
  const c = client(app);
  const control = sim(app, c.key);
  const review = (id: string, body: object) => request(app).post(`/_sim/templates/${id}/review`).set('x-api-key', c.key).send(body);
  const submitted = async () => (await c.post('/v3/templates', aTemplate({ submit_for_review: true }))).body.data as { id: string };
  /** Sends the template on `channel`, runs the lifecycle, and answers the message's final status and last event. */
  const send = async (id: string, channel: string, to = '+14155550100') => {
    const res = await c.post('/v3/messages', { to: [to], channel: [channel], template: { id, parameters: { name: 'Ada', company: 'Acme' } } });
    expect(res.status).toBe(202);
    const messageId = res.body.data.recipients[0].message_id as string;
    await control.advance(10);
    const detail = (await c.get(`/v3/messages/${messageId}`)).body.data;
    return { status: detail.status as string, channel: detail.channel as string, description: detail.events.at(-1).description as string | null };
  };
  return { c, control, review, submitted, send };
}

const BLOCKED = { status: 'BLOCKED', description: MESSAGES.templateNotApproved };

describe('sending a template, leg by leg', () => {
  it('sends on sms and rcs at once after submission; blocks whatsapp until its leg is approved', async () => {
    const { review, submitted, send } = setup();
    const t = await submitted();
    expect(await send(t.id, 'sms')).toMatchObject({ status: 'DELIVERED' });
    expect(await send(t.id, 'rcs')).toMatchObject({ status: 'DELIVERED' });
    expect(await send(t.id, 'whatsapp')).toMatchObject(BLOCKED);
    await review(t.id, { outcome: 'APPROVED' });
    expect(await send(t.id, 'whatsapp')).toMatchObject({ status: 'DELIVERED' });
  });

  it('auto-detect takes sms while the whatsapp leg waits, whatsapp once it is approved', async () => {
    const { review, submitted, send } = setup();
    const t = await submitted();
    expect(await send(t.id, 'sent')).toMatchObject({ status: 'DELIVERED', channel: 'sms' });
    await review(t.id, { outcome: 'APPROVED' });
    expect(await send(t.id, 'sent', '+14155550101')).toMatchObject({ status: 'DELIVERED', channel: 'whatsapp' });
  });

  it('blocks whatsapp again while an APPROVED template is back in review, and a PAUSED leg', async () => {
    const { c, review, submitted, send } = setup();
    const t = await submitted();
    await review(t.id, { outcome: 'APPROVED' });
    expect((await c.put(`/v3/templates/${t.id}`, { submit_for_review: true })).body.data.status).toBe('PENDING');
    expect(await send(t.id, 'whatsapp')).toMatchObject(BLOCKED);
    expect(await send(t.id, 'sms')).toMatchObject({ status: 'DELIVERED' });
    await review(t.id, { outcome: 'APPROVED' });
    await review(t.id, { outcome: 'PAUSED' });
    expect(await send(t.id, 'whatsapp')).toMatchObject(BLOCKED);
    expect(await send(t.id, 'sms')).toMatchObject({ status: 'DELIVERED' });
  });

  it('blocks every channel after a template-wide rejection, and a DRAFT on every channel', async () => {
    const { c, review, submitted, send } = setup();
    const t = await submitted();
    await review(t.id, { outcome: 'REJECTED', scope: 'template' });
    for (const channel of ['sms', 'whatsapp', 'rcs']) expect(await send(t.id, channel), channel).toMatchObject(BLOCKED);
    const draft = (await c.post('/v3/templates', aTemplate())).body.data;
    expect(await send(draft.id, 'sms')).toMatchObject(BLOCKED);
  });
});
