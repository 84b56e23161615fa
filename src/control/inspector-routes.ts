import type { Router } from 'express';
import type { Deps } from '../deps.js';
import { ok } from '../http/result.js';
import { sentTimestamp } from '../util/time.js';
import type { ControlRoute } from './handler.js';
import { streamHandler } from './stream.js';

/**
 * What the web inspector (`/_sim/ui`, control/ui.ts) reads besides the rest of `/_sim`, each
 * usable on its own (docs/guide/inspector.md): who the caller is, the clock's advances, and the
 * live stream of the tenant's logs.
 */
export function inspectorRoutes(): ControlRoute[] {
  return [
    {
      method: 'get',
      path: '/whoami',
      handle: ({ tenant, apiKey }) =>
        ok({
          organization_id: tenant.id,
          name: tenant.organization.name,
          role: apiKey.role,
          type: apiKey.type,
          // docs/decisions/0022: developer and billing keys may only read the control plane.
          read_only: apiKey.role !== 'owner' && apiKey.role !== 'admin',
        }),
    },
    {
      method: 'get',
      path: '/clock',
      handle: ({ tenant }) =>
        ok({
          now: sentTimestamp(tenant.clock.now()),
          clock_offset_ms: tenant.clock.offset,
          advances: tenant.clockAdvances.toArray(),
          dropped: tenant.clockAdvances.droppedCount,
        }),
    },
  ];
}

/** The live stream (server-sent events) has one door, HTTP: in process, read the logs themselves. */
export function mountStream(router: Router, deps: Deps): void {
  router.get('/stream', streamHandler(deps));
}
