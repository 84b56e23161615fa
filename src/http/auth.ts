import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { MESSAGES } from '../errors/catalog.js';
import { simError } from '../errors/sim-error.js';
import type { TenantRegistry } from '../store/tenants.js';
import { isUuid } from '../util/random.js';
import { ctx, header } from './context.js';

/**
 * Authentication and tenant (docs/decisions/0010), then the `x-profile-id` rules
 * (docs/decisions/0002). It runs before a body is read, so an unauthenticated client cannot
 * make the simulator buffer anything:
 * - no `x-api-key` → 401 AUTH_001; an unknown key → 401 AUTH_002, except unknown `sk_test_`
 *   keys, which provision a fresh tenant;
 * - a profile-scoped key that sends `x-profile-id` → 403 AUTH_004;
 * - an organization key naming a profile that is not its own (or is deleted) → 404 RESOURCE_014;
 *   otherwise the id is echoed in `X-Profile-Id`.
 */
export function authenticate(tenants: TenantRegistry): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const apiKey = header(req, 'x-api-key');
    if (apiKey === undefined || apiKey.trim() === '') throw simError('AUTH_001');
    const found = tenants.resolve(apiKey);
    if (!found) throw simError('AUTH_002');
    const context = ctx(res);
    context.tenant = found.tenant;
    context.apiKey = found.key;

    const scoped = header(req, 'x-profile-id');
    if (scoped !== undefined) {
      if (found.key.type === 'profile') throw simError('AUTH_004', { message: MESSAGES.profileKeyCannotScope });
      // Live profiles are the profiles module's to know (store/tenants.ts ProfileLookup, docs/decisions/0027).
      const profileId = isUuid(scoped) ? tenants.liveProfile(found.tenant, scoped) : null;
      if (profileId === null) throw simError('RESOURCE_014');
      context.scopedProfileId = profileId;
      res.setHeader('X-Profile-Id', profileId);
    }
    next();
  };
}
