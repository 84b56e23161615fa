/**
 * A resource module that exists only in tests: it declares one event family with sub-types,
 * `parcel`, and publishes its events from a control route. Added beside the registry's modules
 * (`testApp({ modules: [...RESOURCES, parcelModule] })`), it shows that a family any module
 * declares — as the channels module declares `channel` — is listed, subscribable by family and by
 * sub-type, filtered, routed and testable with no change to the webhooks module
 * (docs/decisions/0026, 0061). Never registered in production.
 */
import type { EventFamily } from '../../src/events/families.js';
import { ok } from '../../src/http/result.js';
import type { ResourceModule } from '../../src/resources/module.js';
import { eventTimestamp } from '../../src/util/time.js';

export const PARCEL_SUFFIXES = ['shipped', 'delivered', 'returned'] as const;

export const PARCEL_FAMILY: EventFamily = {
  name: 'parcel',
  display_name: 'Parcels',
  description: 'A test fixture family',
  sub_types: PARCEL_SUFFIXES.map((suffix) => ({ suffix, display_name: `Parcel ${suffix}`, description: `Triggered when a parcel is ${suffix}` })),
  samplePayload: (name, accountId, at, random) => ({ account_id: accountId, parcel_id: random.uuid(), status: name.slice('parcel.'.length).toUpperCase(), updated_at: eventTimestamp(at) }),
  orderKey: (payload) => (typeof payload.parcel_id === 'string' ? payload.parcel_id : null),
};

/** `POST /_sim/parcels/{id}/{step}`: publishes `parcel.<step>` for the organization, as a module of its own would. */
export const parcelModule: ResourceModule = {
  name: 'parcels',
  events: [PARCEL_FAMILY],
  create: (deps) => ({
    control: [
      {
        method: 'post',
        path: '/parcels/:id/:step',
        handle: async (c) => {
          const at = c.tenant.clock.now();
          const payload = { account_id: c.tenant.id, parcel_id: c.params.id, status: c.params.step!.toUpperCase(), updated_at: eventTimestamp(at) };
          await deps.events.publish(c.tenant, { account_id: c.tenant.id, family: 'parcel', name: `parcel.${c.params.step}`, at, payload, order_key: c.params.id!, scenario: null, request_id: c.requestId });
          return ok({ published: `parcel.${c.params.step}` });
        },
      },
    ],
  }),
};
