import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { MESSAGES } from '../errors/catalog.js';
import { SimError, simError, validationError } from '../errors/sim-error.js';
import { ctx } from './context.js';
import { errorBody, problemBody } from './envelope.js';
import { bodyParserError } from './json-body.js';

/** Unknown `/v3` routes (and anything else unmatched): `404 RESOURCE_013` (decisions §1). */
export function notFound(_req: Request, _res: Response, next: NextFunction): void {
  next(simError('RESOURCE_013'));
}

/**
 * The one error handler: every failure leaves as the Sent envelope. Unexpected errors become
 * `500 INTERNAL_001` with the request id in the message, as Sent's do; the stack goes to the
 * log, never to the client.
 */
export function errorHandler(logger: Logger) {
  // Express recognises error handlers by their four parameters.
  return (err: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    const context = ctx(res);
    let error = err instanceof SimError ? err : (bodyParserError(err) ?? clientError(err));
    if (!error) {
      logger.error({ request_id: context.requestId, err }, 'unhandled error');
      error = simError('INTERNAL_001', { message: MESSAGES.internal(context.requestId) });
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    context.errorCode = error.code;
    for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
    // The control plane is ours, not Sent's: it answers RFC 9457 problem documents.
    if (context.controlPlane) {
      res.status(error.status).type('application/problem+json').send(JSON.stringify(problemBody(res, error)));
      return;
    }
    res.status(error.status).json(errorBody(res, error));
  };
}

/**
 * Client mistakes that Express's own layers raise before any handler runs: a path that is not
 * valid percent-encoding (the router's URIError, e.g. `/v3/profiles/%ZZ`) and a compressed body
 * that does not inflate (zlib, through body-parser, as a bare 4xx). They are 400s, not 500s.
 */
function clientError(err: unknown): SimError | undefined {
  if (err instanceof URIError) return validationError({ path: [MESSAGES.malformedPath] });
  const status = typeof err === 'object' && err !== null && 'status' in err ? err.status : undefined;
  if (typeof status === 'number' && status >= 400 && status < 500) return validationError({ body: [MESSAGES.undecodableBody] });
  return undefined;
}
