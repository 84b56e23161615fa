import SentDm, { ConflictError, NotFoundError } from '@sentdm/sentdm';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { parseSentTimestamp, sentTimestamp } from '../../../src/util/time.js';
import { tenantKey } from '../../support/app.js';
import { serveForFile } from '../../support/listen.js';
import { sim } from '../../support/sim.js';
import { messagingApp } from './helpers.js';

// The official SDK 0.32.0, unchanged. It predates scheduled_at, media_urls and subject (it sends
// whatever keys it is given) and has no cancel, resend or conversations methods: those go through
// its generic `post`/`get`, as a partner on 0.32.0 would call them.
const frozen = Date.now();
const { app } = messagingApp({ realNow: () => frozen });
const served = serveForFile(app);
const sdk = (apiKey: string) => new SentDm({ apiKey, baseURL: served.url(), maxRetries: 0 });

type Envelope<T> = { success: boolean; data: T };
type Detail = { id: string; status: string; scheduled_at?: string; message_body: Record<string, unknown>; contact_id: string };

describe('the official SDK (@sentdm/sentdm 0.32.0): scheduled sends, cancel, resend, MMS, conversations', () => {
  it('schedules a send, reads it SCHEDULED, cancels it and reads it CANCELLED', async () => {
    const key = tenantKey();
    const client = sdk(key);
    const now = parseSentTimestamp((await sim(app, key).tenant()).now as string);
    const params = { to: ['+14155550100'], channel: ['sms'], text: 'Your appointment is tomorrow.', scheduled_at: new Date(now + 3_600_000).toISOString() };
    const sent = await client.messages.send(params);
    expect(sent.data).toMatchObject({ status: 'QUEUED', scheduled_at: sentTimestamp(now + 3_600_000) });
    const id = sent.data!.recipients![0]!.message_id!;
    expect((await client.messages.retrieveStatus(id)).data).toMatchObject({ status: 'SCHEDULED', scheduled_at: sentTimestamp(now + 3_600_000) });

    const cancelled = await client.post<Envelope<Detail>>(`/v3/messages/${id}/cancel`, { body: {} });
    expect(cancelled.data).toMatchObject({ id, status: 'CANCELLED' });
    const again = await client.post<Envelope<Detail>>(`/v3/messages/${id}/cancel`, { body: {} });
    expect(again.data).toEqual(cancelled.data);
    const resend = await client.post(`/v3/messages/${id}/resend`, { body: {} }).catch((e: unknown) => e);
    expect(resend).toBeInstanceOf(ConflictError);
    expect((resend as ConflictError).error).toMatchObject({ error: { code: 'BUSINESS_006', message: MESSAGES.notResendable } });
  });

  it('resends a delivered message through post, and lists it in the conversation', async () => {
    const key = tenantKey();
    const client = sdk(key);
    const id = (await client.messages.send({ to: ['+14155550100'], channel: ['sms'], text: 'Hi' })).data!.recipients![0]!.message_id!;
    await sim(app, key).advance(10);
    const resent = await client.post<Envelope<{ status: string; recipients: Array<{ message_id: string }> }>>(`/v3/messages/${id}/resend`, { body: {} });
    expect(resent.data).toMatchObject({ status: 'QUEUED', recipients: [{ message_id: id }] });
    await sim(app, key).advance(10);
    const detail = (await client.messages.retrieveStatus(id)).data!;
    expect(detail.status).toBe('DELIVERED');

    const all = await client.get<Envelope<{ messages: Detail[]; pagination: { total_count: number } }>>('/v3/conversations');
    expect(all.data.messages.map((m) => m.id)).toEqual([id]);
    const thread = await client.get<Envelope<{ messages: Detail[] }>>(`/v3/conversations/${detail.contact_id}`, { query: { page: 1, page_size: 10 } });
    expect(thread.data.messages[0]).toMatchObject({ id, status: 'DELIVERED' });
    const summary = await client.get<Envelope<Record<string, unknown>>>(`/v3/contacts/${detail.contact_id}/message-summary`);
    expect(summary.data).toMatchObject({ message_count: 1, channels_used: ['sms'], channel_scores: [{ channel: 'sms', success_score: 100, fail_score: 0 }] });
    const unknown = await client.get('/v3/conversations/6ba7b810-9dad-11d1-80b4-00c04fd430c8').catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(NotFoundError);
  });

  it('sends an MMS with media_urls and subject, and reads message_body.media back', async () => {
    const client = sdk(tenantKey());
    const params = { to: ['+14155550100'], channel: ['mms'], text: 'Receipt attached', media_urls: ['https://cdn.example.com/r.jpg'], subject: 'Receipt' };
    const id = (await client.messages.send(params)).data!.recipients![0]!.message_id!;
    const detail = await client.get<Envelope<Detail>>(`/v3/messages/${id}`);
    expect(detail.data.message_body).toMatchObject({ media: [{ mediaType: null, url: 'https://cdn.example.com/r.jpg' }], subject: 'Receipt' });
  });
});
