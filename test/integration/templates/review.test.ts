import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';
import { aPairTemplate, aTemplate } from '../../support/template-builders.js';

const DAY = 24 * 3600;

function setup() {
  const { app } = testApp();
  const c = client(app);
  const control = sim(app, c.key);
  const read = async (id: string) => (await c.get(`/v3/templates/${id}`)).body.data as Record<string, unknown>;
  /** The template as the control plane shows it, with what the wire hides (its legs among it). */
  const stored = async (id: string) =>
    ((await control.tenant()).templates as Array<{ id: string; simulator: Record<string, unknown> & { legs: Record<string, { status: string; reason: string | null }> | null } }>).find(
      (t) => t.id === id,
    )!.simulator;
  const legs = async (id: string) => Object.fromEntries(Object.entries((await stored(id)).legs ?? {}).map(([ch, leg]) => [ch, leg.status]));
  const review = (id: string, body: object, key = c.key) => request(app).post(`/_sim/templates/${id}/review`).set('x-api-key', key).send(body);
  return { app, c, control, read, stored, legs, review };
}

describe('review per channel leg, on the tenant clock', () => {
  it('approves the sms and rcs legs on submission, holds the whatsapp leg PENDING, and approves it 24 h later', async () => {
    const { c, control, read, stored, legs } = setup();
    const created = await c.post('/v3/templates', aTemplate({ submit_for_review: true }));
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ status: 'PENDING', is_published: false, channels: ['sms', 'whatsapp', 'rcs'] });
    const id = created.body.data.id;
    expect(await legs(id)).toEqual({ sms: 'APPROVED', whatsapp: 'PENDING', rcs: 'APPROVED' });
    // Meta's id comes with the submission (Sent's TemplateEventPayload doc), and stays.
    const metaId = (await stored(id)).whatsapp_template_id;
    expect(metaId).toMatch(/^[1-9]\d{15}$/);
    expect((await control.tenant()).pending_jobs).toEqual([expect.objectContaining({ kind: 'template.review' })]);

    await control.advance(DAY - 1);
    expect(await read(id)).toMatchObject({ status: 'PENDING', is_published: false });
    const { fired } = await control.advance(1);
    expect(fired.map((f) => f.kind)).toEqual(['template.review']);
    expect(await read(id)).toMatchObject({ status: 'APPROVED', is_published: true, updated_at: expect.any(String) });
    expect(await legs(id)).toEqual({ sms: 'APPROVED', whatsapp: 'APPROVED', rcs: 'APPROVED' });
    expect((await stored(id)).whatsapp_template_id).toBe(metaId);
    expect((await control.tenant()).pending_jobs).toEqual([]);
  });

  it('gives an sms and whatsapp pair an rcs leg too (RCS falls back to the sms body)', async () => {
    const { c, legs } = setup();
    const t = (await c.post('/v3/templates', { ...aPairTemplate(), submit_for_review: true })).body.data;
    expect(t).toMatchObject({ status: 'PENDING', channels: ['sms', 'whatsapp', 'rcs'] });
    expect(await legs(t.id)).toEqual({ sms: 'APPROVED', whatsapp: 'PENDING', rcs: 'APPROVED' });
  });

  it('submits a DRAFT through PUT, on the tenant’s template_review_seconds', async () => {
    const { c, control, read, legs } = setup();
    expect((await control.patchTenant({ settings: { template_review_seconds: 600 } })).status).toBe(200);
    const t = (await c.post('/v3/templates', aTemplate())).body.data;
    expect(await legs(t.id)).toEqual({});
    await control.advance(DAY);
    expect(await read(t.id)).toMatchObject({ status: 'DRAFT' });
    const submitted = await c.put(`/v3/templates/${t.id}`, { submit_for_review: true });
    expect(submitted.body.data).toMatchObject({ id: t.id, status: 'PENDING' });
    await control.advance(599);
    expect((await read(t.id)).status).toBe('PENDING');
    await control.advance(1);
    expect(await read(t.id)).toMatchObject({ status: 'APPROVED', is_published: true });
  });

  it('with template_review_seconds 0, decides the whatsapp leg on submission and schedules nothing', async () => {
    const { c, control, legs } = setup();
    await control.patchTenant({ settings: { template_review_seconds: 0 } });
    const t = (await c.post('/v3/templates', aTemplate({ submit_for_review: true }))).body.data;
    expect(t).toMatchObject({ status: 'APPROVED', is_published: true });
    expect(await legs(t.id)).toEqual({ sms: 'APPROVED', whatsapp: 'APPROVED', rcs: 'APPROVED' });
    expect((await control.tenant()).pending_jobs).toEqual([]);
  });

  it('a PENDING template deleted before its review leaves nothing behind when the review falls due', async () => {
    const { c, control } = setup();
    const t = (await c.post('/v3/templates', aTemplate({ submit_for_review: true }))).body.data;
    expect((await c.delete(`/v3/templates/${t.id}`)).status).toBe(204);
    const { fired } = await control.advance(DAY);
    expect(fired.map((f) => f.kind)).toEqual(['template.review']);
    expect((await c.get(`/v3/templates/${t.id}`)).status).toBe(404);
    expect((await control.tenant()).totals.templates).toBe(0);
  });
});

describe('POST /_sim/templates/{id}/review', () => {
  it('rejects the whatsapp leg at once with the reason, leaving sms and rcs approved; resubmitting keeps the id and is reviewed again', async () => {
    const { c, control, read, stored, legs, review } = setup();
    const t = (await c.post('/v3/templates', aTemplate({ submit_for_review: true }))).body.data;
    const res = await review(t.id, { outcome: 'REJECTED', reason: 'Variables at the start of the body' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: t.id, status: 'REJECTED', is_published: false, simulator: { reason: 'Variables at the start of the body' } });
    expect(await read(t.id)).toMatchObject({ status: 'REJECTED', is_published: false });
    expect(await legs(t.id)).toEqual({ sms: 'APPROVED', whatsapp: 'REJECTED', rcs: 'APPROVED' });
    // The review job that was pending decides nothing any more.
    await control.advance(DAY);
    expect((await read(t.id)).status).toBe('REJECTED');

    const resubmitted = await c.put(`/v3/templates/${t.id}`, { submit_for_review: true });
    expect(resubmitted.body.data).toMatchObject({ id: t.id, status: 'PENDING' });
    expect((await stored(t.id)).reason).toBeNull();
    await control.advance(DAY);
    expect(await read(t.id)).toMatchObject({ status: 'APPROVED', is_published: true });
  });

  it('takes the first control’s lower-case outcomes; a rejection without a reason gets the default one', async () => {
    const { c, read, review } = setup();
    const a = (await c.post('/v3/templates', aTemplate({ submit_for_review: true }))).body.data;
    const approved = await review(a.id, { outcome: 'approved' });
    expect(approved.body).toMatchObject({ status: 'APPROVED', is_published: true, simulator: { reason: null, whatsapp_template_id: expect.stringMatching(/^\d{16}$/) } });
    expect((await read(a.id)).status).toBe('APPROVED');
    const b = (await c.post('/v3/templates', aTemplate({ submit_for_review: true }))).body.data;
    const rejected = await review(b.id.toUpperCase(), { outcome: 'rejected' });
    expect(rejected.body.simulator.reason).toBe(MESSAGES.templateVerdictReason.REJECTED);
  });

  it('rejects the whole template: every leg REJECTED, the status too', async () => {
    const { c, read, legs, review } = setup();
    const t = (await c.post('/v3/templates', aTemplate({ submit_for_review: true }))).body.data;
    const res = await review(t.id, { outcome: 'REJECTED', scope: 'template', reason: 'Policy violation' });
    expect(res.status).toBe(200);
    expect(await legs(t.id)).toEqual({ sms: 'REJECTED', whatsapp: 'REJECTED', rcs: 'REJECTED' });
    expect(await read(t.id)).toMatchObject({ status: 'REJECTED', is_published: false });
  });

  it('pauses, disables and revokes an APPROVED leg or template, and approves it again to reinstate it', async () => {
    const { c, read, legs, review } = setup();
    const t = (await c.post('/v3/templates', aTemplate({ submit_for_review: true }))).body.data;
    await review(t.id, { outcome: 'APPROVED' });
    expect((await review(t.id, { outcome: 'PAUSED' })).body).toMatchObject({ status: 'PAUSED', is_published: false, simulator: { reason: MESSAGES.templateVerdictReason.PAUSED } });
    expect(await legs(t.id)).toEqual({ sms: 'APPROVED', whatsapp: 'PAUSED', rcs: 'APPROVED' });
    expect((await review(t.id, { outcome: 'DISABLED', reason: 'Paused three times' })).body).toMatchObject({ status: 'DISABLED', simulator: { reason: 'Paused three times' } });
    expect((await review(t.id, { outcome: 'REVOKED', scope: 'template' })).status).toBe(200);
    expect(await legs(t.id)).toEqual({ sms: 'REVOKED', whatsapp: 'REVOKED', rcs: 'REVOKED' });
    expect(await read(t.id)).toMatchObject({ status: 'REVOKED', is_published: false });
    expect((await review(t.id, { outcome: 'APPROVED', scope: 'template' })).body).toMatchObject({ status: 'APPROVED', is_published: true, simulator: { reason: null } });
    expect((await review(t.id, { outcome: 'PAUSED', scope: 'sms' })).body.status).toBe('APPROVED');
    expect(await legs(t.id)).toEqual({ sms: 'PAUSED', whatsapp: 'APPROVED', rcs: 'APPROVED' });
  });

  it('answers 409 for a verdict that may not follow (with the reason), 404 for an unknown template, 400 for a bad id or body — changing nothing', async () => {
    const { c, read, legs, review } = setup();
    const draft = (await c.post('/v3/templates', aTemplate())).body.data;
    const notSubmitted = await review(draft.id, { outcome: 'APPROVED' });
    expect(notSubmitted.status).toBe(409);
    expect(notSubmitted.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(notSubmitted.body.detail).toBe(MESSAGES.templateNotSubmitted);
    expect(await read(draft.id)).toEqual(draft);

    const pending = (await c.post('/v3/templates', aTemplate({ submit_for_review: true }))).body.data;
    const pauseWhilePending = await review(pending.id, { outcome: 'PAUSED' });
    expect(pauseWhilePending.status).toBe(409);
    expect(pauseWhilePending.body.detail).toBe(MESSAGES.templateVerdictNotAllowed('PAUSED', 'PENDING', 'the whatsapp leg'));
    const rejectApprovedSms = await review(pending.id, { outcome: 'REJECTED', scope: 'sms' });
    expect(rejectApprovedSms.status).toBe(409);
    expect(rejectApprovedSms.body.detail).toBe(MESSAGES.templateVerdictNotAllowed('REJECTED', 'APPROVED', 'the sms leg'));
    expect((await review('7ba7b820-9dad-11d1-80b4-00c04fd430c8', { outcome: 'APPROVED' })).status).toBe(404);
    const badId = await review('nope', { outcome: 'approved' });
    expect(badId.status).toBe(400);
    expect(badId.body.detail).toBe(MESSAGES.invalidTemplateId);
    for (const body of [{ outcome: 'maybe' }, {}, { outcome: 'APPROVED', scope: 'mms' }]) {
      const bad = await review(pending.id, body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
    }
    expect(Object.keys((await review(pending.id, { outcome: 'maybe' })).body.errors)).toEqual(['outcome']);
    expect(await read(pending.id)).toEqual(pending);
    expect(await legs(pending.id)).toEqual({ sms: 'APPROVED', whatsapp: 'PENDING', rcs: 'APPROVED' });
  });

  it('is refused to developer and profile keys (the control plane’s roles)', async () => {
    const { c, control, read, review } = setup();
    const t = (await c.post('/v3/templates', aTemplate({ submit_for_review: true }))).body.data;
    const developer = await control.keyFor('developer');
    expect((await review(t.id, { outcome: 'approved' }, developer)).status).toBe(403);
    const profile = (await c.post('/v3/profiles', { name: 'P' })).body.data;
    const profileKey = await control.keyFor('admin', profile.id);
    expect((await review(t.id, { outcome: 'approved' }, profileKey)).status).toBe(403);
    expect((await read(t.id)).status).toBe('PENDING');
  });
});
