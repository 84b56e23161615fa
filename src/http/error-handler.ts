import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { MESSAGES } from '../errors/catalog.js';
import { SimError, simError, validationError } from '../errors/sim-error.js';
import { bodyError } from './body.js';
import { exchangeOf } from './context.js';
import type { Facts } from './record.js';
import { controlFacts, errorBody, problemBody, PROBLEM_TYPE, write } from './result.js';

/**
 * Every error response is made here: the Sent envelope (or, on the `/_sim` control plane, which
 * is ours, an RFC 9457 problem document). Unexpected errors become `500 INTERNAL_001` with the
 * request id in the message, as Sent's do; the stack goes to the log, never to the client.
 * The `/v3` pipeline calls it with what it knows (api.ts); anything else reaches it through
 * Express as `errorHandler`, with the control plane's facts.
 */
export function writeError(res: Response, err: unknown, facts: Facts, logger: Logger): void {
  const exchange = exchangeOf(res);
  let error = err instanceof SimError ? err : clientError(err);
  if (!error) {
    logger.error({ request_id: exchange.requestId, err }, 'unhandled error');
    error = simError('INTERNAL_001', { message: MESSAGES.internal(exchange.requestId) });
  }
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = exchange.controlPlane ? problemBody(exchange.requestId, error) : errorBody(exchange.requestId, facts.tenant, error);
  const type = exchange.controlPlane ? PROBLEM_TYPE : 'application/json; charset=utf-8';
  write(res, { status: error.status, headers: { ...error.headers, 'Content-Type': type }, body: JSON.stringify(body) }, { ...facts, errorCode: error.code });
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => writeError(res, err, controlFacts(res), logger);
}

/**
 * Client mistakes raised by a library rather than by us: the body parser's refusals, a path that
 * is not valid percent-encoding (`decodeURIComponent`'s URIError, e.g. `/v3/profiles/%ZZ`), and
 * anything else that carries a 4xx status of its own. They are 400s, not 500s.
 */
function clientError(err: unknown): SimError | undefined {
  if (err instanceof URIError) return validationError({ path: [MESSAGES.malformedPath] });
  const body = bodyError(err);
  if (body) return body;
  const status = typeof err === 'object' && err !== null && 'status' in err ? err.status : undefined;
  if (typeof status === 'number' && status >= 400 && status < 500) return validationError({ body: [MESSAGES.undecodableBody] });
  return undefined;
}
