import type { ResourceModule } from '../module.js';
import { conversationOperations } from './routes.js';
import { ConversationService } from './service.js';

/**
 * Conversations and the contact message summary (decisions §15, docs/decisions/0069, 0070):
 * read-only views of the messages module's records. No collection, cap, event or job of its own.
 */
export const conversationsModule: ResourceModule = {
  name: 'conversations',
  create: () => ({ operations: conversationOperations(new ConversationService()) }),
};
