import type { Server } from 'node:http';
import type { RequestHandler, Response } from 'express';
import type { Deps } from '../deps.js';
import { MESSAGES } from '../errors/catalog.js';
import { simError } from '../errors/sim-error.js';
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
 *
 * Bounded (issue 25 row 4, docs/decisions/0031): a tenant holds at most `--max-streams` (10),
 * all tenants together at most half of `--max-connections`, so streams can never take the
 * connections API calls need; past either, `429`. A stream with nothing to send for
 * `--stream-idle-timeout` (pings aside), or open for `--stream-lifetime`, is ended with a
 * comment saying why; the inspector reconnects and gets the backlog again. Both are measured on
 * the simulator's real-time clock (`realNow`), checked every second.
 */
export function streamHandler(deps: Deps): RequestHandler {
  const viewDelivery = deliveryViewer(deps);
  const slots = new StreamSlots(deps.config.maxStreamsPerTenant, Math.max(1, Math.floor(deps.config.maxConnections / 2)));
  return (_req, res) => {
    const { tenant } = authed(res);
    const release = slots.take(tenant.id);
    res.once('close', release);
    // Reverse proxies (nginx) would otherwise hold events back.
    writeStreamHead(res, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    const openedAt = deps.realNow();
    let lastEventAt = openedAt;

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
    const event = (name: string, data: unknown) => {
      lastEventAt = deps.realNow();
      send(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const endWith = (reason: string) => {
      send(`: closing: ${reason}\n\n`);
      res.end();
    };

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
      const now = deps.realNow();
      if (now - openedAt >= deps.config.streamLifetimeMs) return endWith('lifetime');
      if (now - lastEventAt >= deps.config.streamIdleMs) return endWith('idle');
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

/** Open streams per tenant and in all: a stream takes a slot before its head is written and gives it back when it closes. */
class StreamSlots {
  private readonly perTenant = new Map<string, number>();
  private total = 0;

  constructor(
    private readonly maxPerTenant: number,
    private readonly maxTotal: number,
  ) {}

  /** A slot for one stream of `tenantId` (`429` when there is none); the function gives it back, once. */
  take(tenantId: string): () => void {
    const held = this.perTenant.get(tenantId) ?? 0;
    if (held >= this.maxPerTenant) throw simError('BUSINESS_002', { message: MESSAGES.streamsPerTenant(this.maxPerTenant) });
    if (this.total >= this.maxTotal) throw simError('BUSINESS_002', { message: MESSAGES.streamsTotal(this.maxTotal) });
    this.perTenant.set(tenantId, held + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.perTenant.get(tenantId) ?? 1) - 1;
      if (left > 0) this.perTenant.set(tenantId, left);
      else this.perTenant.delete(tenantId);
    };
  }
}
