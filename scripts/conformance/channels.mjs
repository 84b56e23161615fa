// The channels flow of scripts/conformance.mjs (issue 24): sender profiles, compliance
// requirements, SMS markets (JSON and multipart), their numbers, US TEN_DLC campaigns,
// WhatsApp and RCS, each operation with a 2xx and an error through the strict proxy, the
// schema-invalid requests through the lenient one, and the `channel.*` events the review sends
// to a webhook at the run's receiver, checked against the spec's `webhooks.channelStatusEvent`.
// The clock is advanced through the control plane, directly on the simulator.
import { signatureValid } from './lifecycle.mjs';

const UNKNOWN = '00000000-0000-4000-8000-0000000c4a77';
const invalid = (...details) => ({ status: 400, code: 'VALIDATION_001', details });
const notFound = (code) => ({ status: 404, code });
const held = { status: 409, code: 'RESOURCE_007' };
/** The default review delays (tenant settings channel_provisioning_seconds, channel_review_seconds). */
const PROVISIONING = 60;
const REVIEW = 24 * 3600;

const aBrand = () => ({
  legal_name: 'Globex Corporation',
  entity_type: 'PRIVATE_PROFIT',
  tax_id: '98-7654321',
  country: 'US',
  street: '742 Evergreen Terrace',
  city: 'Springfield',
  state: 'OR',
  postal_code: '97403',
  website: 'https://globex.example.com',
  vertical: 'RETAIL',
  contact_name: 'Hank Scorpio',
  contact_email: 'hank@globex.example.com',
  contact_phone: '+15415550123',
});
const aCampaign = (overrides = {}) => ({
  name: 'Order updates',
  description: 'Order confirmations and shipping updates for Globex customers',
  message_flow: 'Customers opt in by ticking an unchecked box at checkout on globex.example.com.',
  use_cases: ['DELIVERY_NOTIFICATION'],
  sample_messages: ['Globex: your order 1042 has shipped. Reply STOP to opt out.'],
  volume: '1500',
  opt_out_keywords: 'STOP',
  help_keywords: 'HELP',
  ...overrides,
});
const anRcsAgent = () => ({
  display_name: 'Globex',
  description: 'Order updates from Globex',
  agent_use_case: 'NOTIFICATIONS',
  brand_name: 'Globex',
  privacy_policy_url: 'https://globex.example.com/privacy',
  terms_and_conditions_url: 'https://globex.example.com/terms',
  website_url: 'https://globex.example.com',
  brand_color: '#1A73E8',
  logo_url: 'https://globex.example.com/logo.png',
  banner_url: 'https://globex.example.com/banner.png',
  brand_phone_number: '+15415550100',
  customer_support_phone_number: '+15415550101',
  brand_email: 'brand@globex.example.com',
  customer_support_email: 'support@globex.example.com',
  contact_name_and_title: 'Hank Scorpio, CEO',
  company_ein: '98-7654321',
  entity_type: 'PRIVATE_PROFIT',
  official_address: { street: '742 Evergreen Terrace', city: 'Springfield', state: 'OR', postal_code: '97403', country: 'US' },
  brief_company_description: 'Globex sells everything a modern villain needs.',
  opt_in_process_description: 'Customers opt in at checkout.',
  start_message: 'Welcome to Globex updates.',
  help_message: 'Reply STOP to stop.',
  stop_message: 'You will receive no more messages.',
  sample_messages: ['Your order has shipped.'],
});

/** A multipart/form-data body (RFC 7578): its bytes and its content type, with the boundary. */
function multipart(fields, files) {
  const boundary = `----conformance${Math.random().toString(16).slice(2)}`;
  const parts = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const [name, { fileName, type, content }] of Object.entries(files)) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"; filename="${fileName}"\r\ncontent-type: ${type}\r\n\r\n${content}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { rawBody: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export async function channels(t) {
  const { S, L, control } = t;
  const key = t.newKey('channels');
  // `prism proxy` answers an upstream 501 with a mock of its own, so the 501s (BUSINESS_007) are
  // asked of the simulator directly and their bodies checked against the spec here.
  const undeclaredMarket = async (method, path, body) => {
    const res = await control.raw(method, path, key, body);
    const problems = t.validateResponse(method, path, res.status, res.json);
    t.recorder.check('not declared', `${method} ${path} answers 501 BUSINESS_007 as the spec's NotDeclared`, res.status === 501 && res.json?.error?.code === 'BUSINESS_007' && problems.length === 0, `${res.status} ${problems.slice(0, 5).join('; ') || res.text.slice(0, 200)}`);
  };
  const profileOf = (id) => ({ key, headers: { 'x-profile-id': id } });

  t.step('channels: a webhook for channel events');
  const hook = await S.post('/v3/webhooks', { display_name: 'Channels', endpoint_url: t.receiver.url('channels'), event_types: ['channel'] }, { key, expect: 201 });
  const secret = hook.json?.data?.signing_secret;

  t.step('compliance: requirements and number types');
  const gb = await S.get('/v3/compliance/requirements?country=GB&type=ALPHANUMERIC', { key, expect: 200 });
  t.expectThat(gb.json?.data?.setup?.[0]?.content_type === 'multipart/form-data', `GB ALPHANUMERIC's setup[0] is a multipart call (${JSON.stringify(gb.json?.data?.setup?.[0]?.content_type)})`);
  await S.get('/v3/compliance/requirements?channel=sms&country=us&type=10DLC', { key, expect: 200 });
  await S.get('/v3/compliance/requirements?type=LOCAL', { key, expect: { status: 400, code: 'VALIDATION_004', details: ['country'] } });
  await S.get('/v3/compliance/requirements?country=USA&type=LOCAL', { key, expect: invalid('country') });
  await undeclaredMarket('GET', '/v3/compliance/requirements?country=FR&type=ALPHANUMERIC');
  await undeclaredMarket('GET', '/v3/compliance/requirements?channel=whatsapp');
  await S.get('/v3/channels/voice/CA/compliance', { key, expect: 200 });
  await S.get('/v3/channels/mms/FR/compliance', { key, expect: 200 });
  await undeclaredMarket('GET', '/v3/channels/rcs/US/compliance');
  await S.get('/v3/channels/fax/US/compliance', { key, expect: invalid('channel') });

  t.step('sender profiles: create, list, read, change, delete');
  const created = await S.post('/v3/sender-profiles', { name: 'Acme UK', short_name: 'ACME UK', billing: { inherit: true } }, { key, expect: 201 });
  const profile = created.json?.data;
  t.expectThat(typeof profile?.api_key === 'string' && profile.api_key.startsWith('sk_test_'), 'the create answers the profile key once');
  const full = await S.post(
    '/v3/sender-profiles',
    {
      name: 'Globex',
      short_name: 'GLOBEX',
      description: 'Globex notifications',
      billing: { inherit: true },
      compliance: { inherit: true },
      channels: { sms: [{ country: 'DE', number_type: 'ALPHANUMERIC', sender_value: 'GLOBEX' }] },
    },
    { key, expect: 201 },
  );
  const sandboxed = await S.post('/v3/sender-profiles', { name: 'Sandbox', short_name: 'SANDBOX', sandbox: true }, { key, expect: 201 });
  t.expectThat(sandboxed.headers['x-sandbox'] === 'true', 'a sandbox sender profile create carries X-Sandbox');
  const listed = await S.get('/v3/sender-profiles?page=1&page_size=10', { key, expect: 200 });
  t.noSecrets(listed, [profile?.api_key].filter(Boolean));
  t.noSecrets(await S.get(`/v3/sender-profiles/${profile?.id}`, { key, expect: 200 }), [profile?.api_key].filter(Boolean));
  await S.get(`/v3/sender-profiles/${full.json?.data?.id}`, { key, expect: 200 });
  await S.patch(`/v3/sender-profiles/${profile?.id}`, { description: 'Acme in the United Kingdom' }, { key, expect: 200 });
  await S.patch(`/v3/sender-profiles/${profile?.id}`, { description: null }, { key, expect: 200 });
  await S.get('/v3/sender-profiles', { key: profile?.api_key, expect: 200 });

  t.step('sender profiles: refused (400, 403, 404)');
  await S.post('/v3/sender-profiles', { name: 'Acme', short_name: 'ACME' }, { key: profile?.api_key, expect: { status: 403, code: 'AUTH_004' } });
  await S.post('/v3/sender-profiles', { name: 'Acme', short_name: 'ACME', channels: { sms: [{ country: 'FR', number_type: 'ALPHANUMERIC', sender_value: 'ACME' }] } }, { key, expect: invalid('channels.sms[0]') });
  await S.get('/v3/sender-profiles?page=0&page_size=10', { key, expect: { status: 400 } });
  await S.get(`/v3/sender-profiles/${UNKNOWN}`, { key, expect: notFound('RESOURCE_014') });
  await S.get('/v3/sender-profiles/not-a-uuid', { key, expect: invalid('id') });
  await S.patch(`/v3/sender-profiles/${profile?.id}`, {}, { key, expect: { status: 400 } });
  await S.patch(`/v3/sender-profiles/${UNKNOWN}`, { name: 'x' }, { key, expect: notFound('RESOURCE_014') });
  await S.delete(`/v3/sender-profiles/${UNKNOWN}`, undefined, { key, expect: notFound('RESOURCE_014') });

  t.step('sender profiles: schema-invalid requests (lenient proxy)');
  await L.post('/v3/sender-profiles', { name: 'Acme' }, { key, expect: invalid('short_name') });
  await L.post('/v3/sender-profiles', { name: 'Acme', short_name: '!!' }, { key, expect: invalid('short_name') });
  await L.patch(`/v3/sender-profiles/${profile?.id}`, { short_name: 'x' }, { key, expect: invalid('short_name') });

  t.step('channels: overview and markets (JSON and multipart)');
  await S.get('/v3/channels', { key, expect: 200 });
  await S.get('/v3/channels', profileOf(profile?.id ?? UNKNOWN)).then((r) => t.expectThat(r.status === 200, `a profile's channels answered ${r.status}`));
  await S.get('/v3/channels/sms', { key, expect: 200 });
  await S.post('/v3/channels/sms', { country: 'de', number_type: 'alphanumeric', sender_value: 'ACME' }, { key, expect: 201 });
  await S.post('/v3/channels/sms', { country: 'AU', number_type: 'MOBILE', numbers: [{ quantity: 2 }] }, { key, expect: 201 });
  const form = multipart(
    { country: 'GB', numberType: 'ALPHANUMERIC', senderValue: 'ACME', compliance: JSON.stringify({ fields: { company_name: 'Acme Trading Ltd', company_number: '01234567' } }) },
    { letter_of_authorization: { fileName: 'loa.pdf', type: 'application/pdf', content: '%PDF-1.4 letter of authorisation' } },
  );
  const gbMarket = await S.post('/v3/channels/sms', undefined, { key: profile?.api_key, ...form, expect: 201 });
  t.expectThat(gbMarket.json?.data?.status === 'PROVISIONING' && gbMarket.json?.data?.compliance?.documents?.[0]?.file_name === 'loa.pdf', `a multipart market keeps its document and owes nothing (${gbMarket.json?.data?.status})`);
  const owing = await S.post('/v3/channels/sms', { country: 'GB', number_type: 'ALPHANUMERIC', sender_value: 'ACME', compliance: { fields: { company_name: 'Acme Trading Ltd', company_number: '01234567' } } }, { key, expect: 201 });
  t.expectThat(owing.json?.data?.status === 'ACTION_NEEDED' && owing.json?.data?.reason_code === 'CHANNEL_001', `a market that owes something is ACTION_NEEDED with CHANNEL_001 (${owing.json?.data?.status})`);
  await S.get('/v3/channels/sms/gb/alphanumeric', { key, expect: 200 });
  await S.get('/v3/channels/sms/US/10DLC', { key, expect: 200 });
  const patchForm = multipart({ compliance: JSON.stringify({ fields: { company_name: 'Acme Trading Limited' } }) }, { letter_of_authorization: { fileName: 'loa.pdf', type: 'application/pdf', content: '%PDF-1.4' } });
  const fixed = await S.patch('/v3/channels/sms/GB/ALPHANUMERIC', undefined, { key, ...patchForm, expect: 200 });
  t.expectThat(fixed.json?.data?.status === 'PENDING_REVIEW' && fixed.json?.data?.compliance?.requirements?.length === 0, `a multipart PATCH that supplies what was owed resubmits the market for review (${fixed.json?.data?.status})`);
  await S.post('/v3/channels/sms', { country: 'AU', number_type: 'ALPHANUMERIC', sender_value: 'ACME', compliance: { fields: { company_name: 'Acme Pty Ltd' } } }, { key, expect: 201 });
  await S.patch('/v3/channels/sms/AU/ALPHANUMERIC', { compliance: { fields: { abn: '51824753556' } } }, { key, expect: 200 });

  t.step('channels: markets refused (400, 403, 404, 409, 501)');
  await S.get('/v3/channels', { key, headers: { 'x-profile-id': UNKNOWN } }).then((r) => t.expectThat(r.status === 404, `an unknown x-profile-id answered ${r.status}`));
  await S.get('/v3/channels/sms', { key: profile?.api_key, headers: { 'x-profile-id': profile?.id }, expect: { status: 403 } });
  await S.post('/v3/channels/sms', { country: 'CA', number_type: 'LOCAL' }, { key, expect: held });
  await undeclaredMarket('POST', '/v3/channels/sms', { country: 'FR', number_type: 'ALPHANUMERIC', sender_value: 'ACME' });
  await S.post('/v3/channels/sms', { country: 'United Kingdom', number_type: 'LONGCODE' }, { key, expect: invalid('country', 'number_type') });
  await S.get('/v3/channels/sms/BR/SHORT_CODE', { key, expect: notFound('RESOURCE_013') });
  await S.get('/v3/channels/sms/GB/LONG', { key, expect: invalid('type') });
  await S.patch('/v3/channels/sms/BR/SHORT_CODE', { compliance: { fields: {} } }, { key, expect: notFound('RESOURCE_013') });
  await S.patch('/v3/channels/sms/DE/ALPHANUMERIC', { compliance: { fields: { vat: 'DE1' } } }, { key, expect: { status: 400 } });

  t.step('channels: markets, schema-invalid requests (lenient proxy)');
  await L.post('/v3/channels/sms', { country: 'DE' }, { key, expect: invalid('number_type') });
  await L.post('/v3/channels/sms/CA/LOCAL/numbers', { campaign_id: UNKNOWN }, { key, expect: invalid('numbers') });

  t.step('channels: numbers');
  await S.get('/v3/channels/sms/CA/LOCAL/numbers', { key, expect: 200 });
  await S.post('/v3/channels/sms/CA/local/numbers', { numbers: [{ area_code: '416', quantity: 2 }, { area_code: '907' }] }, { key, expect: 200 });
  await S.patch('/v3/channels/sms/CA/LOCAL/numbers', { numbers: [{ area_code: '416', quantity: 2 }, { quantity: 1 }, { area_code: '604' }, { quantity: 1 }] }, { key, expect: 200 });
  await undeclaredMarket('GET', '/v3/channels/rcs/US/TEN_DLC/numbers');
  await S.get('/v3/channels/sms/AU/MOBILE/numbers', { key, expect: 200 });
  await S.get('/v3/channels/sms/BR/SHORT_CODE/numbers', { key, expect: notFound('RESOURCE_013') });
  await S.post('/v3/channels/sms/DE/ALPHANUMERIC/numbers', { numbers: [{}] }, { key, expect: { status: 400 } });
  await undeclaredMarket('POST', '/v3/channels/whatsapp/US/TEN_DLC/numbers', { numbers: [{}] });
  await S.patch('/v3/channels/sms/CA/LOCAL/numbers', { numbers: [{ area_code: '416', quantity: 1 }] }, { key, expect: { status: 400 } });

  t.step('channels: US TEN_DLC campaigns');
  const tenDlc = (await S.post('/v3/sender-profiles', { name: 'Globex US', short_name: 'GLOBEX US' }, { key, expect: 201 })).json?.data?.id;
  const asTenDlc = profileOf(tenDlc);
  await S.get('/v3/channels/sms/US/TEN_DLC/campaigns', { ...asTenDlc, expect: notFound('RESOURCE_013') });
  await S.post('/v3/channels/sms/US/TEN_DLC/campaigns', aCampaign(), { ...asTenDlc, expect: notFound('RESOURCE_013') });
  await S.post('/v3/channels/sms', { country: 'US', number_type: 'TEN_DLC', compliance: { brand: aBrand(), campaign: aCampaign() } }, { ...asTenDlc, expect: 201 });
  const early = await S.post('/v3/channels/sms/US/TEN_DLC/campaigns', aCampaign({ name: 'Too early' }), { ...asTenDlc });
  t.expectThat(early.status === 400, `a campaign before the identity is filed answered ${early.status}`);
  await control.advance(key, PROVISIONING);
  const added = (await S.post('/v3/channels/sms/US/TEN_DLC/campaigns', aCampaign({ name: 'Reminders', volume: '250' }), { ...asTenDlc, expect: 201 })).json?.data;
  await S.get('/v3/channels/sms/US/TEN_DLC/campaigns', { ...asTenDlc, expect: 200 });
  await S.patch(`/v3/channels/sms/US/TEN_DLC/campaigns/${added?.id}`, { message_flow: 'Customers text JOIN to 555-0100.' }, { ...asTenDlc, expect: 200 });
  await S.patch(`/v3/channels/sms/US/TEN_DLC/campaigns/${UNKNOWN}`, { volume: '100' }, { ...asTenDlc, expect: { status: 404 } });
  await control.advance(key, PROVISIONING);
  await S.patch(`/v3/channels/sms/US/TEN_DLC/campaigns/${added?.id}`, { description: 'Something else entirely' }, { ...asTenDlc, expect: { status: 409, code: 'BUSINESS_006' } });
  await S.patch('/v3/channels/sms/US/TEN_DLC/campaigns/not-a-uuid', { volume: '100' }, { ...asTenDlc, expect: invalid('campaignId') });

  t.step('channels: WhatsApp and RCS');
  await S.post('/v3/channels/whatsapp', { waba_id: '102290129340398', phone_number_id: '106540352242922' }, { ...profileOf(profile?.id), expect: 201 });
  await S.post('/v3/channels/whatsapp', { waba_id: '102290129340398' }, { key, expect: held });
  await S.post('/v3/channels/rcs', anRcsAgent(), { key, expect: 201 });
  await S.post('/v3/channels/rcs', anRcsAgent(), { key, expect: held });
  await S.get('/v3/channels', { key, expect: 200 });

  t.step('channels: the review on the clock, the send, the delete');
  await S.post('/v3/messages', { to: ['+447700900123'], channel: ['sms'], text: 'Your order has shipped.' }, { key: profile?.api_key, expect: { status: 400, code: 'VALIDATION_002', details: ['to[0]'] } });
  await control.advance(key, PROVISIONING + REVIEW);
  await S.get('/v3/channels/sms/GB/ALPHANUMERIC', { key: profile?.api_key, expect: 200 }).then((r) => t.expectThat(r.json?.data?.status === 'ACTIVE', `the GB market is ACTIVE after its review (${r.json?.data?.status})`));
  await S.post('/v3/messages', { to: ['+447700900123'], channel: ['sms'], text: 'Your order has shipped.' }, { key: profile?.api_key, expect: 202 });
  const deleted = await S.delete(`/v3/sender-profiles/${profile?.id}`, undefined, { key, expect: 204 });
  await S.delete(`/v3/sender-profiles/${profile?.id}`, undefined, { key, expect: notFound('RESOURCE_014') });
  await control.advance(key, 1);

  t.step('channels: channel.* deliveries');
  const deliveries = t.receiver.from('channels');
  const names = new Set();
  for (const d of deliveries) {
    const { name, problems } = t.validateEvent(d);
    names.add(d.json?.event);
    t.recorder.check('deliveries', `channels: ${name} conforms to the spec's webhooks.${name}`, name === 'channelStatusEvent' && problems.length === 0, problems.slice(0, 5).join('; ') || name);
    t.recorder.check('deliveries', 'channels: x-webhook-signature verifies', signatureValid(secret, d.headers, d.body));
    t.recorder.check('deliveries', 'channels: x-webhook-event-type names the event', d.headers['x-webhook-event-type'] === d.json?.event, `${d.headers['x-webhook-event-type']} vs ${d.json?.event}`);
  }
  for (const name of ['channel.submitted', 'channel.activated', 'channel.removed']) t.expectThat(names.has(name), `a ${name} event was delivered (saw ${[...names].join(', ')})`);
  // request_id names the call that started the chain (docs/decisions/0092): the GB market's add on
  // every step of its review, the clock's included; the DELETE on channel.removed.
  const gbSteps = deliveries.filter((d) => d.json?.payload?.account_id === profile?.id && d.json?.payload?.country === 'GB' && d.json?.event !== 'channel.removed');
  const gbAdd = gbMarket.headers['x-request-id'];
  t.recorder.check('deliveries', 'channels: request_id of a market’s review steps is its add’s X-Request-Id', gbSteps.length >= 2 && gbSteps.every((d) => d.json?.request_id === gbAdd), `${gbSteps.map((d) => `${d.json?.event}: ${d.json?.request_id}`).join(', ')} vs ${gbAdd}`);
  const removed = deliveries.filter((d) => d.json?.event === 'channel.removed');
  t.recorder.check('deliveries', 'channels: request_id of channel.removed is the DELETE’s X-Request-Id', removed.length > 0 && removed.every((d) => d.json?.request_id === deleted.headers['x-request-id']), `${removed.map((d) => d.json?.request_id).join(', ')} vs ${deleted.headers['x-request-id']}`);
  return deliveries.length;
}
