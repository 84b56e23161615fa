import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createSimulator, SimError, type SimTenant } from '../../../src/index.js';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { tenantKey } from '../../support/app.js';
import { startReceiver } from '../../support/receiver.js';
import { aTemplate } from '../../support/template-builders.js';
import { aWebhook, verified } from '../../support/webhooks.js';

// Real time stands still: only advances move a tenant's clock, however loaded the machine is.
const start = Date.now();
const sim = createSimulator({ realNow: () => start });
afterAll(() => sim.close());

/** An API call as the key (the SDK would do the same over a socket). */
const api = (key: string) => ({
  get: (path: string) => request(sim.app).get(path).set('x-api-key', key),
  post: (path: string, body: object = {}) => request(sim.app).post(path).set('x-api-key', key).send(body),
});

/** The refusal a call rejects with. */
async function refusal(call: Promise<unknown>): Promise<SimError> {
  const err: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof SimError)) throw new Error(`expected a SimError, got ${String(err)}`);
  return err;
}

describe('sim.tenant(key).clock', () => {
  it('reads and advances the tenant clock, in seconds or in larger units, as GET /_sim/clock shows it', async () => {
    const t = sim.tenant(tenantKey());
    const before = Date.parse(await t.clock.now());
    const first = await t.clock.advance(90);
    expect(Date.parse(first.now) - before).toBe(90_000);
    const second = await t.clock.advance({ days: 1, hours: 2, minutes: 3, seconds: 4 });
    expect(Date.parse(second.now) - Date.parse(first.now)).toBe((86_400 + 7200 + 180 + 4) * 1000);
    // The route takes the same units.
    const third = (await api(t.key).post('/_sim/clock/advance', { hours: 1 })).body;
    expect(Date.parse(third.now) - Date.parse(second.now)).toBe(3_600_000);
    const http = (await api(t.key).get('/_sim/clock')).body;
    expect(http.now).toBe(await t.clock.now());
    expect(http.advances.map((a: { seconds: number }) => a.seconds)).toEqual([90, 93_784, 3600]);
  });

  it('resolves once the deliveries it triggers are settled: the signed events are at the receiver', async () => {
    const t = sim.tenant(tenantKey());
    const receiver = await startReceiver();
    try {
      const hook = (await api(t.key).post('/v3/webhooks', aWebhook(receiver.url, { event_types: ['message'] }))).body.data;
      const sent = (await api(t.key).post('/v3/messages', { to: ['+14155550100'], channel: ['sms'], text: 'Your table is ready.' })).body.data;
      const { fired } = await t.clock.advance(5);
      expect(fired.map((j) => j.kind)).toContain('message-step');
      const events = receiver.received.map((r) => verified(hook.signing_secret, r) as { event: string; payload: { message_id: string } });
      expect(events.map((e) => e.event)).toEqual(['message.queued', 'message.routed', 'message.sent', 'message.delivered']);
      expect(new Set(events.map((e) => e.payload.message_id))).toEqual(new Set([sent.recipients[0].message_id]));
    } finally {
      await receiver.close();
    }
  });

  it('refuses what POST /_sim/clock/advance refuses, with the same status, code and fields', async () => {
    const t = sim.tenant(tenantKey());
    for (const [by, body] of [
      [-1, { seconds: -1 }],
      [{ days: 4000 }, { days: 4000 }],
      [{ days: 3000, hours: 20_000 }, { days: 3000, hours: 20_000 }],
      [{}, {}],
    ] as const) {
      const err = await refusal(t.clock.advance(by));
      const http = await api(t.key).post('/_sim/clock/advance', body);
      expect(http.status).toBe(400);
      expect({ status: err.status, code: err.code, details: err.details }).toEqual({ status: 400, code: 'VALIDATION_001', details: http.body.errors });
    }
    expect((await refusal(t.clock.advance({ days: 3000, hours: 20_000 }))).details).toEqual({ body: [MESSAGES.clockAdvanceOverTenYears] });
    expect((await refusal(t.clock.advance({}))).details).toEqual({ seconds: ['The seconds field is required'] });
    expect((await api(t.key).get('/_sim/clock')).body.advances).toEqual([]);
  });
});

describe('sim.tenant(key): keys and roles, as the control plane resolves them', () => {
  it('makes a fresh tenant for an unknown sk_test_ key, and refuses other keys as the API does', async () => {
    const key = tenantKey();
    const view = await sim.tenant(key).view();
    expect((await api(key).get('/_sim/whoami')).body.organization_id).toBe(view.organization_id);
    expect(await refusal(sim.tenant('not-a-key').view())).toMatchObject({ status: 401, code: 'AUTH_002' });
    expect(await refusal(sim.tenant(' ').view())).toMatchObject({ status: 401, code: 'AUTH_001' });
    expect(await refusal(sim.tenant('sk_test_demo_admin').view())).toMatchObject({ status: 401, message: MESSAGES.demoKeyWithoutDemo });
  });

  it('lets developer keys read only, and refuses profile keys, changing nothing', async () => {
    const owner = tenantKey();
    const keyOf = async (body: object) => (await api(owner).post('/_sim/tenant/keys', body)).body.key as string;
    const profile = (await api(owner).post('/v3/profiles', { name: 'Sales' })).body.data;
    const developer = sim.tenant(await keyOf({ role: 'developer' }));
    expect((await developer.requests.count()).count).toBeGreaterThan(0);
    expect(await refusal(developer.clock.advance(60))).toMatchObject({ status: 403, code: 'AUTH_004', message: MESSAGES.controlPlaneReadOnly });
    expect(await refusal(developer.reset())).toMatchObject({ status: 403, message: MESSAGES.controlPlaneReadOnly });
    const scoped = sim.tenant(await keyOf({ role: 'admin', profile_id: profile.id }));
    expect(await refusal(scoped.clock.now())).toMatchObject({ status: 403, message: MESSAGES.controlPlaneProfileKey });
    expect((await api(owner).get('/_sim/clock')).body.advances).toEqual([]);
    expect((await api(owner).get('/v3/profiles')).body.data.profiles).toHaveLength(1);
  });

  it('works without the HTTP control plane, and without the admin token that guards it', async () => {
    const closed = createSimulator({ config: { controlPlane: false } });
    const guarded = createSimulator({ config: { adminToken: 'let-me-in' } });
    try {
      const key = tenantKey();
      expect((await request(closed.app).post('/_sim/clock/advance').set('x-api-key', key).send({ seconds: 60 })).status).toBe(404);
      expect((await closed.tenant(key).clock.advance(60)).fired).toEqual([]);
      expect((await request(guarded.app).post('/_sim/reset').set('x-api-key', key)).status).toBe(403);
      expect((await guarded.tenant(key).reset()).organization_id).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await Promise.all([closed.close(), guarded.close()]);
    }
  });
});

describe('sim.tenant(key): levers', () => {
  it('inbound: a message from a contact, then a STOP that opts it out, read back through the API', async () => {
    const t = sim.tenant(tenantKey());
    const hello = await t.inbound({ from: '+14155550123', text: 'Hello' });
    expect(hello.message).toMatchObject({ direction: 'inbound', status: 'RECEIVED', phone: '+14155550123' });
    expect((await api(t.key).get(`/v3/messages/${hello.message.id}`)).body.data).toEqual(hello.message);
    const stop = await t.inbound({ from: '+14155550123', text: 'STOP', channel: 'sms' });
    expect(stop.contact).toEqual({ id: hello.contact.id, opt_out: true });
    expect((await api(t.key).get(`/v3/contacts/${hello.contact.id}`)).body.data.opt_out).toBe(true);
    expect(await refusal(t.inbound({ from: '0415', text: 'Hi' }))).toMatchObject({ status: 400, code: 'VALIDATION_002', details: { from: [MESSAGES.recipientNotE164] } });
  });

  it('templates.review: the verdict now, as the API then shows it; a verdict that may not follow is a 409', async () => {
    const t = sim.tenant(tenantKey());
    const template = (await api(t.key).post('/v3/templates', aTemplate({ submit_for_review: true }))).body.data;
    const reviewed = await t.templates.review(template.id, 'approved');
    expect(reviewed).toMatchObject({ id: template.id, status: 'APPROVED' });
    expect((await api(t.key).get(`/v3/templates/${template.id}`)).body.data.status).toBe('APPROVED');
    const paused = await t.templates.review(template.id, 'PAUSED', { reason: 'Quality rating low' });
    expect(paused.status).toBe('PAUSED');
    expect(await refusal(t.templates.review(template.id, 'REJECTED'))).toMatchObject({ status: 409 });
    expect(await refusal(t.templates.review('not-a-uuid', 'APPROVED'))).toMatchObject({ status: 400, message: MESSAGES.invalidTemplateId });
  });

  it('numbers.set: the outcome of sends to the number, until cleared', async () => {
    const t = sim.tenant(tenantKey());
    expect(await t.numbers.set('+14155550177', 'failed', { description: 'Handset unreachable' })).toMatchObject({ outcome: 'failed', source: 'rule' });
    const id = (await api(t.key).post('/v3/messages', { to: ['+14155550177'], channel: ['sms'], text: 'Hi' })).body.data.recipients[0].message_id;
    await t.clock.advance(10);
    expect((await api(t.key).get(`/v3/messages/${id}`)).body.data.status).toBe('FAILED');
    await t.numbers.clear('+14155550177');
    expect((await t.numbers.get('+14155550177')).source).not.toBe('rule');
  });

  it('scenario.set: every later request of the tenant runs under it, until cleared; an unknown name is named', async () => {
    const t = sim.tenant(tenantKey());
    expect(await t.scenario.set('message-provider-error')).toMatchObject({ name: 'message-provider-error' });
    expect((await t.scenario.get())?.name).toBe('message-provider-error');
    expect((await api(t.key).post('/v3/messages', { to: ['+14155550100'], text: 'Hi' })).body.error.code).toBe('INTERNAL_003');
    await t.scenario.clear();
    expect(await t.scenario.get()).toBeNull();
    expect((await api(t.key).post('/v3/messages', { to: ['+14155550100'], text: 'Hi' })).status).toBe(202);
    const err = await refusal(t.scenario.set('no-such-scenario'));
    expect(Object.keys(err.details ?? {})).toEqual(['name']);
  });
});

describe('sim.tenant(key): state and logs', () => {
  it('export, import into another tenant, and reset', async () => {
    const a = sim.tenant(tenantKey());
    const b = sim.tenant(tenantKey());
    const profile = (await api(a.key).post('/v3/profiles', { name: 'Support' })).body.data;
    const imported = await b.import(await a.export());
    expect((imported.profiles as Array<{ id: string }>).map((p) => p.id)).toEqual([profile.id]);
    expect((await api(b.key).get(`/v3/profiles/${profile.id}`)).body.data.name).toBe('Support');
    expect((await b.reset()).profiles).toEqual([]);
    expect((await api(b.key).get(`/v3/profiles/${profile.id}`)).status).toBe(404);
  });

  it('requests and requests.count filter the journal as /_sim/requests does', async () => {
    const t: SimTenant = sim.tenant(tenantKey());
    await api(t.key).post('/v3/messages', { to: ['+14155550100'], text: 'One' });
    await api(t.key).post('/v3/messages', { to: 'nope' });
    const sends = await t.requests({ operation: 'sendMessage', status: '2xx' });
    expect(sends.requests.map((r) => r.status)).toEqual([202]);
    expect(await t.requests.count({ method: 'post', path: '/v3/messages', status: 400 })).toEqual({ count: 1, dropped: 0 });
    expect((await api(t.key).get('/_sim/requests/count?path=/v3/**')).body.count).toBe((await t.requests.count({ path: '/v3/**' })).count);
    const err = await refusal(t.requests({ stauts: 201 } as never));
    expect(err.details).toEqual({ stauts: [MESSAGES.requestFilterUnknown(['method', 'path', 'status', 'since', 'limit', 'operation', 'error_code'])] });
  });

  it('deliveries filters the delivery log by source, event type, delivery and time; GET /_sim/deliveries takes the same', async () => {
    const t = sim.tenant(tenantKey());
    const receiver = await startReceiver((n, res) => res.writeHead(n === 1 ? 500 : 200).end());
    try {
      const hook = (await api(t.key).post('/v3/webhooks', aWebhook(receiver.url))).body.data;
      await api(t.key).post('/v3/messages', { to: ['+14155550100'], channel: ['sms'], text: 'Hi' });
      await t.clock.advance(5);
      const all = await t.deliveries();
      expect(all.deliveries.map((d) => d.event_type)).toEqual(['message.queued', 'message.routed', 'message.sent', 'message.delivered']);
      const failed = await t.deliveries({ delivered: false });
      expect(failed.deliveries.map((d) => d.status_code)).toEqual([500]);
      const delivered = await t.deliveries({ source: 'webhook', event_type: 'message.deliv*', ref: hook.id });
      expect(delivered.deliveries.map((d) => d.event_type)).toEqual(['message.delivered']);
      expect((await t.deliveries({ event_type: 'message.*', limit: 2 })).deliveries.map((d) => d.event_type)).toEqual(['message.sent', 'message.delivered']);
      expect((await t.deliveries({ since: await t.clock.now() })).deliveries.every((d) => d.event_type === 'message.delivered')).toBe(true);
      const http = await api(t.key).get('/_sim/deliveries?delivered=false&source=webhook');
      expect(http.body.deliveries).toEqual(failed.deliveries);
      const bad = await api(t.key).get('/_sim/deliveries?source=sms&delivered=maybe&event_type=Message');
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.errors).sort()).toEqual(['delivered', 'event_type', 'source']);
      expect((await refusal(t.deliveries({ source: 'sms' }))).details).toEqual({ source: [MESSAGES.deliveryFilterSource(['completion', 'webhook', 'webhook-test'])] });
    } finally {
      await receiver.close();
    }
  });
});
