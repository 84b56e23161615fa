import type { ResourceModule } from '../module.js';
import { CONTACTS } from './collection.js';
import { contactOperations } from './routes.js';
import { ContactService } from './service.js';

/** Contacts (docs/decisions/0018): created by sends and inbound messages, and through the contacts API. */
export const contactsModule: ResourceModule = {
  name: 'contacts',
  collections: [CONTACTS],
  create: (deps) => ({
    operations: contactOperations(new ContactService({ random: deps.random, maxContacts: deps.config.maxContactsPerTenant })),
  }),
};
