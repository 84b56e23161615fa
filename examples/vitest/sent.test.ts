/**
 * A partner's own test suite (README "Testing with vitest", docs/guide/in-process.md): the
 * official SDK against a simulator in the same process, its clock moved by the test, and a
 * webhook receiver that verifies Sent's signatures with `standardwebhooks`, as production code
 * would. Copy it into your project with `sent-sim`, `@sentdm/sentdm`, `standardwebhooks` and
 * `vitest` installed; it runs in sent-sim's own `npm test` too.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import SentDm from '@sentdm/sentdm';
import { createSimulator, type SimTenant, type Simulator } from 'sent-sim';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface SentEvent {
  field: string;
  event: string;
  payload: { message_id?: string; message_status?: string };
}

/** Your webhook endpoint: verifies each delivery with the webhook's secret, keeps the events, answers 2xx. */
class Receiver {
  readonly events: SentEvent[] = [];
  rejected = 0;
  secret = '';
  private readonly server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      try {
        // Sent's headers carry the Standard Webhooks signature under x-webhook-* names.
        const event = new Webhook(this.secret).verify(body, {
          'webhook-id': String(req.headers['x-webhook-id']),
          'webhook-timestamp': String(req.headers['x-webhook-timestamp']),
          'webhook-signature': String(req.headers['x-webhook-signature']),
        }) as SentEvent;
        this.events.push(event);
        res.writeHead(204).end();
      } catch {
        this.rejected++;
        res.writeHead(401).end();
      }
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/sent-events`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let sim: Simulator;
let sent: SentDm;
let tenant: SimTenant;
const receiver = new Receiver();

beforeAll(async () => {
  // One simulator per test file. Real time stands still in it, so only `clock.advance` moves the
  // tenant's clock: nothing happens behind the test's back on a slow CI machine.
  const startedAt = Date.now();
  sim = createSimulator({ realNow: () => startedAt });
  const { url } = await sim.listen();
  // A key of the suite's own: an unknown sk_test_ key is a fresh organization.
  const key = `sk_test_${randomUUID().replace(/-/g, '')}`;
  // maxRetries: 0 — a test sees the simulator's answer at once, not after the SDK's retries.
  sent = new SentDm({ apiKey: key, baseURL: url, maxRetries: 0 });
  tenant = sim.tenant(key);
  const { data: webhook } = await sent.webhooks.create({ display_name: 'Orders', endpoint_url: await receiver.start(), event_types: ['message'] });
  receiver.secret = webhook!.signing_secret!;
});

afterAll(async () => {
  await sim.close();
  await receiver.close();
});

describe('order notifications', () => {
  it('sends a text and receives its signed lifecycle events', async () => {
    const { data } = await sent.messages.send({ to: ['+14155550100'], channel: ['sms'], text: 'Your order has shipped.' });
    const messageId = data!.recipients![0]!.message_id!;

    // QUEUED → ROUTED → SENT → DELIVERED takes 5 s of the tenant's clock; advance resolves once
    // every event it set off has reached the receiver.
    await tenant.clock.advance({ seconds: 5 });

    const mine = receiver.events.filter((e) => e.payload.message_id === messageId);
    expect(mine.map((e) => e.event)).toEqual(['message.queued', 'message.routed', 'message.sent', 'message.delivered']);
    expect(receiver.rejected).toBe(0);
    expect((await sent.messages.retrieveStatus(messageId)).data!.status).toBe('DELIVERED');
    expect((await tenant.requests.count({ operation: 'sendMessage' })).count).toBe(1);
  });

  it('hears about a number that cannot be reached', async () => {
    await tenant.numbers.set('+14155550199', 'failed', { description: 'Handset unreachable' });
    const { data } = await sent.messages.send({ to: ['+14155550199'], channel: ['sms'], text: 'Your order has shipped.' });
    const messageId = data!.recipients![0]!.message_id!;

    await tenant.clock.advance(5);

    const last = receiver.events.filter((e) => e.payload.message_id === messageId).at(-1);
    expect(last).toMatchObject({ event: 'message.failed', payload: { message_status: 'FAILED' } });
    const failed = await tenant.deliveries({ event_type: 'message.failed' });
    expect(failed.deliveries.map((d) => [d.status_code, d.signature_verifies])).toEqual([[204, true]]);
  });
});
