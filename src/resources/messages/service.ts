import type { Job } from '../../clock/job-queue.js';
import type { Scheduler } from '../../clock/scheduler.js';
import { MESSAGES } from '../../errors/catalog.js';
import { simError } from '../../errors/sim-error.js';
import { limitError } from '../../limits.js';
import type { EventBus } from '../../events/bus.js';
import type { components } from '../../generated/sent-v3.js';
import type { Tenant } from '../../store/types.js';
import type { Random } from '../../util/random.js';
import { SECOND, sentTimestamp } from '../../util/time.js';
import type { Account } from '../account.js';
import { assertSmsSenders } from '../channels/sender-rule.js';
import { ensureContact } from '../contacts/collection.js';
import { PROFILES } from '../profiles/collection.js';
import { findTemplate, renderTemplate, templateChannels, type TemplateRecord } from '../templates/collection.js';
import { MESSAGE_CAP, MESSAGE_RECORDS, NUMBER_OUTCOMES, type Channel, type MessageBody, type MessageRecord } from './collection.js';
import { MESSAGE_STEP_JOB, nextStep, statusEvent, stepMessage, STEPS, type StepJob } from './lifecycle.js';
import { autoRoute, decideFate, magicOutcome, normalizeSend, senderNumber, whatsappWindowOpen, type MessagePlan, type SendRequest } from './rules.js';
import { MESSAGE_FAMILY } from './event-family.js';
import { assertSendBounds } from './send-bounds.js';
import { activitiesToWire, messageToWire } from './to-wire.js';

type Schemas = components['schemas'];
type MessageSendResult = Schemas['MessageSendResult'];
type MessageRecipient = Schemas['MessageRecipient'];

export interface MessageServiceDeps {
  random: Random;
  scheduler: Scheduler;
  events: EventBus;
  /** Stored messages per tenant before sends are refused (bounded memory). */
  maxMessages: number;
  /** Recipients × channels × webhooks taking message events, per send (`--max-send-fanout`). */
  maxFanout: number;
}

/**
 * `POST /v3/messages`, `GET /v3/messages/{id}` and its activities (docs/decisions/0012, 0013):
 * a send validates, resolves its template, then fans out one stored message per (recipient,
 * channel), each with its fate decided at once, and schedules one job per step for the whole
 * batch — 1,000 messages are 6 jobs, not 6,000.
 */
export class MessageService {
  constructor(private readonly deps: MessageServiceDeps) {}

  /** `requestId`: the send's `X-Request-Id`, the `request_id` of every event of the messages it makes (docs/decisions/0060). */
  sendMessage(tenant: Tenant, account: Account, body: Record<string, unknown>, sandbox: boolean, plan: MessagePlan = {}, requestId: string | null = null): MessageSendResult {
    const send = normalizeSend(body);
    // Sandbox answers as Sent would, from the request alone: no lookup, nothing stored (docs/decisions/0008).
    if (sandbox) return this.sandboxAnswer(send);
    const template = send.template ? (findTemplate(tenant, account, send.template) ?? null) : null;
    if (send.template && !template) throw simError('RESOURCE_002');
    // A message needs a sender (decisions §15, docs/decisions/0078): a recipient in a country the account holds no ACTIVE SMS market for refuses the send.
    const routeChannels = template ? templateChannels(template.definition) : [];
    assertSmsSenders(tenant, account, body.to as string[], send.channels, (available, lastInbound) => autoRoute(available, template, routeChannels, whatsappWindowOpen(lastInbound, tenant.clock.now())));
    const records = MESSAGE_RECORDS.in(tenant);
    const count = send.recipients.length * send.channels.length;
    if (records.size + count > this.deps.maxMessages) throw limitError(MESSAGE_CAP, this.deps.maxMessages);
    assertSendBounds({
      recipients: send.recipients.length,
      channels: send.channels,
      receivers: this.deps.events.receivers(tenant, account.id, MESSAGE_FAMILY.name),
      maxFanout: this.deps.maxFanout,
      // Free text has its own cap (4,096, rules.ts); a template's text grows with its parameters.
      render: (channel) => (template ? this.render(send, template, channel).body : null),
    });

    // Nothing above changed anything; from here on nothing can fail.
    const now = tenant.clock.now();
    const created = sentTimestamp(now);
    const facts = this.sendFacts(tenant, account, template);
    const recipients: MessageRecipient[] = [];
    const ids: string[] = [];
    for (const to of send.recipients) {
      const contact = ensureContact(tenant, account.id, to, { random: this.deps.random, now });
      const windowOpen = whatsappWindowOpen(contact.last_whatsapp_inbound_at, now);
      const rule = NUMBER_OUTCOMES.in(tenant).get(to);
      const magic = magicOutcome(to);
      const number = rule ? { outcome: rule.outcome, description: rule.description } : magic ? { outcome: magic, description: null } : null;
      for (const asked of send.channels) {
        const route = asked === 'sent' ? autoRoute(contact.available_channels, template, facts.templateChannels, windowOpen) : asked;
        const { body: rendered, missing } = this.render(send, template, route);
        const fate = decideFate({
          channel: route,
          senderActive: facts.senderActive,
          optedOut: contact.opt_out,
          template: template ? { leg: template.legs?.[route]?.status ?? null, channels: facts.templateChannels } : null,
          windowOpen,
          missingParameters: missing,
          number,
          plan,
        });
        const auto = asked === 'sent';
        const record: MessageRecord = {
          id: this.deps.random.uuid(),
          customer_id: account.id,
          contact_id: contact.id,
          phone: to,
          phone_international: contact.format_international,
          region_code: contact.region_code,
          channel: auto ? null : route,
          direction: 'outbound',
          status: 'QUEUED',
          created_at: created,
          template_id: template?.id ?? null,
          template_name: template?.name ?? null,
          template_category: template?.category ?? null,
          message_body: auto ? null : rendered,
          price: null,
          active_contact_price: null,
          activities: [{ status: 'QUEUED', description: MESSAGES.messageQueued, timestamp: created, from: null, price: null, active_contact_price: null }],
          route,
          routed_body: auto ? rendered : null,
          from: facts.from(route),
          fate,
          scenario: plan.scenario ?? null,
          request_id: requestId,
        };
        records.set(record.id, record);
        ids.push(record.id);
        recipients.push({ message_id: record.id, to, channel: auto ? null : route, body: auto ? null : (rendered?.content ?? null) });
      }
    }
    const job: StepJob = {
      step: 'queued',
      ids,
      step_ms: plan.stepDelayMs ?? tenant.settings.message_step_seconds * SECOND,
      receipt_ms: plan.receiptDelayMs ?? tenant.settings.message_receipt_seconds * SECOND,
      read_ms: tenant.settings.message_read_seconds * SECOND,
    };
    // `message.queued` goes out from a job due now, so `clock/advance` (and its wait for webhook
    // deliveries) covers it, in order before the later steps.
    this.deps.scheduler.schedule(tenant, { kind: MESSAGE_STEP_JOB, dueAt: now, payload: job });
    return { status: 'QUEUED', template_id: template?.id ?? null, template_name: template?.name ?? null, recipients };
  }

  retrieveMessageStatus(tenant: Tenant, account: Account, id: string): Schemas['MessageStatusDetail'] {
    return messageToWire(this.visible(tenant, account, id));
  }

  listMessageActivities(tenant: Tenant, account: Account, id: string): Schemas['MessageActivities'] {
    return activitiesToWire(this.visible(tenant, account, id));
  }

  /**
   * The step job: moves every message of the batch one step, publishes their events (the
   * returned promise is their delivery, which `clock/advance` waits for) and schedules the next
   * step for those that go on. A hand-edited payload that is not a step job does nothing.
   */
  runStep(tenant: Tenant, job: Job): Promise<unknown> | undefined {
    const payload = job.payload as Partial<StepJob> | null;
    if (!payload || !STEPS.includes(payload.step as StepJob['step']) || !Array.isArray(payload.ids)) return undefined;
    const step = payload as StepJob;
    const at = job.due_at;
    const timestamp = sentTimestamp(at);
    const records = MESSAGE_RECORDS.in(tenant);
    const goOn: string[] = [];
    const deliveries: Promise<unknown>[] = [];
    for (const id of step.ids) {
      const message = typeof id === 'string' ? records.get(id) : undefined;
      const result = message && stepMessage(message, step.step, timestamp);
      if (!result) continue;
      if (result.record !== message) records.set(id, result.record);
      if (result.published) {
        const delivery = this.deps.events.publish(tenant, statusEvent(result.record, result.published, at));
        if (delivery) deliveries.push(delivery);
      }
      if (result.continues) goOn.push(id);
    }
    const next = nextStep(step.step, step);
    if (next && goOn.length > 0) {
      this.deps.scheduler.schedule(tenant, { kind: MESSAGE_STEP_JOB, dueAt: at + next.delayMs, payload: { ...step, step: next.step, ids: goOn } });
    }
    return deliveries.length === 0 ? undefined : Promise.all(deliveries);
  }

  /** Another account's message is not found (docs/decisions/0011), never forbidden. */
  private visible(tenant: Tenant, account: Account, id: string): MessageRecord {
    const message = MESSAGE_RECORDS.in(tenant).get(id);
    if (!message || message.customer_id !== account.id) throw simError('RESOURCE_003');
    return message;
  }

  /** What every message of a send shares: the sender's state, the template's channels, the sending numbers. */
  private sendFacts(tenant: Tenant, account: Account, template: TemplateRecord | null) {
    const profile = account.profileId === null ? null : PROFILES.in(tenant).get(account.profileId);
    // The organization itself is an active sender; a profile is one once approved (BUSINESS_029 otherwise).
    const senderActive = account.profileId === null || (profile?.status === 'approved' && profile.deleted_at === null);
    const numbers = new Map<Channel, string>();
    const from = (channel: Channel): string => {
      let n = numbers.get(channel);
      if (n === undefined) numbers.set(channel, (n = senderNumber(profile, account.id, channel)));
      return n;
    };
    return { senderActive, templateChannels: template ? templateChannels(template.definition) : [], from };
  }

  /** The body for one channel: the free text, or the template rendered with the send's parameters. */
  private render(send: SendRequest, template: TemplateRecord | null, channel: Channel): { body: MessageBody | null; missing: boolean } {
    if (!template) return { body: { header: null, content: send.text ?? '', footer: null, buttons: null }, missing: false };
    const parameters = send.template?.parameters;
    const content = renderTemplate(template.definition, channel, parameters);
    if (content.text === null) return { body: null, missing: content.missing.length > 0 };
    // sms carries the body only; whatsapp and rcs also the header, footer and buttons.
    const rich = channel !== 'sms';
    const part = (p: { template: string; variables?: Schemas['TemplateVariable'][] | null } | null | undefined) => {
      if (!rich || !p) return { text: null, missing: [] as string[] };
      return renderTemplate({ body: { multiChannel: { template: p.template, variables: p.variables ?? null } } }, channel, parameters);
    };
    const header = part(template.definition.header);
    const footer = part(template.definition.footer);
    const buttons = rich && template.definition.buttons?.length
      ? template.definition.buttons.map((b) => ({ type: b.type, value: b.props.url ?? b.props.phoneNumber ?? b.props.text ?? '', text: b.props.text ?? null, postbackData: null }))
      : null;
    return {
      body: { header: header.text, content: content.text, footer: footer.text, buttons },
      missing: content.missing.length + header.missing.length + footer.missing.length > 0,
    };
  }

  /** A sandbox answer: `msg_test_` ids, the request's own channel, text and template reference. */
  private sandboxAnswer(send: SendRequest): MessageSendResult {
    const recipients: MessageRecipient[] = [];
    for (const to of send.recipients) {
      for (const asked of send.channels) {
        const auto = asked === 'sent';
        recipients.push({ message_id: `msg_test_${this.deps.random.string(10, '0123456789')}`, to, channel: auto ? null : asked, body: auto ? null : send.text });
      }
    }
    return { status: 'QUEUED', template_id: send.template?.id ?? null, template_name: send.template?.name ?? null, recipients };
  }
}
