import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { MESSAGES } from '../errors/catalog.js';
import { SimError, simError, validationError } from '../errors/sim-error.js';
import { bodyError } from './body.js';
import { ctx } from './context.js';
import { errorBody, problemBody, PROBLEM_TYPE, write } from './result.js';

/**
 * The one place an error response is written: every failure leaves as the Sent envelope (or,
 * on the `/_sim` control plane, which is ours, an RFC 9457 problem document). Unexpected errors
 * become `500 INTERNAL_001` with the request id in the message, as Sent's do; the stack goes to
 * the log, never to the client.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
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
    const headers: Record<string, string> = { ...error.headers };
    if (context.sandbox) headers['X-Sandbox'] = 'true';
    if (context.controlPlane) {
      write(res, { status: error.status, headers: { ...headers, 'Content-Type': PROBLEM_TYPE }, body: JSON.stringify(problemBody(res, error)) });
    } else {
      write(res, { status: error.status, headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(errorBody(res, error)) });
    }
  };
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
