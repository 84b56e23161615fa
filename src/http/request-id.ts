import type { Logger } from 'pino';
import type { Random } from '../util/random.js';
import type { RequestContext, SimRequest, SimResponse } from './context.js';
import { journalHeaders, redactedJson } from '../util/redact.js';
import { storeJournalEntry, type JournalBodyBudget } from '../store/journal.js';
import { sentTimestamp } from '../util/time.js';

/**
 * Stage 1, for every request: request id, standard headers, and — when the response is done —
 * the journal entry and the access log line. `X-Response-Time` can only be known when the head
 * is written, so it is set from a writeHead hook rather than guessed up front.
 */
export function beginRequest(req: SimRequest, res: SimResponse, random: Random, logger: Logger, journalBodies: JournalBodyBudget): RequestContext {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  const context: RequestContext = {
    requestId: `req_${random.string(10)}`,
    startedAt: process.hrtime.bigint(),
    path: query === -1 ? url : url.slice(0, query),
    url,
    sandbox: false,
  };
  res.locals ??= {};
  res.locals.ctx = context;
  res.setHeader('X-Request-Id', context.requestId);
  res.setHeader('X-API-Version', 'v3');

  const writeHead = res.writeHead.bind(res);
  res.writeHead = ((...args: unknown[]) => {
    if (!res.headersSent) res.setHeader('X-Response-Time', `${elapsedMs(context.startedAt)}ms`);
    return (writeHead as (...a: unknown[]) => SimResponse)(...args);
  });

  res.once('finish', () => {
    const { tenant } = context;
    if (tenant) {
      const entry = {
        request_id: context.requestId,
        at: sentTimestamp(tenant.clock.now()),
        method: req.method ?? 'GET',
        path: context.path,
        operation: context.operationId ?? null,
        status: res.statusCode,
        error_code: context.errorCode ?? null,
        duration_ms: elapsedMs(context.startedAt),
        scenario: context.scenario?.name ?? null,
        sandbox: context.sandbox,
        headers: journalHeaders(req.headers),
      };
      const stored = storeJournalEntry(entry, redactedJson(req.body));
      tenant.journal.push(stored);
      journalBodies.admit(stored);
    }
    // Only what is safe to log: never headers, bodies or keys (secrets stay secret).
    logger.info(
      {
        request_id: context.requestId,
        method: req.method,
        path: context.path,
        status: res.statusCode,
        ms: elapsedMs(context.startedAt),
        tenant: context.tenant?.id,
        operation: context.operationId,
        sandbox: context.sandbox || undefined,
      },
      'request',
    );
  });
  return context;
}

function elapsedMs(startedAt: bigint): number {
  return Number((process.hrtime.bigint() - startedAt) / 1_000_000n);
}
