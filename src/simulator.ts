import { createServer, IncomingMessage, ServerResponse, STATUS_CODES, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Express } from 'express';
import { createApp } from './app.js';
import { tenantControls, type SimTenant } from './control/in-process.js';
import { createDeps, type Deps, type DepsOptions } from './deps.js';
import { ERROR_DOC_URL, MESSAGES } from './errors/catalog.js';
import { checkReceiver, type ReceiverCheckOptions, type ReceiverCheckReport } from './receiver-check/index.js';
import { seedDemoTenant } from './store/demo.js';
import { sentTimestamp } from './util/time.js';

/** Options of `createSimulator` (all optional). */
export interface SimulatorOptions {
  /** Seed for generated ids and sample data, so runs repeat exactly. */
  seed?: number;
  /** A pino logger (default: silent). */
  logger?: DepsOptions['logger'];
  /** Seed the demo tenant with its `sk_test_demo_*` keys (default: false; the CLI turns it on). */
  demo?: boolean;
  /** Limits and switches (body limit, admin token, control plane, caps…). */
  config?: DepsOptions['config'];
  /**
   * Directories of your own scenario files, added to the package's (docs/decisions/0084): a name
   * the package or another file already uses is a start-up error naming both files.
   */
  scenariosDir?: string | readonly string[];
  /** The scenario in force for every tenant that has not chosen one. */
  defaultScenario?: string | null;
  /** Real time, for tests that control it (each tenant's clock adds its own offset). */
  realNow?: () => number;
}

export interface Listening {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export interface Simulator {
  /** The Express application: mount it (`host.use('/sent', sim.app)`) or drive it with supertest. */
  app: Express;
  /** Serves the app on its own HTTP server (default 127.0.0.1, a free port). */
  listen(options?: { port?: number; host?: string }): Promise<Listening>;
  /** Stops the clock's timer and outbound deliveries, and closes every server `listen` opened. */
  close(): Promise<void>;
  /**
   * Checks a webhook receiver before go-live (docs/guide/receiver-check.md): a battery of
   * deliveries signed as this simulator signs them, each answer graded. Touches no tenant.
   */
  checkReceiver(options: ReceiverCheckOptions): Promise<ReceiverCheckReport>;
  /**
   * One tenant's control plane in process (docs/guide/in-process.md): the clock, inbound
   * messages, template reviews, number outcomes, scenarios, seed, export/import, reset and the
   * request and delivery logs, each doing exactly what its `/_sim` route does. `key` is any tenant
   * key, resolved on each call as an API call resolves it (an unknown `sk_test_` key makes a
   * fresh tenant). Works with or without `listen`, and with the HTTP control plane turned off.
   *
   * ```ts
   * const t = sim.tenant('sk_test_my_suite');
   * await t.clock.advance({ hours: 24 });             // resolves once the deliveries it triggers are settled
   * expect((await t.requests.count({ operation: 'sendMessage' })).count).toBe(1);
   * ```
   */
  tenant(key: string): SimTenant;
}

/**
 * sent-sim as a library (docs/decisions/0021): a stateful simulator of Sent's v3 API in your own
 * process. Each call is independent: its own tenants, clock and state.
 *
 * ```ts
 * import { createSimulator } from 'sent-sim';
 * const sim = createSimulator();
 * host.use('/sent', sim.app);                       // or: const { url } = await sim.listen();
 * ```
 */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  return simulatorFromDeps(
    createDeps({
      seed: options.seed,
      logger: options.logger,
      config: options.config,
      scenariosDir: options.scenariosDir,
      defaultScenario: options.defaultScenario,
      realNow: options.realNow,
    }),
    options.demo ?? false,
  );
}

/** The simulator around dependencies already built (the CLI and the tests share their spec). */
export function simulatorFromDeps(deps: Deps, demo = false): Simulator & { deps: Deps } {
  if (demo) seedDemoTenant(deps);
  const app = createApp(deps);
  const servers = new Set<Listening>();
  return {
    app,
    deps,
    listen: async ({ port = 0, host = '127.0.0.1' } = {}) => {
      const listening = await listenOn(app, deps, port, host);
      servers.add(listening);
      return {
        ...listening,
        close: async () => {
          servers.delete(listening);
          await listening.close();
        },
      };
    },
    // Shutdown (docs/decisions/0021): no new job fires; every server stops accepting and lets
    // in-flight requests finish, up to the grace period. When it is over, deliveries still in
    // flight are cut first — recorded as aborted — so requests waiting on them (a clock advance)
    // can still answer; then what is left is closed.
    close: async () => {
      deps.scheduler.stop();
      const abortDeliveries = () => deps.delivery.close();
      await Promise.all([...servers].map((s) => closeGracefully(s.server, deps.config.shutdownGraceMs, abortDeliveries)));
      servers.clear();
      await deps.delivery.close();
    },
    checkReceiver,
    tenant: (key) => tenantControls(deps.control, key),
  };
}

async function listenOn(app: Express, deps: Deps, port: number, host: string): Promise<Listening> {
  const { config } = deps;
  // Slow clients (issue 15 row 5): a head must arrive within `headersTimeout`, a whole request
  // (body included) within `requestTimeout`, checked every second; idle keep-alive connections
  // close after `keepAliveTimeout`; past `maxConnections` Node drops new connections.
  const server = createServer(
    {
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      keepAliveTimeout: config.keepAliveTimeoutMs,
      connectionsCheckingInterval: 1000,
      ...appClasses(app),
    },
    app,
  );
  server.maxConnections = config.maxConnections;
  // A client that half-closes its side after sending (shutdown(SHUT_WR), as some HTTP tools do)
  // still gets its answer: by default Node aborts the request when the client's FIN arrives
  // before the response is written.
  (server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Requests Node's HTTP parser refuses (a bare CR or LF in a header, headers over 16 KiB) never
  // reach the app: they still get the Sent envelope, not Node's empty 400.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => answerClientError(err, socket, deps));
  const address = server.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostPart}:${address.port}`,
    server,
    close: () => closeGracefully(server, config.shutdownGraceMs, async () => {}),
  };
}

/**
 * Request and response classes whose prototypes are the app's own `app.request` and
 * `app.response`. Express's `app.handle` sets exactly those prototypes on every request
 * (`Object.setPrototypeOf`), which then changes nothing, so every later property access keeps
 * its inline cache: issue 21 measured the swap at 118–155 µs of a 264 µs profile GET. Only the
 * simulator's own server (`listen`, the CLI) uses them; a host app that mounts `sim.app` on its
 * own server pays the swap as before.
 */
function appClasses(app: Express): { IncomingMessage: typeof IncomingMessage; ServerResponse: typeof ServerResponse } {
  function SimRequest(this: IncomingMessage, socket: Socket) {
    IncomingMessage.call(this, socket);
  }
  SimRequest.prototype = app.request;
  // Node passes options (highWaterMark…) its typings do not declare.
  function SimResponse(this: ServerResponse, req: IncomingMessage, options?: object) {
    Reflect.apply(ServerResponse, this, [req, options]);
  }
  SimResponse.prototype = app.response;
  return { IncomingMessage: SimRequest as unknown as typeof IncomingMessage, ServerResponse: SimResponse as unknown as typeof ServerResponse };
}

/** How long requests get to answer once `beforeForce` has run, before their connections are cut. */
const LAST_WORDS_MS = 250;

/**
 * Stops accepting; lets in-flight requests finish, closing each keep-alive connection as soon as
 * it goes idle; after `graceMs`, runs `beforeForce`, waits a moment, and ends every connection.
 */
function closeGracefully(server: Server, graceMs: number, beforeForce: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve) => {
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const force = setTimeout(() => {
      void beforeForce().finally(() => setTimeout(() => server.closeAllConnections(), LAST_WORDS_MS).unref());
    }, graceMs);
    force.unref();
    idle.unref();
    server.close(() => {
      clearTimeout(force);
      clearInterval(idle);
      resolve();
    });
    server.closeIdleConnections();
  });
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
