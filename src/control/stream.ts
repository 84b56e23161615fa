import type { Server } from 'node:http';
import type { RequestHandler, Response } from 'express';
import type { Deps } from '../deps.js';
import { authed } from '../http/context.js';
import { writeStreamHead } from '../http/result.js';
import { sentTimestamp } from '../util/time.js';
import { deliveryViewer } from './delivery-view.js';

/** A client that stops reading gets its stream ended past this much unsent text (it reconnects and gets the backlog). */
export const STREAM_BUFFER_MAX = 1024 * 1024;
/** A comment line this often keeps proxies and idle timers from closing a quiet stream. */
const PING_EVERY_MS = 15_000;
/** How often a stream checks that its server is still accepting (shutdown ends it). */
const TICK_MS = 1000;

/**
 * `GET /_sim/stream`: the tenant's request journal, delivery attempts and clock advances as
 * server-sent events — first what the logs hold (oldest first), then `ready`, then each new
 * entry as it is recorded. Events: `request` (a journal entry), `delivery` (an attempt with
 * `signature_verifies`), `clock` (an advance and the jobs it fired), `cleared` (`{log}`: a
 * reset emptied that log). A client reads it with `fetch()` so the key travels in a header.
 *
 * The one response of the control plane not written by `write()` in one `end()`: a stream is
 * written as it happens. It watches the logs (util/ring-buffer.ts) and holds nothing else.
 */
export function streamHandler(deps: Deps): RequestHandler {
  const viewDelivery = deliveryViewer(deps);
  return (_req, res) => {
    const { tenant } = authed(res);
    // Reverse proxies (nginx) would otherwise hold events back.
    writeStreamHead(res, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });

    // The backlog is written whole (the logs are bounded); past it, a client may fall behind by
    // STREAM_BUFFER_MAX before its stream is ended.
    let limit = Infinity;
    const send = (text: string) => {
      if (res.writableEnded || res.destroyed) return;
      if (res.writableLength > limit) {
        res.end();
        return;
      }
      res.write(text);
    };
    const event = (name: string, data: unknown) => send(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);

    for (const entry of tenant.journal.toArray()) event('request', entry);
    for (const attempt of tenant.deliveries.toArray()) event('delivery', viewDelivery(tenant, attempt));
    for (const advance of tenant.clockAdvances.toArray()) event('clock', advance);
    event('ready', { now: sentTimestamp(tenant.clock.now()) });
    limit = res.writableLength + STREAM_BUFFER_MAX;

    // Observers run inside the code that records an entry (a request's end, a delivery): they only write.
    const stops = [
      tenant.journal.observe({ push: (entry) => event('request', entry), clear: () => event('cleared', { log: 'requests' }) }),
      tenant.deliveries.observe({ push: (attempt) => event('delivery', viewDelivery(tenant, attempt)), clear: () => event('cleared', { log: 'deliveries' }) }),
      tenant.clockAdvances.observe({ push: (advance) => event('clock', advance), clear: () => event('cleared', { log: 'clock' }) }),
    ];
    let sincePing = 0;
    const timer = setInterval(() => {
      // Shutdown: the server stopped accepting, so the stream ends now rather than hold the close for its grace period.
      if (serverOf(res)?.listening === false) {
        res.end();
        return;
      }
      sincePing += TICK_MS;
      if (sincePing >= PING_EVERY_MS) {
        sincePing = 0;
        send(': ping\n\n');
      }
    }, TICK_MS);
    timer.unref();
    res.once('close', () => {
      clearInterval(timer);
      for (const stop of stops) stop();
    });
  };
}

/** The HTTP server that accepted this connection (Node sets `socket.server` on every accepted socket). */
function serverOf(res: Response): Server | undefined {
  return (res.socket as { server?: Server } | null)?.server;
}
