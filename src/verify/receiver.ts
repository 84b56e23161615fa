import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** One POST the receiver was sent: the path it came to, its headers, and the body as sent. */
export interface ReceivedDelivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed, or undefined when it is not JSON. */
  json: unknown;
}

export interface ReceiverOptions {
  /**
   * Where the target posts to reach this receiver; default `http://127.0.0.1:<port>`. A
   * loopback URL with port 0 means "on whatever port the receiver gets".
   */
  publicUrl?: string;
  /** The local port; default the port of a loopback `publicUrl`, else any free port. */
  port?: number;
}

/**
 * The webhook receiver `sent-sim verify` starts for its delivery checks: answers every POST
 * `200` and remembers it. It listens on loopback unless the target reaches it by another
 * name (a tunnel, a container's host name), when it listens on every interface.
 */
export class DeliveryReceiver {
  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
    readonly received: ReceivedDelivery[],
  ) {}

  static async start(options: ReceiverOptions = {}): Promise<DeliveryReceiver> {
    const publicUrl = options.publicUrl ? new URL(options.publicUrl) : null;
    const loopback = publicUrl === null || ['127.0.0.1', 'localhost', '[::1]'].includes(publicUrl.hostname);
    const port = options.port ?? (publicUrl && loopback && publicUrl.port ? Number(publicUrl.port) : 0);
    const received: ReceivedDelivery[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(body);
        } catch {
          json = undefined;
        }
        received.push({ path: new URL(req.url ?? '/', 'http://receiver').pathname, headers: req.headers, body, json });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, loopback ? '127.0.0.1' : '0.0.0.0', () => resolve());
    });
    const actual = (server.address() as AddressInfo).port;
    if (publicUrl && loopback && publicUrl.port === '0') publicUrl.port = String(actual);
    const base = publicUrl ? publicUrl.href.replace(/\/+$/, '') : `http://127.0.0.1:${actual}`;
    return new DeliveryReceiver(server, base, received);
  }

  /** A URL of its own for each check, so their deliveries never mix. */
  url(check: string): string {
    return `${this.baseUrl}/sent-sim-verify/${check}`;
  }

  at(check: string): ReceivedDelivery[] {
    const path = new URL(this.url(check)).pathname;
    return this.received.filter((r) => r.path === path);
  }

  /** Polls until `done()` or `timeoutMs` (real time) has passed; answers whether it was done. */
  async waitFor(done: () => boolean, timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() >= until) return false;
      await sleep(50);
    }
    return true;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
