// The profile flows of scripts/conformance.mjs: every profile operation through the Prism proxy,
// success and error paths, access rules, idempotent replays, sandbox calls and rate limits. `t.S` is the
// strict (`--errors`) proxy, `t.L` the lenient one used for deliberately invalid requests.
import {
  UNKNOWN_CAMPAIGN,
  UNKNOWN_PROFILE,
  aBillingContact,
  aBrand,
  aCampaign,
  aCard,
  aFullProfile,
  aProfile,
  docsPatch,
} from './payloads.mjs';

const invalid = (...details) => ({ status: 400, code: 'VALIDATION_001', details });
const HOOK = 'https://your-app.com/webhook/profile-complete';

/** Create, read and update, then every 400 that a schema-valid request can earn. */
export async function profileBasics(t) {
  const { S } = t;
  t.step('profiles: create, list, retrieve, update');
  const key = t.newKey('profiles');
  const id = (await S.post('/v3/profiles', aProfile(), { key, expect: 201 })).json?.data?.id;
  const full = await S.post('/v3/profiles', aFullProfile(), { key, expect: 201 });
  t.noSecrets(full, ['EAAGm0PX4ZCpsBAJZC0conformance', '4242424242424242']);
  await S.get('/v3/profiles', { key, expect: 200 });
  await S.get(`/v3/profiles/${id}`, { key, expect: 200 });
  const patched = await S.patch(`/v3/profiles/${id}`, docsPatch(), { key, expect: 200 });
  t.expectThat(patched.json?.data?.icon === null && patched.json?.data?.billing_model === 'organization', 'docs PATCH example applied');
  await S.patch(`/v3/profiles/${id}`, { brand: aBrand() }, { key, expect: 200 });
  const billing = await S.patch(
    `/v3/profiles/${id}`,
    { billing_model: 'profile_and_organization', billing_contact: aBillingContact(), payment_details: aCard(), sending_phone_number: '+14155550100', allow_number_change_during_onboarding: true },
    { key, expect: 200 },
  );
  t.noSecrets(billing, ['4242424242424242']);
  await S.patch(`/v3/profiles/${id}`, { short_name: null, icon: 'https://example.com/sales-icon.png' }, { key, expect: 200 });
  await S.get('/v3/profiles', { key, expect: 200 });

  t.step('profiles: refused by the simulator’s rules (400)');
  await S.post('/v3/profiles', aProfile({ brand: aBrand(), inherit_tcr_brand: true }), { key, expect: invalid('brand') });
  await S.post('/v3/profiles', aProfile({ billing_model: 'profile' }), { key, expect: invalid('billing_contact') });
  await S.post('/v3/profiles', aProfile({ billing_model: 'organization', payment_details: aCard() }), { key, expect: invalid('payment_details') });
  const declined = aProfile({ billing_contact: aBillingContact(), payment_details: aCard({ card_number: '4000000000000002' }) });
  await S.post('/v3/profiles', declined, { key, expect: invalid('payment_details.card_number') });
  const luhn = aProfile({ billing_contact: aBillingContact(), payment_details: aCard({ card_number: '4242424242424241' }) });
  await S.post('/v3/profiles', luhn, { key, expect: invalid('payment_details.card_number') });
  const expired = aProfile({ billing_contact: aBillingContact(), payment_details: aCard({ expiry: '01/20' }) });
  await S.post('/v3/profiles', expired, { key, expect: invalid('payment_details.expiry') });
  await S.patch(`/v3/profiles/${id}`, { billing_model: 'organization', payment_details: aCard() }, { key, expect: invalid('payment_details') });
  await S.get('/v3/profiles/not-a-uuid', { key, expect: { status: 400, code: 'VALIDATION_001' } });
  await S.patch('/v3/profiles/not-a-uuid', { name: 'x' }, { key, expect: { status: 400, code: 'VALIDATION_001' } });
  await S.delete('/v3/profiles/not-a-uuid', undefined, { key, expect: { status: 400, code: 'VALIDATION_001' } });
  await S.post('/v3/profiles/not-a-uuid/complete', { webHookUrl: HOOK }, { key, expect: { status: 400, code: 'VALIDATION_001' } });
  await S.get('/v3/profiles/not-a-uuid/campaigns', { key, expect: { status: 400, code: 'VALIDATION_001' } });

  t.step('profiles: unknown profile (404)');
  const notFound = { status: 404, code: 'RESOURCE_014' };
  await S.get(`/v3/profiles/${UNKNOWN_PROFILE}`, { key, expect: notFound });
  await S.patch(`/v3/profiles/${UNKNOWN_PROFILE}`, { name: 'x' }, { key, expect: notFound });
  await S.delete(`/v3/profiles/${UNKNOWN_PROFILE}`, {}, { key, expect: notFound });
  await S.post(`/v3/profiles/${UNKNOWN_PROFILE}/complete`, { webHookUrl: HOOK }, { key, expect: notFound });
  await S.get(`/v3/profiles/${UNKNOWN_PROFILE}/campaigns`, { key, expect: notFound });
  await S.post(`/v3/profiles/${UNKNOWN_PROFILE}/campaigns`, { campaign: aCampaign() }, { key, expect: notFound });
  await S.put(`/v3/profiles/${UNKNOWN_PROFILE}/campaigns/${UNKNOWN_CAMPAIGN}`, { campaign: aCampaign() }, { key, expect: notFound });
  await S.delete(`/v3/profiles/${UNKNOWN_PROFILE}/campaigns/${UNKNOWN_CAMPAIGN}`, undefined, { key, expect: notFound });
  return { key, id, fullId: full.json?.data?.id };
}

/** Requests the spec itself forbids: Prism must flag the request, the simulator answer per spec. */
export async function invalidRequests(t, { key, id }) {
  const { L } = t;
  t.step('profiles: schema-invalid requests (lenient proxy)');
  await L.post('/v3/profiles', aProfile({ short_name: '!' }), { key, expect: invalid('short_name') });
  // Over the 1 MiB body limit (and over the spec's maxLength of a description, so Prism reports it as invalid).
  await L.post('/v3/profiles', { name: 'Too big', description: 'x'.repeat(1_100_000) }, { key, expect: { status: 413, code: 'VALIDATION_001' } });
  await L.post('/v3/profiles', { short_name: 'SALES' }, { key, expect: invalid('name') });
  await L.post('/v3/profiles', aProfile({ billing_model: 'bogus' }), { key, expect: { status: 400 } });
  await L.post('/v3/profiles', aProfile({ brand: aBrand({ vertical: 'BOGUS' }) }), { key, expect: { status: 400 } });
  await L.post('/v3/profiles', aProfile({ billing_contact: aBillingContact(), payment_details: aCard({ card_number: 'abcd', cvc: '1' }) }), { key, expect: invalid('payment_details.card_number', 'payment_details.cvc') });
  await L.patch(`/v3/profiles/${id}`, { name: '' }, { key, expect: invalid('name') });
  await L.post(`/v3/profiles/${id}/complete`, {}, { key, expect: invalid('webHookUrl') });
  await L.post(`/v3/profiles/${id}/complete`, { webHookUrl: 'ftp://example.com/hook' }, { key, expect: invalid('webHookUrl') });
  await L.post(`/v3/profiles/${id}/campaigns`, { campaign: aCampaign({ useCases: [] }) }, { key, expect: { status: 400 } });
  await L.post(`/v3/profiles/${id}/campaigns`, { campaign: aCampaign({ useCases: [{ messagingUseCaseUs: 'BOGUS', sampleMessages: ['x'] }] }) }, { key, expect: { status: 400 } });
  await L.post('/v3/profiles', undefined, { key, rawBody: 'name=Sales', contentType: 'text/plain', expect: { status: 400, code: 'VALIDATION_001' } });
  await L.post('/v3/profiles', aProfile(), { key, headers: { 'Idempotency-Key': 'not a valid key!' }, expect: { status: 400, code: 'VALIDATION_007' } });

  t.step('auth (401)');
  await t.S.get('/v3/profiles', { key: 'not_a_test_key', expect: { status: 401, code: 'AUTH_002' } });
  await t.S.post('/v3/profiles', aProfile(), { key: 'live_key_unknown', expect: { status: 401, code: 'AUTH_002' } });
  await L.get('/v3/profiles', { expect: { status: 401, code: 'AUTH_001' } });
}

/** Roles, profile-scoped keys and `x-profile-id` (docs/decisions/0002). */
export async function access(t, { key, id, fullId }) {
  const { S, control } = t;
  t.step('access: roles and profile keys (403)');
  const forbidden = { status: 403, code: 'AUTH_004' };
  const developer = (await control.createKey(key, { role: 'developer' })).key;
  await S.get('/v3/profiles', { key: developer, expect: 200 });
  await S.get(`/v3/profiles/${id}/campaigns`, { key: developer, expect: 200 });
  await S.post('/v3/profiles', aProfile(), { key: developer, expect: forbidden });
  await S.patch(`/v3/profiles/${id}`, { name: 'x' }, { key: developer, expect: forbidden });
  await S.delete(`/v3/profiles/${id}`, {}, { key: developer, expect: forbidden });
  await S.post(`/v3/profiles/${id}/complete`, { webHookUrl: HOOK }, { key: developer, expect: forbidden });
  await S.post(`/v3/profiles/${id}/campaigns`, { campaign: aCampaign() }, { key: developer, expect: forbidden });
  await S.put(`/v3/profiles/${id}/campaigns/${UNKNOWN_CAMPAIGN}`, { campaign: aCampaign() }, { key: developer, expect: forbidden });
  await S.delete(`/v3/profiles/${id}/campaigns/${UNKNOWN_CAMPAIGN}`, {}, { key: developer, expect: forbidden });
  const billing = (await control.createKey(key, { role: 'billing' })).key;
  await S.get(`/v3/profiles/${id}`, { key: billing, expect: 200 });

  const profileKey = (await control.createKey(key, { role: 'admin', profile_id: id })).key;
  await S.get(`/v3/profiles/${id}`, { key: profileKey, expect: 200 });
  const listed = await S.get('/v3/profiles', { key: profileKey, expect: 200 });
  t.expectThat(listed.json?.data?.profiles?.length === 0, 'a profile key lists no profiles');
  await S.get(`/v3/profiles/${fullId}`, { key: profileKey, expect: { status: 404, code: 'RESOURCE_014' } });
  await S.patch(`/v3/profiles/${id}`, { name: 'x' }, { key: profileKey, expect: forbidden });
  await S.get(`/v3/profiles/${id}`, { key: profileKey, headers: { 'x-profile-id': id }, expect: forbidden });

  t.step('access: x-profile-id from an organization key');
  const scoped = await S.get('/v3/profiles', { key, headers: { 'x-profile-id': id }, expect: 200 });
  t.expectThat(scoped.headers['x-profile-id'] === id, 'X-Profile-Id echoes the scoped profile');
  await S.get(`/v3/profiles/${id}`, { key, headers: { 'x-profile-id': UNKNOWN_PROFILE }, expect: { status: 404, code: 'RESOURCE_014' } });

  t.step('profiles: no WhatsApp account anywhere (no 422 since 2026-11)');
  const noWaba = t.newKey('no-waba');
  await control.patchTenant(noWaba, { whatsapp_business_account: false });
  const bare = (await S.post('/v3/profiles', aProfile(), { key: noWaba, expect: 201 })).json?.data;
  t.expectThat(bare?.waba_id === null && bare?.inherit_tcr_brand === false, 'a profile without its own WABA has none, and inherits nothing by default');
  const own = { whatsapp_business_account: { waba_id: '109876543210987', access_token: 'EAAGm0PX4ZCpsBAJZC0conformance' } };
  t.noSecrets(await S.post('/v3/profiles', aProfile(own), { key: noWaba, expect: 201 }), ['EAAGm0PX4ZCpsBAJZC0conformance']);
}

/** `Idempotency-Key`: replay, replay with another body, and PATCH (docs/decisions/0007). */
export async function idempotency(t, { key, id }) {
  const { S } = t;
  t.step('idempotency: replays');
  const idem = `conformance_${Date.now().toString(36)}`;
  const headers = { 'Idempotency-Key': idem };
  const first = await S.post('/v3/profiles', aProfile({ name: 'Idempotent' }), { key, headers, expect: 201 });
  const again = await S.post('/v3/profiles', aProfile({ name: 'Idempotent' }), { key, headers, expect: 201 });
  t.expectThat(again.headers['idempotent-replayed'] === 'true', 'a replay carries Idempotent-Replayed: true');
  t.expectThat(again.headers['x-original-request-id'] === first.headers['x-request-id'], 'a replay names the original request id');
  t.expectThat(again.json?.data?.id === first.json?.data?.id, 'a replay returns the first profile');
  const other = await S.post('/v3/profiles', aProfile({ name: 'Other body' }), { key, headers, expect: 201 });
  t.expectThat(other.headers['x-sim-warning'] === 'idempotency-key-reused-with-different-body', 'a reused key with another body is flagged');
  const names = ((await S.get('/v3/profiles', { key, expect: 200 })).json?.data?.profiles ?? []).map((p) => p.name);
  t.expectThat(names.filter((n) => n === 'Idempotent').length === 1 && !names.includes('Other body'), 'the create ran exactly once');
  const patchHeaders = { 'Idempotency-Key': `${idem}_patch` };
  await S.patch(`/v3/profiles/${id}`, { description: 'Patched once' }, { key, headers: patchHeaders, expect: 200 });
  const replayed = await S.patch(`/v3/profiles/${id}`, { description: 'Patched once' }, { key, headers: patchHeaders, expect: 200 });
  t.expectThat(replayed.headers['idempotent-replayed'] === 'true', 'a PATCH replay carries Idempotent-Replayed');
  // Ignored on GET and DELETE (docs/decisions/0007): a key there changes nothing.
  await S.get(`/v3/profiles/${id}`, { key, headers: { 'Idempotency-Key': idem }, expect: 200 });
}

/** `"sandbox": true` on every mutating operation: validated, answered, nothing changes. */
export async function sandbox(t, { key, id }) {
  const { S, L } = t;
  t.step('sandbox');
  const before = (await S.get('/v3/profiles', { key, expect: 200 })).json?.data?.profiles?.length;
  const flagged = (res, what) => t.expectThat(res.headers['x-sandbox'] === 'true', `${what} carries X-Sandbox: true`);
  flagged(await S.post('/v3/profiles', aProfile({ sandbox: true }), { key, expect: 201 }), 'sandbox create');
  flagged(await S.patch(`/v3/profiles/${UNKNOWN_PROFILE}`, { name: 'Sandbox', sandbox: true }, { key, expect: 200 }), 'sandbox PATCH of an unknown id');
  flagged(await S.delete(`/v3/profiles/${UNKNOWN_PROFILE}`, { sandbox: true }, { key, expect: 204 }), 'sandbox DELETE of an unknown id');
  flagged(await S.delete(`/v3/profiles/${id}`, { sandbox: true }, { key, expect: 204 }), 'sandbox DELETE');
  flagged(await S.post(`/v3/profiles/${UNKNOWN_PROFILE}/complete`, { webHookUrl: HOOK, sandbox: true }, { key, expect: 202 }), 'sandbox complete');
  const base = `/v3/profiles/${UNKNOWN_PROFILE}/campaigns`;
  flagged(await S.post(base, { campaign: aCampaign(), sandbox: true }, { key, expect: 201 }), 'sandbox campaign create');
  flagged(await S.put(`${base}/${UNKNOWN_CAMPAIGN}`, { campaign: aCampaign(), sandbox: true }, { key, expect: 200 }), 'sandbox campaign PUT');
  flagged(await S.delete(`${base}/${UNKNOWN_CAMPAIGN}`, { sandbox: true }, { key, expect: 204 }), 'sandbox campaign DELETE');
  await L.post('/v3/profiles', aProfile({ short_name: '!', sandbox: true }), { key, expect: invalid('short_name') });
  const after = (await S.get('/v3/profiles', { key, expect: 200 })).json?.data?.profiles?.length;
  t.expectThat(before === after, `sandbox calls changed nothing (${before} profiles before, ${after} after)`);
  await S.get(`/v3/profiles/${id}`, { key, expect: 200 });
}

/** Rate limits turned on for a tenant (docs/decisions/0009): the 11th completion in a minute is a 429. */
export async function rateLimits(t) {
  const { S, control } = t;
  t.step('rate limits (sensitive tier: completion, 10/min)');
  const key = t.newKey('rate-limits');
  await control.patchTenant(key, { settings: { rate_limits: true } });
  const complete = () => S.post(`/v3/profiles/${UNKNOWN_PROFILE}/complete`, { webHookUrl: HOOK, sandbox: true }, { key });
  for (let i = 0; i < 10; i++) await complete();
  const limited = await complete();
  t.expectThat(limited.status === 429 && limited.json?.error?.code === 'BUSINESS_002', `the 11th completion in a minute answers 429 BUSINESS_002 (got ${limited.status})`);
  t.expectThat(limited.headers['x-ratelimit-limit'] === '10' && /^\d+$/.test(limited.headers['retry-after'] ?? ''), 'the 429 carries Retry-After and X-RateLimit-Limit: 10');
  await S.get('/v3/profiles', { key, expect: 200 });
  await control.advance(key, 60);
  await S.post(`/v3/profiles/${UNKNOWN_PROFILE}/complete`, { webHookUrl: HOOK, sandbox: true }, { key, expect: 202 });
}
