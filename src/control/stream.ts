import type { Server } from 'node:http';
import type { RequestHandler, Response } from 'express';
import type { Deps } from '../deps.js';
import { MESSAGES } from '../errors/catalog.js';
import { simError } from '../errors/sim-error.js';
import { authed } from '../http/context.js';
import { writeStreamHead } from '../http/result.js';
import { sentTimestamp } from '../util/time.js';
import type { DeliveryAttempt } from '../delivery/types.js';
import { deliveryViewer } from './delivery-view.js';
import { LOG_NAMES, StreamWriter, type StreamLogs } from './stream-writer.js';

/** A comment line this often keeps proxies and idle timers from closing a quiet stream. */
const PING_EVERY_MS = 15_000;
/** How often a stream checks that its server is still accepting (shutdown ends it). */
const TICK_MS = 1000;

/**
 * `GET /_sim/stream`: the tenant's request journal, delivery attempts and clock advances as
 * server-sent events — first what the logs hold (oldest first), then `ready`, then each new
 * entry as it is recorded. Events: `request` (a journal entry), `delivery` (an attempt with
 * `signature_verifies`), `clock` (an advance and the jobs it fired), `cleared` (`{log}`: a
 * reset emptied that log), `resync` (entries were skipped, see below). A client reads it with
 * `fetch()` so the key travels in a header.
 *
 * The one response of the control plane not written by `write()` in one `end()`: a stream is
 * written as it happens. It reads the logs (util/ring-buffer.ts) at its reader's pace and holds
 * no copy of them (issue 25 row 6, docs/decisions/0089): it writes while less than
 * `--stream-buffer` bytes wait unsent, then waits for the socket to drain. A reader too slow for
 * the logs misses what they drop before it gets there: in its place it gets one `resync` event,
 * `{dropped: {requests, deliveries, clock}}`, and should read the logs again (the inspector
 * reconnects). A stream never holds more than its buffer, however slow its reader.
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
    const logs: StreamLogs = {
      requests: { ring: tenant.journal, event: 'request', view: (entry) => entry },
      deliveries: { ring: tenant.deliveries, event: 'delivery', view: (attempt) => viewDelivery(tenant, attempt as DeliveryAttempt) },
      clock: { ring: tenant.clockAdvances, event: 'clock', view: (advance) => advance },
    };
    const writer = new StreamWriter(res, logs, deps.config.streamBufferBytes, () => (lastEventAt = deps.realNow()));
    const endWith = (reason: string) => {
      if (!res.writableEnded) res.end(`: closing: ${reason}\n\n`);
    };

    // The backlog: every entry the logs hold now, each log oldest first, then `ready`.
    for (const name of LOG_NAMES) writer.enqueue(name, logs[name].ring.firstSeq, logs[name].ring.nextSeq);
    writer.note({ ready: () => ({ now: sentTimestamp(tenant.clock.now()) }) });

    // Observers run inside the code that records an entry (a request's end, a delivery): they only note it.
    const stops = LOG_NAMES.map((name) =>
      logs[name].ring.observe({
        push: (_item, seq) => writer.enqueue(name, seq, seq + 1),
        clear: () => writer.note({ cleared: name }),
      }),
    );
    res.on('drain', () => writer.pump());
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
      if (sincePing >= PING_EVERY_MS && res.writableLength === 0) {
        sincePing = 0;
        res.write(': ping\n\n');
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
