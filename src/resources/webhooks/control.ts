import type { ControlRoute } from '../../control/handler.js';
import type { Deps } from '../../deps.js';
import { MESSAGES } from '../../errors/catalog.js';
import { simError, validationError } from '../../errors/sim-error.js';
import type { SentEvent } from '../../events/bus.js';
import { eventEnvelope } from '../../events/envelope.js';
import { ok } from '../../http/result.js';
import { WEBHOOKS } from './collection.js';
import { receives } from './rules.js';

/** `POST /_sim/events`: any event a module declares (events/families.ts). */
const publishSchema = (events: readonly string[]) => ({
  type: 'object',
  required: ['event'],
  additionalProperties: false,
  properties: {
    event: { enum: events },
    account_id: { type: 'string', format: 'uuid' },
    payload: { type: 'object', maxProperties: 64 },
  },
});

/**
 * Simulator-only: `POST /_sim/events {event, account_id?, payload?}` publishes one event as the
 * tenant, as if a message or template had changed — a sample payload of the event's documented
 * shape, with `payload`'s keys laid over it. It is routed, logged and delivered exactly like a
 * real event (scenario faults included: the `x-sim-scenario` header or the tenant's scenario),
 * and answers once each first attempt is made: `{event: <the body sent>, webhooks: [ids]}`.
 */
export function eventControl(deps: Deps): ControlRoute[] {
  const catalog = deps.events.catalog;
  return [
    {
      method: 'post',
      path: '/events',
      body: publishSchema(catalog.names()),
      handle: async ({ tenant, body, scenario: named, requestId }) => {
        const { event: name, account_id: given, payload } = body as { event: string; account_id?: string; payload?: Record<string, unknown> };
        // Issue 25 row 6: each row, attempt and journal entry keeps the payload; 300 events of 640 KB took 450 MB.
        const cap = deps.config.maxEventPayloadBytes;
        if (payload !== undefined && JSON.stringify(payload).length > cap) throw validationError({ payload: [MESSAGES.eventPayloadTooLarge(cap)] });
        const accountId = given?.toLowerCase() ?? tenant.id;
        if (accountId !== tenant.id && deps.tenants.liveProfile(tenant, accountId) === null) throw simError('RESOURCE_014');
        const scenario = deps.scenarios.inForce(named, tenant);
        const at = tenant.clock.now();
        const family = catalog.familyOf(name)!;
        const merged = { ...family.samplePayload(name, accountId, at, deps.random), ...payload, account_id: accountId };
        const event: SentEvent = { account_id: accountId, family: family.name, name, at, payload: merged, order_key: family.orderKey(merged), scenario: scenario?.name ?? null, request_id: requestId };
        const webhooks = [...WEBHOOKS.in(tenant).values()].filter((w) => receives(w, event)).map((w) => w.id);
        await deps.events.publish(tenant, event);
        return ok({ event: JSON.parse(eventEnvelope(event, tenant.settings.webhook_event_key)) as unknown, webhooks });
      },
    },
  ];
}
