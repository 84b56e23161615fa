import { simError } from '../../errors/sim-error.js';
import type { components } from '../../generated/sent-v3.js';
import { newestFirst, paginate, type Page } from '../../http/pagination.js';
import type { Tenant } from '../../store/types.js';
import type { Account } from '../account.js';
import { CONTACTS, type ContactRecord } from '../contacts/collection.js';
import { MESSAGE_RECORDS, type MessageRecord } from '../messages/collection.js';
import { messageToWire } from '../messages/to-wire.js';
import { PROFILES } from '../profiles/collection.js';
import { messageSummary } from './rules.js';

type Schemas = components['schemas'];

/**
 * Conversations (decisions §15, docs/decisions/0069): read-only views of the stored messages of
 * the calling account — every message, or one contact's across every channel — and the
 * contact's message summary. Nothing is stored of its own.
 */
export class ConversationService {
  listConversations(tenant: Tenant, account: Account, page: Page): Schemas['ConversationMessagesList'] {
    return this.page(this.messagesOf(tenant, account, null), page);
  }

  listConversationMessages(tenant: Tenant, account: Account, contactId: string, page: Page): Schemas['ConversationMessagesList'] {
    const contact = visibleContact(tenant, account, contactId);
    return this.page(this.messagesOf(tenant, account, contact), page);
  }

  retrieveContactMessageSummary(tenant: Tenant, account: Account, contactId: string): Schemas['ContactMessageSummary'] {
    const contact = visibleContact(tenant, account, contactId);
    return messageSummary(contact.id, this.messagesOf(tenant, account, contact));
  }

  /**
   * The account's messages (its own: another account's message is never shown, as on
   * `GET /v3/messages/{id}`), all or with one contact: the contact the message was sent to or
   * came from (`contact_id`).
   */
  private messagesOf(tenant: Tenant, account: Account, contact: ContactRecord | null): MessageRecord[] {
    const out: MessageRecord[] = [];
    for (const m of MESSAGE_RECORDS.in(tenant).values()) {
      if (m.customer_id !== account.id) continue;
      if (contact && m.contact_id !== contact.id) continue;
      out.push(m);
    }
    return out;
  }

  private page(messages: MessageRecord[], page: Page): Schemas['ConversationMessagesList'] {
    const { items, pagination } = paginate(messages.sort(newestFirst), page);
    return { messages: items.map((m) => messageToWire(m)), pagination };
  }
}

/**
 * A contact the account may read (decisions §14): its own, or — for the organization — one of
 * its profiles' (read-time widening). Anything else is "not found" (`404 RESOURCE_001`).
 */
function visibleContact(tenant: Tenant, account: Account, id: string): ContactRecord {
  const contact = CONTACTS.in(tenant).get(id);
  const widened = account.profileId === null && contact !== undefined && PROFILES.in(tenant).has(contact.account_id);
  if (!contact || (contact.account_id !== account.id && !widened)) throw simError('RESOURCE_001');
  return contact;
}
