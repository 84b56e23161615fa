import type { NextFunction } from 'express';
import type { Logger } from 'pino';
import { MESSAGES } from '../errors/catalog.js';
import { SimError, simError, validationError } from '../errors/sim-error.js';
import { ctx, type SimRequest, type SimResponse } from './context.js';
import { errorBody, problemBody, PROBLEM_TYPE, writeBody } from './envelope.js';

/**
 * The one place an error response is written: every failure leaves as the Sent envelope (or,
 * on the `/_sim` control plane, which is ours, an RFC 9457 problem document). Unexpected errors
 * become `500 INTERNAL_001` with the request id in the message, as Sent's do; the stack goes to
 * the log, never to the client.
 */
export function sendError(res: SimResponse, err: unknown, logger: Logger): void {
  const context = ctx(res);
  let error = err instanceof SimError ? err : clientError(err);
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
  if (context.controlPlane) writeBody(res, error.status, JSON.stringify(problemBody(res, error)), PROBLEM_TYPE);
  else writeBody(res, error.status, JSON.stringify(errorBody(res, error)));
}

/** Unknown routes: `404 RESOURCE_013` (decisions §1). */
export function notFound(_req: SimRequest, _res: SimResponse, next: NextFunction): void {
  next(simError('RESOURCE_013'));
}

/** `sendError` as an Express error handler (recognised by its four parameters), for `/_sim`. */
export function errorHandler(logger: Logger) {
  return (err: unknown, _req: SimRequest, res: SimResponse, _next: NextFunction): void => sendError(res, err, logger);
}

/**
 * Client mistakes raised by a library rather than by us: a path that is not valid
 * percent-encoding (`decodeURIComponent`'s URIError, e.g. `/v3/profiles/%ZZ`) and anything
 * that carries a 4xx status of its own. They are 400s, not 500s.
 */
function clientError(err: unknown): SimError | undefined {
  if (err instanceof URIError) return validationError({ path: [MESSAGES.malformedPath] });
  const status = typeof err === 'object' && err !== null && 'status' in err ? err.status : undefined;
  if (typeof status === 'number' && status >= 400 && status < 500) return validationError({ body: [MESSAGES.undecodableBody] });
  return undefined;
}
