import type { Router } from 'express';
import { handle } from '../../control/handler.js';
import { authed } from '../../http/context.js';
import { ok } from '../../http/result.js';
import type { UserService } from './service.js';

/**
 * `POST /_sim/users/{id}/accept` (simulator-only, docs/decisions/0019): the invited user accepts
 * now — `status: "active"`, `updated_at` set. An active user is answered unchanged; an unknown id
 * is `404 RESOURCE_006`.
 */
export function userControl(service: UserService): (router: Router) => void {
  return (router) => {
    router.post(
      '/users/:id/accept',
      handle((req, res) => ok(service.acceptInvitation(authed(res).tenant, String(req.params.id)))),
    );
  };
}
