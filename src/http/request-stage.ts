import { ServerResponse } from 'node:http';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { Deps } from '../deps.js';
import { MESSAGES } from '../errors/catalog.js';
import { simError, validationError } from '../errors/sim-error.js';
import { entryMetaBytes, journalEntry, type JournalBodyBudget } from '../store/journal.js';
import { journalHeaders } from '../util/redact.js';
import { sentTimestamp } from '../util/time.js';
import { VERSION } from '../version.js';
import type { Exchange } from './context.js';
import { hostAllowed } from './host.js';
import { elapsedMs, recordOf, type RequestRecord } from './record.js';
import { ok, renderPlain, write } from './result.js';

const OURS = /^\/(?:v3|_sim|healthz)(?:\/|$)/i;
const CONTROL_PLANE = /^\/_sim(?:\/|$)/i;
const V3 = /^\/v3(?:\/|$)/i;
const HEALTHZ = /^\/healthz\/?$/i;

/**
 * The request stage: one function for every request the simulator serves (issue 21: four
 * middlewares and pino-http were ~35 µs of self time a profile GET, bench/README.md), in order:
 *   1. paths not ours go back to a host app that mounted this one (standalone: `404`);
 *   2. the exchange — request id, start time, path — built once (http/context.ts), and one
 *      `close` listener that writes the access-log line and the journal entry from the record;
 *   3. `Host` (issue 25 row 12, http/host.ts) and the request target's length (`414`);
 *   4. `/healthz` and `/v3` (api.ts) are served from here; `/_sim` goes on to its router.
 */
export function requestStage(deps: Deps, app: Express, serveApi: (req: Request, res: Response) => Promise<void>): RequestHandler {
  const { config } = deps;
  const mounted = () => (app as Express & { parent?: unknown }).parent !== undefined;
  return (req: Request, res: Response, next: NextFunction) => {
    const path = req.path;
    const standalone = !mounted();
    if (!standalone && !OURS.test(path)) return next('router');
    const api = V3.test(path);
    const exchange: Exchange = {
      requestId: `req_${deps.random.string(10)}`,
      startedAt: process.hrtime.bigint(),
      method: req.method,
      path,
      controlPlane: config.controlPlane && CONTROL_PLANE.test(path),
      api,
    };
    res.locals.exchange = exchange;
    res.once('close', () => finished(deps, req, res, exchange));
    // docs/decisions/0033: a host app that mounts the simulator owns its own Host policy.
    if (standalone && !hostAllowed(req, config.allowedHosts)) {
      throw simError('AUTH_004', { message: MESSAGES.hostNotAllowed(String(req.headers.host).slice(0, 100)) });
    }
    if (req.url.length > config.maxUrlLength) throw validationError({ path: [MESSAGES.urlTooLong(config.maxUrlLength)] }, 414);
    if (api) {
      void serveApi(req, res);
      return;
    }
    if (HEALTHZ.test(path) && (req.method === 'GET' || req.method === 'HEAD')) {
      write(res, renderPlain(ok({ status: 'ok', version: VERSION })));
      return;
    }
    next();
  };
}

/**
 * `X-Response-Time: <n>ms` (docs/decisions/0001), set as the head goes out: one `writeHead`
 * override on the app's response prototype (issue 21: the `response-time` middleware patched
 * every response, on-headers 5 µs a GET). It reads the record the writer made; a stream's head
 * has none yet.
 */
export function responseTimeHeader(app: Express): void {
  const withResponseTime = function (this: Response, ...args: unknown[]) {
    const exchange = this.locals?.exchange as Exchange | undefined;
    if (exchange && !this.headersSent) this.setHeader('X-Response-Time', `${recordOf(this)?.durationMs ?? elapsedMs(exchange)}ms`);
    return ServerResponse.prototype.writeHead.apply(this, args as Parameters<ServerResponse['writeHead']>);
  };
  app.response.writeHead = withResponseTime as unknown as Response['writeHead'];
}

/** Once the response is done (or the client gone): the access-log line, then the journal entry. */
function finished(deps: Deps, req: Request, res: Response, exchange: Exchange): void {
  const record = recordOf(res);
  const aborted = !res.writableFinished;
  accessLog(deps.logger, exchange, record, res.statusCode, aborted);
  // A tenant this very request deleted keeps no journal: its entry would be held by nobody (issue 25 row 6).
  if (record?.tenant && !aborted && deps.tenants.get(record.tenant.id) === record.tenant) journal(deps.journalBodies, req, res, record);
}

/**
 * The access log: one line per request, with only what is safe to log — never headers, bodies or
 * keys (secrets stay secret) — and the Sent error code when there is one.
 */
function accessLog(logger: Logger, exchange: Exchange, record: RequestRecord | undefined, status: number, aborted: boolean): void {
  // The library's default logger is silent: nothing is built for it.
  if (!logger.isLevelEnabled('info')) return;
  logger.info(
    {
      request_id: exchange.requestId,
      method: exchange.method,
      path: exchange.path,
      status,
      // A stream's record is made with its head: its line gives the time it stayed open.
      ms: record?.response === undefined ? elapsedMs(exchange) : record.durationMs,
      tenant: record?.tenant?.id,
      operation: record?.operationId ?? undefined,
      error_code: record?.errorCode ?? undefined,
      sandbox: record?.sandbox || undefined,
      aborted: aborted || undefined,
    },
    'request',
  );
}

/** The tenant's journal entry, from the record (control-plane reads excepted). */
function journal(bodies: JournalBodyBudget, req: Request, res: Response, record: RequestRecord): void {
  const { exchange, tenant } = record;
  if (!tenant) return;
  // Reads of the control plane are not journaled: the journal is what the client asked of the
  // API and which levers it pulled, and an inspector watching the tenant must not push that out.
  if (exchange.controlPlane && (exchange.method === 'GET' || exchange.method === 'HEAD')) return;
  const { entry, bodyBytes } = journalEntry(
    {
      request_id: exchange.requestId,
      at: sentTimestamp(record.atMs),
      method: exchange.method,
      path: exchange.path,
      operation: record.operationId,
      status: record.status,
      error_code: record.errorCode,
      duration_ms: record.durationMs,
      scenario: record.scenario,
      sandbox: record.sandbox,
      headers: journalHeaders(req.headers),
    },
    record.body,
    // A control-plane answer is not kept: it is the simulator's own state (and shows keys and secrets once).
    exchange.controlPlane || !record.response ? undefined : { text: record.response.body, value: record.response.json },
    res.getHeaders(),
  );
  // Counted first, so whoever watches the journal sees the entry as it stays. The journal weighs
  // it whole, bodies included (--journal-bytes); an entry it pushes out is forgotten by the budget.
  const meta = entryMetaBytes(entry);
  bodies.admit(entry, bodyBytes, tenant.journal, meta);
  tenant.journal.push(entry, meta + bodyBytes);
}
