import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Deps } from './deps.js';
import { simError } from './errors/sim-error.js';
import { authenticate } from './http/auth.js';
import type { RequestContext, SimRequest, SimResponse } from './http/context.js';
import { sendError } from './http/error-handler.js';
import { readJsonBody } from './http/json-body.js';
import { compileOperations, matchOperation } from './http/operations.js';
import { beginRequest } from './http/request-id.js';
import { campaignOperations } from './resources/campaigns/routes.js';
import { completionOperations } from './resources/completion/routes.js';
import { profileOperations } from './resources/profiles/routes.js';

/** The simulator as a `node:http` request listener (`http.createServer(createApp(deps))`). */
export type SimApp = (req: IncomingMessage, res: ServerResponse) => void;

type Handler = (req: SimRequest, res: SimResponse) => void;

/**
 * The simulator. The pipeline, in order:
 *   1. request context — request id, `X-Request-Id`, `X-API-Version`, `X-Response-Time`,
 *                        and the journal entry and access log once the response is done;
 *   2. JSON body       — content type, 1 MiB limit, encodings; failures → Sent envelope (400/413);
 *   3. control plane   — `/_sim/*`, the simulator's own API (problem+json errors), an Express app
 *                        loaded on first use (control/app.ts);
 *   4. authentication  — `/v3` only: `x-api-key` → tenant and key, `x-profile-id` rules;
 *   5. operation       — the spec operation the method and path name (http/operations.ts): path
 *                        ids, access, idempotency, ajv validation, scenario, then resource → service;
 *   6. not found       — `404 RESOURCE_013` for anything else;
 *   and `sendError`, the only place an error response is written.
 * The `/v3` path is plain `node:http`: no router, no body-parser, no promise for a request
 * without a body unless a stage has to wait (measured in bench/: Express's router and
 * body-parser cost about a third of a GET).
 */
export function createApp(deps: Deps): SimApp {
  const operations = compileOperations(
    deps.spec,
    deps.validator,
    { ...profileOperations(deps), ...completionOperations(deps), ...campaignOperations(deps) },
    deps.scenarios,
  );
  let controlPlane: Promise<Handler> | undefined;
  const loadControlPlane = (): Promise<Handler> =>
    (controlPlane ??= import('./control/app.js').then(({ controlApp }) => controlApp(deps) as unknown as Handler));

  const route = (req: SimRequest, res: SimResponse, context: RequestContext): void | Promise<void> => {
    if (context.controlPlane) return loadControlPlane().then((handle) => handle(req, res));
    if (!isUnder(context.path, '/v3')) throw simError('RESOURCE_013');
    authenticate(req, res, deps.tenants);
    const found = matchOperation(operations, req.method ?? 'GET', context.path);
    if (!found) throw simError('RESOURCE_013');
    req.params = found.params;
    return found.operation.run(req, res);
  };

  return (request, response) => {
    const req = request as SimRequest;
    const res = response as SimResponse;
    const context = beginRequest(req, res, deps.random, deps.logger, deps.journalBodies);
    const fail = (err: unknown) => sendError(res, err, deps.logger);
    try {
      // Marked before the body is read, so that a bad body sent to /_sim gets a problem document too.
      context.controlPlane = deps.config.controlPlane && isUnder(context.path, '/_sim');
      const body = readJsonBody(req, deps.config.bodyLimit);
      const done =
        body === undefined
          ? route(req, res, context)
          : body.then((value) => {
              req.body = value;
              return route(req, res, context);
            });
      done?.catch(fail);
    } catch (err) {
      fail(err);
    }
  };
}

/** `/v3`, `/v3/…` or `/v3?…`, case-insensitively, as Express mounts paths. */
function isUnder(path: string, prefix: string): boolean {
  return path.slice(0, prefix.length).toLowerCase() === prefix && (path.length === prefix.length || path[prefix.length] === '/');
}
