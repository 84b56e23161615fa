import type { ResourceModule } from '../module.js';
import { CONTACTS } from './collection.js';

/** Contacts (docs/decisions/0018): created by sends and inbound messages, and through the contacts API. */
export const contactsModule: ResourceModule = {
  name: 'contacts',
  collections: [CONTACTS],
  create: () => ({}),
};
