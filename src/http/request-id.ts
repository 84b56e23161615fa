import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Random } from '../util/random.js';
import type { RequestContext } from './context.js';
import { journalHeaders, redactedJson } from '../util/redact.js';
import { sentTimestamp } from '../util/time.js';

/**
 * Stage 1: request id, standard headers, access log.
 * `X-Response-Time` can only be known when the head is written, so it is set from a
 * writeHead hook rather than guessed up front.
 */
export function requestContext(random: Random, logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const context: RequestContext = {
      requestId: `req_${random.string(10)}`,
      startedAt: process.hrtime.bigint(),
      sandbox: false,
    };
    res.locals.ctx = context;
    res.setHeader('X-Request-Id', context.requestId);
    res.setHeader('X-API-Version', 'v3');

    const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => Response;
    res.writeHead = ((...args: unknown[]) => {
      if (!res.headersSent) res.setHeader('X-Response-Time', `${elapsedMs(context.startedAt)}ms`);
      return writeHead(...args);
    }) as Response['writeHead'];

    res.on('finish', () => {
      context.tenant?.journal.push({
        request_id: context.requestId,
        at: sentTimestamp(context.tenant.clock.now()),
        method: req.method,
        path: req.path,
        operation: context.operationId ?? null,
        status: res.statusCode,
        error_code: context.errorCode ?? null,
        duration_ms: elapsedMs(context.startedAt),
        scenario: context.scenario?.name ?? null,
        sandbox: context.sandbox,
        headers: journalHeaders(req.headers),
        body: redactedJson(req.body),
      });
      // Only what is safe to log: never headers, bodies or keys (secrets stay secret).
      logger.info(
        {
          request_id: context.requestId,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: elapsedMs(context.startedAt),
          tenant: context.tenant?.id,
          operation: context.operationId,
          sandbox: context.sandbox || undefined,
        },
        'request',
      );
    });
    next();
  };
}

function elapsedMs(startedAt: bigint): number {
  return Number((process.hrtime.bigint() - startedAt) / 1_000_000n);
}
