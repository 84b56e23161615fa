import type { Random } from '../util/random.js';

/** One sub-type of a family (`message.delivered`), as `GET /v3/webhooks/event-types` lists it. */
export interface EventSubType {
  /** The part after the family's name: `delivered`; filters list these. */
  suffix: string;
  display_name: string;
  description: string;
}

/**
 * A family of events a resource module produces (`ResourceModule.events`, docs/decisions/0026):
 * what webhooks subscribe to (`event_types`), with its sub-types (what `event_filters` narrow it
 * by) and how to make a sample of each event (test events, `POST /_sim/events`). A family
 * without sub-types has one event, named after the family (`templates`).
 */
export interface EventFamily {
  name: string;
  display_name: string;
  description: string;
  /** In lifecycle order; empty for a family whose one event is the family itself. */
  sub_types: readonly EventSubType[];
  /** A payload of the shape Sent documents for the event `name`, with fresh ids and `at` in its stamps. */
  samplePayload(name: string, accountId: string, at: number, random: Random): Record<string, unknown>;
  /** The key that keeps one thing's events in order (a message's id), from a payload; null: none. */
  orderKey(payload: Record<string, unknown>): string | null;
}

/**
 * Every family the modules declare, and the questions the webhooks module asks of them: which
 * names are events, which family a name belongs to, which suffixes a filter may list. Built once
 * from the registry's declarations (registry.ts `allEventFamilies`).
 */
export class EventCatalog {
  private readonly byName = new Map<string, EventFamily>();
  /** Every event name → its family. */
  private readonly events = new Map<string, EventFamily>();

  constructor(readonly families: readonly EventFamily[]) {
    for (const family of families) {
      if (this.byName.has(family.name)) throw new Error(`event family ${family.name} is declared twice`);
      this.byName.set(family.name, family);
      const names = family.sub_types.length === 0 ? [family.name] : family.sub_types.map((s) => `${family.name}.${s.suffix}`);
      for (const name of names) this.events.set(name, family);
    }
  }

  /** The declared family called `name`, if any. */
  family(name: string): EventFamily | undefined {
    return this.byName.get(name);
  }

  /** Every event name, family by family in declaration order: `message.queued` … `templates`. */
  names(): string[] {
    return [...this.events.keys()];
  }

  isEventName(name: unknown): name is string {
    return typeof name === 'string' && this.events.has(name);
  }

  /** The family of an event name (`message.delivered` → `message`); undefined for a name no module declares. */
  familyOf(name: string): EventFamily | undefined {
    return this.events.get(name);
  }

  /**
   * What a webhook's `event_types` may name (docs/decisions/0061): a declared family, or any
   * sub-type `GET /v3/webhooks/event-types` lists under one (`message.delivered`,
   * `contact.opt_out`, `channel.removed`).
   */
  isSubscribable(name: unknown): name is string {
    return typeof name === 'string' && (this.byName.has(name) || this.events.has(name));
  }

  /** The family names, in declaration order (`message`, `templates`, …): what error texts list. */
  familyNames(): string[] {
    return [...this.byName.keys()];
  }
}

/** The part of an event's name after its family's (`message.delivered` → `delivered`); '' for a family's one event. */
export function suffixOf(event: { family: string; name: string }): string {
  return event.name === event.family ? '' : event.name.slice(event.family.length + 1);
}
