import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';
import { aBody, aChannelTemplate, aTemplate } from '../../support/template-builders.js';

const DAY = 24 * 3600;

function setup() {
  const { app } = testApp();
  const c = client(app);
  const control = sim(app, c.key);
  const read = async (id: string) => (await c.get(`/v3/templates/${id}`)).body.data as Record<string, unknown>;
  /** The template as the control plane shows it, with what the wire hides. */
  const stored = async (id: string) => ((await control.tenant()).templates as Array<{ id: string; simulator: Record<string, unknown> }>).find((t) => t.id === id)!;
  const review = (id: string, body: object, key = c.key) => request(app).post(`/_sim/templates/${id}/review`).set('x-api-key', key).send(body);
  return { app, c, control, read, stored, review };
}

describe('review on the tenant clock', () => {
  it('a submitted template is PENDING, and APPROVED with is_published and a 16-digit WhatsApp id 24 h later', async () => {
    const { c, control, read, stored } = setup();
    const created = await c.post('/v3/templates', aTemplate({ submit_for_review: true }));
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ status: 'PENDING', is_published: false });
    const id = created.body.data.id;
    expect((await stored(id)).simulator).toMatchObject({ whatsapp_template_id: null, reason: null });
    expect((await control.tenant()).pending_jobs).toEqual([expect.objectContaining({ kind: 'template.review' })]);

    await control.advance(DAY - 1);
    expect(await read(id)).toMatchObject({ status: 'PENDING', is_published: false });
    const { fired } = await control.advance(1);
    expect(fired.map((f) => f.kind)).toEqual(['template.review']);
    const approved = await read(id);
    expect(approved).toMatchObject({ status: 'APPROVED', is_published: true, updated_at: expect.any(String) });
    expect((await stored(id)).simulator.whatsapp_template_id).toMatch(/^[1-9]\d{15}$/);
    expect((await control.tenant()).pending_jobs).toEqual([]);
  });

  it('submits a DRAFT through PUT, on the tenant’s template_review_seconds', async () => {
    const { c, control, read } = setup();
    expect((await control.patchTenant({ settings: { template_review_seconds: 600 } })).status).toBe(200);
    const t = (await c.post('/v3/templates', aTemplate())).body.data;
    await control.advance(DAY);
    expect(await read(t.id)).toMatchObject({ status: 'DRAFT' });
    const submitted = await c.put(`/v3/templates/${t.id}`, { submit_for_review: true });
    expect(submitted.body.data).toMatchObject({ id: t.id, status: 'PENDING' });
    await control.advance(599);
    expect((await read(t.id)).status).toBe('PENDING');
    await control.advance(1);
    expect(await read(t.id)).toMatchObject({ status: 'APPROVED', is_published: true });
  });

  it('approves an sms-only template on submission, with no job and no WhatsApp id', async () => {
    const { c, control, read, stored } = setup();
    const res = await c.post('/v3/templates', { ...aChannelTemplate('sms'), submit_for_review: true });
    expect(res.body.data).toMatchObject({ status: 'APPROVED', is_published: true, channels: ['sms'] });
    expect(await read(res.body.data.id)).toMatchObject({ status: 'APPROVED', is_published: true });
    expect((await stored(res.body.data.id)).simulator.whatsapp_template_id).toBeNull();
    expect((await control.tenant()).pending_jobs).toEqual([]);
  });

  it('reviews rcs-only and whatsapp-only templates on the clock', async () => {
    const { c, control, read } = setup();
    const rcs = (await c.post('/v3/templates', { ...aChannelTemplate('rcs'), submit_for_review: true })).body.data;
    const wa = (await c.post('/v3/templates', { ...aChannelTemplate('whatsapp'), submit_for_review: true })).body.data;
    expect([rcs.status, wa.status]).toEqual(['PENDING', 'PENDING']);
    await control.advance(DAY);
    expect([(await read(rcs.id)).status, (await read(wa.id)).status]).toEqual(['APPROVED', 'APPROVED']);
  });
});

describe('editing a reviewed template', () => {
  it('a new definition returns an APPROVED template to DRAFT; submitting it again is reviewed again and keeps Meta’s id', async () => {
    const { c, control, read, stored } = setup();
    const t = (await c.post('/v3/templates', aTemplate({ submit_for_review: true }))).body.data;
    await control.advance(DAY);
    const metaId = (await stored(t.id)).simulator.whatsapp_template_id;

    const renamed = await c.put(`/v3/templates/${t.id}`, { name: 'Welcome', category: 'MARKETING', definition: aTemplate().definition });
    expect(renamed.body.data).toMatchObject({ name: 'Welcome', category: 'MARKETING', status: 'APPROVED', is_published: true });

    const edited = await c.put(`/v3/templates/${t.id}`, { definition: { body: { multiChannel: aBody('Hi {{0:variable}}, welcome back', 'name') } } });
    expect(edited.body.data).toMatchObject({ id: t.id, status: 'DRAFT', is_published: false, variables: ['name'] });
    expect(await read(t.id)).toMatchObject({ status: 'DRAFT', is_published: false });

    const resubmitted = await c.put(`/v3/templates/${t.id}`, { definition: { body: { multiChannel: aBody('Hi {{0:variable}}!', 'name') } }, submit_for_review: true });
    expect(resubmitted.body.data).toMatchObject({ id: t.id, status: 'PENDING' });
    await control.advance(DAY);
    expect(await read(t.id)).toMatchObject({ status: 'APPROVED', is_published: true });
    expect((await stored(t.id)).simulator.whatsapp_template_id).toBe(metaId);
  });

  it('a new definition withdraws a PENDING review: the template stays DRAFT when the review would have been due', async () => {
    const { c, control, read } = setup();
    const t = (await c.post('/v3/templates', aTemplate({ submit_for_review: true }))).body.data;
    await c.put(`/v3/templates/${t.id}`, { definition: { body: { whatsapp: aBody('Changed text') } } });
    await control.advance(DAY);
    expect(await read(t.id)).toMatchObject({ status: 'DRAFT', is_published: false });
  });

  it('submit_for_review on a PENDING or APPROVED template with the same definition changes nothing about its review', async () => {
    const { c, control, read } = setup();
    const t = (await c.post('/v3/templates', aTemplate({ submit_for_review: true }))).body.data;
    await control.advance(DAY / 2);
    expect((await c.put(`/v3/templates/${t.id}`, { submit_for_review: true, definition: aTemplate().definition })).body.data.status).toBe('PENDING');
    await control.advance(DAY / 2);
    expect((await read(t.id)).status).toBe('APPROVED');
    expect((await c.put(`/v3/templates/${t.id}`, { submit_for_review: true })).body.data.status).toBe('APPROVED');
    expect((await control.tenant()).pending_jobs).toEqual([]);
  });

  it('a resubmission whose review is due sooner than a withdrawn one is decided on time; one due later waits for its own time', async () => {
    const { c, control, read } = setup();
    const t = (await c.post('/v3/templates', aTemplate({ submit_for_review: true }))).body.data;
    await c.put(`/v3/templates/${t.id}`, { definition: { body: { whatsapp: aBody('Version two') } } });
    await control.patchTenant({ settings: { template_review_seconds: 60 } });
    await c.put(`/v3/templates/${t.id}`, { submit_for_review: true });
    await control.advance(60);
    expect((await read(t.id)).status).toBe('APPROVED');

    const later = (await c.post('/v3/templates', aTemplate({ submit_for_review: true }))).body.data;
    await c.put(`/v3/templates/${later.id}`, { definition: { body: { whatsapp: aBody('Version two') } } });
    await control.patchTenant({ settings: { template_review_seconds: 3600 } });
    await c.put(`/v3/templates/${later.id}`, { submit_for_review: true });
    await control.advance(60);
    expect((await read(later.id)).status).toBe('PENDING');
    await control.advance(3540);
    expect((await read(later.id)).status).toBe('APPROVED');
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
  it('rejects a PENDING template at once with the reason; resubmitting keeps its id and is reviewed again', async () => {
    const { c, control, read, stored, review } = setup();
    const t = (await c.post('/v3/templates', aTemplate({ submit_for_review: true }))).body.data;
    const res = await review(t.id, { outcome: 'rejected', reason: 'Variables at the start of the body' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: t.id, status: 'REJECTED', is_published: false, simulator: { reason: 'Variables at the start of the body', whatsapp_template_id: null } });
    expect(await read(t.id)).toMatchObject({ status: 'REJECTED', is_published: false });
    // The review job that was pending decides nothing any more.
    await control.advance(DAY);
    expect((await read(t.id)).status).toBe('REJECTED');

    const resubmitted = await c.put(`/v3/templates/${t.id}`, { submit_for_review: true });
    expect(resubmitted.body.data).toMatchObject({ id: t.id, status: 'PENDING' });
    expect((await stored(t.id)).simulator.reason).toBeNull();
    await control.advance(DAY);
    expect(await read(t.id)).toMatchObject({ status: 'APPROVED', is_published: true });
  });

  it('approves at once, and a rejection without a reason gets the default one', async () => {
    const { c, read, review } = setup();
    const a = (await c.post('/v3/templates', aTemplate({ submit_for_review: true }))).body.data;
    const approved = await review(a.id, { outcome: 'approved' });
    expect(approved.body).toMatchObject({ status: 'APPROVED', is_published: true, simulator: { reason: null, whatsapp_template_id: expect.stringMatching(/^\d{16}$/) } });
    expect((await read(a.id)).status).toBe('APPROVED');
    const b = (await c.post('/v3/templates', aTemplate({ submit_for_review: true }))).body.data;
    const rejected = await review(b.id.toUpperCase(), { outcome: 'rejected' });
    expect(rejected.body.simulator.reason).toBe(MESSAGES.templateRejectedDefault);
  });

  it('answers 409 for a template that is not PENDING, 404 for an unknown one, 400 for a bad id or body — changing nothing', async () => {
    const { c, read, review } = setup();
    const draft = (await c.post('/v3/templates', aTemplate())).body.data;
    const notPending = await review(draft.id, { outcome: 'approved' });
    expect(notPending.status).toBe(409);
    expect(notPending.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(notPending.body.detail).toBe(MESSAGES.templateNotPending('DRAFT'));
    expect(await read(draft.id)).toEqual(draft);

    const pending = (await c.post('/v3/templates', aTemplate({ submit_for_review: true }))).body.data;
    expect((await review('7ba7b820-9dad-11d1-80b4-00c04fd430c8', { outcome: 'approved' })).status).toBe(404);
    const badId = await review('nope', { outcome: 'approved' });
    expect(badId.status).toBe(400);
    expect(badId.body.detail).toBe(MESSAGES.invalidTemplateId);
    const badBody = await review(pending.id, { outcome: 'maybe' });
    expect(badBody.status).toBe(400);
    expect(Object.keys(badBody.body.errors)).toEqual(['outcome']);
    expect((await review(pending.id, {})).status).toBe(400);
    expect(await read(pending.id)).toEqual(pending);
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
