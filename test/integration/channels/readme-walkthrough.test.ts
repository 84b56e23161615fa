import { readFileSync } from 'node:fs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { client, testApp } from '../../support/app.js';
import { startReceiver } from '../../support/receiver.js';
import { sim } from '../../support/sim.js';
import { verified } from '../../support/webhooks.js';

/**
 * README "Walkthrough: a sender profile that sends in the UK", run as a test: the requests are
 * read out of the README's own shell block (its `-d` bodies, its `-F` parts, its query), so the
 * README cannot drift from what the simulator does. Each is sent as written, with a fresh tenant's
 * key for the demo's and a local receiver for the webhook's URL.
 */
function walkthrough() {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('### Walkthrough: a sender profile that sends in the UK');
  expect(start).toBeGreaterThan(0);
  const block = readme.slice(readme.indexOf('```sh\n', start) + 6, readme.indexOf('\n```', readme.indexOf('```sh\n', start) + 6));
  const script = block.replace(/\\\n\s*/g, ' ');
  const bodies = [...script.matchAll(/ -d '([^']+)'/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
  const parts = [...script.matchAll(/ -F (?:'([^']+)'|(\S+))/g)].map((m) => m[1] ?? m[2]!);
  const query = /compliance\/requirements\?([^"]+)"/.exec(script)![1]!;
  return { bodies, parts, query };
}

describe('README walkthrough: a sender profile that sends in the UK', () => {
  it('runs as written: profile, requirements, the market from setup[], channel events, a message to +44', async () => {
    const { bodies, parts, query } = walkthrough();
    const [webhookBody, profileBody, advanceBody, messageBody] = bodies;
    expect(bodies).toHaveLength(4);
    const { app } = testApp();
    const org = client(app);
    const receiver = await startReceiver();
    try {
      // 1. The organization's webhook for channel events (its profiles' events included).
      const webhook = await org.post('/v3/webhooks', { ...webhookBody, endpoint_url: receiver.url });
      expect(webhook.status).toBe(201);

      // 2. The sender profile and its key.
      const profile = await org.post('/v3/sender-profiles', profileBody);
      expect(profile.status).toBe(201);
      const pk = client(app, profile.body.data.api_key as string);

      // 3. The requirements, and the setup call the README makes in step 4.
      const requirements = await pk.get(`/v3/compliance/requirements?${query}`);
      expect(requirements.status).toBe(200);
      const [setup] = requirements.body.data.setup;
      const fields = Object.fromEntries(parts.filter((p) => !p.includes('=@')).map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
      const files = parts.filter((p) => p.includes('=@')).map((p) => p.slice(0, p.indexOf('=')));
      expect(setup).toMatchObject({ method: 'POST', path: '/v3/channels/sms', content_type: 'multipart/form-data' });
      expect(fields).toEqual(setup.body);
      expect(files).toEqual(setup.files.map((f: { field: string }) => f.field));

      // 4. That call, with the profile's key.
      let add = request(app).post(setup.path).set('x-api-key', pk.key);
      for (const [name, value] of Object.entries(fields)) add = add.field(name, value);
      for (const field of files) add = add.attach(field, Buffer.from('%PDF-1.4 letter of authorisation'), 'loa.pdf');
      const market = await add;
      expect(market.status).toBe(201);
      expect(market.body.data).toMatchObject({ country: 'GB', number_type: 'ALPHANUMERIC', status: 'PROVISIONING', compliance: { requirements: [] } });

      const early = await pk.post('/v3/messages', messageBody);
      expect(early.status).toBe(400);
      expect(early.body.error).toMatchObject({ code: 'VALIDATION_002', details: { 'to[0]': [expect.stringMatching(/^No sender in GB: /)] } });

      // 5. The clock: provisioning, then review.
      await sim(app, org.key).advance(advanceBody!.seconds as number);
      const events = receiver.received.map((r) => verified(webhook.body.data.signing_secret, r) as { event: string; payload: Record<string, unknown> });
      expect(events.map((e) => [e.event, e.payload.status])).toEqual([
        ['channel.submitted', 'PROVISIONING'],
        ['channel.submitted', 'PENDING_REVIEW'],
        ['channel.activated', 'ACTIVE'],
      ]);
      expect(events[2]!.payload).toMatchObject({
        country: 'GB',
        account_id: profile.body.data.id,
        channel: 'sms',
        compliance: { documents: [{ key: 'letter_of_authorization', file_name: 'loa.pdf' }] },
        number_type: 'ALPHANUMERIC',
        reason: null,
        sender_value: 'ACME',
        status: 'ACTIVE',
      });

      // 6. The profile sends to +44.
      const sent = await pk.post('/v3/messages', messageBody);
      expect(sent.status).toBe(202);
      expect(sent.body.data.recipients).toEqual([expect.objectContaining({ to: '+447700900123', channel: 'sms' })]);
    } finally {
      await receiver.close();
    }
  });
});
