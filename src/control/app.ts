import express, { type Express } from 'express';
import type { Deps } from '../deps.js';
import { errorHandler, notFound } from '../http/error-handler.js';
import { controlRouter } from './routes.js';

/**
 * The `/_sim` control plane as an Express app. app.ts loads this module on the first `/_sim`
 * request, so Express costs nothing at start-up or on the `/v3` hot path. By the time a request
 * gets here, app.ts has given it a request context, read its JSON body and marked it as a
 * control-plane request (errors are problem documents).
 */
export function controlApp(deps: Deps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use('/_sim', controlRouter(deps));
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
