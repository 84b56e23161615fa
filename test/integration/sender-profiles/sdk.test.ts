import SentDm, { BadRequestError, NotFoundError } from '@sentdm/sentdm';
import { describe, expect, it } from 'vitest';
import { aSenderProfile } from '../../support/channel-builders.js';
import { tenantKey, testApp } from '../../support/app.js';
import { serveForFile } from '../../support/listen.js';

// The official SDK 0.32.0 has no typed methods for these (Python 0.54 and Rust 0.2 do): its
// generic `get`/`post`/`patch`/`delete` reach them as a partner's code would, through the same
// client, headers, retries and error classes.
const { app } = testApp();
const served = serveForFile(app);
const sdk = (apiKey: string) => new SentDm({ apiKey, baseURL: served.url(), maxRetries: 0 });

type Envelope<T> = { success: boolean; data: T };

describe('the official SDK: sender profiles and channels', () => {
  it('creates a sender profile, uses its key, reads its channels and requirements, and deletes it', async () => {
    const org = sdk(tenantKey());
    const created = await org.post<Envelope<{ id: string; api_key: string }>>('/v3/sender-profiles', { body: aSenderProfile() });
    expect(created.success).toBe(true);
    const profile = sdk(created.data.api_key);
    const channels = await profile.get<Envelope<{ customer_id: string; sms: unknown[] }>>('/v3/channels');
    expect(channels.data).toMatchObject({ customer_id: created.data.id, sms: [] });
    const market = await profile.post<Envelope<{ status: string }>>('/v3/channels/sms', { body: { country: 'DE', number_type: 'ALPHANUMERIC', sender_value: 'GLOBEX' } });
    expect(market.data.status).toBe('PROVISIONING');
    const requirements = await profile.get<Envelope<{ setup: unknown[] }>>('/v3/compliance/requirements', { query: { country: 'GB', type: 'ALPHANUMERIC' } });
    expect(requirements.data.setup).toHaveLength(1);
    const renamed = await org.patch<Envelope<{ name: string }>>(`/v3/sender-profiles/${created.data.id}`, { body: { name: 'Globex Care' } });
    expect(renamed.data.name).toBe('Globex Care');
    // Sent's live DELETE wants a body (3P client): the SDK sends one.
    await expect(org.delete(`/v3/sender-profiles/${created.data.id}`, { body: { _: true } })).resolves.toBeNull();
    await expect(org.get(`/v3/sender-profiles/${created.data.id}`)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('raises BadRequestError with Sent’s envelope for a refused request', async () => {
    const org = sdk(tenantKey());
    const err = await org.get('/v3/compliance/requirements').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as BadRequestError).error).toMatchObject({ error: { code: 'VALIDATION_004', message: 'country is required' } });
  });
});
