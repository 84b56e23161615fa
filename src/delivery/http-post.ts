import { Agent as HttpAgent, request as httpRequest, type ClientRequest } from 'node:http';
import type { LookupFunction } from 'node:net';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

class DeliveryTimeout extends Error {
  override name = 'TimeoutError';
}

class DeliveryAborted extends Error {
  override name = 'AbortError';
}

/** What sends an attempt's POST: `HttpPoster` in the simulator, a fake in the delivery core's unit tests. */
export interface Poster {
  /** Resolves with the status code; rejects on a connection error, a timeout or `abortAll`. */
  post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<number>;
  /** Shutdown: ends every request still in flight. */
  abortAll(): void;
}

/**
 * JSON POSTs over keep-alive agents (measured faster than fetch when thousands of deliveries
 * drain at once). The timeout covers the whole exchange, body included, so a receiver that
 * trickles bytes is cut off too. Redirects are never followed.
 */
export class HttpPoster implements Poster {
  private readonly httpAgent = new HttpAgent({ keepAlive: true });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true });
  private readonly inFlight = new Set<ClientRequest>();

  /** `lookup` resolves host names (the targets' policy refuses addresses there, after DNS). */
  constructor(private readonly lookup?: LookupFunction) {}

  /** Resolves with the status code; rejects on a connection error, a timeout or `abortAll`. */
  post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const target = new URL(url);
      const secure = target.protocol === 'https:';
      const req = (secure ? httpsRequest : httpRequest)(target, {
        method: 'POST',
        agent: secure ? this.httpsAgent : this.httpAgent,
        lookup: this.lookup,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      });
      this.inFlight.add(req);
      const timer = setTimeout(() => req.destroy(new DeliveryTimeout()), timeoutMs);
      const done = (fn: () => void) => {
        clearTimeout(timer);
        this.inFlight.delete(req);
        fn();
      };
      req.on('response', (res) => {
        // The receiver's answer body is not needed, but it must be read for the socket to be reused.
        res.resume();
        res.on('end', () => done(() => resolve(res.statusCode ?? 0)));
        res.on('error', (err) => done(() => reject(err)));
      });
      req.on('error', (err) => done(() => reject(err)));
      req.end(body);
    });
  }

  /** Shutdown: ends every request still in flight (each is recorded as aborted) and idle sockets. */
  abortAll(): void {
    for (const req of this.inFlight) req.destroy(new DeliveryAborted('aborted by shutdown'));
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/** A short, log-safe description of a failed attempt. */
export function describeFailure(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError') return 'timeout';
    if (err.name === 'AbortError') return err.message || 'aborted';
    if (err.name === 'TargetRefusedError') return err.message;
    const code = (err as Error & { code?: string }).code;
    if (code) return code;
    const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code) return cause.code;
    return cause?.message ?? err.message;
  }
  return String(err);
}
