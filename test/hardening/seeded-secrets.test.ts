/**
 * Issue 25 row 5: `--seed` drove the one 32-bit PRNG that also minted API keys and signing
 * secrets, and an `X-Request-Id` revealed its state: another tenant's new admin key was predicted
 * and used. Now the seed drives ids and sample data only; secrets come from the CSPRNG.
 */
import { describe, expect, it } from 'vitest';
import { createRandom, ALPHABETS } from '../../src/util/random.js';
import { client, testApp } from '../support/app.js';
import { sim } from '../support/sim.js';
import { aWebhook } from '../support/webhooks.js';

const SEED = 42;

/** One run of a fixed script against a simulator seeded with `SEED`: what a client can see of it. */
async function run() {
  const { app } = testApp({ seed: SEED });
  const owner = client(app, 'sk_test_fixed_key_for_row_5');
  const requestId = (await owner.get('/v3/me')).headers['x-request-id'] as string;
  const minted = await sim(app, owner.key).keyFor('admin');
  const webhook = (await owner.post('/v3/webhooks', aWebhook('http://127.0.0.1:9/hook'))).body.data;
  const rotated = (await owner.post(`/v3/webhooks/${webhook.id}/rotate-secret`, {})).body.data.signing_secret as string;
  const callbackSecret = (await sim(app, owner.key).tenant()).callback_signing_secret as string;
  return { requestId, webhookId: webhook.id as string, minted, secrets: [webhook.signing_secret as string, rotated, callbackSecret] };
}

describe('--seed seeds ids and sample data, never a secret', () => {
  it('repeats ids across runs with one seed, but never an API key or a signing secret (issue 25 row 5)', async () => {
    const [first, second] = [await run(), await run()];
    expect(second.requestId).toBe(first.requestId);
    expect(second.webhookId).toBe(first.webhookId);
    expect(second.minted).not.toBe(first.minted);
    for (const [i, secret] of first.secrets.entries()) {
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(second.secrets[i]).not.toBe(secret);
    }
  });

  it('draws no key or secret from the seeded stream: replaying it from the seed finds the request id, and none of them (issue 25 row 5)', async () => {
    const { requestId, minted, secrets } = await run();
    // What an attacker who knows (or recovered) the generator's state computes: its next 50,000 draws.
    const stream = createRandom(SEED).bytes(50_000);
    const text = Array.from(stream, (b) => ALPHABETS.ALNUM[b % ALPHABETS.ALNUM.length]).join('');
    // The replay works: the request id the client saw is in it.
    expect(text.indexOf(requestId.slice('req_'.length))).toBeGreaterThanOrEqual(0);
    expect(minted).toMatch(/^sk_test_[A-Za-z0-9]{32}$/);
    expect(text.includes(minted.slice('sk_test_'.length, 'sk_test_'.length + 12))).toBe(false);
    for (const secret of secrets) expect(stream.includes(Buffer.from(secret.slice('whsec_'.length), 'base64').subarray(0, 12))).toBe(false);
  });
});
