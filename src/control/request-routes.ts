import type { Router } from 'express';
import type { Deps } from '../deps.js';
import { validationError } from '../errors/sim-error.js';
import { authed } from '../http/context.js';
import { ok } from '../http/result.js';
import { specOperations } from '../http/validation.js';
import type { Tenant } from '../store/types.js';
import { compileRequestFilter, selectRequests } from './request-filter.js';
import { handle } from './handler.js';

/**
 * Request verification (docs/decisions/0037): `GET /_sim/requests` lists the journal, filtered by
 * `method`, `path`, `status`, `since`, `limit`, `operation`, `error_code`; `/count` counts the
 * same, so a test can assert "exactly one send happened". A bad filter is a problem+json 400
 * naming it, never an empty answer.
 */
export function mountRequestRoutes(router: Router, deps: Deps): void {
  const operations = new Set(specOperations(deps.spec).map((o) => o.operationId));
  const select = (tenant: Tenant, query: Record<string, unknown>) => {
    const filter = compileRequestFilter(query, operations);
    if ('errors' in filter) throw validationError(filter.errors);
    const selected = selectRequests(tenant.journal.toArray(), filter, deps.config.journalSize);
    if ('errors' in selected) throw validationError(selected.errors);
    return selected;
  };

  router.get(
    '/requests',
    handle((req, res) => {
      const { tenant } = authed(res);
      return ok({ requests: select(tenant, req.query).requests, dropped: tenant.journal.droppedCount });
    }),
  );

  router.get(
    '/requests/count',
    handle((req, res) => {
      const { tenant } = authed(res);
      return ok({ count: select(tenant, req.query).matched, dropped: tenant.journal.droppedCount });
    }),
  );
}
