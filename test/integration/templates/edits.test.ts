import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, MESSAGES } from '../../../src/errors/catalog.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';
import { aBody, aTemplate } from '../../support/template-builders.js';

/**
 * `PUT /v3/templates/{id}` by state, as Sent's update doc has it (docs/decisions/0050): each rule
 * followed by a GET (and the legs, on the control plane) proving what the template became.
 */
const DAY = 24 * 3600;
const NEW_BODY = { body: { multiChannel: aBody('Hi {{0:variable}}, your order has shipped today', 'name') } };

function setup() {
  const { app } = testApp();
  const c = client(app);
  const control = sim(app, c.key);
  const read = async (id: string) => (await c.get(`/v3/templates/${id}`)).body.data as Record<string, unknown>;
  const view = async (id: string) =>
    ((await control.tenant()).templates as Array<{ id: string; simulator: { definition: unknown; legs: Record<string, { status: string }> | null } }>).find((t) => t.id === id)!.simulator;
  const legs = async (id: string) => Object.fromEntries(Object.entries((await view(id)).legs ?? {}).map(([ch, leg]) => [ch, leg.status]));
  const review = (id: string, body: object) => request(app).post(`/_sim/templates/${id}/review`).set('x-api-key', c.key).send(body);
  const submitted = async () => (await c.post('/v3/templates', aTemplate({ submit_for_review: true }))).body.data as { id: string; name: string };
  return { c, control, read, view, legs, review, submitted };
}

describe('a PENDING template (a leg awaiting its verdict)', () => {
  it('refuses definition, category and language changes and a resubmission with 409 CONFLICT_006, changing nothing', async () => {
    const { c, read, view, legs, submitted } = setup();
    const t = await submitted();
    const before = await read(t.id);
    const definition = (await view(t.id)).definition;
    for (const [body, fields] of [
      [{ definition: NEW_BODY }, ['definition']],
      [{ category: 'MARKETING', language: 'es_MX' }, ['category', 'language']],
      [{ submit_for_review: true }, ['submit_for_review']],
      [{ name: 'Renamed too', definition: NEW_BODY, submit_for_review: true }, ['definition', 'submit_for_review']],
    ] as const) {
      const res = await c.put(`/v3/templates/${t.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(409);
      expect(res.body.error).toEqual({
        code: 'CONFLICT_006',
        message: MESSAGES.templateUnderReview,
        details: Object.fromEntries(fields.map((f) => [f, [MESSAGES.templateUnderReview]])),
        doc_url: expect.any(String),
      });
    }
    expect(ERROR_CATALOG.CONFLICT_006).toEqual({ status: 409, message: MESSAGES.templateUnderReview });
    expect(await read(t.id)).toEqual(before);
    expect((await view(t.id)).definition).toEqual(definition);
    expect(await legs(t.id)).toEqual({ sms: 'APPROVED', whatsapp: 'PENDING', rcs: 'APPROVED' });
  });

  it('still takes a rename, and the same category, language and definition it already has', async () => {
    const { c, read, submitted } = setup();
    const t = await submitted();
    const res = await c.put(`/v3/templates/${t.id}`, { name: 'Welcome', category: 'UTILITY', language: 'en_US', definition: aTemplate().definition });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ name: 'Welcome', status: 'PENDING' });
    expect(await read(t.id)).toMatchObject({ name: 'Welcome', status: 'PENDING', category: 'UTILITY' });
  });
});

describe('an APPROVED template', () => {
  it('is edited live: the new definition is stored at once and the template stays APPROVED on every leg', async () => {
    const { c, control, read, view, legs, submitted } = setup();
    const t = await submitted();
    await control.advance(DAY);
    const res = await c.put(`/v3/templates/${t.id}`, { definition: NEW_BODY, category: 'MARKETING' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'APPROVED', is_published: true, category: 'MARKETING', variables: ['name'] });
    expect(await read(t.id)).toEqual(res.body.data);
    expect((await view(t.id)).definition).toEqual(NEW_BODY);
    expect(await legs(t.id)).toEqual({ sms: 'APPROVED', whatsapp: 'APPROVED', rcs: 'APPROVED' });
    expect((await control.tenant()).pending_jobs).toEqual([]);
  });

  it('goes back to review with submit_for_review: the whatsapp leg PENDING until decided (sms and rcs approved again at once)', async () => {
    const { c, control, read, legs, submitted } = setup();
    const t = await submitted();
    await control.advance(DAY);
    const res = await c.put(`/v3/templates/${t.id}`, { definition: NEW_BODY, submit_for_review: true });
    expect(res.body.data).toMatchObject({ status: 'PENDING', is_published: false });
    expect(await read(t.id)).toMatchObject({ status: 'PENDING' });
    expect(await legs(t.id)).toEqual({ sms: 'APPROVED', whatsapp: 'PENDING', rcs: 'APPROVED' });
    await control.advance(DAY);
    expect(await read(t.id)).toMatchObject({ status: 'APPROVED', is_published: true });
  });
});

describe('a PAUSED, DISABLED or REVOKED template', () => {
  for (const outcome of ['PAUSED', 'DISABLED', 'REVOKED'] as const) {
    it(`${outcome}: refuses content changes with 400 VALIDATION_001 and Sent’s detail; takes submit_for_review without effect, and a rename`, async () => {
      const { c, control, read, legs, review, submitted } = setup();
      const t = await submitted();
      await review(t.id, { outcome: 'APPROVED' });
      expect((await review(t.id, { outcome })).status).toBe(200);
      const before = await read(t.id);

      const res = await c.put(`/v3/templates/${t.id}`, { definition: NEW_BODY, language: 'fr_FR' });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        code: 'VALIDATION_001',
        message: MESSAGES.templateNotEditable,
        details: { definition: [MESSAGES.templateNotEditable], language: [MESSAGES.templateNotEditable] },
      });
      expect(await read(t.id)).toEqual(before);

      const resubmit = await c.put(`/v3/templates/${t.id}`, { submit_for_review: true });
      expect(resubmit.status).toBe(200);
      expect(resubmit.body.data.status).toBe(outcome);
      expect(await legs(t.id)).toMatchObject({ whatsapp: outcome });
      // No review was opened: a day later (the first review's job long done) it is as it was.
      await control.advance(DAY);
      expect((await read(t.id)).status).toBe(outcome);

      const renamed = await c.put(`/v3/templates/${t.id}`, { name: 'Renamed' });
      expect(renamed.body.data).toMatchObject({ name: 'Renamed', status: outcome });
      expect(await read(t.id)).toMatchObject({ name: 'Renamed', status: outcome });
    });
  }
});

describe('DRAFT and REJECTED templates', () => {
  it('a new definition sends a REJECTED template back to DRAFT (every leg cleared); a submission reviews it again under its id', async () => {
    const { c, control, read, legs, review, submitted } = setup();
    const t = await submitted();
    await review(t.id, { outcome: 'REJECTED' });
    expect(await legs(t.id)).toEqual({ sms: 'APPROVED', whatsapp: 'REJECTED', rcs: 'APPROVED' });
    const edited = await c.put(`/v3/templates/${t.id}`, { definition: NEW_BODY });
    expect(edited.body.data).toMatchObject({ id: t.id, status: 'DRAFT', is_published: false });
    expect(await read(t.id)).toMatchObject({ status: 'DRAFT' });
    expect(await legs(t.id)).toEqual({});
    expect((await c.put(`/v3/templates/${t.id}`, { submit_for_review: true })).body.data.status).toBe('PENDING');
    await control.advance(DAY);
    expect(await read(t.id)).toMatchObject({ id: t.id, status: 'APPROVED' });
  });

  it('a DRAFT takes every change and stays a DRAFT', async () => {
    const { c, read } = setup();
    const t = (await c.post('/v3/templates', aTemplate())).body.data;
    const res = await c.put(`/v3/templates/${t.id}`, { definition: NEW_BODY, category: 'MARKETING', language: 'de_DE', name: 'Shipping' });
    expect(res.body.data).toMatchObject({ name: 'Shipping', category: 'MARKETING', language: 'de_DE', status: 'DRAFT', variables: ['name'] });
    expect(await read(t.id)).toEqual(res.body.data);
  });
});
