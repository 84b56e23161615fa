import type { OperationDef } from '../../http/operation.js';
import { pageOf } from '../../http/pagination.js';
import { ok } from '../../http/result.js';
import { accountOf } from '../account.js';
import type { ConversationService } from './service.js';

/**
 * The conversation operations and the contact message summary: parse → call the service → return.
 * `page` and `page_size` are optional, as on every paginated list (`pageOf`: page 1 of 50 unless given).
 */
export function conversationOperations(service: ConversationService): Record<string, OperationDef> {
  return {
    listConversations: {
      access: 'read',
      handle: (c) => ok(service.listConversations(c.tenant, accountOf(c), pageOf(c.query))),
    },
    listConversationMessages: {
      access: 'read',
      handle: (c) => ok(service.listConversationMessages(c.tenant, accountOf(c), c.params.id!, pageOf(c.query))),
    },
    retrieveContactMessageSummary: {
      access: 'read',
      handle: (c) => ok(service.retrieveContactMessageSummary(c.tenant, accountOf(c), c.params.id!)),
    },
  };
}
