import { timingSafeEqual } from 'node:crypto';
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Deps } from '../deps.js';
import { MESSAGES } from '../errors/catalog.js';
import { simError } from '../errors/sim-error.js';
import { authenticate } from '../http/auth.js';
import { jsonBody } from '../http/body.js';
import { jsonLimits, snapshotLimits } from '../http/json-limits.js';
import { authed, ctx, header } from '../http/context.js';
import { checkControlAccess } from './handler.js';
import { mountStream } from './inspector-routes.js';
import { inspectorPage } from './ui.js';

/**
 * The `/_sim` control plane (docs/decisions/0010, 0022): inspection and levers beside the vendor
 * API, authenticated by the caller's `x-api-key` and acting on that key's tenant only. Errors
 * are `application/problem+json` (rendered by the one error handler). Owner and admin
 * organization keys may use all of it, developer and billing keys may only read, profile keys
 * get 403; the admin token, when set, applies on top.
 */
export function controlRouter(deps: Deps): Router {
  const router = Router();
  // The inspector's page loads without a key (control/ui.ts); what it shows needs one.
  router.use('/ui', inspectorPage());
  const limits = { plain: jsonLimits(deps.config), snapshot: snapshotLimits(deps.config) };
  router.use(
    (_req, res, next) => {
      ctx(res).controlPlane = true;
      next();
    },
    adminToken(deps.config.adminToken),
    authenticate(deps.tenants),
    controlAccess,
    ...jsonBody(deps.config.bodyLimit, (req) => (req.path === '/import' ? limits.snapshot : limits.plain)),
  );
  // Every route, the core's and each module's, through the same door the in-process controls use (docs/decisions/0080).
  deps.control.mount(router);
  mountStream(router, deps);
  router.use(() => {
    throw simError('RESOURCE_013');
  });
  return router;
}

/** Control-plane roles (docs/decisions/0022): profile keys never; developer and billing read only. */
function controlAccess(req: Request, res: Response, next: NextFunction): void {
  checkControlAccess(authed(res).apiKey, req.method);
  next();
}

/** `--admin-token`: when set, every `/_sim` call must carry it (shared or CI use). Compared in constant time. */
function adminToken(token: string | null): RequestHandler {
  const expected = token === null ? null : Buffer.from(token);
  return (req, _res, next) => {
    if (expected === null) return next();
    const given = header(req, 'x-sim-admin-token') ?? header(req, 'authorization')?.replace(/^Bearer\s+/i, '');
    const buf = Buffer.from(given ?? '');
    if (buf.length !== expected.length || !timingSafeEqual(buf, expected)) throw simError('AUTH_004', { message: MESSAGES.adminTokenRequired });
    next();
  };
}
