import type { ResourceModule } from '../module.js';
import { CONTACT_CAP, CONTACTS } from './collection.js';
import { contactControl } from './control.js';
import { CONTACT_FAMILY } from './event-family.js';
import { contactOperations } from './routes.js';
import { ContactService } from './service.js';

declare module '../../limits.js' {
  interface ResourceLimits {
    /** `--max-contacts`: stored contacts per tenant (all its accounts) before `POST /v3/contacts` answers `400 BUSINESS_008`. */
    maxContactsPerTenant: number;
  }
}

/**
 * Contacts (docs/decisions/0018): created by sends and inbound messages, and through the contacts
 * API; their consent signals are the `contact` event family (docs/decisions/0064).
 */
export const contactsModule: ResourceModule = {
  name: 'contacts',
  collections: [CONTACTS],
  limits: [CONTACT_CAP],
  events: [CONTACT_FAMILY],
  create: (deps) => ({
    operations: contactOperations(new ContactService({ random: deps.random, maxContacts: deps.config.maxContactsPerTenant })),
    control: contactControl(deps),
  }),
};
