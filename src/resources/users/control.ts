import type { ControlRoute } from '../../control/handler.js';
import { ok } from '../../http/result.js';
import type { UserService } from './service.js';

/**
 * `POST /_sim/users/{id}/accept` (simulator-only, docs/decisions/0019): the invited user accepts
 * now — `status: "active"`, `updated_at` set. An active user is answered unchanged; an unknown id
 * is `404 RESOURCE_006`.
 */
export function userControl(service: UserService): ControlRoute[] {
  return [{ method: 'post', path: '/users/:id/accept', handle: (c) => ok(service.acceptInvitation(c.tenant, String(c.params.id))) }];
}
