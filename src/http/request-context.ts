import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import responseTime from 'response-time';
import type { Random } from '../util/random.js';
import { journalHeaders, journalResponseHeaders } from '../util/redact.js';
import { journalEntry, responseForJournal, type JournalBodyBudget } from '../store/journal.js';
import { sentTimestamp } from '../util/time.js';
import { ctx, type RequestContext } from './context.js';

/**
 * Stage 1, for every request the simulator serves: the request id and the headers every
 * response carries (`X-Request-Id`, `X-API-Version`; `X-Response-Time` by the `response-time`
 * middleware), then, once the response is done, the tenant's journal entry (control-plane
 * reads excepted).
 */
export function requestContext(deps: { random: Random; journalBodies: JournalBodyBudget }): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const context: RequestContext = {
      requestId: `req_${deps.random.string(10)}`,
      startedAt: process.hrtime.bigint(),
      path: req.path,
      sandbox: false,
    };
    res.locals.ctx = context;
    res.setHeader('X-Request-Id', context.requestId);
    res.setHeader('X-API-Version', 'v3');
    res.once('finish', () => journal(req, res, context, deps.journalBodies));
    next();
  };
}

/** `X-Response-Time: <n>ms` (docs/decisions/0001), set as the head is written. */
export const responseTimeHeader = (): RequestHandler => responseTime({ digits: 0 });

function journal(req: Request, res: Response, context: RequestContext, bodies: JournalBodyBudget): void {
  const { tenant } = context;
  if (!tenant) return;
  // Reads of the control plane are not journaled: the journal is what the client asked of the
  // API and which levers it pulled, and an inspector watching the tenant must not push that out.
  if (context.controlPlane && (req.method === 'GET' || req.method === 'HEAD')) return;
  const { entry, bodyBytes } = journalEntry(
    {
      request_id: context.requestId,
      at: sentTimestamp(tenant.clock.now()),
      method: req.method,
      path: context.path,
      operation: context.operationId ?? null,
      status: res.statusCode,
      error_code: context.errorCode ?? null,
      duration_ms: elapsedMs(context.startedAt),
      scenario: context.scenario?.name ?? null,
      sandbox: context.sandbox,
      headers: journalHeaders(req.headers),
      response_headers: journalResponseHeaders(res.getHeaders()),
    },
    req.body,
    context.controlPlane ? undefined : responseForJournal(context.responseBody, context.responseJson),
  );
  // Counted first, so whoever watches the journal sees the entry as it stays.
  bodies.admit(entry, bodyBytes);
  const evicted = tenant.journal.push(entry);
  if (evicted) bodies.forget(evicted);
}

/**
 * The access log: one line per request, through pino-http, with only what is safe to log —
 * never headers, bodies or keys (secrets stay secret) — and the Sent error code when there is one.
 */
export function accessLog(logger: Logger): RequestHandler {
  const line = (_req: IncomingMessage, res: ServerResponse) => {
    const context = (res as Response).locals?.ctx as RequestContext | undefined;
    return {
      method: _req.method,
      path: context?.path,
      status: res.statusCode,
      ms: context ? elapsedMs(context.startedAt) : undefined,
      tenant: context?.tenant?.id,
      operation: context?.operationId,
      error_code: context?.errorCode,
      sandbox: context?.sandbox || undefined,
      aborted: res.writableFinished ? undefined : true,
    };
  };
  return pinoHttp({
    logger,
    genReqId: (_req, res) => ctx(res as Response).requestId,
    quietReqLogger: true,
    quietResLogger: true,
    // The line is `line()` alone: pino-http still binds the request to a child logger, so its
    // serializer is made to keep nothing (measured: the standard one cost ~40 µs a request).
    wrapSerializers: false,
    serializers: { req: () => undefined, res: () => undefined },
    customAttributeKeys: { reqId: 'request_id' },
    customSuccessObject: line,
    customErrorObject: line,
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request',
    // An unexpected error is logged by the error handler, with its stack; a 5xx a scenario asked for is not one.
    customLogLevel: () => 'info',
  });
}

function elapsedMs(startedAt: bigint): number {
  return Number((process.hrtime.bigint() - startedAt) / 1_000_000n);
}
