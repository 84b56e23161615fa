import { simError, validationError, type ErrorDetails } from '../../errors/sim-error.js';
import type { components } from '../../generated/sent-v3.js';
import type { OpContext, OperationDef } from '../../http/operation.js';
import { created, noContent, ok } from '../../http/result.js';
import { accountOf } from '../account.js';
import { createProblems, headline, updateProblems } from './rules.js';
import type { TemplateService } from './service.js';

type Schemas = components['schemas'];

/**
 * Template operations: parse → call the service → return. Writes need owner or admin (the
 * spec, docs/decisions/0002), organization or profile key; any role reads.
 */
export function templateOperations(service: TemplateService): Record<string, OperationDef> {
  /**
   * The rules run beside the schema so one answer lists every failing field. A lone problem
   * that Sent answers with its own message ("Template definition is required", "Category must
   * be one of: …") is left to the handler, which raises it with that message — unless the
   * schema failed too, when everything is reported together.
   */
  const rules = (problems: (body: unknown) => ErrorDetails) => ({
    check: (c: OpContext, schema: ErrorDetails | null) => {
      const details = problems(c.body);
      return headline(details) !== undefined && schema === null ? {} : details;
    },
    raise: (c: OpContext) => {
      const details = problems(c.body);
      const message = headline(details);
      if (message !== undefined) throw simError('VALIDATION_001', { message, details });
      if (Object.keys(details).length > 0) throw validationError(details);
    },
  });
  const create = rules(createProblems);
  const update = rules(updateProblems);
  return {
    createTemplate: {
      access: 'manage',
      check: create.check,
      handle: (c) => {
        create.raise(c);
        return created(service.createTemplate(c.tenant, accountOf(c), c.body as Schemas['CreateTemplateRequest'], c.sandbox, c.scenario, c.requestId));
      },
    },
    listTemplates: {
      access: 'read',
      handle: (c) => ok(service.listTemplates(c.tenant, accountOf(c), c.query)),
    },
    retrieveTemplate: {
      access: 'read',
      handle: (c) => ok(service.retrieveTemplate(c.tenant, accountOf(c), c.params.id!)),
    },
    updateTemplate: {
      access: 'manage',
      check: update.check,
      handle: (c) => {
        update.raise(c);
        return ok(service.updateTemplate(c.tenant, accountOf(c), c.params.id!, c.body as Schemas['UpdateTemplateRequest'], c.sandbox, c.scenario, c.requestId));
      },
    },
    deleteTemplate: {
      access: 'manage',
      handle: (c) => {
        service.deleteTemplate(c.tenant, accountOf(c), c.params.id!, c.sandbox);
        return noContent();
      },
    },
  };
}
