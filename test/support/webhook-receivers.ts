import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** A partner's webhook receiver on 127.0.0.1, as `check-receiver` meets one. */
export interface PartnerReceiver {
  url: string;
  /** Events it handled (verified or not), deduplicated on X-Webhook-Event-ID. */
  handled: Map<string, { field: string; event?: string }>;
  /** Deliveries it was sent, all of them. */
  requests: number;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, body: string, res: ServerResponse, handled: PartnerReceiver['handled']) => void;

async function serve(handler: Handler): Promise<PartnerReceiver> {
  const handled: PartnerReceiver['handled'] = new Map();
  const receiver = { url: '', handled, requests: 0, close: async () => {} };
  const server = createServer((req, res) => {
    receiver.requests++;
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => handler(req, body, res, handled));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sent/webhooks`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

/** Records the event once per X-Webhook-Event-ID and acknowledges it, whatever its family. */
function acknowledge(req: IncomingMessage, event: { field: string; event?: string }, res: ServerResponse, handled: PartnerReceiver['handled']): void {
  // Deliveries without the header (the simulator's own, until it sends one) are each their own event.
  const id = String(req.headers['x-webhook-event-id'] ?? randomUUID());
  if (!handled.has(id)) handled.set(id, { field: event.field, event: event.event });
  res.writeHead(204).end();
}

/**
 * What Sent's docs ask a receiver to do: verify with `standardwebhooks` under Sent's header names
 * (signature, timestamp tolerance), answer 401 when that fails, deduplicate on
 * X-Webhook-Event-ID, and acknowledge every family, known or not.
 */
function verifying(secret: string): Handler {
  const wh = new Webhook(secret);
  return (req, body, res, handled) => {
    let event: { field: string; event?: string };
    try {
      event = wh.verify(body, {
        'webhook-id': String(req.headers['x-webhook-id'] ?? ''),
        'webhook-timestamp': String(req.headers['x-webhook-timestamp'] ?? ''),
        'webhook-signature': String(req.headers['x-webhook-signature'] ?? ''),
      }) as { field: string; event?: string };
    } catch {
      res.writeHead(401).end();
      return;
    }
    acknowledge(req, event, res, handled);
  };
}

/** The receiver Sent's docs ask for (see `verifying`). */
export function correctReceiver(secret: string): Promise<PartnerReceiver> {
  return serve(verifying(secret));
}

/** A receiver that trusts whatever arrives: parses the body and acknowledges it, never verifying. */
export function unverifiedReceiver(): Promise<PartnerReceiver> {
  return serve((req, body, res, handled) => acknowledge(req, JSON.parse(body) as { field: string }, res, handled));
}

/**
 * A correct receiver that does its work before answering, one delivery at a time (a database
 * write each, say): fine one by one, too slow under a burst. Its delay is real time by design.
 */
export function slowReceiver(secret: string, workMs: number): Promise<PartnerReceiver> {
  const handle = verifying(secret);
  let queue: Promise<void> = Promise.resolve();
  return serve((req, body, res, handled) => {
    queue = queue.then(async () => {
      await new Promise((resolve) => setTimeout(resolve, workMs));
      handle(req, body, res, handled);
    });
  });
}
