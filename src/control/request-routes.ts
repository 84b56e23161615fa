import type { Deps } from '../deps.js';
import { validationError } from '../errors/sim-error.js';
import { ok } from '../http/result.js';
import { specOperations } from '../http/validation.js';
import type { JournalEntry, Tenant } from '../store/types.js';
import type { ControlRoute } from './handler.js';
import { compileRequestFilter, selectRequests } from './request-filter.js';

/** What `GET /_sim/requests` answers: the matching journal entries, oldest first, and how many the journal has pushed out. */
export interface RequestList {
  requests: JournalEntry[];
  dropped: number;
}

/** What `GET /_sim/requests/count` answers. */
export interface RequestCount {
  count: number;
  dropped: number;
}

/**
 * Request verification (docs/decisions/0037): `GET /_sim/requests` lists the journal, filtered by
 * `method`, `path`, `status`, `since`, `limit`, `operation`, `error_code`; `/count` counts the
 * same, so a test can assert "exactly one send happened". A bad filter is a problem+json 400
 * naming it, never an empty answer.
 */
export function requestRoutes(deps: Deps): ControlRoute[] {
  const operations = new Set(specOperations(deps.spec).map((o) => o.operationId));
  const select = (tenant: Tenant, query: Record<string, unknown>) => {
    const filter = compileRequestFilter(query, operations);
    if ('errors' in filter) throw validationError(filter.errors);
    const selected = selectRequests(tenant.journal.toArray(), filter, deps.config.journalSize);
    if ('errors' in selected) throw validationError(selected.errors);
    return selected;
  };
  return [
    {
      method: 'get',
      path: '/requests',
      handle: ({ tenant, query }) => ok({ requests: select(tenant, query).requests, dropped: tenant.journal.droppedCount } satisfies RequestList),
    },
    {
      method: 'get',
      path: '/requests/count',
      handle: ({ tenant, query }) => ok({ count: select(tenant, query).matched, dropped: tenant.journal.droppedCount } satisfies RequestCount),
    },
  ];
}
