import { defineJobKind } from '../../clock/scheduler.js';
import type { ResourceModule } from '../module.js';
import { EVENT_PAYLOAD_BYTES, WEBHOOK_ACCOUNT_CAP, WEBHOOK_CAP, WEBHOOK_EVENT_BYTES, WEBHOOK_EVENT_ROWS, WEBHOOK_EVENTS, WEBHOOK_TESTS, WEBHOOKS } from './collection.js';
import { eventControl } from './control.js';
import { RELEASE_JOB, WebhookDelivery, type ReleaseJob } from './delivery.js';
import type { EventKey } from '../../events/envelope.js';
import { webhookOperations } from './routes.js';
import { EVENTS_BLOCK } from './scenario.js';
import { WebhookService } from './service.js';

declare module '../../limits.js' {
  interface ResourceLimits {
    /** `--max-webhooks`: webhooks per tenant (all its accounts) before creates answer `400 BUSINESS_008`. */
    maxWebhooksPerTenant: number;
    /** `--max-webhook-events`: webhook delivery-log rows a tenant keeps (all its webhooks); the oldest go first. */
    maxWebhookEventRows: number;
    /** `--max-webhook-tests`: webhook tests of one tenant waiting on their receivers at once; past it `429 BUSINESS_002` (docs/decisions/0045). */
    maxWebhookTestsPerTenant: number;
    /** `--max-webhooks-per-account`: webhooks of one account (the organization, or one profile) before creates answer `400 BUSINESS_008` (docs/decisions/0086). */
    maxWebhooksPerAccount: number;
    /** `--max-webhook-event-bytes`: bytes of delivery-log rows a tenant keeps; the oldest go first (docs/decisions/0088). */
    maxWebhookEventBytes: number;
    /** `--max-event-payload`: bytes of the payload `POST /_sim/events` may lay over an event (docs/decisions/0088). */
    maxEventPayloadBytes: number;
  }
}

declare module '../../store/types.js' {
  interface TenantSettings {
    /** Where an event body puts the event's name: `event` (default), `sub_type` (Sent's older key) or both (docs/decisions/0016). */
    webhook_event_key: EventKey;
  }
}

/**
 * Webhooks and the events Sent posts to them (docs/decisions/0015, 0016): the ten operations,
 * the delivery log, routing of every event the resources publish, signed delivery through the
 * delivery core, and `POST /_sim/events` to publish one by hand.
 */
export const webhooksModule: ResourceModule = {
  name: 'webhooks',
  collections: [WEBHOOKS, WEBHOOK_EVENTS],
  limits: [WEBHOOK_CAP, WEBHOOK_EVENT_ROWS, WEBHOOK_TESTS, WEBHOOK_ACCOUNT_CAP, WEBHOOK_EVENT_BYTES, EVENT_PAYLOAD_BYTES],
  scenarioBlocks: [EVENTS_BLOCK],
  // A reordering scenario's release: the order key of the message whose held events go out (docs/decisions/0090).
  jobKinds: [defineJobKind({ kind: RELEASE_JOB, payload: { type: 'object', required: ['order_key'], properties: { order_key: { type: 'string', maxLength: 1024 } } } })],
  settings: {
    webhook_event_key: { default: 'event', schema: { enum: ['event', 'sub_type', 'both'] } },
  },
  create: (deps) => {
    const delivery = new WebhookDelivery({
      random: deps.random,
      delivery: deps.delivery,
      scheduler: deps.scheduler,
      scenarios: deps.scenarios,
      maxRows: deps.config.maxWebhookEventRows,
      maxRowBytes: deps.config.maxWebhookEventBytes,
      logger: deps.logger,
      hideErrors: deps.config.sharedInstance,
    });
    deps.events.subscribe((tenant, event) => delivery.route(tenant, event), (tenant, accountId, family) => delivery.receivers(tenant, accountId, family));
    return {
      operations: webhookOperations(
        new WebhookService({
          random: deps.random,
          delivery,
          maxWebhooks: deps.config.maxWebhooksPerTenant,
          maxPerAccount: deps.config.maxWebhooksPerAccount,
          maxTests: deps.config.maxWebhookTestsPerTenant,
          hideErrors: deps.config.sharedInstance,
          refuseTarget: (url) => deps.delivery.refuseTarget(url),
          catalog: deps.events.catalog,
        }),
      ),
      jobs: { [RELEASE_JOB]: (tenant, job) => delivery.release(tenant, job.payload as ReleaseJob, job.due_at) },
      deliverySources: delivery.sources(),
      control: eventControl(deps),
    };
  },
};
