import { timingSafeEqual } from 'node:crypto';
import { Router, type Request, type RequestHandler } from 'express';
import type { Deps } from '../deps.js';
import { MESSAGES } from '../errors/catalog.js';
import { simError } from '../errors/sim-error.js';
import { identify, scopedProfile } from '../http/auth.js';
import { bodyReader } from '../http/body.js';
import { header, type Caller } from '../http/context.js';
import { writeError } from '../http/error-handler.js';
import { jsonLimits, snapshotLimits } from '../http/json-limits.js';
import type { Facts } from '../http/record.js';
import type { ApiKeyRecord } from '../store/types.js';
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
  router.use(controlStage(deps));
  // Every route, the core's and each module's, through the same door the in-process controls use (docs/decisions/0080).
  deps.control.mount(router);
  mountStream(router, deps);
  router.use(() => {
    throw simError('RESOURCE_013');
  });
  return router;
}

/**
 * The control plane's one stage, before its routes: the admin token, authentication, roles, the
 * JSON body. The caller is then set once (`res.locals.caller`, read by `authed`). A refusal
 * after authentication is answered here, so it is journaled under the caller's tenant.
 */
function controlStage(deps: Deps): RequestHandler {
  const checkToken = adminToken(deps.config.adminToken);
  const readBody = bodyReader(deps.config.bodyLimit);
  const limits = { plain: jsonLimits(deps.config), snapshot: snapshotLimits(deps.config) };
  return async (req, res, next) => {
    checkToken(req);
    const identity = identify(deps.tenants, req);
    const facts: Facts = { tenant: identity.tenant };
    try {
      const caller: Caller = { ...identity, scopedProfileId: scopedProfile(deps.tenants, identity, req) };
      facts.scopedProfileId = caller.scopedProfileId;
      controlAccess(req, caller.apiKey);
      await readBody(req, res, req.path === '/import' ? limits.snapshot : limits.plain);
      res.locals.caller = caller;
    } catch (err) {
      writeError(res, err, facts, deps.logger);
      return;
    }
    next();
  };
}

/** Control-plane roles (docs/decisions/0022): profile keys never; developer and billing read only (handler.ts, shared with the in-process door). */
function controlAccess(req: Request, apiKey: ApiKeyRecord): void {
  checkControlAccess(apiKey, req.method);
}

/** `--admin-token`: when set, every `/_sim` call must carry it (shared or CI use). Compared in constant time. */
function adminToken(token: string | null): (req: Request) => void {
  const expected = token === null ? null : Buffer.from(token);
  return (req) => {
    if (expected === null) return;
    const given = header(req, 'x-sim-admin-token') ?? header(req, 'authorization')?.replace(/^Bearer\s+/i, '');
    const buf = Buffer.from(given ?? '');
    if (buf.length !== expected.length || !timingSafeEqual(buf, expected)) throw simError('AUTH_004', { message: MESSAGES.adminTokenRequired });
  };
}
