// The account flows of scripts/conformance.mjs: contacts, users, `/v3/me` and number lookup,
// success and every documented refusal. `t.S` is the strict proxy; deliberately invalid
// requests (malformed uuid path ids, schema-invalid bodies and queries) go through `t.L`.
import { aProfile } from './payloads.mjs';

const UNKNOWN = '00000000-0000-4000-8000-0000000d1e0e';
const invalid = (...details) => ({ status: 400, code: 'VALIDATION_001', details });
const forbidden = { status: 403, code: 'AUTH_004' };

export async function contacts(t) {
  const { S, L, control } = t;
  t.step('contacts: create, list, retrieve, update, delete');
  const key = t.newKey('contacts');
  const us = (await S.post('/v3/contacts', { phone_number: '+14155550123' }, { key, expect: 201 })).json?.data;
  const gb = (await S.post('/v3/contacts', { phone_number: '+447911123456', sandbox: false }, { key, expect: 201 })).json?.data;
  await S.post('/v3/contacts', { phone_number: '+99912345678' }, { key, expect: 201 });
  await S.get('/v3/contacts?page=1&page_size=20', { key, expect: 200 });
  await S.get('/v3/contacts?page=1&page_size=1&search=555-01&channel=whatsapp', { key, expect: 200 });
  await S.get(`/v3/contacts?page=1&page_size=20&phone=${encodeURIComponent('+14155550123')}`, { key, expect: 200 });
  await S.get('/v3/contacts?page=9&page_size=20', { key, expect: 200 });
  // SDK ≥ 0.38: the first page without page params, then page+1 (docs/decisions/0054).
  const first = await S.get('/v3/contacts', { key, expect: 200 });
  t.expectThat(first.json?.data?.pagination?.page === 1 && first.json?.data?.pagination?.page_size === 50, 'a list without page params is page 1 of 50');
  await S.get('/v3/contacts?page=2', { key, expect: 200 });
  await S.get(`/v3/contacts/${us?.id}`, { key, expect: 200 });
  await S.patch(`/v3/contacts/${us?.id}`, { opt_out: true, default_channel: 'whatsapp' }, { key, expect: 200 });
  await S.patch(`/v3/contacts/${us?.id}`, { opt_out: null, default_channel: null }, { key, expect: 200 });
  await S.delete(`/v3/contacts/${gb?.id}`, {}, { key, expect: 204 });
  const notFound = { status: 404, code: 'RESOURCE_001' };
  await S.get(`/v3/contacts/${gb?.id}`, { key, expect: notFound });

  t.step('contacts: refused (400, 403, 404, 409)');
  await S.post('/v3/contacts', { phone_number: '+14155550123' }, { key, expect: { status: 409, code: 'RESOURCE_007' } });
  await S.post('/v3/contacts', {}, { key, expect: { status: 400, code: 'VALIDATION_001' } });
  await S.post('/v3/contacts', { phone_number: '415-555-0123' }, { key, expect: { status: 400, code: 'VALIDATION_002', details: ['phone_number'] } });
  await S.get(`/v3/contacts?page=1&page_size=20&phone=${encodeURIComponent('+14155550999')}`, { key, expect: notFound });
  // Outside the spec's minimum/maximum: through the lenient proxy (the strict one would answer first).
  await L.get('/v3/contacts?page=0&page_size=20', { key, expect: { status: 400, code: 'VALIDATION_005' } });
  await L.get('/v3/contacts?page=1&page_size=500', { key, expect: invalid('page_size') });
  await S.get(`/v3/contacts/${UNKNOWN}`, { key, expect: notFound });
  await S.patch(`/v3/contacts/${UNKNOWN}`, { opt_out: true }, { key, expect: notFound });
  await S.delete(`/v3/contacts/${UNKNOWN}`, undefined, { key, expect: notFound });
  const developer = (await control.createKey(key, { role: 'developer' })).key;
  await S.get('/v3/contacts?page=1&page_size=20', { key: developer, expect: 200 });
  await S.post('/v3/contacts', { phone_number: '+14155550124' }, { key: developer, expect: forbidden });
  await S.delete(`/v3/contacts/${us?.id}`, undefined, { key: developer, expect: forbidden });

  t.step('contacts: one owner each; the organization reads its profiles’ (docs/decisions/0055)');
  const profileId = (await S.post('/v3/profiles', aProfile(), { key, expect: 201 })).json?.data?.id;
  const asProfile = { 'x-profile-id': profileId };
  const own = await S.get('/v3/contacts?page=1&page_size=20', { key, headers: asProfile, expect: 200 });
  t.expectThat((own.json?.data?.contacts ?? []).length === 0, 'a profile sees none of its organization’s contacts');
  await S.patch(`/v3/contacts/${us?.id}`, { opt_out: false }, { key, headers: asProfile, expect: notFound });
  await S.delete(`/v3/contacts/${us?.id}`, undefined, { key, headers: asProfile, expect: notFound });
  const theirs = (await S.post('/v3/contacts', { phone_number: '+14155550123' }, { key, headers: asProfile, expect: 201 })).json?.data;
  t.expectThat(theirs?.customer_id === profileId && theirs?.is_inherited === false, 'a profile’s contact has the profile as customer_id');
  const widened = await S.get(`/v3/contacts?phone=${encodeURIComponent('+14155550123')}`, { key, expect: 200 });
  t.expectThat((widened.json?.data?.contacts ?? []).length === 2, 'the organization reads its own and its profile’s contact with that number');
  await S.get(`/v3/contacts/${theirs?.id}`, { key, expect: 200 });
  await S.patch(`/v3/contacts/${theirs?.id}`, { opt_out: true }, { key, expect: notFound });
  const sandbox = await S.post('/v3/contacts', { phone_number: '+14155550123', sandbox: true }, { key, expect: 201 });
  t.expectThat(sandbox.headers['x-sandbox'] === 'true', 'a sandbox contact create carries X-Sandbox (and is never a 409)');

  t.step('contacts: schema-invalid requests (lenient proxy)');
  await L.get('/v3/contacts/not-a-uuid', { key, expect: invalid('id') });
  await L.patch('/v3/contacts/not-a-uuid', { opt_out: true }, { key, expect: invalid('id') });
  await L.delete('/v3/contacts/not-a-uuid', undefined, { key, expect: invalid('id') });
  await L.post('/v3/contacts', { phone_number: 14155550123 }, { key, expect: { status: 400 } });
  await L.patch(`/v3/contacts/${us?.id}`, { default_channel: 'rcs' }, { key, expect: { status: 400 } });
  await L.get('/v3/contacts?page_size=0', { key, expect: invalid('page_size') });
  return { key, profileId };
}

export async function users(t) {
  const { S, L, control } = t;
  t.step('users: list, invite, retrieve, change role, remove');
  const key = t.newKey('users');
  await S.get('/v3/users', { key, expect: 200 });
  const invite = (email, role = 'developer') => S.post('/v3/users', { email, name: 'New User', role }, { key, expect: 201 });
  const dev = (await invite('newuser@example.com')).json?.data;
  const admin = (await invite('admin@example.com', 'admin')).json?.data;
  await control.raw('POST', `/_sim/users/${admin?.id}/accept`, key);
  await S.get('/v3/users', { key, expect: 200 });
  await S.get(`/v3/users/${dev?.id}`, { key, expect: 200 });
  await S.patch(`/v3/users/${dev?.id}`, { role: 'billing' }, { key, expect: 200 });
  await S.delete(`/v3/users/${dev?.id}`, {}, { key, expect: 204 });
  t.expectThat((await S.post('/v3/users', { email: 'x@example.com', name: 'X', role: 'admin', sandbox: true }, { key, expect: 201 })).headers['x-sandbox'] === 'true', 'a sandbox invitation carries X-Sandbox');

  t.step('users: refused (400, 403, 404, 409)');
  const notFound = { status: 404, code: 'RESOURCE_006' };
  await S.post('/v3/users', { email: 'ADMIN@example.com', name: 'Again', role: 'developer' }, { key, expect: { status: 409, code: 'RESOURCE_007' } });
  await S.patch(`/v3/users/${admin?.id}`, { role: 'developer' }, { key, expect: { status: 400, code: 'VALIDATION_001' } });
  await S.delete(`/v3/users/${admin?.id}`, undefined, { key, expect: { status: 400, code: 'VALIDATION_001' } });
  // The demo tenant's admin key acts as its user: the refusals of "yourself" (refused, nothing changes).
  await S.delete('/v3/users/880e8400-e29b-41d4-a716-446655440003', undefined, { key: 'sk_test_demo_admin', expect: { status: 400, code: 'VALIDATION_001' } });
  await S.patch('/v3/users/880e8400-e29b-41d4-a716-446655440003', { role: 'billing' }, { key: 'sk_test_demo_admin', expect: { status: 400, code: 'VALIDATION_001' } });
  for (const id of [dev?.id, UNKNOWN, 'not-a-uuid']) await S.get(`/v3/users/${id}`, { key, expect: notFound });
  await S.patch(`/v3/users/${UNKNOWN}`, { role: 'admin' }, { key, expect: notFound });
  await S.delete(`/v3/users/${UNKNOWN}`, undefined, { key, expect: notFound });
  await S.get('/v3/users', { key: 'not_a_test_key', expect: { status: 401, code: 'AUTH_002' } });
  const developer = (await control.createKey(key, { role: 'developer' })).key;
  await S.get('/v3/users', { key: developer, expect: 200 });
  await S.post('/v3/users', { email: 'y@example.com', name: 'Y', role: 'developer' }, { key: developer, expect: forbidden });
  await S.patch(`/v3/users/${admin?.id}`, { role: 'billing' }, { key: developer, expect: forbidden });
  await S.delete(`/v3/users/${admin?.id}`, undefined, { key: developer, expect: forbidden });

  t.step('users: schema-invalid requests (lenient proxy)');
  await L.post('/v3/users', { email: 'not-an-email', name: 'X', role: 'developer' }, { key, expect: invalid('email') });
  await L.post('/v3/users', { email: 'z@example.com', name: 'Z', role: 'owner' }, { key, expect: invalid('role') });
  await L.patch(`/v3/users/${admin?.id}`, {}, { key, expect: invalid('role') });
}

export async function meAndNumbers(t, { key, profileId }) {
  const { S, L, control } = t;
  t.step('me');
  await S.get('/v3/me', { key, expect: 200 });
  const scoped = await S.get('/v3/me', { key, headers: { 'x-profile-id': profileId }, expect: 200 });
  t.expectThat(scoped.json?.data?.type === 'profile', 'x-profile-id makes /v3/me describe the profile');
  const profileKey = (await control.createKey(key, { role: 'developer', profile_id: profileId })).key;
  await S.get('/v3/me', { key: profileKey, expect: 200 });
  await S.get('/v3/me', { key, headers: { 'x-profile-id': UNKNOWN }, expect: { status: 404, code: 'RESOURCE_014' } });
  await S.get('/v3/me', { key: profileKey, headers: { 'x-profile-id': profileId }, expect: forbidden });
  await S.get('/v3/me', { key: 'not_a_test_key', expect: { status: 401, code: 'AUTH_002' } });

  t.step('numbers: lookup');
  await S.get('/v3/numbers/lookup/+12025551234', { key, expect: 200 });
  await S.get('/v3/numbers/lookup/%2B447911123456', { key, expect: 200 });
  await S.get('/v3/numbers/lookup/+18005550199', { key, expect: 200 });
  await S.get('/v3/numbers/lookup/+1234567890', { key, expect: { status: 404, code: 'RESOURCE_013' } });
  await S.get('/v3/numbers/lookup/2025551234', { key, expect: { status: 400, code: 'VALIDATION_002', details: ['phoneNumber'] } });
  await L.get('/v3/numbers/lookup/+12025551234', { expect: { status: 401, code: 'AUTH_001' } });
}
