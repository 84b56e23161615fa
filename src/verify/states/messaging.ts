/**
 * Provider states of messages and templates. Sending and template creation go through the
 * public API; a delivered message needs the simulator's clock, and a reviewer's verdict (an
 * approved or paused template) its review control.
 */
import { REMINDER, TEMPLATE, TEXT_MESSAGE } from '../fixtures.js';
import type { Target } from '../target.js';
import { NOTHING, text, type StateDefinition } from './types.js';

export const MESSAGING_STATE = {
  messageSent: 'a message {messageId} was sent to {phoneNumber}',
  messageDelivered: 'a message {messageId} to {phoneNumber} was delivered',
  noMessage: 'no message {messageId} exists',
  scheduleAhead: 'a send may be scheduled an hour ahead, at {scheduledAt}',
  messageScheduled: 'a message {messageId} to {phoneNumber} is scheduled for an hour ahead',
  contactMessaged: 'a contact {contactId} with the phone number {phoneNumber} was sent a message',
  submittedTemplate: 'a template {templateId} was submitted for review',
  approvedTemplate: 'a template {templateId} was approved on every channel',
  pausedTemplate: 'an approved template {templateId} was paused by Meta',
  template: 'a template {templateId} exists',
  templateDeleted: 'a template {templateId} was deleted',
  noTemplate: 'no template {templateId} exists',
} as const;

export const MESSAGING_STATES: Record<(typeof MESSAGING_STATE)[keyof typeof MESSAGING_STATE], StateDefinition> = {
  [MESSAGING_STATE.messageSent]: {
    setup: async ({ target }, params) => ({ messageId: await sendText(target, text(params, 'phoneNumber')) }),
  },
  [MESSAGING_STATE.messageDelivered]: {
    controlPlane: 'a message moves through its lifecycle on the simulator clock; it is advanced past delivery',
    setup: async ({ target }, params) => {
      const messageId = await sendText(target, text(params, 'phoneNumber'));
      const { settings } = (await target.controlExpect('GET', '/_sim/tenant')) as { settings?: Record<string, number | undefined> };
      // QUEUED → PROCESSED → ROUTED → SENT are a step apart; the receipt comes after SENT.
      await target.advanceClock(3 * (settings?.message_step_seconds ?? 1) + (settings?.message_receipt_seconds ?? 2) + 1);
      const { status } = await target.data<{ status?: string }>(200, 'GET', `/v3/messages/${messageId}`);
      if (status !== 'DELIVERED') throw new Error(`the message is ${String(status)} after its lifecycle ran, not DELIVERED`);
      return { messageId };
    },
  },
  [MESSAGING_STATE.noMessage]: NOTHING,
  // The target's own clock decides what "an hour ahead" is: `meta.timestamp` of any answer.
  [MESSAGING_STATE.scheduleAhead]: {
    setup: async ({ target }) => ({ scheduledAt: await anHourAhead(target) }),
  },
  [MESSAGING_STATE.messageScheduled]: {
    setup: async ({ target }, params) => {
      const body = { ...REMINDER, to: [text(params, 'phoneNumber')], scheduled_at: await anHourAhead(target) };
      const data = await target.data<{ recipients?: Array<{ message_id?: unknown }> }>(202, 'POST', '/v3/messages', body);
      const id = data.recipients?.[0]?.message_id;
      if (typeof id !== 'string') throw new Error('POST /v3/messages answered without recipients[0].message_id');
      return { messageId: id };
    },
  },
  [MESSAGING_STATE.contactMessaged]: {
    setup: async ({ target }, params) => {
      const messageId = await sendText(target, text(params, 'phoneNumber'));
      const { contact_id: contactId } = await target.data<{ contact_id?: unknown }>(200, 'GET', `/v3/messages/${messageId}`);
      if (typeof contactId !== 'string') throw new Error('GET /v3/messages/{id} answered without contact_id');
      return { contactId };
    },
  },
  // Sent approves the sms and rcs legs on submission; the whatsapp leg waits for Meta (decisions §14).
  [MESSAGING_STATE.submittedTemplate]: {
    setup: async ({ target }) => ({ templateId: await createTemplate(target, { ...TEMPLATE, submit_for_review: true }) }),
  },
  [MESSAGING_STATE.approvedTemplate]: {
    controlPlane: 'Meta decides the whatsapp leg; the simulator’s reviewer control approves it now',
    setup: async ({ target }) => ({ templateId: await reviewedTemplate(target, ['APPROVED']) }),
  },
  [MESSAGING_STATE.pausedTemplate]: {
    controlPlane: 'only Meta pauses a template; the simulator’s reviewer control does it now',
    setup: async ({ target }) => ({ templateId: await reviewedTemplate(target, ['APPROVED', 'PAUSED']) }),
  },
  [MESSAGING_STATE.template]: {
    setup: async ({ target }) => ({ templateId: await createTemplate(target, TEMPLATE) }),
  },
  [MESSAGING_STATE.templateDeleted]: {
    setup: async ({ target }) => {
      const templateId = await createTemplate(target, TEMPLATE);
      await target.expect(204, 'DELETE', `/v3/templates/${templateId}`);
      return { templateId };
    },
  },
  [MESSAGING_STATE.noTemplate]: NOTHING,
};

/** Sends the fixtures' text to `phoneNumber` and answers the one message's id. */
async function sendText(target: Target, phoneNumber: string): Promise<string> {
  const data = await target.data<{ recipients?: Array<{ message_id?: unknown }> }>(202, 'POST', '/v3/messages', { ...TEXT_MESSAGE, to: [phoneNumber] });
  const id = data.recipients?.[0]?.message_id;
  if (typeof id !== 'string') throw new Error('POST /v3/messages answered without recipients[0].message_id');
  return id;
}

/** An ISO date-time an hour after the target's clock, as `meta.timestamp` of `GET /v3/me` shows it. */
async function anHourAhead(target: Target): Promise<string> {
  const { body } = await target.expect(200, 'GET', '/v3/me');
  const now = Date.parse(String((body as { meta?: { timestamp?: unknown } } | null)?.meta?.timestamp).replace(/(\.\d{3})\d+/, '$1'));
  if (!Number.isFinite(now)) throw new Error('GET /v3/me answered without meta.timestamp');
  return new Date(now + 3_600_000).toISOString();
}

/** A submitted template whose whatsapp leg the reviewer control took through `verdicts`. */
async function reviewedTemplate(target: Target, verdicts: string[]): Promise<string> {
  const templateId = await createTemplate(target, { ...TEMPLATE, submit_for_review: true });
  for (const outcome of verdicts) await target.controlExpect('POST', `/_sim/templates/${templateId}/review`, { outcome });
  return templateId;
}

async function createTemplate(target: Target, body: object): Promise<string> {
  const { id } = await target.data<{ id?: unknown }>(201, 'POST', '/v3/templates', body);
  if (typeof id !== 'string') throw new Error('POST /v3/templates answered without data.id');
  return id;
}
