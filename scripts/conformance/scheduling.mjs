// Flows of Sent as of 2026-11 (issue 23): scheduled sends, cancel and resend, quiet hours, MMS
// (inbound included), conversations and the contact message summary. Run on the events flow's
// key, so their webhook deliveries (message.scheduled, message.cancelled, an inbound MMS) are
// checked against the spec's webhooks with the rest.
const invalid = (...details) => ({ status: 400, code: 'VALIDATION_001', details });
const notFound = (code) => ({ status: 404, code });
const conflict = { status: 409, code: 'BUSINESS_006' };
const UNKNOWN = '00000000-0000-4000-8000-00000000a0f1';
const ms = (stamp) => Date.parse(String(stamp).replace(/(\.\d{3})\d+/, '$1'));

export async function scheduling(t, { key }) {
  const { S, L, control } = t;
  const now = async () => ms((await control.tenant(key)).now);
  const at = async (seconds) => new Date((await now()) + seconds * 1000).toISOString();
  const idOf = (res) => res.json?.data?.recipients?.[0]?.message_id;
  const send = (body) => S.post('/v3/messages', { to: ['+14155550120'], channel: ['sms'], text: 'Your appointment is tomorrow at 9:00.', ...body }, { key, expect: 202 });

  t.step('scheduled sends, cancel and resend');
  const held = await send({ scheduled_at: await at(3600) });
  t.expectThat(typeof held.json?.data?.scheduled_at === 'string', 'a scheduled send echoes scheduled_at');
  const heldId = idOf(held);
  const later = idOf(await send({ to: ['+14155550121'], scheduled_at: await at(120) }));
  const detail = await S.get(`/v3/messages/${heldId}`, { key, expect: 200 });
  t.expectThat(detail.json?.data?.status === 'SCHEDULED', `a scheduled message reads SCHEDULED (${detail.json?.data?.status})`);
  await S.get(`/v3/messages/${heldId}/activities`, { key, expect: 200 });
  await S.post(`/v3/messages/${heldId}/resend`, {}, { key, expect: conflict });
  await S.post(`/v3/messages/${heldId}/cancel`, {}, { key, expect: 200 });
  await S.post(`/v3/messages/${heldId}/cancel`, { sandbox: false }, { key, expect: 200 });
  await S.post(`/v3/messages/${heldId}/resend`, {}, { key, expect: conflict });
  await control.advance(key, 130);
  await S.post(`/v3/messages/${later}/cancel`, {}, { key, expect: conflict });
  const released = await S.get(`/v3/messages/${later}`, { key, expect: 200 });
  t.expectThat(released.json?.data?.status === 'DELIVERED', `a released message is DELIVERED (${released.json?.data?.status})`);
  await S.post(`/v3/messages/${later}/resend`, {}, { key, expect: 202, headers: { 'Idempotency-Key': 'conformance-resend-1' } });
  await S.post(`/v3/messages/${later}/resend`, {}, { key, expect: 202, headers: { 'Idempotency-Key': 'conformance-resend-1' } });
  await S.post(`/v3/messages/${later}/resend`, { sandbox: true }, { key, expect: 409 });
  await S.post(`/v3/messages/${UNKNOWN}/cancel`, {}, { key, expect: notFound('RESOURCE_003') });
  await S.post(`/v3/messages/${UNKNOWN}/resend`, {}, { key, expect: notFound('RESOURCE_003') });
  await S.post('/v3/messages', { to: ['+14155550120'], text: 'x', scheduled_at: '2026-10-01T09:00:00' }, { key, expect: invalid('scheduled_at') });
  await S.post('/v3/messages', { to: ['+14155550120'], text: 'x', scheduled_at: await at(30) }, { key, expect: invalid('scheduled_at') });
  await L.post(`/v3/messages/not-a-uuid/cancel`, {}, { key, expect: invalid('id') });
  await L.post(`/v3/messages/msg_test_0123456789/resend`, {}, { key, expect: invalid('id') });

  t.step('quiet hours (simulator-only setting)');
  const hour = new Date(await now()).getUTCHours();
  const hh = (h) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
  await control.patchTenant(key, { settings: { quiet_hours: { start: hh(hour - 1), end: hh(hour + 1), time_zone: 'UTC' } } });
  const quiet = idOf(await send({ to: ['+14155550122'] }));
  await control.advance(key, 1);
  const quietHeld = await S.get(`/v3/messages/${quiet}`, { key, expect: 200 });
  t.expectThat(quietHeld.json?.data?.status === 'SCHEDULED' && typeof quietHeld.json?.data?.scheduled_at === 'string', 'a send processed in quiet hours is held');
  await S.post(`/v3/messages/${quiet}/cancel`, {}, { key, expect: 200 });
  await control.patchTenant(key, { settings: { quiet_hours: null } });

  t.step('MMS');
  const mms = await S.post('/v3/messages', { to: ['+14155550123'], channel: ['mms'], text: 'Your receipt.', media_urls: ['https://cdn.example.com/r.jpg'], subject: 'Receipt' }, { key, expect: 202 });
  await S.post('/v3/messages', { to: ['+14155550123'], channel: ['mms'], text: 'x', media_urls: ['http://cdn.example.com/r.jpg'] }, { key, expect: invalid('media_urls[0]') });
  const inbound = await control.raw('POST', '/_sim/inbound', key, { from: '+14155550123', media: [{ url: 'https://carrier.example.net/m/1.jpg', mime_type: 'image/jpeg', size_bytes: 1024, hash_sha256: 'a'.repeat(64) }] });
  t.expectThat(inbound.status === 201, `an inbound MMS answered ${inbound.status}`);
  await control.advance(key, 10);
  const mmsDetail = await S.get(`/v3/messages/${idOf(mms)}`, { key, expect: 200 });
  t.expectThat(mmsDetail.json?.data?.message_body?.media?.length === 1, 'an MMS keeps its media on the detail');

  t.step('conversations and the message summary');
  const contactId = mmsDetail.json?.data?.contact_id;
  await S.get('/v3/conversations', { key, expect: 200 });
  await S.get('/v3/conversations?page=2&page_size=5', { key, expect: 200 });
  await S.get('/v3/conversations?page=0', { key, expect: { status: 400, code: 'VALIDATION_005' } });
  await S.get(`/v3/conversations/${contactId}`, { key, expect: 200 });
  await S.get(`/v3/conversations/${contactId}?page_size=101`, { key, expect: invalid('page_size') });
  await S.get(`/v3/conversations/${UNKNOWN}`, { key, expect: notFound('RESOURCE_001') });
  await S.get(`/v3/contacts/${contactId}/message-summary`, { key, expect: 200 });
  await S.get(`/v3/contacts/${UNKNOWN}/message-summary`, { key, expect: notFound('RESOURCE_001') });
  await L.get('/v3/conversations/not-a-uuid', { key, expect: invalid('id') });
  await L.get('/v3/contacts/not-a-uuid/message-summary', { key, expect: invalid('id') });
  return { heldId };
}
