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
      const res = await fetch(input.url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(input.timeoutMs ?? this.options.timeoutMs ?? CALLBACK_TIMEOUT_MS),
      });
      status = res.status;
      // The body is not needed; cancelling frees the socket even if the receiver trickles.
      await res.body?.cancel().catch(() => undefined);
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
    this.waiting.shift()?.();
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'timeout';
    const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code) return cause.code;
    return cause?.message ?? err.message;
  }
  return String(err);
}
