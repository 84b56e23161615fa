import type { components } from '../../generated/sent-v3.js';
import type { OpContext, OperationDef } from '../../http/operation.js';
import { pageOf } from '../../http/pagination.js';
import { created, noContent, ok } from '../../http/result.js';
import { accountOf } from '../account.js';
import { webhookFieldProblems } from './rules.js';
import { isActiveQuery, type WebhookService } from './service.js';

type Schemas = components['schemas'];

/** A query value as one string (a repeated parameter keeps its first value). */
function text(value: unknown): string | null {
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  return typeof first === 'string' && first !== '' ? first : null;
}

const id = (c: OpContext) => c.params.id!;

/**
 * Webhook operations: parse → call the service → return. Access (docs/decisions/0015): owner and
 * admin keys change webhooks (organization or profile keys: `manage`); every role reads.
 */
export function webhookOperations(service: WebhookService): Record<string, OperationDef> {
  return {
    createWebhook: {
      access: 'manage',
      check: (c) => webhookFieldProblems(c.body, (url) => service.targetRefusal(url)),
      handle: (c) => created(service.createWebhook(c.tenant, accountOf(c), c.body as Schemas['CreateWebhookRequest'], c.sandbox)),
    },
    listWebhooks: {
      access: 'read',
      handle: (c) => ok(service.listWebhooks(c.tenant, accountOf(c), { page: pageOf(c.query), isActive: isActiveQuery(c.query.is_active), search: text(c.query.search) })),
    },
    listWebhookEventTypes: {
      access: 'read',
      handle: () => ok(service.listWebhookEventTypes()),
    },
    retrieveWebhook: {
      access: 'read',
      handle: (c) => ok(service.retrieveWebhook(c.tenant, accountOf(c), id(c))),
    },
    updateWebhook: {
      access: 'manage',
      check: (c) => webhookFieldProblems(c.body, (url) => service.targetRefusal(url)),
      handle: (c) => ok(service.updateWebhook(c.tenant, accountOf(c), id(c), c.body as Schemas['UpdateWebhookRequest'], c.sandbox)),
    },
    deleteWebhook: {
      access: 'manage',
      // Sent ignores `sandbox` here and deletes (rest §9.1): no `X-Sandbox` on the answer, none in the journal.
      ignoresSandbox: true,
      handle: (c) => {
        service.deleteWebhook(c.tenant, accountOf(c), id(c));
        return noContent();
      },
    },
    listWebhookEvents: {
      access: 'read',
      handle: (c) => ok(service.listWebhookEvents(c.tenant, accountOf(c), id(c), pageOf(c.query), text(c.query.search))),
    },
    rotateWebhookSecret: {
      access: 'manage',
      rateTier: 'sensitive',
      handle: (c) => ok(service.rotateWebhookSecret(c.tenant, accountOf(c), id(c), c.sandbox)),
    },
    testWebhook: {
      access: 'manage',
      handle: async (c) => ok(await service.testWebhook(c.tenant, accountOf(c), id(c), (c.body as Schemas['TestWebhookRequest']).event_type, c.sandbox, c.requestId)),
    },
    toggleWebhookStatus: {
      access: 'manage',
      handle: (c) => ok(service.toggleWebhookStatus(c.tenant, accountOf(c), id(c), (c.body as Schemas['ToggleWebhookRequest']).is_active, c.sandbox)),
    },
  };
}
