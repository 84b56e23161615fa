/**
 * Issue 25 row 14: key masks showed 4 of the last 5 characters of a key (`sk_test_…bcde`). Now a
 * mask shows the public prefix and at most the last 2 characters of the secret part, everywhere a
 * key is shown: the journal, `GET /_sim/tenant` (keys and users), and the logs.
 */
import { describe, expect, it } from 'vitest';
import { maskKey } from '../../src/store/tenants.js';
import { capturingLogger, client, tenantKey, testApp } from '../support/app.js';
import { sim } from '../support/sim.js';

describe('key masks', () => {
  it.each([
    ['sk_test_2b9c0f51d3e84a7c9e6f0a1b2c3d4e5f', 'sk_test_…5f'],
    ['sk_live_abcdefgh', 'sk_live_…gh'],
    ['sk_test_demo_admin', 'sk_test_…in'],
    ['sk_test_abcdefg', 'sk_test_…'],
    ['sk_test_', 'sk_test_…'],
    ['live_canary_0123456789', '…89'],
    ['short', '…'],
    ['', '…'],
  ])('masks %j as %j (issue 25 row 14)', (key, mask) => {
    expect(maskKey(key)).toBe(mask);
  });

  it('shows at most 2 characters of a key in the journal, the tenant view, the users view and the logs (issue 25 row 14)', async () => {
    const { logger, lines } = capturingLogger();
    const { app } = testApp({ logger });
    const owner = client(app, tenantKey());
    const control = sim(app, owner.key);
    const admin = await control.keyFor('admin');
    await client(app, admin).get('/v3/me');
    const invited = (await owner.post('/v3/users', { email: 'dev@example.com', name: 'Dev', role: 'developer' })).body.data;
    expect(invited.status).toBe('invited');

    const view = await control.tenant();
    const masks = view.keys.map((k: { key: string }) => k.key);
    expect(masks).toEqual([`sk_test_…${owner.key.slice(-2)}`, `sk_test_…${admin.slice(-2)}`]);
    const requests = (await owner.get('/_sim/requests')).body.requests as Array<{ headers: Record<string, string> }>;
    const journaled = new Set(requests.map((r) => r.headers['x-api-key']));
    expect(journaled).toEqual(new Set([`sk_test_…${owner.key.slice(-2)}`, `sk_test_…${admin.slice(-2)}`]));

    // Nothing anywhere shows more: no mask with 3 characters after its ellipsis, no key in clear.
    const everything = JSON.stringify(view) + JSON.stringify(requests) + lines.join('\n');
    expect(everything.match(/…[A-Za-z0-9_]{3,}/g)).toBeNull();
    for (const key of [owner.key, admin]) expect(everything).not.toContain(key.slice('sk_test_'.length));
  });
});
