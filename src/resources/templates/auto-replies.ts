/**
 * Sent's compliance auto-replies (docs/decisions/0051). Sent creates three at signup — the
 * answers to opt-in, opt-out and help keywords — and they go through review like any other
 * template, their events mixed with the customer's, told apart only by `auto_reply_action`. The
 * simulator provisions them on request (`POST /_sim/templates/auto-replies`) and seeds them in
 * the demo tenant; they carry Sent's reserved `sent_` prefix, so they are read-only.
 */
import type { Tenant } from '../../store/types.js';
import { HOUR, sentTimestamp } from '../../util/time.js';
import type { Account } from '../account.js';
import { newDraft, TEMPLATES, type AutoReplyAction, type TemplateRecord } from './collection.js';
import { withLegs, type TemplateLegs } from './legs.js';
import { DEFAULT_CATEGORY, DEFAULT_LANGUAGE } from './rules.js';

interface AutoReply {
  action: AutoReplyAction;
  name: string;
  text: string;
  /** The demo tenant's copy: fixed ids, so every reset seeds the very same records. */
  demo: { id: string; whatsapp_template_id: string };
}

export const AUTO_REPLIES: readonly AutoReply[] = [
  {
    action: 'OPT_IN',
    name: 'sent_opt_in',
    text: 'You are now subscribed to our messages. Reply HELP for help or STOP to unsubscribe.',
    demo: { id: '6ba7b820-9dad-11d1-80b4-00c04fd430c1', whatsapp_template_id: '2234567890123451' },
  },
  {
    action: 'OPT_OUT',
    name: 'sent_opt_out',
    text: 'You have been unsubscribed and will receive no more messages. Reply START to subscribe again.',
    demo: { id: '6ba7b820-9dad-11d1-80b4-00c04fd430c2', whatsapp_template_id: '2234567890123452' },
  },
  {
    action: 'HELP',
    name: 'sent_help',
    text: 'Reply STOP to unsubscribe or START to subscribe again. Message and data rates may apply.',
    demo: { id: '6ba7b820-9dad-11d1-80b4-00c04fd430c3', whatsapp_template_id: '2234567890123453' },
  },
];

/** The three auto-replies of `account` as new drafts (nothing stored). */
export function autoReplyDrafts(account: Account, now: number, newId: () => string): TemplateRecord[] {
  return AUTO_REPLIES.map(({ action, name, text }) => ({
    ...newDraft(newId(), account, { body: { multiChannel: { template: text, type: 'text' } } }, now, { name, category: DEFAULT_CATEGORY, language: DEFAULT_LANGUAGE }),
    auto_reply_action: action,
  }));
}

/** Whether `account` already has any of its auto-replies (provisioning them twice would clash by name). */
export function hasAutoReplies(tenant: Tenant, accountId: string): boolean {
  for (const t of TEMPLATES.in(tenant).values()) if (t.account_id === accountId && t.auto_reply_action) return true;
  return false;
}

/** The account's auto-reply for `action` (its `sent_opt_out`…), if it has one: the template a consent event names (docs/decisions/0064). */
export function autoReplyId(tenant: Tenant, accountId: string, action: AutoReplyAction): string | null {
  for (const t of TEMPLATES.in(tenant).values()) if (t.account_id === accountId && t.auto_reply_action === action) return t.id;
  return null;
}

/** The demo organization's auto-replies, approved on every leg a day before the seed, without events. */
export function seedDemoAutoReplies(tenant: Tenant): void {
  const at = tenant.clock.now() - 24 * HOUR;
  const drafts = autoReplyDrafts({ id: tenant.id, profileId: null }, at - 24 * HOUR, () => '');
  drafts.forEach((draft, i) => {
    const { demo } = AUTO_REPLIES[i]!;
    const legs: TemplateLegs = Object.fromEntries((draft.channels ?? []).map((channel) => [channel, { status: 'APPROVED', reason: null, updated_at: sentTimestamp(at) }]));
    TEMPLATES.in(tenant).set(demo.id, withLegs({ ...draft, id: demo.id, whatsapp_template_id: demo.whatsapp_template_id, updated_at: sentTimestamp(at) }, legs));
  });
}
