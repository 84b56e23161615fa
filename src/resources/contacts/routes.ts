import type { components } from '../../generated/sent-v3.js';
import type { OpContext, OperationDef } from '../../http/operation.js';
import { created, noContent, ok } from '../../http/result.js';
import { accountOf } from '../account.js';
import { phoneNumberDetails, phoneNumberProblem } from './rules.js';
import type { ContactService } from './service.js';

type Schemas = components['schemas'];

/**
 * Contact operations: parse → call the service → return. Writes need owner or admin,
 * organization or profile key (the spec); any role reads.
 */
export function contactOperations(service: ContactService): Record<string, OperationDef> {
  return {
    createContact: {
      access: 'manage',
      // A phone problem alone gets Sent's own answer from the handler ("Phone number is
      // required", or VALIDATION_002); beside a schema problem, everything is listed together.
      check: (c: OpContext, schema) => (schema === null ? {} : phoneNumberDetails(c.body)),
      handle: (c) => {
        const problem = phoneNumberProblem(c.body);
        if (problem) throw problem;
        const body = c.body as Schemas['CreateContactRequest'];
        return created(service.createContact(c.tenant, accountOf(c), body.phone_number!, c.sandbox));
      },
    },
    listContacts: {
      access: 'read',
      handle: async (c) => ok(await service.listContacts(c.tenant, accountOf(c), c.query)),
    },
    retrieveContact: {
      access: 'read',
      handle: (c) => ok(service.retrieveContact(c.tenant, accountOf(c), c.params.id!)),
    },
    updateContact: {
      access: 'manage',
      handle: (c) => ok(service.updateContact(c.tenant, accountOf(c), c.params.id!, c.body as Schemas['UpdateContactRequest'], c.sandbox)),
    },
    deleteContact: {
      access: 'manage',
      handle: (c) => {
        service.deleteContact(c.tenant, accountOf(c), c.params.id!, c.sandbox);
        return noContent();
      },
    },
  };
}
