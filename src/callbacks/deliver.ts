import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Logger } from 'pino';
import type { components } from '../generated/sent-v3.js';
import type { Tenant } from '../store/types.js';
import { sentTimestamp } from '../util/time.js';
import { signPayload } from './sign.js';

type CompletionCallback = components['schemas']['CompletionCallback'];

/** One attempt to deliver one callback, as `GET /_sim/callbacks` lists it. */
export interface DeliveryAttempt {
  callback_id: string;
  profile_id: string;
  url: string;
  attempt: number;
  /** Virtual time of the attempt. */
  at: string;
  payload: CompletionCallback;
  headers: Record<string, string>;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  delivered: boolean;
  /** When the next attempt is due, if the retry policy schedules one. */
  next_attempt_at: string | null;
  scenario: string | null;
}

export interface DeliveryInput {
  callbackId: string;
  url: string;
  payload: CompletionCallback;
  attempt: number;
  /** Virtual time of the attempt (epoch ms). */
  at: number;
  timeoutMs?: number;
  scenario?: string;
}

function record(
  input: DeliveryInput,
  headers: Record<string, string>,
  outcome: Pick<DeliveryAttempt, 'status_code' | 'error' | 'duration_ms'>,
): DeliveryAttempt {
  return {
    callback_id: input.callbackId,
    profile_id: input.payload.profileId,
    url: input.url,
    attempt: input.attempt,
    at: sentTimestamp(input.at),
    payload: input.payload,
    headers,
    ...outcome,
    delivered: outcome.error === null,
    next_attempt_at: null,
    scenario: input.scenario ?? null,
  };
}

export const CALLBACK_TIMEOUT_MS = 10_000;
const MAX_CONCURRENT = 128;

/**
 * Sends completion callbacks: one signed JSON POST, 10 s timeout, redirects not followed
 * (a 3xx is a failed attempt, as with Sent's webhooks). Never throws: every outcome, including
 * refused connections and resets, is returned as a recorded attempt. At most 128 deliveries
 * are in flight at once, so draining 10,000 jobs does not open 10,000 sockets.
 */
export class CallbackDeliverer {
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  private waitingHead = 0;
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: MAX_CONCURRENT });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: MAX_CONCURRENT });

  constructor(private readonly options: { logger: Logger; userAgent: string; timeoutMs?: number }) {}

  async deliver(
    tenant: Tenant,
    input: DeliveryInput,
  ): Promise<DeliveryAttempt> {
    const body = JSON.stringify(input.payload);
    const timestamp = Math.floor(input.at / 1000);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': this.options.userAgent,
      'x-webhook-id': input.callbackId,
      'x-webhook-timestamp': String(timestamp),
      'x-webhook-signature': signPayload(tenant.callbackSigningSecret, input.callbackId, timestamp, body),
    };
    await this.acquire();
    const started = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      status = await this.post(input.url, headers, body, input.timeoutMs ?? this.options.timeoutMs ?? CALLBACK_TIMEOUT_MS);
      if (status < 200 || status >= 300) error = status >= 300 && status < 400 ? `redirect ${status} not followed` : `HTTP ${status}`;
    } catch (err) {
      error = describe(err);
    } finally {
      this.release();
    }
    const attempt = record(input, headers, { status_code: status, error, duration_ms: Math.round(performance.now() - started) });
    this.options.logger.info(
      { tenant: tenant.id, profile_id: attempt.profile_id, attempt: attempt.attempt, status: status, error, ms: attempt.duration_ms },
      'callback attempt',
    );
    return attempt;
  }

  /**
   * One POST with node:http over keep-alive agents (measured faster than fetch when thousands
   * of callbacks drain at once). The timeout covers the whole exchange, body included, so a
   * receiver that trickles bytes is cut off too. Redirects are never followed.
   */
  private post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const target = new URL(url);
      const secure = target.protocol === 'https:';
      const req = (secure ? httpsRequest : httpRequest)(target, {
        method: 'POST',
        agent: secure ? this.httpsAgent : this.httpAgent,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      });
      const timer = setTimeout(() => req.destroy(new CallbackTimeout()), timeoutMs);
      req.on('response', (res) => {
        // The receiver's answer body is not needed, but it must be read for the socket to be reused.
        res.resume();
        res.on('end', () => {
          clearTimeout(timer);
          resolve(res.statusCode ?? 0);
        });
        res.on('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
      });
      req.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      req.end(body);
    });
  }

  /** Closes idle keep-alive sockets (server shutdown). */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** A scenario dropped this callback: nothing is sent, the attempt is still recorded. */
  dropped(input: DeliveryInput): DeliveryAttempt {
    return record(input, {}, { status_code: null, error: 'dropped by scenario', duration_ms: 0 });
  }

  private async acquire(): Promise<void> {
    if (this.inFlight < MAX_CONCURRENT) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight++;
  }

  private release(): void {
    this.inFlight--;
    // A moving head instead of shift(): draining 10,000 waiters stays linear.
    const next = this.waiting[this.waitingHead];
    if (next) {
      this.waiting[this.waitingHead++] = undefined as unknown as () => void;
      if (this.waitingHead === this.waiting.length) {
        this.waiting.length = 0;
        this.waitingHead = 0;
      }
      next();
    }
  }
}

class CallbackTimeout extends Error {
  override name = 'TimeoutError';
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'timeout';
    const code = (err as Error & { code?: string }).code;
    if (code) return code;
    const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code) return cause.code;
    return cause?.message ?? err.message;
  }
  return String(err);
}
