// The event-producing flows of scripts/conformance.mjs: webhooks, templates and messages in one
// tenant, so that every message and template change is delivered to a webhook registered at the
// run's receiver. Each delivery is then checked against the spec's `webhooks:` entries (body and
// headers) and its signature, as the completion callbacks are (lifecycle.mjs). `t.S` is the
// strict proxy; deliberately invalid requests (Prism itself refuses malformed uuid path ids and
// schema-invalid bodies) go through the lenient `t.L`.
import { signatureValid } from './lifecycle.mjs';

const UNKNOWN = '00000000-0000-4000-8000-0000000c0f0e';
const invalid = (...details) => ({ status: 400, code: 'VALIDATION_001', details });
const notFound = (code) => ({ status: 404, code });

const variable = (id, name, sample) => ({ id, name, type: 'variable', props: { variableType: 'text', sample } });
/** One body for every channel (sms, whatsapp, rcs). */
export const aDefinition = () => ({ body: { multiChannel: { template: 'Hello {{0:variable}}! Your order is confirmed.', variables: [variable(0, 'name', 'John')] } } });
/** The other body strategy: an sms and a whatsapp body, both (rcs reads the sms one). */
const pairDefinition = () => ({
  body: {
    sms: { template: 'Hi {{0:variable}}, your code is ready.', variables: [variable(0, 'name', 'John')] },
    whatsapp: { template: 'Hi {{0:variable}}, your code is ready to use.', variables: [variable(0, 'name', 'John')] },
  },
});
/** Header, bodies (the pair, an rcs override and the mms slot), footer and buttons: every part of a definition the spec describes. */
const fullDefinition = () => ({
  header: { template: 'Order {{0:variable}}', variables: [variable(0, 'order_id', '12345')] },
  body: {
    sms: { template: 'Hi {{1:variable}}, your order is on its way.', variables: [variable(1, 'name', 'Ada')] },
    whatsapp: { template: 'Hi {{1:variable}}, your order is on its way 🚚', type: 'text', variables: [variable(1, 'name', 'Ada')] },
    rcs: { template: 'Hi {{1:variable}}, your order is on its way. Tap below to follow it.', variables: [variable(1, 'name', 'Ada')] },
    mms: { template: 'Your order is on its way', subject: 'Shipped', media: [{ mediaType: 'image/png', url: 'https://cdn.example.com/parcel.png' }] },
  },
  footer: { template: 'Reply STOP to opt out' },
  buttons: [
    { id: 0, type: 'QUICK_REPLY', props: { text: 'Track' } },
    { id: 1, type: 'URL', props: { text: 'Open', url: 'https://example.com/orders', urlType: 'static' } },
  ],
});

/** Webhooks CRUD and refusals; answers the key, the webhook at the receiver and its secret. */
export async function webhooks(t) {
  const { S, L, control } = t;
  t.step('webhooks: register, read, change, test, rotate, delete');
  const key = t.newKey('events');
  const hook = (label, extra = {}) => ({ display_name: 'Conformance', endpoint_url: t.receiver.url(label), event_types: ['message', 'templates', 'contact'], ...extra });
  await S.get('/v3/webhooks/event-types', { key, expect: 200 });
  const created = await S.post('/v3/webhooks', hook('events'), { key, expect: 201 });
  const id = created.json?.data?.id;
  const secret = created.json?.data?.signing_secret;
  t.expectThat(typeof secret === 'string' && secret.startsWith('whsec_'), 'the create answer shows the signing secret');
  const other = (await S.post('/v3/webhooks', hook('events-other', { event_types: ['message'], event_filters: { message: ['delivered', 'failed'] }, retry_count: 1, timeout_seconds: 5 }), { key, expect: 201 })).json?.data;
  // Sub-types beside families (decisions §14): this one hears of deliveries and opt-outs only.
  const narrow = (await S.post('/v3/webhooks', hook('events-narrow', { event_types: ['message.delivered', 'contact.opt_out'] }), { key, expect: 201 })).json?.data;
  t.expectThat(narrow?.event_types?.join() === 'message.delivered,contact.opt_out', `a webhook keeps the sub-types it subscribed to (${narrow?.event_types})`);
  const listed = await S.get('/v3/webhooks?page=1&page_size=20', { key, expect: 200 });
  t.expectThat((listed.json?.data?.webhooks ?? []).every((w) => w.signing_secret === null), 'the list shows no signing secret');
  t.noSecrets(listed, [secret, other?.signing_secret, narrow?.signing_secret].filter(Boolean));
  await S.get('/v3/webhooks?page=1&page_size=1&is_active=true&search=Conf', { key, expect: 200 });
  t.noSecrets(await S.get(`/v3/webhooks/${id}`, { key, expect: 200 }), [secret]);
  await S.put(`/v3/webhooks/${other?.id}`, hook('events-other', { display_name: 'Conformance (filtered)', event_types: ['message'], event_filters: { message: ['delivered', 'failed'] } }), { key, expect: 200 });
  await S.patch(`/v3/webhooks/${other?.id}/toggle-status`, { is_active: false }, { key, expect: 200 });
  await S.post(`/v3/webhooks/${other?.id}/test`, { event_type: 'message.sent' }, { key, expect: { status: 400, code: 'BUSINESS_010' } });
  await S.patch(`/v3/webhooks/${other?.id}/toggle-status`, { is_active: true }, { key, expect: 200 });
  const tested = await S.post(`/v3/webhooks/${other?.id}/test`, { event_type: 'message.delivered' }, { key, expect: 200 });
  t.expectThat(tested.json?.data?.success === true, `a test event to a live receiver is delivered (${JSON.stringify(tested.json?.data)})`);
  const beforeRotation = t.receiver.from('events-other').length;
  const rotated = (await S.post(`/v3/webhooks/${other?.id}/rotate-secret`, {}, { key, expect: 200 })).json?.data?.signing_secret;
  await S.post(`/v3/webhooks/${other?.id}/test`, { event_type: 'templates' }, { key, expect: 200 });
  await S.post(`/v3/webhooks/${other?.id}/test`, { event_type: 'contact.help' }, { key, expect: 200 });
  await S.get(`/v3/webhooks/${other?.id}/events?page=1&page_size=20`, { key, expect: 200 });
  await S.get(`/v3/webhooks/${other?.id}/events?page=1&page_size=20&search=message`, { key, expect: 200 });

  t.step('webhooks: refused (400, 403, 404)');
  await S.post('/v3/webhooks', hook('x', { event_types: ['messages'] }), { key, expect: { status: 400, code: 'VALIDATION_006', details: ['event_types[0]'] } });
  await S.post('/v3/webhooks', hook('x', { event_types: ['contact.opt_out', 'contact.unsubscribed'] }), { key, expect: { status: 400, code: 'VALIDATION_006', details: ['event_types[1]'] } });
  await S.post(`/v3/webhooks/${id}/test`, { event_type: 'contact' }, { key, expect: { status: 400, code: 'VALIDATION_006', details: ['event_type'] } });
  await S.post('/v3/webhooks', hook('x', { retry_count: 9, timeout_seconds: 1 }), { key, expect: { status: 400, code: 'VALIDATION_005', details: ['retry_count', 'timeout_seconds'] } });
  await S.post('/v3/webhooks', hook('x', { endpoint_url: 'http://example.com:99999/x' }), { key, expect: invalid('endpoint_url') });
  await S.post(`/v3/webhooks/${id}/test`, {}, { key, expect: invalid('event_type') });
  await S.put(`/v3/webhooks/${id}`, hook('events', { event_types: [] }), { key, expect: { status: 400, code: 'VALIDATION_006' } });
  // Outside the spec's minimum/maximum: through the lenient proxy (the strict one would answer first).
  await L.get('/v3/webhooks?page=0&page_size=20', { key, expect: { status: 400, code: 'VALIDATION_005' } });
  await L.get(`/v3/webhooks/${id}/events?page=1&page_size=500`, { key, expect: invalid('page_size') });
  // SDK ≥ 0.38: no page params (docs/decisions/0054).
  await S.get('/v3/webhooks', { key, expect: 200 });
  await S.get(`/v3/webhooks/${id}/events`, { key, expect: 200 });
  await S.get('/v3/webhooks/event-types', { key: 'not_a_test_key', expect: { status: 401, code: 'AUTH_002' } });
  const developer = (await control.createKey(key, { role: 'developer' })).key;
  await S.get('/v3/webhooks?page=1&page_size=20', { key: developer, expect: 200 });
  await S.post('/v3/webhooks', hook('x'), { key: developer, expect: { status: 403, code: 'AUTH_004' } });
  await S.post(`/v3/webhooks/${id}/rotate-secret`, {}, { key: developer, expect: { status: 403, code: 'AUTH_004' } });
  const gone = notFound('RESOURCE_008');
  await S.get(`/v3/webhooks/${UNKNOWN}`, { key, expect: gone });
  await S.put(`/v3/webhooks/${UNKNOWN}`, hook('x'), { key, expect: gone });
  await S.delete(`/v3/webhooks/${UNKNOWN}`, undefined, { key, expect: gone });
  await S.get(`/v3/webhooks/${UNKNOWN}/events?page=1&page_size=20`, { key, expect: gone });
  await S.post(`/v3/webhooks/${UNKNOWN}/rotate-secret`, {}, { key, expect: gone });
  await S.post(`/v3/webhooks/${UNKNOWN}/test`, { event_type: 'message.sent' }, { key, expect: gone });
  await S.patch(`/v3/webhooks/${UNKNOWN}/toggle-status`, { is_active: true }, { key, expect: gone });

  t.step('webhooks: schema-invalid requests (lenient proxy)');
  for (const suffix of ['', '/events?page=1&page_size=20']) await L.get(`/v3/webhooks/not-a-uuid${suffix}`, { key, expect: invalid('id') });
  await L.post('/v3/webhooks/not-a-uuid/rotate-secret', {}, { key, expect: invalid('id') });
  await L.post('/v3/webhooks', { display_name: 'x', endpoint_url: 'ftp://example.com/hook' }, { key, expect: { status: 400 } });
  await L.post('/v3/webhooks', { endpoint_url: t.receiver.url('x') }, { key, expect: invalid('display_name') });
  await L.patch(`/v3/webhooks/${id}/toggle-status`, { is_active: 'yes' }, { key, expect: { status: 400 } });
  await L.get('/v3/webhooks?page_size=101', { key, expect: invalid('page_size') });

  t.step('webhooks: sandbox, delete');
  const flagged = (res, what) => t.expectThat(res.headers['x-sandbox'] === 'true', `${what} carries X-Sandbox: true`);
  flagged(await S.post('/v3/webhooks', hook('x', { sandbox: true }), { key, expect: 201 }), 'sandbox webhook create');
  flagged(await S.post(`/v3/webhooks/${UNKNOWN}/rotate-secret`, { sandbox: true }, { key, expect: 200 }), 'sandbox rotate of an unknown id');
  const doomed = (await S.post('/v3/webhooks', hook('doomed'), { key, expect: 201 })).json?.data?.id;
  await S.delete(`/v3/webhooks/${doomed}`, undefined, { key, expect: 204 });
  await S.delete(`/v3/webhooks/${doomed}`, undefined, { key, expect: gone });
  await S.get(`/v3/webhooks/${doomed}`, { key, expect: gone });
  return { key, secret, narrow: { secret: narrow?.signing_secret }, other: { id: other?.id, secrets: [other?.signing_secret, rotated], beforeRotation } };
}

/** Templates CRUD, review per leg (approved on the clock, rejected by scenario, paused by the reviewer), edit rules and refusals. */
export async function templates(t, { key }) {
  const { S, L, control } = t;
  const review = (id, body) => control.raw('POST', `/_sim/templates/${id}/review`, key, body);
  t.step('templates: create, list, retrieve, update, delete, review');
  const draft = (await S.post('/v3/templates', { category: 'UTILITY', definition: aDefinition() }, { key, expect: 201 })).json?.data;
  const sms = (await S.post('/v3/templates', { definition: pairDefinition(), submit_for_review: true }, { key, expect: 201 })).json?.data;
  t.expectThat(sms?.status === 'PENDING' && sms?.channels?.join() === 'sms,whatsapp,rcs', `a submitted pair waits on its whatsapp leg and renders on sms, whatsapp, rcs (${sms?.status}, ${sms?.channels})`);
  const full = (await S.post('/v3/templates', { category: 'MARKETING', language: 'en_US', creation_source: 'from-api', definition: fullDefinition(), submit_for_review: true }, { key, expect: 201 })).json?.data;
  const rejected = (await S.post('/v3/templates', { definition: aDefinition(), submit_for_review: true }, { key, headers: { 'x-sim-scenario': 'template-review-rejected' }, expect: 201 })).json?.data;
  await S.get('/v3/templates?page=1&page_size=20', { key, expect: 200 });
  await S.get('/v3/templates?page=1&page_size=5&search=hello&status=DRAFT&category=UTILITY', { key, expect: 200 });
  await S.get(`/v3/templates/${draft?.id}`, { key, expect: 200 });
  await S.put(`/v3/templates/${draft?.id}`, { name: 'Conformance Welcome', category: null, language: null, definition: null }, { key, expect: 200 });
  await S.put(`/v3/templates/${draft?.id}`, { definition: aDefinition(), submit_for_review: true }, { key, expect: 200 });
  await S.put(`/v3/templates/${rejected?.id}`, { definition: pairDefinition(), submit_for_review: true }, { key, expect: 200 });
  await S.post('/v3/templates', { definition: aDefinition(), submit_for_review: true }, { key, headers: { 'x-sim-scenario': 'template-review-rejected-everywhere' }, expect: 201 });

  t.step('templates: edits by review state');
  const underReview = { status: 409, code: 'CONFLICT_006' };
  await S.put(`/v3/templates/${full?.id}`, { definition: aDefinition() }, { key, expect: { ...underReview, details: ['definition'] } });
  await S.put(`/v3/templates/${full?.id}`, { submit_for_review: true }, { key, expect: { ...underReview, details: ['submit_for_review'] } });
  await S.put(`/v3/templates/${full?.id}`, { name: 'Conformance Full' }, { key, expect: 200 });
  const live = (await S.post('/v3/templates', { definition: aDefinition(), submit_for_review: true }, { key, expect: 201 })).json?.data;
  t.expectThat((await review(live?.id, { outcome: 'APPROVED' })).status === 200, 'the reviewer control approves the whatsapp leg');
  const edited = await S.put(`/v3/templates/${live?.id}`, { definition: pairDefinition(), category: 'MARKETING' }, { key, expect: 200 });
  t.expectThat(edited.json?.data?.status === 'APPROVED', `an APPROVED template is edited live (${edited.json?.data?.status})`);
  t.expectThat((await review(live?.id, { outcome: 'PAUSED' })).status === 200, 'the reviewer control pauses it');
  await S.put(`/v3/templates/${live?.id}`, { language: 'fr_FR' }, { key, expect: invalid('language') });
  await S.put(`/v3/templates/${live?.id}`, { submit_for_review: true }, { key, expect: 200 });
  await S.put(`/v3/templates/${draft?.id}`, { name: 'sent_welcome' }, { key, expect: invalid('name') });
  const autoReplies = await control.raw('POST', '/_sim/templates/auto-replies', key, {});
  t.expectThat(autoReplies.status === 201, `POST /_sim/templates/auto-replies answered ${autoReplies.status}`);
  const optOut = autoReplies.json?.templates?.[1];
  const readBack = await S.get(`/v3/templates/${optOut?.id}`, { key, expect: 200 });
  t.expectThat(readBack.json?.data?.auto_reply_action === 'OPT_OUT', `an auto-reply reads with its auto_reply_action (${readBack.json?.data?.auto_reply_action})`);
  await S.put(`/v3/templates/${optOut?.id}`, { category: 'MARKETING' }, { key, expect: invalid('category') });
  const doomed = (await S.post('/v3/templates', { definition: aDefinition() }, { key, expect: 201 })).json?.data?.id;
  await S.delete(`/v3/templates/${doomed}`, undefined, { key, expect: 204 });
  await S.get(`/v3/templates/${doomed}`, { key, expect: notFound('RESOURCE_002') });
  await S.delete(`/v3/templates/${doomed}`, { delete_from_meta: true }, { key, expect: notFound('RESOURCE_002') });

  t.step('templates: refused (400, 403, 404)');
  await S.post('/v3/templates', { category: 'UTILITY' }, { key, expect: invalid('definition') });
  await S.post('/v3/templates', { category: 'NEWSLETTER', definition: aDefinition() }, { key, expect: invalid('category') });
  await S.post('/v3/templates', { definition: { body: { multiChannel: { template: 'Hi {{2:variable}}, welcome aboard' } } } }, { key, expect: invalid('definition.body.multiChannel.template') });
  await S.post('/v3/templates', { definition: { body: { sms: { template: 'Your code is ready' } } } }, { key, expect: invalid('definition.body.sms') });
  await S.post('/v3/templates', { definition: { body: { rcs: { template: 'x'.repeat(3073) } } } }, { key, expect: invalid('definition.body.rcs', 'definition.body.rcs.template') });
  await S.post(
    '/v3/templates',
    {
      definition: {
        body: { multiChannel: { template: '{{0:variable}} {{1:variable}}', variables: [variable(0, 'first', 'Ada'), variable(1, 'last', 'Lovelace')] }, whatsapp: { template: 'Hi there' } },
        buttons: [{ id: 1, type: 'QUICK_REPLY', props: { text: '*Yes*' } }, { id: 1, type: 'QUICK_REPLY', props: { text: 'No' } }],
      },
    },
    { key, expect: invalid('definition.body.whatsapp', 'definition.body.multiChannel.template', 'definition.buttons', 'definition.buttons[0].props.text') },
  );
  await S.post('/v3/templates', { definition: { body: {} } }, { key, expect: invalid('definition.body') });
  await L.get('/v3/templates?page=0&page_size=20', { key, expect: { status: 400, code: 'VALIDATION_005' } });
  await S.get('/v3/templates', { key, expect: 200 });
  const billing = (await control.createKey(key, { role: 'billing' })).key;
  await S.get('/v3/templates?page=1&page_size=20', { key: billing, expect: 200 });
  await S.post('/v3/templates', { definition: aDefinition() }, { key: billing, expect: { status: 403, code: 'AUTH_004' } });
  await S.get(`/v3/templates/${UNKNOWN}`, { key, expect: notFound('RESOURCE_002') });
  await S.put(`/v3/templates/${UNKNOWN}`, { name: 'x' }, { key, expect: notFound('RESOURCE_002') });
  await S.delete(`/v3/templates/${UNKNOWN}`, undefined, { key, expect: notFound('RESOURCE_002') });

  t.step('templates: schema-invalid requests (lenient proxy)');
  await L.get('/v3/templates/not-a-uuid', { key, expect: invalid('id') });
  await L.put('/v3/templates/not-a-uuid', { name: 'x' }, { key, expect: invalid('id') });
  await L.delete('/v3/templates/not-a-uuid', undefined, { key, expect: invalid('id') });
  await L.post('/v3/templates', { definition: { body: 'Hello' } }, { key, expect: { status: 400 } });
  await L.post('/v3/templates', { definition: { body: { multiChannel: { template: 'Hi {{0:variable}}, welcome aboard', variables: [{ id: 0, name: '0name', type: 'text' }] } } } }, {
    key,
    expect: invalid('definition.body.multiChannel.variables[0].name', 'definition.body.multiChannel.variables[0].type'),
  });
  await L.get('/v3/templates?page=0', { key, expect: { status: 400 } });
  t.expectThat((await S.post('/v3/templates', { definition: aDefinition(), sandbox: true }, { key, expect: 201 })).headers['x-sandbox'] === 'true', 'a sandbox template create carries X-Sandbox');
  return { sms, full };
}

/** Sends (text, template by name and by id, test numbers), reads, inbound, refusals, then the clock. */
export async function messages(t, { key }, { sms, full }) {
  const { S, L, control } = t;
  t.step('messages: send, retrieve, activities, inbound');
  const send = (body, extra = {}) => S.post('/v3/messages', body, { key, expect: 202, ...extra });
  const text = await send({ to: ['+14155550100', '+14155550101'], channel: ['sms', 'whatsapp'], text: 'Your table is ready.' });
  await send({ to: ['+14155550102'], template: { name: sms?.name, parameters: { name: 'Ada' } } });
  await send({ to: ['+14155550160'], channel: ['sms'], text: 'This one fails after SENT' });
  await send({ to: ['+14155550180'], channel: ['sms'], text: 'This one is filtered' });
  await send({ to: ['+14155550170'], channel: ['rcs'], text: 'This one is denied a route' });
  await send({ to: ['+14155550103'], channel: null, template: { id: full?.id, parameters: { order_id: '12345', name: 'Ada' } }, text: 'ignored: the template wins' });
  const sandbox = await send({ to: ['+14155550104'], text: 'Sandbox', sandbox: true });
  t.expectThat(sandbox.headers['x-sandbox'] === 'true', 'a sandbox send carries X-Sandbox');
  const messageId = text.json?.data?.recipients?.[0]?.message_id;
  await S.get(`/v3/messages/${messageId}`, { key, expect: 200 });
  await S.get(`/v3/messages/${messageId}/activities`, { key, expect: 200 });
  const inbound = await control.raw('POST', '/_sim/inbound', key, { from: '+14155550100', text: 'Hello there', channel: 'whatsapp' });
  t.expectThat(inbound.status === 201, `POST /_sim/inbound answered ${inbound.status}`);
  // Consent: keywords from a number the account never wrote to, then a carrier's opt-out (decisions §14).
  const keywords = [];
  for (const word of ['STOP', 'HELP', 'START']) {
    const res = await control.raw('POST', '/_sim/inbound', key, { from: '+14155550199', text: word });
    t.expectThat(res.status === 201, `POST /_sim/inbound ${word} answered ${res.status}`);
    keywords.push({ word, messageId: res.json?.message?.id, requestId: res.requestId });
  }
  const provider = await control.raw('POST', '/_sim/contacts/opt-out', key, { phone_number: '+14155550198' });
  t.expectThat(provider.status === 200 && provider.json?.contact?.opt_out === true, `POST /_sim/contacts/opt-out answered ${provider.status} ${JSON.stringify(provider.json)}`);
  await S.get(`/v3/messages/${inbound.json?.message?.id}`, { key, expect: 200 });
  // ROUTED, SENT, DELIVERED and READ, then the 24 h review of the whatsapp templates.
  await control.advance(key, 15);
  const delivered = await S.get(`/v3/messages/${messageId}`, { key, expect: 200 });
  t.expectThat(delivered.json?.data?.status === 'DELIVERED', `the text message is DELIVERED after its lifecycle (${delivered.json?.data?.status})`);
  await S.get(`/v3/messages/${messageId}/activities`, { key, expect: 200 });
  await control.advance(key, 24 * 3600 + 1);
  await send({ to: ['+14155550150'], channel: ['whatsapp'], template: { id: full?.id, parameters: { order_id: '1', name: 'Ada' } } });
  await control.advance(key, 15);

  t.step('messages: refused (400, 403, 404, scenarios)');
  await S.post('/v3/messages', { to: [], text: 'x' }, { key, expect: { status: 400, code: 'VALIDATION_004', details: ['to'] } });
  await S.post('/v3/messages', { to: ['+14155550100', '4155550100'], text: 'x' }, { key, expect: { status: 400, code: 'VALIDATION_002', details: ['to[1]'] } });
  await S.post('/v3/messages', { to: ['+14155550100'], channel: ['fax'], text: 'x' }, { key, expect: { status: 400, code: 'VALIDATION_006', details: ['channel[0]'] } });
  await S.post('/v3/messages', { to: ['+14155550100'] }, { key, expect: invalid('template', 'text') });
  await S.post('/v3/messages', { to: [], channel: ['fax'] }, { key, expect: invalid('to', 'channel[0]', 'template') });
  await S.post('/v3/messages', { to: ['+14155550100'], template: { id: UNKNOWN } }, { key, expect: notFound('RESOURCE_002') });
  await S.get(`/v3/messages/${UNKNOWN}`, { key, expect: notFound('RESOURCE_003') });
  await S.get(`/v3/messages/${UNKNOWN}/activities`, { key, expect: notFound('RESOURCE_003') });
  const billing = (await control.createKey(key, { role: 'billing' })).key;
  await S.get(`/v3/messages/${messageId}`, { key: billing, expect: 200 });
  await S.post('/v3/messages', { to: ['+14155550100'], text: 'x' }, { key: billing, expect: { status: 403, code: 'AUTH_004' } });
  await S.post('/v3/messages', { to: ['+14155550100'], text: 'x' }, { key, headers: { 'x-sim-scenario': 'message-rate-limited' }, expect: { status: 429, code: 'BUSINESS_002' } });
  await S.post('/v3/messages', { to: ['+14155550100'], text: 'x' }, { key, headers: { 'x-sim-scenario': 'message-provider-error' }, expect: { status: 502, code: 'INTERNAL_003' } });

  t.step('messages: schema-invalid requests (lenient proxy)');
  await L.get('/v3/messages/not-a-uuid', { key, expect: invalid('id') });
  await L.get('/v3/messages/msg_test_0123456789/activities', { key, expect: invalid('id') });
  await L.post('/v3/messages', { to: '+14155550100', text: 'x' }, { key, expect: { status: 400 } });
  await L.post('/v3/messages', { to: ['+14155550100'], template: { id: 'x', parameters: { name: 1 } } }, { key, expect: { status: 400 } });
  return { messageId, requestId: text.json?.meta?.request_id, keywords };
}

/** Every delivery the flows produced: its spec entry (body and headers), its signature, and the order of one message's events. */
export function checkDeliveries(t, { secret, narrow, other }, { messageId, requestId, keywords }) {
  t.step('webhook deliveries');
  const seen = new Set();
  const check = (label, delivery, secrets) => {
    const { name, problems } = t.validateEvent(delivery);
    seen.add(name);
    t.recorder.check('deliveries', `${label}: ${name} conforms to the spec's webhooks.${name}`, problems.length === 0, problems.slice(0, 5).join('; '));
    t.recorder.check('deliveries', `${label}: x-webhook-signature verifies`, secrets.some((s) => signatureValid(s, delivery.headers, delivery.body)));
    const family = delivery.json?.field === 'templates' ? 'templates' : delivery.json?.event;
    t.recorder.check('deliveries', `${label}: x-webhook-event-type names the event`, delivery.headers['x-webhook-event-type'] === family, `${delivery.headers['x-webhook-event-type']} vs ${family}`);
  };
  const main = t.receiver.from('events');
  for (const d of main) check('events', d, [secret]);
  t.receiver.from('events-other').forEach((d, i) => check('events-other', d, [other.secrets[i < other.beforeRotation ? 0 : 1]]));
  t.receiver.from('events-narrow').forEach((d) => check('events-narrow', d, [narrow.secret]));
  for (const entry of ['messageStatusEvent', 'messageReceivedEvent', 'templateStatusEvent', 'contactEvent']) {
    t.recorder.check('deliveries', `a ${entry} delivery was received and checked`, seen.has(entry));
  }
  const ofMessage = main.filter((d) => d.json?.payload?.message_id === messageId);
  const order = ofMessage.map((d) => d.json?.event);
  t.expectThat(order.join() === 'message.queued,message.routed,message.sent,message.delivered', `one message's events arrive in lifecycle order (got ${order.join(', ')})`);
  // Envelope and headers of decisions §14.
  t.expectThat(typeof requestId === 'string' && ofMessage.every((d) => d.json?.request_id === requestId), `every event of the message names the send's request id ${requestId} (got ${ofMessage.map((d) => d.json?.request_id).join(', ')})`);
  const eventIds = main.map((d) => d.headers['x-webhook-event-id']);
  t.expectThat(new Set(eventIds).size === main.length, `every delivery has its own X-Webhook-Event-ID (${new Set(eventIds).size} distinct in ${main.length})`);
  // Each keyword's contact event follows its message.received, carrying the inbound call's request id.
  const expected = { STOP: ['contact.opt_out', true], HELP: ['contact.help', true], START: ['contact.opt_in', false] };
  for (const { word, messageId: inbound, requestId: called } of keywords) {
    const pair = main.filter((d) => d.json?.payload?.message_id === inbound);
    const [event, optOut] = expected[word];
    t.expectThat(
      pair.map((d) => d.json?.event).join() === `message.received,${event}` && pair[1]?.json?.payload?.opt_out === optOut && pair.every((d) => d.json?.request_id === called),
      `${word}: message.received then ${event} (opt_out ${optOut}), both with the inbound call's request id (got ${pair.map((d) => `${d.json?.event} ${d.json?.payload?.opt_out} ${d.json?.request_id}`).join('; ')})`,
    );
  }
  const providerSignal = main.find((d) => d.json?.payload?.source === 'PROVIDER_SIGNAL');
  t.expectThat(providerSignal?.json?.payload?.message_id === null && providerSignal?.json?.payload?.text === null, 'the provider opt-out arrives as contact.opt_out with no message and no text');
  const narrowed = [...new Set(t.receiver.from('events-narrow').map((d) => d.json?.event))].sort();
  t.expectThat(narrowed.join() === 'contact.opt_out,message.delivered', `a webhook subscribed to two sub-types gets those two only (got ${narrowed.join(', ')})`);
  const statuses = new Set(main.map((d) => d.json?.payload?.message_status ?? d.json?.payload?.status).filter(Boolean));
  for (const s of ['QUEUED', 'SCHEDULED', 'ROUTED', 'SENT', 'DELIVERED', 'READ', 'FAILED', 'FILTERED', 'CANCELLED', 'PENDING', 'APPROVED', 'REJECTED', 'PAUSED']) {
    t.expectThat(statuses.has(s), `a ${s} event was delivered (saw ${[...statuses].join(', ')})`);
  }
  return main.length + t.receiver.from('events-other').length + t.receiver.from('events-narrow').length;
}
