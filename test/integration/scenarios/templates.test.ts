import { describe, expect, it } from 'vitest';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';
import { aPairTemplate, aTemplate } from '../../support/template-builders.js';

const H = 'x-sim-scenario';
const DAY = 24 * 3600;

function setup() {
  const { app } = testApp();
  const c = client(app);
  const control = sim(app, c.key);
  const read = async (id: string) => (await c.get(`/v3/templates/${id}`)).body.data as { status: string; is_published: boolean };
  const view = async (id: string) =>
    ((await control.tenant()).templates as Array<{ id: string; simulator: { reason: string | null; legs: Record<string, { status: string }> | null } }>).find((t) => t.id === id)!.simulator;
  const reason = async (id: string) => (await view(id)).reason;
  const legs = async (id: string) => Object.fromEntries(Object.entries((await view(id)).legs ?? {}).map(([ch, leg]) => [ch, leg.status]));
  return { app, c, control, read, reason, legs };
}

describe('template scenarios', () => {
  it('template-review-rejected: the whatsapp leg is REJECTED at once with the scenario’s reason; resubmitting without it is approved', async () => {
    const { c, control, read, reason, legs } = setup();
    const res = await c.post('/v3/templates', aTemplate({ submit_for_review: true })).set(H, 'template-review-rejected');
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ status: 'REJECTED', is_published: false });
    const id = res.body.data.id;
    expect(await read(id)).toMatchObject({ status: 'REJECTED', is_published: false });
    expect(await legs(id)).toEqual({ sms: 'APPROVED', whatsapp: 'REJECTED', rcs: 'APPROVED' });
    expect(await reason(id)).toBe('Template content violates the WhatsApp Business Messaging Policy (INVALID_FORMAT)');
    expect((await control.tenant()).pending_jobs).toEqual([]);

    // Only submissions are affected: a draft made under it stays a draft.
    const draft = await c.post('/v3/templates', aTemplate()).set(H, 'template-review-rejected');
    expect(draft.body.data.status).toBe('DRAFT');

    const resubmitted = await c.put(`/v3/templates/${id}`, { submit_for_review: true });
    expect(resubmitted.body.data).toMatchObject({ id, status: 'PENDING' });
    await control.advance(DAY);
    expect(await read(id)).toMatchObject({ status: 'APPROVED', is_published: true });
    expect(await reason(id)).toBeNull();
  });

  it('template-review-rejected set for the tenant rejects pair templates too, and PUT submissions', async () => {
    const { c, read } = setup();
    expect((await c.put('/_sim/scenarios/active', { name: 'template-review-rejected' })).status).toBe(200);
    const pair = await c.post('/v3/templates', { ...aPairTemplate(), submit_for_review: true });
    expect(pair.body.data.status).toBe('REJECTED');
    const draft = (await c.post('/v3/templates', aTemplate())).body.data;
    expect((await c.put(`/v3/templates/${draft.id}`, { submit_for_review: true })).body.data.status).toBe('REJECTED');
    expect((await read(draft.id)).status).toBe('REJECTED');
  });

  it('template-review-rejected-everywhere: every leg is REJECTED at once, sms and rcs included', async () => {
    const { c, read, reason, legs } = setup();
    const t = (await c.post('/v3/templates', aTemplate({ submit_for_review: true })).set(H, 'template-review-rejected-everywhere')).body.data;
    expect(t.status).toBe('REJECTED');
    expect(await legs(t.id)).toEqual({ sms: 'REJECTED', whatsapp: 'REJECTED', rcs: 'REJECTED' });
    expect(await read(t.id)).toMatchObject({ status: 'REJECTED', is_published: false });
    expect(await reason(t.id)).toBe('Template content violates the messaging policy of every channel');
  });

  it('template-review-paused: approved after 24 h and PAUSED at once; edits refused until the reviewer reinstates it', async () => {
    const { c, control, read, legs } = setup();
    const t = (await c.post('/v3/templates', aTemplate({ submit_for_review: true })).set(H, 'template-review-paused')).body.data;
    expect(t.status).toBe('PENDING');
    await control.advance(DAY - 1);
    expect((await read(t.id)).status).toBe('PENDING');
    await control.advance(1);
    expect(await read(t.id)).toMatchObject({ status: 'PAUSED', is_published: false });
    expect(await legs(t.id)).toEqual({ sms: 'APPROVED', whatsapp: 'PAUSED', rcs: 'APPROVED' });
    expect((await c.put(`/v3/templates/${t.id}`, { category: 'MARKETING' })).status).toBe(400);
  });

  it('template-review-slow: the whatsapp leg waits 7 days instead of 24 h; sms and rcs are approved on submission', async () => {
    const { c, control, read, legs } = setup();
    const t = (await c.post('/v3/templates', aTemplate({ submit_for_review: true })).set(H, 'template-review-slow')).body.data;
    expect(t.status).toBe('PENDING');
    expect(await legs(t.id)).toEqual({ sms: 'APPROVED', whatsapp: 'PENDING', rcs: 'APPROVED' });
    await control.advance(DAY);
    expect((await read(t.id)).status).toBe('PENDING');
    await control.advance(6 * DAY - 1);
    expect((await read(t.id)).status).toBe('PENDING');
    await control.advance(1);
    expect(await read(t.id)).toMatchObject({ status: 'APPROVED', is_published: true });
  });
});
