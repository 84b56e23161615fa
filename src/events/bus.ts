import type { Tenant } from '../store/types.js';
import type { EventCatalog } from './families.js';

/**
 * One event a resource produced, before it is routed to webhooks: the account it belongs to
 * (the organization's id or a profile's), its family and full name (`message.delivered`; the
 * templates family has no sub-name, so its name is `templates`), when it happened on the
 * tenant's clock, and the payload as Sent documents it.
 */
export interface SentEvent {
  account_id: string;
  /** A family a module declares (`message`, `templates`, …; events/families.ts). */
  family: string;
  /** `<family>.<suffix>` (`message.delivered`), or the family's name for a family without sub-types (`templates`). */
  name: string;
  /** When the change happened (epoch ms, tenant clock); the body's `timestamp` is derived from it. */
  at: number;
  payload: Record<string, unknown>;
  /** Events with the same order key are delivered in the order they were published (one message's lifecycle). */
  order_key: string | null;
  /** The scenario in force where the event was produced (delivery faults: dropped, duplicated, delayed, reordered). */
  scenario: string | null;
  /**
   * The envelope's `request_id` (docs/decisions/0060): the `meta.request_id` of the API or
   * `/_sim` call that started the chain (the send, the inbound, the template submission),
   * carried through jobs in the records they read; null or absent when none did (the review
   * clock deciding on its own).
   */
  request_id?: string | null;
}

/** Where events go: the webhooks module subscribes one (resources/webhooks). */
export type EventSink = (tenant: Tenant, event: SentEvent) => Promise<unknown> | void;

/** How many receivers an event of `family` from `accountId` would have (issue 25 row 1: a send multiplies its messages by it). */
export type ReceiverCount = (tenant: Tenant, accountId: string, family: string) => number;

/**
 * Resources publish events here and do not know who listens: decouples messages and templates
 * from webhooks. `publish` returns the delivery work it started, so the clock's drain waits for
 * it (`clock/advance` answers after every event is delivered). Only events of a family some
 * module declares may be published (docs/decisions/0026): anything else is a programming error.
 */
export class EventBus {
  private readonly sinks: EventSink[] = [];
  private readonly counts: ReceiverCount[] = [];

  constructor(readonly catalog: EventCatalog) {}

  subscribe(sink: EventSink, receivers?: ReceiverCount): void {
    this.sinks.push(sink);
    if (receivers) this.counts.push(receivers);
  }

  /** How many deliveries one event of `family` from `accountId` would make now, all subscribers together. */
  receivers(tenant: Tenant, accountId: string, family: string): number {
    return this.counts.reduce((sum, count) => sum + count(tenant, accountId, family), 0);
  }

  publish(tenant: Tenant, event: SentEvent): Promise<unknown> | undefined {
    if (this.catalog.familyOf(event.name)?.name !== event.family) {
      throw new Error(`event ${event.name} (family ${event.family}) is not declared by any module (ResourceModule.events)`);
    }
    const pending: Promise<unknown>[] = [];
    for (const sink of this.sinks) {
      const result = sink(tenant, event);
      if (result) pending.push(result);
    }
    return pending.length === 0 ? undefined : pending.length === 1 ? pending[0] : Promise.all(pending);
  }
}
