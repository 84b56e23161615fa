import express, { type Express } from 'express';
import type { Deps } from './deps.js';
import { controlRouter, markControlPlane } from './control/routes.js';
import { authenticate } from './http/auth.js';
import { errorHandler, notFound } from './http/error-handler.js';
import { jsonBody } from './http/json-body.js';
import { operationsRouter } from './http/operations.js';
import { requestContext } from './http/request-id.js';
import { campaignOperations } from './resources/campaigns/routes.js';
import { completionOperations } from './resources/completion/routes.js';
import { profileOperations } from './resources/profiles/routes.js';

/**
 * The simulator as an Express 5 app. The pipeline, in order:
 *   1. request context — request id, `X-Request-Id`, `X-API-Version`, `X-Response-Time`, access log;
 *   2. JSON body       — content type, 1 MiB limit, parse errors → Sent envelope (400/413);
 *   3. control plane   — `/_sim/*`, the simulator's own API (problem+json errors);
 *      authentication  — `x-api-key` → tenant and key, `x-profile-id` rules;
 *   4. operations      — one route per spec operation: path ids, access, idempotency, ajv
 *                        validation, then the resource's routes → service;
 *   5. not found       — `404 RESOURCE_013` for anything else;
 *   6. error handler   — the only place an error response is written.
 */
export function createApp(deps: Deps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  app.use(requestContext(deps.random, deps.logger));
  // Marked before the body is read, so that a bad body sent to /_sim gets a problem document too.
  if (deps.config.controlPlane) app.use('/_sim', markControlPlane);
  app.use(jsonBody(deps.config.bodyLimit));
  if (deps.config.controlPlane) app.use('/_sim', controlRouter(deps));
  app.use('/v3', authenticate(deps.tenants));
  app.use(operationsRouter(deps.spec, deps.validator, {
    ...profileOperations(deps),
    ...completionOperations(deps),
    ...campaignOperations(deps),
  }, deps.scenarios));
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
