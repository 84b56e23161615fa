import { randomBytes, randomUUID } from 'node:crypto';
import { describeFailure, HttpPoster } from '../delivery/http-post.js';
import { deliveryHeaders } from '../delivery/sign.js';
import { VERSION } from '../version.js';
import { envelopeOf, eventTypeOf, type SampleEvent } from './families.js';

/** How a delivery is signed: as Sent signs it, with a secret that is not the receiver's, or not at all. */
export type Signing = 'valid' | 'wrong_secret' | 'missing';

/** One delivery the check made, and how the receiver answered it. */
export interface DeliveryOutcome {
  /** `x-webhook-event-type` of the delivery. */
  event: string;
  event_id: string;
  signing: Signing;
  /** How old the signed timestamp was, in seconds (negative: in the future). */
  age_seconds: number;
  status_code: number | null;
  /** `timeout`, `ECONNREFUSED`, … when no answer came. */
  error: string | null;
  ms: number;
}

export interface SendOptions {
  signing?: Signing;
  ageSeconds?: number;
  /** `X-Webhook-Event-ID`; a new one by default (a duplicate passes the first one's). */
  eventId?: string;
  timeoutMs: number;
}

/**
 * Posts sample events to one receiver, signed exactly as the simulator signs its deliveries
 * (delivery/sign.ts, the same header builder as the delivery core) and sent by the same HTTP
 * client (keep-alive, no redirects followed, the timeout covering the whole exchange).
 */
export class SignedSender {
  private readonly poster = new HttpPoster();
  /** `x-webhook-id`: Sent puts the webhook's id there; the check stands for one webhook. */
  private readonly webhookId = randomUUID();
  /** A well-formed secret the receiver does not have. */
  private readonly otherSecret = `whsec_${randomBytes(32).toString('base64')}`;

  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly realNow: () => number = Date.now,
  ) {}

  async send(sample: SampleEvent, options: SendOptions): Promise<DeliveryOutcome> {
    const signing = options.signing ?? 'valid';
    const ageSeconds = options.ageSeconds ?? 0;
    const eventId = options.eventId ?? randomUUID();
    const now = this.realNow();
    const body = envelopeOf(sample, now);
    const headers = deliveryHeaders({
      secret: signing === 'wrong_secret' ? this.otherSecret : this.secret,
      signatureId: this.webhookId,
      timestamp: Math.floor(now / 1000) - ageSeconds,
      body,
      eventType: eventTypeOf(sample),
      eventId,
      userAgent: `sent-sim/${VERSION} (check-receiver)`,
    });
    if (signing === 'missing') delete headers['x-webhook-signature'];
    const started = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      status = await this.poster.post(this.url, headers, body, options.timeoutMs);
    } catch (err) {
      error = describeFailure(err);
    }
    return { event: eventTypeOf(sample), event_id: eventId, signing, age_seconds: ageSeconds, status_code: status, error, ms: Math.round(performance.now() - started) };
  }

  /** Ends the sockets kept alive (and any request still in flight). */
  close(): void {
    this.poster.abortAll();
  }
}

/** A receiver's answer counts as accepting with a 2xx, as Sent counts a delivery delivered. */
export function accepted(d: DeliveryOutcome): boolean {
  return d.status_code !== null && d.status_code >= 200 && d.status_code < 300;
}

/** Refused as a client error: Sent does not retry it as it would a 5xx or a timeout. */
export function refused(d: DeliveryOutcome): boolean {
  return d.status_code !== null && d.status_code >= 400 && d.status_code < 500;
}

/** `200 in 4 ms`, `no answer within 5000 ms`, `no answer (ECONNREFUSED)`. */
export function describeAnswer(d: DeliveryOutcome): string {
  if (d.status_code !== null) return `${d.status_code} in ${d.ms} ms`;
  if (d.error === 'timeout') return `no answer within ${d.ms} ms`;
  return `no answer (${d.error ?? 'unknown error'})`;
}
