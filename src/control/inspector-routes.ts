import type { Router } from 'express';
import type { Deps } from '../deps.js';
import { authed } from '../http/context.js';
import { ok } from '../http/result.js';
import { sentTimestamp } from '../util/time.js';
import { handle } from './handler.js';
import { streamHandler } from './stream.js';

/**
 * What the web inspector (`/_sim/ui`, control/ui.ts) reads besides the rest of `/_sim`, each
 * usable on its own (docs/guide/inspector.md): who the caller is, the clock's advances, and the
 * live stream of the tenant's logs.
 */
export function mountInspectorRoutes(router: Router, deps: Deps): void {
  router.get(
    '/whoami',
    handle((_req, res) => {
      const { tenant, apiKey } = authed(res);
      return ok({
        organization_id: tenant.id,
        name: tenant.organization.name,
        role: apiKey.role,
        type: apiKey.type,
        // docs/decisions/0022: developer and billing keys may only read the control plane.
        read_only: apiKey.role !== 'owner' && apiKey.role !== 'admin',
      });
    }),
  );

  router.get(
    '/clock',
    handle((_req, res) => {
      const { tenant } = authed(res);
      return ok({
        now: sentTimestamp(tenant.clock.now()),
        clock_offset_ms: tenant.clock.offset,
        advances: tenant.clockAdvances.toArray(),
        dropped: tenant.clockAdvances.droppedCount,
      });
    }),
  );

  router.get('/stream', streamHandler(deps));
}
