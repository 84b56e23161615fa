import type { Result } from '../http/result.js';
import type { InboundRequest, InboundService, NumberOutcomeView } from '../resources/messages/inbound.js';
import type { NumberOutcome } from '../resources/messages/collection.js';
import type { templateView } from '../resources/templates/collection.js';
import type { Verdict, VerdictScope } from '../resources/templates/legs.js';
import type { DeliveryFilter } from './delivery-filter.js';
import type { ControlCall, ControlPlane } from './plane.js';
import type { RequestCount, RequestList } from './request-routes.js';
import type { RequestFilter } from './request-filter.js';
import type { ScenarioSummary } from './scenario-routes.js';
import type { SeedRequest, SeedResult } from './seed.js';
import type { TenantSnapshot } from './snapshot.js';
import type { ClockAdvanced, DeliveryList } from './tenant-routes.js';
import type { tenantView, ViewPage } from './tenant-view.js';

/** How far `clock.advance` moves the clock: seconds, or any of seconds, minutes, hours and days (added together). */
export type Duration = number | { seconds?: number; minutes?: number; hours?: number; days?: number };

/**
 * What `GET /_sim/tenant` answers (and import and reset): everything the simulator holds for the
 * tenant, each collection (`profiles`, `contacts`, `templates`, `messages`, …) one page at a time.
 */
export type TenantView = ReturnType<typeof tenantView> & { readonly [collection: string]: unknown };

/** What `POST /_sim/inbound` answers: the RECEIVED message and its contact. */
export type InboundResult = Awaited<ReturnType<InboundService['receive']>>;

/** A template as the control plane shows it: the wire template and the simulator's own fields. */
export type TemplateView = ReturnType<typeof templateView>;

/** Options of the calls whose work runs under a scenario: the one `x-sim-scenario` would name. */
export interface ScenarioOption {
  scenario?: string;
}

/** `requests(filter)`, and `requests.count(filter)` for "exactly one send happened". */
export interface RequestQueries {
  (filter?: RequestFilter): Promise<RequestList>;
  count(filter?: RequestFilter): Promise<RequestCount>;
}

/**
 * One tenant's control plane, in process (docs/decisions/0080): `sim.tenant(key)`. Each method
 * runs the very route its `/_sim` twin runs — same checks, same answer (the route's JSON body),
 * same refusal, thrown as a `SimError` with the problem document's `status`, `code`, `message`
 * and `details`. The key is resolved on every call as an API call resolves it: an unknown
 * `sk_test_` key makes a fresh tenant; profile keys are refused, and developer and billing keys
 * may only read.
 */
export interface SimTenant {
  /** The key this handle acts with. */
  readonly key: string;
  clock: {
    /** `GET /_sim/clock`'s `now`: the tenant's clock as an ISO date-time. */
    now(): Promise<string>;
    /** `POST /_sim/clock/advance`: moves the clock and runs every job that falls due; resolves once their deliveries are settled. */
    advance(by: Duration): Promise<ClockAdvanced>;
  };
  /** `POST /_sim/inbound`: a message from a contact (a STOP opts the contact out); resolves once its `message.received` deliveries are settled. */
  inbound(message: InboundRequest, options?: ScenarioOption): Promise<InboundResult>;
  templates: {
    /** `POST /_sim/templates/{id}/review`: the reviewer's verdict now (the whatsapp leg unless `scope` says otherwise). */
    review(id: string, outcome: Verdict | Lowercase<Verdict>, options?: { reason?: string; scope?: VerdictScope }): Promise<TemplateView>;
  };
  numbers: {
    /** `PUT /_sim/numbers/{e164}`: what a send to the number does from now on. */
    set(e164: string, outcome: NumberOutcome, options?: { description?: string | null }): Promise<NumberOutcomeView>;
    /** `GET /_sim/numbers/{e164}`. */
    get(e164: string): Promise<NumberOutcomeView>;
    /** `DELETE /_sim/numbers/{e164}`: back to the number's default outcome. */
    clear(e164: string): Promise<void>;
  };
  scenario: {
    /** `PUT /_sim/scenarios/active`: the scenario of every later request of the tenant. */
    set(name: string): Promise<ScenarioSummary>;
    /** `GET /_sim/scenarios/active`. */
    get(): Promise<ScenarioSummary | null>;
    /** `DELETE /_sim/scenarios/active`. */
    clear(): Promise<void>;
  };
  /** `POST /_sim/seed`: the organization's brand, WABA, campaigns and settings, then profiles, contacts, templates and webhooks, in one call. */
  seed(request: SeedRequest, options?: ScenarioOption): Promise<SeedResult>;
  /** `GET /_sim/export`: the tenant's state, without keys or secrets. */
  export(): Promise<TenantSnapshot>;
  /** `POST /_sim/import`: replaces the tenant's state with a snapshot's. */
  import(snapshot: TenantSnapshot): Promise<TenantView>;
  /** `POST /_sim/reset`: back to a fresh tenant (keys and callback secret stay). */
  reset(): Promise<TenantView>;
  /** `GET /_sim/tenant`: one page of everything the tenant holds. */
  view(page?: Partial<ViewPage>): Promise<TenantView>;
  /** `GET /_sim/requests` (and `.count`: `GET /_sim/requests/count`): the request journal, filtered. */
  requests: RequestQueries;
  /** `GET /_sim/deliveries`: every outbound attempt (webhook events, completion callbacks), filtered. */
  deliveries(filter?: DeliveryFilter): Promise<DeliveryList>;
}

/** The tenant handle over the control plane's in-process door. */
export function tenantControls(plane: ControlPlane, key: string): SimTenant {
  const call = <T>(method: Parameters<ControlPlane['call']>[1], path: string, input?: ControlCall): Promise<T> =>
    plane.call(key, method, path, input).then((result: Result) => result.data as T);
  const number = (e164: string) => ({ params: { e164 } });
  const requests = Object.assign((filter: RequestFilter = {}) => call<RequestList>('get', '/requests', { query: { ...filter } }), {
    count: (filter: RequestFilter = {}) => call<RequestCount>('get', '/requests/count', { query: { ...filter } }),
  });
  return {
    key,
    clock: {
      now: () => call<{ now: string }>('get', '/clock').then((clock) => clock.now),
      advance: (by) => call('post', '/clock/advance', { body: typeof by === 'number' ? { seconds: by } : by }),
    },
    inbound: (message, options = {}) => call('post', '/inbound', { body: message, scenario: options.scenario }),
    templates: {
      review: (id, outcome, options = {}) => call('post', '/templates/:id/review', { params: { id }, body: { outcome, ...options } }),
    },
    numbers: {
      set: (e164, outcome, options = {}) => call('put', '/numbers/:e164', { ...number(e164), body: { outcome, ...options } }),
      get: (e164) => call('get', '/numbers/:e164', number(e164)),
      clear: (e164) => call('delete', '/numbers/:e164', number(e164)),
    },
    scenario: {
      set: (name) => call<{ active: ScenarioSummary }>('put', '/scenarios/active', { body: { name } }).then((answer) => answer.active),
      get: () => call<{ active: ScenarioSummary | null }>('get', '/scenarios/active').then((answer) => answer.active),
      clear: () => call('delete', '/scenarios/active').then(() => undefined),
    },
    seed: (request, options = {}) => call('post', '/seed', { body: request, scenario: options.scenario }),
    export: () => call('get', '/export'),
    import: (snapshot) => call('post', '/import', { body: snapshot }),
    reset: () => call('post', '/reset'),
    view: (page = {}) => call('get', '/tenant', { query: { ...page } }),
    requests,
    deliveries: (filter = {}) => call('get', '/deliveries', { query: { ...filter } }),
  };
}
