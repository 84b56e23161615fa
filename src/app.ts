import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { controlRouter } from './control/router.js';
import type { Deps } from './deps.js';
import { MESSAGES } from './errors/catalog.js';
import { simError, validationError } from './errors/sim-error.js';
import { ctx } from './http/context.js';
import { apiRouter } from './http/api.js';
import { errorHandler } from './http/error-handler.js';
import { ok, renderPlain, write } from './http/result.js';
import { accessLog, requestContext, responseTimeHeader } from './http/request-context.js';
import { VERSION } from './version.js';

/**
 * The simulator as one Express 5 application (docs/decisions/0021). The pipeline, in order:
 *   1. own paths only — `/v3`, `/_sim` and `/healthz`; anything else goes on to the host app
 *                       that mounted this one (standalone, it is `404 RESOURCE_013`);
 *   2. request context — request id, `X-Request-Id`, `X-API-Version`, `X-Response-Time`, the
 *                        journal entry when the response is done, one access-log line (pino-http);
 *                        a request target over 2,048 characters is refused here, `414`;
 *   3. `/healthz`      — `{status, version}`, no authentication (on even without the control plane);
 *   4. `/_sim`         — the control plane (control/router.ts): admin token, authentication,
 *                        roles, JSON body, its routes; problem+json errors;
 *   5. `/v3`           — the API (http/api.ts): authentication before the body is read, the JSON
 *                        body, one router per resource with routes compiled from the spec;
 *   6. the error handler — the only place an error response is written (the Sent envelope).
 */
export function createApp(deps: Deps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  // Mounted in a host app (`host.use('/sent', sim.app)` sets `parent`), paths that are not ours
  // go back to the host untouched, so the host's own routes after the mount still answer.
  const ours = (req: Request) => /^\/(v3|_sim|healthz)(\/|$)/i.test(req.path);
  const mounted = () => (app as Express & { parent?: unknown }).parent !== undefined;
  app.use((req: Request, _res: Response, next: NextFunction) => (ours(req) || !mounted() ? next() : next('router')));
  app.use(requestContext(deps), responseTimeHeader(), accessLog(deps.logger), urlLength(deps.config.maxUrlLength));
  app.get('/healthz', (_req, res) => write(res, renderPlain(ok({ status: 'ok', version: VERSION }))));
  if (deps.config.controlPlane) app.use('/_sim', controlRouter(deps));
  app.use('/v3', apiRouter(deps));
  app.use(() => {
    throw simError('RESOURCE_013');
  });
  app.use(errorHandler(deps.logger));
  return app;
}

/** A request target (path and query) over `max` characters: `414` with the Sent envelope (docs/decisions/0022). */
function urlLength(max: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.url.length <= max) return next();
    // The control plane answers problem documents, even before its router runs.
    if (/^\/_sim(\/|$)/i.test(req.path)) ctx(res).controlPlane = true;
    throw validationError({ path: [MESSAGES.urlTooLong(max)] }, 414);
  };
}
