import type { OperationDef } from '../../http/operation.js';
import { pageOf } from '../../http/pagination.js';
import { ok } from '../../http/result.js';
import { accountOf } from '../account.js';
import type { ConversationService } from './service.js';

/**
 * `page` and `page_size` are optional on these lists (decisions §14): page 1 of 50 unless given;
 * given, the usual checks apply (`pageOf`).
 */
const page = (query: Record<string, unknown>) => pageOf({ page: 1, page_size: 50, ...query });

/** The conversation operations and the contact message summary: parse → call the service → return. */
export function conversationOperations(service: ConversationService): Record<string, OperationDef> {
  return {
    listConversations: {
      access: 'read',
      handle: (c) => ok(service.listConversations(c.tenant, accountOf(c), page(c.query))),
    },
    listConversationMessages: {
      access: 'read',
      handle: (c) => ok(service.listConversationMessages(c.tenant, accountOf(c), c.params.id!, page(c.query))),
    },
    retrieveContactMessageSummary: {
      access: 'read',
      handle: (c) => ok(service.retrieveContactMessageSummary(c.tenant, accountOf(c), c.params.id!)),
    },
  };
}
