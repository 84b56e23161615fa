import { createServer, STATUS_CODES, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import { createDeps, type Deps } from './deps.js';
import { ERROR_DOC_URL, MESSAGES } from './errors/catalog.js';
import { seedDemoTenant } from './store/demo.js';
import { sentTimestamp } from './util/time.js';

export interface ServeOptions {
  port: number;
  host: string;
  seed?: number;
  logger: Logger;
  bodyLimit?: number;
  /** Seed the demo tenant (on by default). */
  demo?: boolean;
  scenariosDir?: string;
  defaultScenario?: string | null;
  adminToken?: string | null;
  controlPlane?: boolean;
  maxProfiles?: number;
  journalBodyBudget?: number;
}

export interface RunningServer {
  url: string;
  deps: Deps;
  server: Server;
  close(): Promise<void>;
}

/** Builds the deps and app, seeds the demo tenant, and listens. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const deps = createDeps({
    seed: options.seed,
    logger: options.logger,
    scenariosDir: options.scenariosDir,
    defaultScenario: options.defaultScenario ?? null,
    config: {
      ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
      adminToken: options.adminToken ?? null,
      controlPlane: options.controlPlane ?? true,
      ...(options.maxProfiles ? { maxProfilesPerTenant: options.maxProfiles } : {}),
      ...(options.journalBodyBudget !== undefined ? { journalBodyBytes: options.journalBodyBudget } : {}),
    },
  });
  if (options.demo !== false) seedDemoTenant(deps);
  const app = createApp(deps);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = createServer(app);
    s.once('error', reject);
    s.listen(options.port, options.host, () => resolve(s));
  });
  // Requests Node's HTTP parser refuses (a bare CR or LF in a header, headers over 16 KiB) never
  // reach the app: they still get the Sent envelope, not Node's empty 400.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => answerClientError(err, socket, deps));
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    deps,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        deps.scheduler.stop();
        deps.deliverer.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Writes a `400`/`408`/`431` Sent envelope straight to the socket, then closes it. */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex, deps: Deps): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const requestId = `req_${deps.random.string(10)}`;
  const body = JSON.stringify({
    success: false,
    data: null,
    error: { code: 'VALIDATION_001', message: MESSAGES.malformedHttp, details: null, doc_url: ERROR_DOC_URL },
    meta: { request_id: requestId, timestamp: sentTimestamp(deps.realNow()), version: 'v3' },
  });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\nX-API-Version: v3\r\nConnection: close\r\n\r\n${body}`,
  );
}
