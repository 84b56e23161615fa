import express, { type Express } from 'express';
import { controlRouter } from './control/router.js';
import type { Deps } from './deps.js';
import { simError } from './errors/sim-error.js';
import { apiPipeline } from './http/api.js';
import { errorHandler } from './http/error-handler.js';
import { requestStage, responseTimeHeader } from './http/request-stage.js';

/**
 * The simulator as one Express 5 application (docs/decisions/0021). The pipeline, in order:
 *   1. the request stage (http/request-stage.ts) — own paths only (`/v3`, `/_sim`, `/healthz`;
 *      anything else goes on to a host app that mounted this one), the request's exchange, the
 *      `Host` allowlist, the request target's length; it serves `/healthz` (no authentication)
 *      and `/v3` (http/api.ts: authentication before the body, one route table from the spec);
 *   2. `/_sim`  — the control plane (control/router.ts): admin token, authentication, roles,
 *                 JSON body, its routes; problem+json errors;
 *   3. the error handler — every error answered outside `/v3` (the Sent envelope, or problem+json).
 * One writer (http/result.ts) writes every answer and makes its record; the access log, the
 * journal and `X-Response-Time` read that record.
 */
export function createApp(deps: Deps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  responseTimeHeader(app);
  app.use(requestStage(deps, app, apiPipeline(deps)));
  if (deps.config.controlPlane) app.use('/_sim', controlRouter(deps));
  app.use(() => {
    throw simError('RESOURCE_013');
  });
  app.use(errorHandler(deps.logger));
  return app;
}
