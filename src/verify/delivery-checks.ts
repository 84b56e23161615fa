/**
 * What `sent-sim verify` checks beyond the Pact interactions: what Sent *sends*, which a
 * request/response contract cannot describe. A webhook is registered at a receiver the
 * verifier starts, a message is sent, the lifecycle is let run (the simulator's clock is
 * advanced; a real target is waited for, bounded), and the deliveries are checked: the four
 * status events arrive in order, each verifies with `standardwebhooks` and the secret of the
 * create answer, each body matches the spec's event schema, each carries its own
 * `X-Webhook-Event-ID` and names the send in `request_id`, a rotated secret takes over at once,
 * and a deleted webhook is sent nothing more (docs/decisions/0015, 0016, 0060, 0062).
 */
import { createRequire } from 'node:module';
import { Webhook } from 'standardwebhooks';
import { loadSpec } from '../http/validation.js';
import { TEXT_MESSAGE } from './fixtures.js';
import { DeliveryReceiver, type ReceivedDelivery, type ReceiverOptions } from './receiver.js';
import type { Target } from './target.js';

export const CHECK = {
  secretOnce: 'a webhook’s signing secret is in its create answer and in no read',
  lifecycle: 'message.queued, message.routed, message.sent and message.delivered arrive, in that order',
  signed: 'every delivery verifies with standardwebhooks and the secret of the create answer',
  schema: 'every delivery body matches the spec’s message status event (webhooks: messageStatusEvent)',
  eventId: 'every delivery carries an X-Webhook-Event-ID (a UUID), a different one for each event',
  requestId: 'every event of the message names the send in request_id (its meta.request_id)',
  rotated: 'after a rotation, deliveries verify with the new secret and no longer with the old one',
  deleted: 'a deleted webhook is sent nothing more',
} as const;

export type CheckName = (typeof CHECK)[keyof typeof CHECK];

export interface CheckResult {
  check: CheckName;
  status: 'passed' | 'failed' | 'skipped';
  reason?: string;
}

export interface DeliveryCheckOptions {
  /** False turns the checks off (`--no-delivery-checks`). */
  enabled?: boolean;
  /** Where the receiver listens and how the target reaches it (`--receiver-url`, `--receiver-port`). */
  receiver?: ReceiverOptions;
  /** How long to wait for a real target's deliveries (`--receiver-wait`); default 60 s. */
  waitSeconds?: number;
}

const LIFECYCLE = ['message.queued', 'message.routed', 'message.sent', 'message.delivered'] as const;
const SECRET_RE = /^whsec_[A-Za-z0-9+/]+={0,2}$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs every check in order (later ones use the webhook the first registers) and answers one
 * result per check. They run against a simulator, or against any target when a receiver URL it
 * can reach is given; otherwise each is skipped with the reason.
 */
export async function runDeliveryChecks(target: Target, simulator: boolean, options: DeliveryCheckOptions = {}, log?: (r: CheckResult) => void): Promise<CheckResult[]> {
  const all = Object.values(CHECK);
  const skipAll = (reason: string) => all.map((check) => ({ check, status: 'skipped' as const, reason }));
  if (options.enabled === false) return report(skipAll('turned off (--no-delivery-checks)'), log);
  if (!simulator && !options.receiver?.publicUrl) {
    return report(skipAll('the target is not a simulator and cannot reach 127.0.0.1: give --receiver-url, a URL at which it reaches the receiver sent-sim verify starts'), log);
  }
  const receiver = await DeliveryReceiver.start(options.receiver);
  const run = new Checks(target, simulator, receiver, (options.waitSeconds ?? 60) * 1000);
  try {
    return report(await run.all(), log);
  } finally {
    await run.cleanUp();
    await receiver.close();
  }
}

function report(results: CheckResult[], log?: (r: CheckResult) => void): CheckResult[] {
  for (const r of results) log?.(r);
  return results;
}

class Checks {
  private readonly results = new Map<CheckName, CheckResult>();
  private webhookId: string | null = null;
  /** The message whose lifecycle the first checks follow, and the `meta.request_id` of its send. */
  private lifecycleMessage: string | null = null;
  private lifecycleRequest: string | null = null;

  constructor(
    private readonly target: Target,
    private readonly simulator: boolean,
    private readonly receiver: DeliveryReceiver,
    private readonly waitMs: number,
  ) {}

  async all(): Promise<CheckResult[]> {
    this.target.reset();
    let secret: string;
    try {
      secret = await this.register();
    } catch (err) {
      // Without a webhook no delivery can be checked.
      const reason = `could not register a webhook at the receiver: ${message(err)}`;
      return Object.values(CHECK).map((check) => this.results.get(check) ?? { check, status: 'failed', reason });
    }
    await this.guard(CHECK.lifecycle, () => this.lifecycle());
    // These two judge whatever arrived, so a missing event fails the lifecycle check only.
    await this.guard(CHECK.signed, () => this.signed(secret));
    await this.guard(CHECK.schema, () => this.schema());
    await this.guard(CHECK.eventId, () => this.eventIds());
    await this.guard(CHECK.requestId, () => this.requestIds());
    await this.guard(CHECK.rotated, () => this.rotated(secret));
    await this.guard(CHECK.deleted, () => this.deleted());
    return Object.values(CHECK).map((check) => this.results.get(check)!);
  }

  /** Deletes the webhook if a failed check left it behind. */
  async cleanUp(): Promise<void> {
    this.target.reset();
    if (this.webhookId) await this.target.call('DELETE', `/v3/webhooks/${this.webhookId}`).catch(() => undefined);
  }

  /** Runs one check; a throw fails it, with the reason. */
  private async guard(check: CheckName, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
      this.results.set(check, { check, status: 'passed' });
    } catch (err) {
      this.results.set(check, { check, status: 'failed', reason: message(err) });
    }
  }

  private async register(): Promise<string> {
    const body = { display_name: 'sent-sim verify', endpoint_url: this.receiver.url('lifecycle'), event_types: ['message'] };
    const created = await this.target.data<{ id?: string; signing_secret?: unknown }>(201, 'POST', '/v3/webhooks', body);
    if (typeof created.id !== 'string') throw new Error('POST /v3/webhooks answered without data.id');
    const id = created.id;
    this.webhookId = id;
    await this.guard(CHECK.secretOnce, async () => {
      if (typeof created.signing_secret !== 'string' || !SECRET_RE.test(created.signing_secret)) {
        throw new Error(`the create answer's signing_secret is ${JSON.stringify(created.signing_secret)}, not whsec_ and base64`);
      }
      const read = await this.target.data<{ signing_secret?: unknown }>(200, 'GET', `/v3/webhooks/${id}`);
      if (read.signing_secret !== null) throw new Error(`GET /v3/webhooks/{id} shows signing_secret ${JSON.stringify(read.signing_secret)}, not null`);
      const listed = await this.listed(id);
      if (listed && listed.signing_secret !== null) throw new Error(`GET /v3/webhooks lists signing_secret ${JSON.stringify(listed.signing_secret)}, not null`);
    });
    return typeof created.signing_secret === 'string' ? created.signing_secret : '';
  }

  private async listed(id: string): Promise<{ signing_secret?: unknown } | undefined> {
    for (let page = 1; page <= 20; page++) {
      const { webhooks, pagination } = await this.target.data<{ webhooks?: Array<{ id?: string; signing_secret?: unknown }>; pagination?: { has_more?: boolean } }>(
        200,
        'GET',
        `/v3/webhooks?page=${page}&page_size=100`,
      );
      const found = webhooks?.find((w) => w.id === id);
      if (found || !pagination?.has_more) return found;
    }
    return undefined;
  }

  /** Sends a message and lets its lifecycle run: the simulator's clock, or real time (bounded). */
  private async sendAndSettle(until: (messageId: string) => boolean, waitMs: number): Promise<{ messageId: string; requestId: unknown }> {
    // Any 2xx will do: the status of the answer is the contracts' business, the deliveries are these checks'.
    const sent = await this.target.call('POST', '/v3/messages', TEXT_MESSAGE);
    const answer = sent.body as { data?: { recipients?: Array<{ message_id?: unknown }> }; meta?: { request_id?: unknown } } | null;
    const messageId = answer?.data?.recipients?.[0]?.message_id;
    if (sent.status < 200 || sent.status >= 300 || typeof messageId !== 'string') {
      throw new Error(`POST /v3/messages answered ${sent.status} without recipients[0].message_id: ${JSON.stringify(sent.body).slice(0, 200)}`);
    }
    if (this.simulator) {
      const { settings } = (await this.target.controlExpect('GET', '/_sim/tenant')) as { settings?: Record<string, number | undefined> };
      await this.target.advanceClock(3 * (settings?.message_step_seconds ?? 1) + (settings?.message_receipt_seconds ?? 2) + 1);
    }
    await this.receiver.waitFor(() => until(messageId), this.simulator ? Math.min(waitMs, 5000) : waitMs);
    return { messageId, requestId: answer?.meta?.request_id };
  }

  private eventsOf(messageId: string): string[] {
    return this.receiver
      .at('lifecycle')
      .filter((r) => payloadOf(r)?.message_id === messageId)
      .map(eventName);
  }

  private async lifecycle(): Promise<void> {
    const { messageId, requestId } = await this.sendAndSettle((id) => this.eventsOf(id).includes('message.delivered'), this.waitMs);
    this.lifecycleMessage = messageId;
    this.lifecycleRequest = typeof requestId === 'string' ? requestId : null;
    const arrived = this.eventsOf(messageId);
    const firsts = [...new Set(arrived)].filter((e) => (LIFECYCLE as readonly string[]).includes(e));
    const missing = LIFECYCLE.filter((e) => !firsts.includes(e));
    const waited = this.simulator ? 'after the simulator clock ran the lifecycle' : `within ${this.waitMs / 1000} s`;
    if (missing.length > 0) throw new Error(`${missing.join(', ')} never arrived ${waited} (arrived: ${arrived.join(', ') || 'nothing'})`);
    if (firsts.join() !== LIFECYCLE.join()) throw new Error(`arrived in the order ${firsts.join(', ')}`);
  }

  private lifecycleDeliveries(): ReceivedDelivery[] {
    return this.receiver.at('lifecycle').filter((r) => payloadOf(r)?.message_id === this.lifecycleMessage);
  }

  private signed(secret: string): Promise<void> {
    const deliveries = this.lifecycleDeliveries();
    if (deliveries.length === 0) throw new Error('no delivery of the message arrived');
    const bad = deliveries.filter((r) => !verifies(secret, r)).map(eventName);
    if (bad.length > 0) throw new Error(`${bad.length} of ${deliveries.length} deliveries do not verify with the secret of the create answer: ${bad.join(', ')}`);
    return Promise.resolve();
  }

  private schema(): Promise<void> {
    const deliveries = this.lifecycleDeliveries();
    if (deliveries.length === 0) throw new Error('no delivery of the message arrived');
    const validate = messageStatusEventValidator();
    const problems = deliveries.flatMap((r) => validate(r.json).map((p) => `${eventName(r)}: ${p}`));
    if (problems.length > 0) throw new Error(problems.slice(0, 5).join('; '));
    return Promise.resolve();
  }

  /** Sent's dedupe key (decisions §14): one per event, so the four lifecycle events carry four. */
  private eventIds(): Promise<void> {
    const deliveries = this.lifecycleDeliveries();
    if (deliveries.length === 0) throw new Error('no delivery of the message arrived');
    const ids = deliveries.map((r) => r.headers['x-webhook-event-id']);
    const missing = deliveries.filter((_r, i) => typeof ids[i] !== 'string' || !UUID_RE.test(ids[i]));
    if (missing.length > 0) throw new Error(`${missing.length} of ${deliveries.length} deliveries have no X-Webhook-Event-ID that is a UUID: ${missing.map((r) => `${eventName(r)} (${JSON.stringify(r.headers['x-webhook-event-id'] ?? null)})`).join(', ')}`);
    const events = new Set(deliveries.map(eventName)).size;
    const distinct = new Set(ids).size;
    if (distinct !== events) throw new Error(`${events} events arrived with ${distinct} distinct X-Webhook-Event-ID values`);
    return Promise.resolve();
  }

  /** The envelope's `request_id` (decisions §14): the send that started the lifecycle, on every event of it. */
  private requestIds(): Promise<void> {
    const deliveries = this.lifecycleDeliveries();
    if (deliveries.length === 0) throw new Error('no delivery of the message arrived');
    if (this.lifecycleRequest === null) throw new Error('the send answered without meta.request_id');
    const wrong = deliveries.filter((r) => (r.json as { request_id?: unknown } | undefined)?.request_id !== this.lifecycleRequest);
    if (wrong.length > 0) {
      const got = wrong.map((r) => `${eventName(r)}: ${JSON.stringify((r.json as { request_id?: unknown } | undefined)?.request_id ?? null)}`);
      throw new Error(`${wrong.length} of ${deliveries.length} events do not carry the send's request id ${this.lifecycleRequest}: ${got.join(', ')}`);
    }
    return Promise.resolve();
  }

  private async rotated(oldSecret: string): Promise<void> {
    const { signing_secret: fresh } = await this.target.data<{ signing_secret?: unknown }>(200, 'POST', `/v3/webhooks/${this.webhookId}/rotate-secret`, { sandbox: false });
    if (typeof fresh !== 'string' || !SECRET_RE.test(fresh)) throw new Error(`rotate-secret answered signing_secret ${JSON.stringify(fresh)}`);
    const before = this.receiver.at('lifecycle').length;
    const test = await this.target.data<{ success?: unknown; message?: unknown }>(200, 'POST', `/v3/webhooks/${this.webhookId}/test`, { event_type: 'message.delivered' });
    const arrived = await this.receiver.waitFor(() => this.receiver.at('lifecycle').length > before, this.simulator ? 5000 : this.waitMs);
    if (!arrived) throw new Error(`the test event never arrived (the test answered ${JSON.stringify(test)})`);
    const delivery = this.receiver.at('lifecycle')[before]!;
    if (!verifies(fresh, delivery)) throw new Error('the test event after the rotation does not verify with the new secret');
    if (verifies(oldSecret, delivery)) throw new Error('the test event after the rotation still verifies with the old secret');
  }

  private async deleted(): Promise<void> {
    await this.target.expect(204, 'DELETE', `/v3/webhooks/${this.webhookId}`);
    const before = this.receiver.at('lifecycle').length;
    // Absence can only be waited for: as long as a delivery took, at most 30 s on a real target.
    await this.sendAndSettle(() => false, this.simulator ? 500 : Math.min(this.waitMs, 30_000));
    this.webhookId = null;
    const late = this.receiver.at('lifecycle').slice(before);
    if (late.length > 0) throw new Error(`${late.length} deliveries arrived after the DELETE: ${late.map(eventName).join(', ')}`);
  }
}

function payloadOf(r: ReceivedDelivery): { message_id?: unknown } | undefined {
  return (r.json as { payload?: { message_id?: unknown } } | undefined)?.payload;
}

function eventName(r: ReceivedDelivery): string {
  const body = r.json as { event?: unknown; sub_type?: unknown } | undefined;
  const name = body?.event ?? body?.sub_type ?? r.headers['x-webhook-event-type'];
  return typeof name === 'string' ? name : '(unnamed event)';
}

/** What a receiver does: the standard-webhooks verifier, fed Sent's `x-webhook-*` headers. */
function verifies(secret: string, r: ReceivedDelivery): boolean {
  try {
    new Webhook(secret).verify(r.body, {
      'webhook-id': String(r.headers['x-webhook-id']),
      'webhook-timestamp': String(r.headers['x-webhook-timestamp']),
      'webhook-signature': String(r.headers['x-webhook-signature']),
    });
    return true;
  } catch {
    return false;
  }
}

/** ajv against the spec's `MessageStatusEvent` (loaded on first use, like the request validator). */
function messageStatusEventValidator(): (body: unknown) => string[] {
  const require = createRequire(import.meta.url);
  const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = require('ajv-formats') as (ajv: InstanceType<typeof Ajv2020>) => unknown;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(loadSpec(), 'sent-v3');
  const validate = ajv.compile({ $ref: 'sent-v3#/components/schemas/MessageStatusEvent' });
  return (body) => (validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`));
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
