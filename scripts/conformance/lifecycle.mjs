// The lifecycle flows of scripts/conformance.mjs: campaigns, completion with its callback, the
// brand lock, TCR review, soft delete, inherited brand and campaigns, and the scenarios (each
// probed with every profile operation, a send, a template review and a contact read, with a
// webhook at the receiver whose deliveries are checked like the event flows' ones).
// The clock and the organization's brand and campaigns are set through the control plane,
// directly on the simulator (`/_sim` is not in the spec, so not through Prism).
import { Buffer } from 'node:buffer';
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { HOST } from './harness.mjs';
import { aDefinition } from './events.mjs';
import { UNKNOWN_CAMPAIGN, aBrand, aCampaign, aFullCampaign, aProfile, aTcrBrand } from './payloads.mjs';

/** A callback receiver on 127.0.0.1: `url(label)` gives each flow its own path. */
export async function startReceiver() {
  const received = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      received.push({ label: req.url.replace(/^\/hook\//, ''), headers: req.headers, body, json });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise((resolve) => server.listen(0, HOST, resolve));
  const base = `http://${HOST}:${server.address().port}/hook/`;
  return {
    received,
    url: (label) => `${base}${label}`,
    from: (label) => received.filter((r) => r.label === label),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** What a receiver does with the secret from the control plane (spec: profileCompletion callback). */
export function signatureValid(secret, headers, body) {
  const id = headers['x-webhook-id'];
  const timestamp = headers['x-webhook-timestamp'];
  const signature = headers['x-webhook-signature'];
  if (!id || !timestamp || !signature) return false;
  const mac = createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64')).update(`${id}.${timestamp}.${body}`).digest('base64');
  const expected = Buffer.from(`v1,${mac}`);
  const actual = Buffer.from(signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Every callback a flow received conforms to `CompletionCallback` and is correctly signed. */
export async function checkCallbacks(t, label, key, { statuses, step } = {}) {
  const callbacks = t.receiver.from(label);
  const secret = (await t.control.tenant(key)).callback_signing_secret;
  if (statuses) t.expectThat(JSON.stringify(callbacks.map((c) => c.json?.status)) === JSON.stringify(statuses), `callbacks ${JSON.stringify(callbacks.map((c) => c.json?.status))}, expected ${JSON.stringify(statuses)}`, step);
  for (const c of callbacks) {
    const errors = c.json === undefined ? ['body is not JSON'] : t.validateCallback(c.json);
    t.recorder.check('callbacks', `${label}: body conforms to CompletionCallback`, errors.length === 0, errors.join('; '));
    t.recorder.check('callbacks', `${label}: x-webhook-signature verifies`, signatureValid(secret, c.headers, c.body));
  }
  return callbacks;
}

const invalid = (...details) => ({ status: 400, code: 'VALIDATION_001', details });

/** Campaign CRUD and refusals, then completion of a TCR application through to TCR approval. */
export async function campaignsAndCompletion(t) {
  const { S, L, control } = t;
  t.step('campaigns: create, list, replace, delete');
  const key = t.newKey('campaigns');
  const created = await S.post('/v3/profiles', aProfile({ inherit_tcr_campaign: false, brand: aTcrBrand() }), { key, expect: 201 });
  const id = created.json?.data?.id;
  const base = `/v3/profiles/${id}/campaigns`;
  await S.get(base, { key, expect: 200 });
  const headers = { 'Idempotency-Key': `conformance_campaign_${Date.now().toString(36)}` };
  const c1 = (await S.post(base, { campaign: aFullCampaign(), sandbox: false }, { key, headers, expect: 201 })).json?.data?.id;
  const replay = await S.post(base, { campaign: aFullCampaign(), sandbox: false }, { key, headers, expect: 201 });
  t.expectThat(replay.headers['idempotent-replayed'] === 'true' && replay.json?.data?.id === c1, 'a campaign create replays');
  const c2 = (await S.post(base, { campaign: aCampaign() }, { key, expect: 201 })).json?.data?.id;
  await S.get(base, { key, expect: 200 });
  await S.put(`${base}/${c2}`, { campaign: aCampaign({ name: 'Customer Notifications Updated' }) }, { key, expect: 200 });
  await S.delete(`${base}/${c2}`, {}, { key, expect: 204 });
  await S.delete(`${base}/${c2}`, undefined, { key, expect: { status: 404, code: 'RESOURCE_010' } });
  await S.put(`${base}/${UNKNOWN_CAMPAIGN}`, { campaign: aCampaign() }, { key, expect: { status: 404, code: 'RESOURCE_010' } });
  await S.put(`${base}/not-a-uuid`, { campaign: aCampaign() }, { key, expect: { status: 400, code: 'VALIDATION_001' } });
  await S.delete(`${base}/not-a-uuid`, undefined, { key, expect: { status: 400, code: 'VALIDATION_001' } });
  await L.post(base, { campaign: aCampaign({ useCases: [{ messagingUseCaseUs: 'MARKETING', sampleMessages: ['1', '2', '3', '4', '5', '6'] }] }) }, { key, expect: { status: 400 } });

  t.step('campaigns and completion: missing brand, prerequisites');
  const bare = (await S.post('/v3/profiles', { name: 'Bare profile' }, { key, expect: 201 })).json?.data?.id;
  await S.get(`/v3/profiles/${bare}/campaigns`, { key, expect: { status: 404, code: 'RESOURCE_009' } });
  await S.post(`/v3/profiles/${bare}/campaigns`, { campaign: aCampaign() }, { key, expect: { status: 404, code: 'RESOURCE_009' } });
  await S.put(`/v3/profiles/${bare}/campaigns/${c1}`, { campaign: aCampaign() }, { key, expect: { status: 404, code: 'RESOURCE_010' } });
  await S.post(`/v3/profiles/${bare}/complete`, { webHookUrl: t.receiver.url('bare') }, { key, expect: invalid('prerequisites') });

  t.step('completion: TCR application → SUBMITTED → brand lock → TCR review → approved');
  const hook = t.receiver.url('tcr');
  const idem = { 'Idempotency-Key': `conformance_complete_${Date.now().toString(36)}` };
  await S.post(`/v3/profiles/${id}/complete`, { webHookUrl: hook }, { key, headers: idem, expect: 202 });
  await S.post(`/v3/profiles/${id}/complete`, { webHookUrl: hook }, { key, headers: idem, expect: 202 });
  await S.post(`/v3/profiles/${id}/complete`, { webHookUrl: hook, sandbox: false }, { key, expect: 202 });
  await control.advance(key, 2);
  await checkCallbacks(t, 'tcr', key, { statuses: ['SUBMITTED'] });
  const pending = (await S.get(`/v3/profiles/${id}`, { key, expect: 200 })).json?.data;
  t.expectThat(pending?.status === 'approved' && pending?.brand?.submitted_to_tcr === true, 'a submitted TCR application is approved with a submitted brand (Sent, 2026-11)');
  await S.patch(`/v3/profiles/${id}`, { name: 'Renamed', brand: aBrand() }, { key, expect: invalid('brand') });
  const after = (await S.get(`/v3/profiles/${id}`, { key, expect: 200 })).json?.data;
  t.expectThat(after?.name === pending?.name, 'a refused PATCH changed nothing');
  await S.put(`${base}/${c1}`, { campaign: aCampaign() }, { key, expect: invalid('campaign') });
  await S.delete(`${base}/${c1}`, {}, { key, expect: invalid('campaign') });
  await S.get(base, { key, expect: 200 });
  await control.advance(key, 48 * 3600);
  const approved = (await S.get(`/v3/profiles/${id}`, { key, expect: 200 })).json?.data;
  t.expectThat(approved?.status === 'approved' && approved?.brand?.status === 'ACTIVE', 'TCR review keeps the profile approved and activates its brand');
  await S.get(base, { key, expect: 200 });
  await S.get('/v3/profiles', { key, expect: 200 });
  const done = await S.post(`/v3/profiles/${id}/complete`, { webHookUrl: hook }, { key, expect: 200 });
  t.expectThat(done.json?.data?.status === 'completed', 'completing an approved profile answers status "completed"');

  t.step('soft delete');
  await S.delete(`/v3/profiles/${id}`, undefined, { key, expect: 204 });
  const gone = { status: 404, code: 'RESOURCE_014' };
  await S.get(`/v3/profiles/${id}`, { key, expect: gone });
  await S.patch(`/v3/profiles/${id}`, { name: 'x' }, { key, expect: gone });
  await S.delete(`/v3/profiles/${id}`, {}, { key, expect: gone });
  await S.post(`/v3/profiles/${id}/complete`, { webHookUrl: hook }, { key, expect: gone });
  await S.get(base, { key, expect: gone });
  await S.post(base, { campaign: aCampaign() }, { key, expect: gone });
  await S.delete(`${base}/${c1}`, {}, { key, expect: gone });
  const listed = (await S.get('/v3/profiles', { key, expect: 200 })).json?.data?.profiles ?? [];
  t.expectThat(!listed.some((p) => p.id === id), 'the list leaves a deleted profile out');
  const kept = (await control.tenant(key)).profiles?.find((p) => p.id === id);
  t.expectThat(typeof kept?.deleted_at === 'string', 'the control plane still shows the deleted profile, with deleted_at');
}

/** A profile inheriting the organization's (non-TCR) brand and campaigns completes: COMPLETED → approved. */
export async function inherited(t) {
  const { S, control } = t;
  t.step('inherited brand and campaigns → COMPLETED');
  const key = t.newKey('inherited');
  await control.patchTenant(key, { brand: aBrand(), campaigns: 2 });
  const inheriting = { inherit_tcr_brand: true, inherit_tcr_campaign: true, whatsapp_business_account: { waba_id: '102290129340398', access_token: 'EAAG-conformance' } };
  const created = await S.post('/v3/profiles', aProfile(inheriting), { key, expect: 201 });
  const id = created.json?.data?.id;
  t.expectThat(created.json?.data?.brand?.is_inherited === true, 'an inheriting profile shows the organization brand as inherited');
  const campaigns = (await S.get(`/v3/profiles/${id}/campaigns`, { key, expect: 200 })).json?.data ?? [];
  t.expectThat(campaigns.length === 2, `the two organization campaigns are listed (got ${campaigns.length})`);
  await S.post(`/v3/profiles/${id}/campaigns`, { campaign: aCampaign() }, { key, expect: invalid('campaign') });
  await S.put(`/v3/profiles/${id}/campaigns/${campaigns[0]?.id}`, { campaign: aCampaign() }, { key, expect: { status: 404, code: 'RESOURCE_010' } });
  await S.delete(`/v3/profiles/${id}/campaigns/${campaigns[0]?.id}`, {}, { key, expect: { status: 404, code: 'RESOURCE_010' } });
  await S.post(`/v3/profiles/${id}/complete`, { webHookUrl: t.receiver.url('inherited') }, { key, expect: 202 });
  await control.advance(key, 2);
  await checkCallbacks(t, 'inherited', key, { statuses: ['COMPLETED'] });
  const profile = (await S.get(`/v3/profiles/${id}`, { key, expect: 200 })).json?.data;
  t.expectThat(profile?.status === 'approved', 'COMPLETED approves the profile');
}

/**
 * Every scenario the simulator lists, each in its own tenant and in parallel: set-up without the
 * scenario, then every operation with `x-sim-scenario`, then the clock far enough for slow jobs.
 * Scenarios inject failures, so any status is fine — as long as the spec documents it.
 */
export async function scenarios(t, anyKey) {
  const listed = await t.control.raw('GET', '/_sim/scenarios', anyKey);
  if (listed.status !== 200) return { skipped: `GET /_sim/scenarios answered ${listed.status}` };
  const names = (listed.json?.scenarios ?? []).map((s) => s.name);
  const results = await Promise.all(names.map((name) => probeScenario(t, name)));
  return { results };
}

async function probeScenario(t, name) {
  const { S, control } = t;
  const step = `scenario ${name}`;
  const key = t.newKey(`scenario-${name}`);
  const at = (extra = {}) => ({ key, step, timeoutMs: 15_000, ...extra });
  const create = (body) => S.post('/v3/profiles', body, at({ expect: 201 })).then((r) => r.json?.data?.id);
  const id = await create(aProfile({ inherit_tcr_campaign: false, brand: aTcrBrand() }));
  const spare = await create(aProfile({ name: 'Spare' }));
  const base = `/v3/profiles/${id}/campaigns`;
  const campaign = (await S.post(base, { campaign: aCampaign() }, at({ expect: 201 }))).json?.data?.id;
  const doomed = (await S.post(base, { campaign: aCampaign() }, at({ expect: 201 }))).json?.data?.id;
  // A webhook at the receiver, so the event scenarios (dropped, duplicated, delayed, …) have deliveries to shape.
  const hook = t.receiver.url(`events-scenario-${name}`);
  const secret = (await S.post('/v3/webhooks', { display_name: 'Scenario probe', endpoint_url: hook, event_types: ['message', 'templates'] }, at({ expect: 201 }))).json?.data?.signing_secret;

  const headers = { 'x-sim-scenario': name };
  const statuses = [];
  const record = (label) => (res) => statuses.push(`${label} ${res.status}`);
  await Promise.all([
    S.get('/v3/profiles', at({ headers })).then(record('list')),
    S.get(`/v3/profiles/${id}`, at({ headers })).then(record('retrieve')),
    S.patch(`/v3/profiles/${id}`, { description: 'Scenario probe' }, at({ headers })).then(record('update')),
    S.post('/v3/profiles', aProfile({ name: 'Scenario probe' }), at({ headers: { ...headers, 'Idempotency-Key': `probe_${name}` } })).then(record('create')),
    S.get(base, at({ headers })).then(record('campaigns')),
    S.post(base, { campaign: aCampaign() }, at({ headers })).then(record('campaign-create')),
    S.put(`${base}/${campaign}`, { campaign: aCampaign({ name: 'Replaced' }) }, at({ headers })).then(record('campaign-put')),
    // The new surface's scenarios act on sends, template reviews and contact reads.
    S.post('/v3/messages', { to: ['+14155550100'], channel: ['sms'], text: 'Scenario probe' }, at({ headers })).then(record('send')),
    S.post('/v3/templates', { definition: aDefinition(), submit_for_review: true }, at({ headers })).then(record('template-create')),
    S.get('/v3/contacts?page=1&page_size=20', at({ headers })).then(record('contacts')),
  ]);
  await S.post(`/v3/profiles/${id}/complete`, { webHookUrl: t.receiver.url(`scenario-${name}`) }, at({ headers })).then(record('complete'));
  await Promise.all([
    S.delete(`${base}/${doomed}`, {}, at({ headers })).then(record('campaign-delete')),
    S.delete(`/v3/profiles/${spare}`, {}, at({ headers })).then(record('delete')),
  ]);
  // Past the slowest scenario's processing (10 min), TCR review (7 days) and callback delays.
  await control.advance(key, 8 * 24 * 3600);
  const callbacks = await checkCallbacks(t, `scenario-${name}`, key, { step });
  const events = t.receiver.from(`events-scenario-${name}`);
  for (const d of events) {
    const { name: entry, problems } = t.validateEvent(d);
    t.recorder.check('deliveries', `scenario ${name}: ${entry} conforms to the spec's webhooks.${entry}`, problems.length === 0, problems.slice(0, 5).join('; '));
    t.recorder.check('deliveries', `scenario ${name}: x-webhook-signature verifies`, signatureValid(secret, d.headers, d.body));
  }
  return { name, statuses, callbacks: callbacks.map((c) => c.json?.status ?? '?'), events: events.length };
}
