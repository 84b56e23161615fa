import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';
import request from 'supertest';
import { aBody, aPairTemplate, aTemplate } from '../../support/template-builders.js';

function setup() {
  const { app } = testApp();
  const c = client(app);
  const control = sim(app, c.key);
  const page = async (query: string) => (await c.get(`/v3/templates?${query}`)).body.data as { templates: Array<{ id: string; name: string; status: string; category: string }>; pagination: Record<string, unknown> };
  return { app, c, control, page };
}

/** Templates named after `words`, a minute apart so their order is by creation time. */
async function named(c: ReturnType<typeof client>, control: ReturnType<typeof sim>, words: string[], extra: object = {}) {
  const out = [];
  for (const w of words) {
    out.push((await c.post('/v3/templates', { definition: { body: { multiChannel: aBody(w) } }, ...extra })).body.data);
    await control.advance(60);
  }
  return out;
}

describe('listing templates', () => {
  it('pages newest first with Sent’s pagination meta; a page past the end is empty', async () => {
    const { c, control, page } = setup();
    const ts = await named(c, control, ['One', 'Two', 'Three', 'Four', 'Five']);
    const first = await page('page=1&page_size=2');
    expect(first.templates.map((t) => t.name)).toEqual(['Five', 'Four']);
    expect(first.pagination).toEqual({ page: 1, page_size: 2, total_count: 5, total_pages: 3, has_more: true, cursors: null });
    expect(first.templates[0]).toEqual((await c.get(`/v3/templates/${ts[4].id}`)).body.data);
    const last = await page('page=3&page_size=2');
    expect(last.templates.map((t) => t.name)).toEqual(['One']);
    expect(last.pagination).toMatchObject({ page: 3, has_more: false });
    const past = await page('page=4&page_size=2');
    expect(past.templates).toEqual([]);
    expect(past.pagination).toMatchObject({ page: 4, total_count: 5, has_more: false });
  });

  it('refuses a given page below 1 (VALIDATION_005) and a given page_size outside 1–100 (VALIDATION_001)', async () => {
    const { c } = setup();
    for (const q of ['page=0&page_size=10', 'page=-1', 'page=abc&page_size=10']) {
      const res = await c.get(`/v3/templates?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error, q).toMatchObject({ code: 'VALIDATION_005', message: MESSAGES.pageTooSmall });
    }
    for (const q of ['page=1&page_size=0', 'page=1&page_size=101', 'page_size=x']) {
      const res = await c.get(`/v3/templates?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error, q).toMatchObject({ code: 'VALIDATION_001', details: { page_size: [MESSAGES.pageSizeRange] } });
    }
    expect((await c.get('/v3/templates?page=1&page_size=100')).status).toBe(200);
  });

  it('filters by search (name contains, case-insensitive), status and category, together', async () => {
    const { app, c, control, page } = setup();
    const [welcome] = await named(c, control, ['Welcome aboard']);
    const [welcomeBack] = await named(c, control, ['Welcome back'], { category: 'MARKETING', submit_for_review: true });
    const [sms] = await named(c, control, ['Your code'], {});
    await c.put(`/v3/templates/${sms.id}`, { definition: aPairTemplate().definition, submit_for_review: true });
    await request(app).post(`/_sim/templates/${sms.id}/review`).set('x-api-key', c.key).send({ outcome: 'APPROVED' });
    const names = async (q: string) => (await page(`page=1&page_size=10&${q}`)).templates.map((t) => t.name);

    expect(await names('search=WELCOME')).toEqual(['Welcome back', 'Welcome aboard']);
    expect(await names('search=come%20ab')).toEqual(['Welcome aboard']);
    expect(await names('status=PENDING')).toEqual(['Welcome back']);
    expect(await names('status=approved')).toEqual(['Your code']);
    expect(await names('status=DRAFT')).toEqual(['Welcome aboard']);
    expect(await names('category=MARKETING')).toEqual(['Welcome back']);
    expect(await names('category=utility&search=welcome')).toEqual(['Welcome aboard']);
    expect(await names('search=welcome&status=PENDING&category=MARKETING')).toEqual(['Welcome back']);
    expect((await page('page=1&page_size=1&search=welcome')).pagination).toMatchObject({ total_count: 2, total_pages: 2, has_more: true });

    // The SDK sends null as `key=`: no filter. Unknown values match nothing. is_welcome_playground is ignored.
    expect(await names('search=&status=&category=')).toHaveLength(3);
    expect(await names('status=PAUSED')).toEqual([]);
    await request(app).post(`/_sim/templates/${sms.id}/review`).set('x-api-key', c.key).send({ outcome: 'PAUSED' });
    expect(await names('status=PAUSED')).toEqual(['Your code']);
    await request(app).post(`/_sim/templates/${sms.id}/review`).set('x-api-key', c.key).send({ outcome: 'APPROVED' });
    expect(await names('is_welcome_playground=true')).toHaveLength(3);
    await control.advance(24 * 3600);
    expect(await names('status=APPROVED')).toEqual(['Your code', 'Welcome back']);
    expect(welcome.status).toBe('DRAFT');
    expect(welcomeBack.status).toBe('PENDING');
  });

  it('lists only the caller’s tenant', async () => {
    const { app, c } = setup();
    await c.post('/v3/templates', aTemplate());
    const other = await client(app).get('/v3/templates?page=1&page_size=10');
    expect(other.body.data.templates).toEqual([]);
    expect(other.body.data.pagination).toEqual({ page: 1, page_size: 10, total_count: 0, total_pages: 0, has_more: false, cursors: null });
  });
});
